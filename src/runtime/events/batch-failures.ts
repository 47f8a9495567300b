/**
 * Partial batch failures for SQS, Kinesis and DynamoDB stream handlers.
 *
 * With `ReportBatchItemFailures` on the event source mapping (the handler's
 * `reportBatchItemFailures: true` option), Lambda reads `{ batchItemFailures: [{ itemIdentifier }] }`
 * from the function's result: SQS returns only the listed messages to the queue; a stream
 * retries from the lowest listed sequence number (the checkpoint). An empty list means the
 * whole batch succeeded; a malformed result (an entry without a string `itemIdentifier`, or one
 * that is not in the batch) makes Lambda treat the whole batch as failed, so the runtime
 * rejects it with a message instead of letting it pass silently.
 *
 * `processRecords` builds the result from the records whose processing threw:
 * - SQS standard queues: every record is processed; each failing one is reported.
 * - SQS FIFO queues: processing stops at the first failure and that message and every later
 *   one are reported, since FIFO order must hold when they are redelivered.
 * - Kinesis and DynamoDB streams: processing stops at the first failure, which is reported;
 *   Lambda retries from it, so later records would be processed twice otherwise.
 */

export interface BatchItemFailure {
  /** SQS `messageId`; Kinesis or DynamoDB stream record sequence number. */
  readonly itemIdentifier: string;
}

/** What a handler with `reportBatchItemFailures: true` returns to Lambda. */
export interface BatchResponse {
  readonly batchItemFailures: readonly BatchItemFailure[];
}

export type BatchOrder = 'independent' | 'stop-and-fail-rest' | 'stop-at-first';

/** A record that processing can identify to Lambda. */
export interface IdentifiedRecord<R> {
  readonly record: R;
  readonly itemIdentifier: string;
}

/** Runs `fn` for each record (one at a time, in batch order) and reports those that threw. */
export async function processBatch<R>(
  records: readonly IdentifiedRecord<R>[],
  order: BatchOrder,
  fn: (record: R) => unknown,
  onError?: (record: R, error: unknown) => void,
): Promise<BatchResponse> {
  const failures: BatchItemFailure[] = [];
  for (let i = 0; i < records.length; i++) {
    const { record, itemIdentifier } = records[i];
    try {
      await fn(record);
    } catch (error) {
      // A failed record is retried, not lost, but its error would otherwise be seen nowhere.
      if (onError) onError(record, error);
      else console.error(`Batch item ${itemIdentifier} failed; it is reported in batchItemFailures:`, error);
      failures.push({ itemIdentifier });
      if (order === 'stop-at-first') break;
      if (order === 'stop-and-fail-rest') {
        for (const rest of records.slice(i + 1)) failures.push({ itemIdentifier: rest.itemIdentifier });
        break;
      }
    }
  }
  return { batchItemFailures: failures };
}

export function isBatchResponse(value: unknown): value is { batchItemFailures: unknown } {
  return typeof value === 'object' && value !== null && 'batchItemFailures' in value;
}

/**
 * The result Lambda gets from a handler with `reportBatchItemFailures: true`: the handler's
 * `{ batchItemFailures }` (checked against the batch), or an empty list for any other result.
 * @throws TypeError for a malformed `batchItemFailures`, naming what is wrong.
 */
export function toBatchResponse(result: unknown, batchIdentifiers: readonly string[], what: string): BatchResponse {
  if (!isBatchResponse(result)) return { batchItemFailures: [] };
  const failures = result.batchItemFailures;
  if (!Array.isArray(failures)) {
    throw new TypeError(`${what}: batchItemFailures must be an array of { itemIdentifier }, got ${typeof failures}`);
  }
  const known = new Set(batchIdentifiers);
  return {
    batchItemFailures: failures.map((failure: unknown, i) => {
      const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
      if (typeof id !== 'string' || id === '') {
        throw new TypeError(`${what}: batchItemFailures[${i}] needs an itemIdentifier string (the message id or sequence number); Lambda would fail the whole batch`);
      }
      if (!known.has(id)) {
        throw new TypeError(`${what}: batchItemFailures[${i}].itemIdentifier ${JSON.stringify(id)} is not in the batch; Lambda would fail the whole batch`);
      }
      return { itemIdentifier: id };
    }),
  };
}

export interface ProcessRecordsOptions<R> {
  /** Called with each record whose processing threw. @default logs the identifier and the error with `console.error` */
  readonly onError?: (record: R, error: unknown) => void;
}
