/** `KinesisEvent` / `KinesisRecord`: what `app.onKinesisRecord` handlers receive (a batch of records). */
import type { LambdaContext } from '../lambda-context.js';
import { processBatch, type BatchResponse, type ProcessRecordsOptions } from './batch-failures.js';
import { BaseLambdaEvent, epochSecondsToDate, expectObject, recordsOf } from './base-event.js';

/** One record of a Kinesis data stream batch as Lambda delivers it. */
export interface KinesisRecordPayload {
  readonly kinesis: {
    readonly kinesisSchemaVersion: string;
    readonly partitionKey: string;
    readonly sequenceNumber: string;
    /** The payload, base64-encoded. */
    readonly data: string;
    /** Epoch seconds with a fraction, e.g. `1545084650.987`. */
    readonly approximateArrivalTimestamp: number;
    readonly [extra: string]: unknown;
  };
  readonly eventSource: string;
  readonly eventVersion: string;
  readonly eventID: string;
  readonly eventName: string;
  readonly invokeIdentityArn: string;
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly [extra: string]: unknown;
}

export interface KinesisEventPayload {
  readonly Records: readonly KinesisRecordPayload[];
}

const EXPECTED = 'a Kinesis batch ({"Records":[{"kinesis":{"data","sequenceNumber","partitionKey",…}}]})';

export class KinesisEvent extends BaseLambdaEvent<KinesisEventPayload> implements Iterable<KinesisRecord> {
  readonly #records: readonly KinesisRecordPayload[];

  constructor(raw: KinesisEventPayload, context: LambdaContext | null = null) {
    super(raw, context);
    const records = recordsOf(raw, 'KinesisEvent', EXPECTED);
    records.forEach((record, i) => expectObject(record.kinesis, 'KinesisEvent', `Records[${i}].kinesis`, EXPECTED));
    this.#records = records as unknown as KinesisRecordPayload[];
  }

  /** Each record of the batch. */
  *[Symbol.iterator](): Iterator<KinesisRecord> {
    for (const record of this.#records) yield new KinesisRecord(record, this.context);
  }

  /** The identifiers Lambda expects in `batchItemFailures` (sequenceNumber), in batch order. */
  itemIdentifiers(): string[] {
    return [...this].map((record) => record.sequenceNumber);
  }

  /**
   * Runs `fn` for each record in order and returns the `batchItemFailures` of those that threw
   * (see batch-failures.ts for the order rules); return it from a handler registered with
   * `reportBatchItemFailures: true`.
   */
  processRecords(fn: (record: KinesisRecord) => unknown, options: ProcessRecordsOptions<KinesisRecord> = {}): Promise<BatchResponse> {
    const records = [...this].map((record) => ({ record, itemIdentifier: record.sequenceNumber }));
    return processBatch(records, 'stop-at-first', fn, options.onError);
  }
}

export class KinesisRecord extends BaseLambdaEvent<KinesisRecordPayload> {
  /** The payload, base64-decoded. */
  readonly data: Buffer;
  /** Unique within the shard. */
  readonly sequenceNumber: string;
  /** Picks the shard the record went to. */
  readonly partitionKey: string;
  readonly schemaVersion: string;
  /** When the record was (approximately) added to the stream. */
  readonly timestamp: Date;

  constructor(raw: KinesisRecordPayload, context: LambdaContext | null = null) {
    super(raw, context);
    const kinesis = expectObject(raw.kinesis, 'KinesisRecord', 'kinesis', EXPECTED);
    this.data = Buffer.from(String(kinesis.data ?? ''), 'base64');
    this.sequenceNumber = String(kinesis.sequenceNumber ?? '');
    this.partitionKey = String(kinesis.partitionKey ?? '');
    this.schemaVersion = String(kinesis.kinesisSchemaVersion ?? '');
    this.timestamp = epochSecondsToDate(kinesis.approximateArrivalTimestamp) ?? new Date(0);
  }
}
