/** Event wrappers handed to event-source handlers. (Being expanded: one file per kind.) */
import type { LambdaContext } from '../lambda-context.js';

abstract class BaseEvent<Raw = Record<string, unknown>> {
  constructor(
    protected readonly raw: Raw,
    readonly context: LambdaContext | null,
  ) {}
  toJSON(): Raw {
    return this.raw;
  }
}

export class CloudWatchEvent extends BaseEvent {}
export class S3Event extends BaseEvent {}
export class SNSEvent extends BaseEvent {}
export class SQSEvent extends BaseEvent {}
export class KinesisEvent extends BaseEvent {}
export class DynamoDBEvent extends BaseEvent {}
export class WebsocketEvent extends BaseEvent {}
export class LambdaFunctionEvent extends BaseEvent<unknown> {}
