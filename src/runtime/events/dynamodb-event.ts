/** `DynamoDBEvent` / `DynamoDBRecord`: what `app.onDynamodbRecord` handlers receive (a batch of stream records). */
import type { LambdaContext } from '../lambda-context.js';
import { processBatch, type BatchResponse, type ProcessRecordsOptions } from './batch-failures.js';
import { BaseLambdaEvent, epochSecondsToDate, expectObject, isJsonObject, optionalString, recordsOf } from './base-event.js';

/** A DynamoDB attribute value in its typed wire form, e.g. `{ S: 'x' }` or `{ N: '42' }`. */
export interface DynamoDBAttributeValue {
  readonly S?: string;
  readonly N?: string;
  /** Base64. */
  readonly B?: string;
  readonly SS?: readonly string[];
  readonly NS?: readonly string[];
  readonly BS?: readonly string[];
  readonly M?: Readonly<Record<string, DynamoDBAttributeValue>>;
  readonly L?: readonly DynamoDBAttributeValue[];
  readonly NULL?: boolean;
  readonly BOOL?: boolean;
}

export type DynamoDBItem = Readonly<Record<string, DynamoDBAttributeValue>>;
export type DynamoDBStreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** One record of a DynamoDB stream batch as Lambda delivers it. */
export interface DynamoDBRecordPayload {
  readonly eventID: string;
  /** `INSERT`, `MODIFY` or `REMOVE`. */
  readonly eventName: string;
  readonly eventVersion: string;
  readonly eventSource: string;
  readonly awsRegion: string;
  readonly dynamodb: {
    /** Epoch seconds. */
    readonly ApproximateCreationDateTime?: number;
    readonly Keys?: DynamoDBItem;
    readonly NewImage?: DynamoDBItem;
    readonly OldImage?: DynamoDBItem;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    /** A `DynamoDBStreamViewType`. */
    readonly StreamViewType: string;
  };
  /** `arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>` */
  readonly eventSourceARN: string;
  readonly userIdentity?: { readonly type: string; readonly principalId: string };
  readonly [extra: string]: unknown;
}

export interface DynamoDBEventPayload {
  readonly Records: readonly DynamoDBRecordPayload[];
}

const EXPECTED = 'a DynamoDB stream batch ({"Records":[{"eventName","eventSourceARN","dynamodb":{"Keys","SequenceNumber",…}}]})';

export class DynamoDBEvent extends BaseLambdaEvent<DynamoDBEventPayload> implements Iterable<DynamoDBRecord> {
  readonly #records: readonly DynamoDBRecordPayload[];

  constructor(raw: DynamoDBEventPayload, context: LambdaContext | null = null) {
    super(raw, context);
    const records = recordsOf(raw, 'DynamoDBEvent', EXPECTED);
    records.forEach((record, i) => expectObject(record.dynamodb, 'DynamoDBEvent', `Records[${i}].dynamodb`, EXPECTED));
    this.#records = records as unknown as DynamoDBRecordPayload[];
  }

  /** Each stream record of the batch. */
  *[Symbol.iterator](): Iterator<DynamoDBRecord> {
    for (const record of this.#records) yield new DynamoDBRecord(record, this.context);
  }

  /** The identifiers Lambda expects in `batchItemFailures` (sequenceNumber), in batch order. */
  itemIdentifiers(): string[] {
    return [...this].map((record) => record.sequenceNumber);
  }

  /**
   * Runs `fn` for each stream record in order and returns the `batchItemFailures` of those that threw
   * (see batch-failures.ts for the order rules); return it from a handler registered with
   * `reportBatchItemFailures: true`.
   */
  processRecords(fn: (record: DynamoDBRecord) => unknown, options: ProcessRecordsOptions<DynamoDBRecord> = {}): Promise<BatchResponse> {
    const records = [...this].map((record) => ({ record, itemIdentifier: record.sequenceNumber }));
    return processBatch(records, 'stop-at-first', fn, options.onError);
  }
}

export class DynamoDBRecord extends BaseLambdaEvent<DynamoDBRecordPayload> {
  /** When the stream record was created (second precision); undefined if the record has no time. */
  readonly timestamp: Date | undefined;
  /** The primary key attribute(s) of the modified item. */
  readonly keys: DynamoDBItem | undefined;
  /** The item after the change (per the stream view type). */
  readonly newImage: DynamoDBItem | undefined;
  /** The item before the change (per the stream view type). */
  readonly oldImage: DynamoDBItem | undefined;
  readonly sequenceNumber: string;
  readonly sizeBytes: number;
  readonly streamViewType: DynamoDBStreamViewType;
  readonly awsRegion: string;
  readonly eventId: string;
  /** `INSERT`, `MODIFY` or `REMOVE`. */
  readonly eventName: string;
  readonly eventSourceArn: string;
  /** The table name taken from the stream ARN; `''` if the ARN has another form. */
  readonly tableName: string;

  constructor(raw: DynamoDBRecordPayload, context: LambdaContext | null = null) {
    super(raw, context);
    const dynamodb = expectObject(raw.dynamodb, 'DynamoDBRecord', 'dynamodb', EXPECTED);
    this.timestamp = epochSecondsToDate(dynamodb.ApproximateCreationDateTime);
    this.keys = isJsonObject(dynamodb.Keys) ? (dynamodb.Keys as DynamoDBItem) : undefined;
    this.newImage = isJsonObject(dynamodb.NewImage) ? (dynamodb.NewImage as DynamoDBItem) : undefined;
    this.oldImage = isJsonObject(dynamodb.OldImage) ? (dynamodb.OldImage as DynamoDBItem) : undefined;
    this.sequenceNumber = String(dynamodb.SequenceNumber ?? '');
    this.sizeBytes = Number(dynamodb.SizeBytes ?? 0);
    this.streamViewType = String(dynamodb.StreamViewType ?? '') as DynamoDBStreamViewType;
    this.awsRegion = String(raw.awsRegion ?? '');
    this.eventId = String(raw.eventID ?? '');
    this.eventName = String(raw.eventName ?? '');
    this.eventSourceArn = String(raw.eventSourceARN ?? '');
    this.tableName = streamArnToTableName(optionalString(raw.eventSourceARN) ?? '');
  }
}

/** `arn:aws:dynamodb:us-west-2:123:table/MyTable/stream/2020-09-09T18:25:38.106` → `MyTable`. */
export function streamArnToTableName(arn: string): string {
  const parts = arn.split(':');
  if (parts.length < 6) return '';
  const resource = parts.slice(5).join(':').split('/');
  return resource[0] === 'table' && resource.length >= 2 ? resource[1] : '';
}
