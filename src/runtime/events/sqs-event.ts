/** `SQSEvent` / `SQSRecord`: what `app.onSqsMessage` handlers receive (a batch of messages). */
import type { LambdaContext } from '../lambda-context.js';
import { processBatch, type BatchResponse, type ProcessRecordsOptions } from './batch-failures.js';
import { BaseLambdaEvent, isJsonObject, recordsOf } from './base-event.js';

export interface SQSMessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
  readonly stringListValues?: readonly string[];
  readonly binaryListValues?: readonly string[];
}

/** One message of an SQS batch as Lambda delivers it. */
export interface SQSRecordPayload {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** `ApproximateReceiveCount`, `SentTimestamp`, `SenderId`, `MessageGroupId` (FIFO)… all strings. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SQSMessageAttribute>>;
  readonly md5OfBody: string;
  readonly eventSource: string;
  readonly eventSourceARN: string;
  readonly awsRegion: string;
  readonly [extra: string]: unknown;
}

export interface SQSEventPayload {
  readonly Records: readonly SQSRecordPayload[];
}

const EXPECTED = 'an SQS batch ({"Records":[{"messageId","receiptHandle","body",…}]})';

export class SQSEvent extends BaseLambdaEvent<SQSEventPayload> implements Iterable<SQSRecord> {
  readonly #records: readonly SQSRecordPayload[];

  constructor(raw: SQSEventPayload, context: LambdaContext | null = null) {
    super(raw, context);
    this.#records = recordsOf(raw, 'SQSEvent', EXPECTED) as unknown as SQSRecordPayload[];
  }

  /** Each message of the batch. */
  *[Symbol.iterator](): Iterator<SQSRecord> {
    for (const record of this.#records) yield new SQSRecord(record, this.context);
  }

  /** The identifiers Lambda expects in `batchItemFailures` (messageId), in batch order. */
  itemIdentifiers(): string[] {
    return [...this].map((record) => record.messageId);
  }

  /**
   * Runs `fn` for each message in order and returns the `batchItemFailures` of those that threw
   * (see batch-failures.ts for the order rules); return it from a handler registered with
   * `reportBatchItemFailures: true`.
   */
  processRecords(fn: (record: SQSRecord) => unknown, options: ProcessRecordsOptions<SQSRecord> = {}): Promise<BatchResponse> {
    const records = [...this].map((record) => ({ record, itemIdentifier: record.messageId }));
    return processBatch(records, this.#records.some((r) => String(r.eventSourceARN ?? '').endsWith('.fifo')) ? 'stop-and-fail-rest' : 'independent', fn, options.onError);
  }
}

export class SQSRecord extends BaseLambdaEvent<SQSRecordPayload> {
  readonly body: string;
  /** Needed to delete the message yourself (e.g. to handle partial batch failures). */
  readonly receiptHandle: string;
  readonly messageId: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SQSMessageAttribute>>;
  /** The queue's ARN. */
  readonly eventSourceArn: string;

  constructor(raw: SQSRecordPayload, context: LambdaContext | null = null) {
    super(raw, context);
    this.body = String(raw.body ?? '');
    this.receiptHandle = String(raw.receiptHandle ?? '');
    this.messageId = String(raw.messageId ?? '');
    this.attributes = isJsonObject(raw.attributes) ? raw.attributes : {};
    this.messageAttributes = isJsonObject(raw.messageAttributes) ? raw.messageAttributes : {};
    this.eventSourceArn = String(raw.eventSourceARN ?? '');
  }
}
