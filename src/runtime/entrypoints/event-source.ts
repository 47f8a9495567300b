/**
 * Entry point of an event-source Lambda (schedule, EventBridge rule, S3, SNS, SQS, Kinesis,
 * DynamoDB stream): raw event → event wrapper → middleware for that event type → handler.
 * The handler's return value goes back to Lambda unchanged and its errors propagate, so
 * Lambda's own retry and failure handling (SQS redelivery, stream retries) applies; batch
 * handlers registered with `reportBatchItemFailures` return a checked `{ batchItemFailures }`.
 */
import type { Chalice } from '../app.js';
import { CloudWatchEvent, type CloudWatchEventPayload } from '../events/cloudwatch-event.js';
import { DynamoDBEvent, type DynamoDBEventPayload } from '../events/dynamodb-event.js';
import { KinesisEvent, type KinesisEventPayload } from '../events/kinesis-event.js';
import { S3Event, type S3EventPayload } from '../events/s3-event.js';
import { SNSEvent, type SNSEventPayload } from '../events/sns-event.js';
import { SQSEvent, type SQSEventPayload } from '../events/sqs-event.js';
import { isBatchResponse, toBatchResponse } from '../events/batch-failures.js';
import type { LambdaContext } from '../lambda-context.js';
import type { MiddlewareEventType } from '../middleware.js';
import type { EventSourceEntry, EventSourceKind } from '../resources.js';
import { createMiddlewareChain, runInLambdaScope } from './middleware-chain.js';

export type EventSourceHandler = (event: unknown, context?: LambdaContext | null) => Promise<unknown>;

/** The middleware event type that applies to each event-source kind. */
export const EVENT_SOURCE_MIDDLEWARE_TYPES: Readonly<Record<EventSourceKind, Exclude<MiddlewareEventType, 'all'>>> = {
  schedule: 'scheduled',
  'cloudwatch-event': 'cloudwatch',
  s3: 's3',
  sns: 'sns',
  sqs: 'sqs',
  kinesis: 'kinesis',
  dynamodb: 'dynamodb',
};

export function createEventSourceHandler(app: Chalice, entry: EventSourceEntry): EventSourceHandler {
  // Each case narrows `entry`, so the wrapper always matches the handler's parameter type.
  switch (entry.kind) {
    case 'schedule':
    case 'cloudwatch-event':
      return bind(app, entry.kind, entry.handler, (raw, ctx) => new CloudWatchEvent(raw as CloudWatchEventPayload, ctx));
    case 's3':
      return bind(app, entry.kind, entry.handler, (raw, ctx) => new S3Event(raw as S3EventPayload, ctx));
    case 'sns':
      return bind(app, entry.kind, entry.handler, (raw, ctx) => new SNSEvent(raw as SNSEventPayload, ctx));
    case 'sqs':
      return bindBatch(app, entry, entry.handler, (raw, ctx) => new SQSEvent(raw as SQSEventPayload, ctx));
    case 'kinesis':
      return bindBatch(app, entry, entry.handler, (raw, ctx) => new KinesisEvent(raw as KinesisEventPayload, ctx));
    case 'dynamodb':
      return bindBatch(app, entry, entry.handler, (raw, ctx) => new DynamoDBEvent(raw as DynamoDBEventPayload, ctx));
    default: {
      const never: never = entry;
      throw new TypeError(`unknown event source kind ${JSON.stringify((never as { kind?: unknown }).kind)}`);
    }
  }
}

/**
 * A batch handler's result as Lambda reads it: with `reportBatchItemFailures`, always a checked
 * `{ batchItemFailures }` (empty when the handler returns anything else, as Lambda treats a
 * result without failures as full success); without it, unchanged, with a warning when it
 * carries `batchItemFailures` that Lambda would ignore.
 */
function bindBatch<E extends { itemIdentifiers(): string[] }>(
  app: Chalice,
  entry: Extract<EventSourceEntry, { kind: 'sqs' | 'kinesis' | 'dynamodb' }>,
  handler: (event: E) => unknown,
  wrap: (raw: unknown, context: LambdaContext | null) => E,
): EventSourceHandler {
  const run = createMiddlewareChain(app, EVENT_SOURCE_MIDDLEWARE_TYPES[entry.kind], handler);
  const what = `${entry.kind} handler ${entry.name}`;
  return (event, context) =>
    runInLambdaScope(context, async () => {
      const wrapped = wrap(event, context ?? null);
      const result = await run(wrapped);
      if (entry.reportBatchItemFailures) return toBatchResponse(result, wrapped.itemIdentifiers(), what);
      if (isBatchResponse(result)) {
        app.log.warning(`${what} returned batchItemFailures, but Lambda ignores them unless the handler is registered with { reportBatchItemFailures: true }`);
      }
      return result;
    });
}

function bind<E>(
  app: Chalice,
  kind: EventSourceKind,
  handler: (event: E) => unknown,
  wrap: (raw: unknown, context: LambdaContext | null) => E,
): EventSourceHandler {
  const run = createMiddlewareChain(app, EVENT_SOURCE_MIDDLEWARE_TYPES[kind], handler);
  // async: a malformed event (the wrapper throws) rejects like any other failure.
  return (event, context) => runInLambdaScope(context, async () => run(wrap(event, context ?? null)));
}
