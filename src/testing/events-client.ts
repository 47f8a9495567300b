/**
 * `client.events`: sample Lambda events in AWS's shapes, to pass to `client.lambda.invoke`.
 * Thin methods over event-factories.ts with the client's region, account and stage.
 */
import type {
  CloudWatchEventPayload,
  DynamoDBEventPayload,
  KinesisEventPayload,
  S3EventPayload,
  SNSEventPayload,
  SQSEventPayload,
  WebsocketEventPayload,
  WebsocketEventType,
} from '../runtime/index.js';
import {
  createCwEvent,
  createDynamodbEvent,
  createKinesisEvent,
  createS3Event,
  createSnsEvent,
  createSqsEvent,
  createWsEvent,
  type DynamodbChange,
  type DynamodbEventOptions,
  type EventOrigin,
  type KinesisEventOptions,
  type S3EventOptions,
  type SnsEventOptions,
  type SqsEventOptions,
  type WsEventOptions,
} from './event-factories.js';

export class TestEventsClient {
  readonly #origin: EventOrigin;
  readonly #stage: string;

  /** @internal Created by `Client`. */
  constructor(origin: EventOrigin, stage: string) {
    this.#origin = origin;
    this.#stage = stage;
  }

  /** An SNS notification (`subject` unset: published without one). */
  generateSnsEvent(message: string, subject?: string, options: SnsEventOptions = {}): SNSEventPayload {
    return createSnsEvent(message, subject, { ...this.#origin, ...options });
  }

  /** An S3 event notification for `bucket`/`key` (`eventName` like `ObjectCreated:Put`). */
  generateS3Event(bucket: string, key: string, eventName = 'ObjectCreated:Put', options: S3EventOptions = {}): S3EventPayload {
    return createS3Event(bucket, key, eventName, { ...this.#origin, ...options });
  }

  /** A batch of SQS messages from `queueName` (a name or an ARN). */
  generateSqsEvent(messages: readonly string[], queueName = 'queue-name', options: SqsEventOptions = {}): SQSEventPayload {
    return createSqsEvent(messages, queueName, { ...this.#origin, ...options });
  }

  /** An EventBridge / CloudWatch event. */
  generateCwEvent<Detail = Record<string, unknown>>(
    source: string,
    detailType: string,
    detail: Detail,
    resources: readonly string[] = [],
  ): CloudWatchEventPayload<Detail> {
    return createCwEvent(source, detailType, detail, resources, this.#origin);
  }

  /** A batch of Kinesis records (strings are sent as UTF-8). */
  generateKinesisEvent(messages: ReadonlyArray<Buffer | string>, options: KinesisEventOptions = {}): KinesisEventPayload {
    return createKinesisEvent(messages, { ...this.#origin, ...options });
  }

  /** A batch of DynamoDB stream records. */
  generateDynamodbEvent(changes: readonly DynamodbChange[], options: DynamodbEventOptions = {}): DynamoDBEventPayload {
    return createDynamodbEvent(changes, { ...this.#origin, ...options });
  }

  /** A websocket event: CONNECT, MESSAGE (with `body`) or DISCONNECT. */
  generateWsEvent(eventType: WebsocketEventType, body?: string, options: WsEventOptions = {}): WebsocketEventPayload {
    return createWsEvent(eventType, body, { ...this.#origin, stage: this.#stage, ...options });
  }
}
