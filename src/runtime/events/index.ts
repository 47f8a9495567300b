/** Event wrappers handed to event-source, pure-Lambda middleware and websocket handlers: one file per kind. */
export { BaseLambdaEvent } from './base-event.js';
export { CloudWatchEvent, type CloudWatchEventPayload } from './cloudwatch-event.js';
export { S3Event, type S3EventPayload, type S3EventRecordPayload } from './s3-event.js';
export { SNSEvent, type SNSEventPayload, type SNSEventRecordPayload, type SNSMessageAttribute } from './sns-event.js';
export { SQSEvent, SQSRecord, type SQSEventPayload, type SQSRecordPayload, type SQSMessageAttribute } from './sqs-event.js';
export { KinesisEvent, KinesisRecord, type KinesisEventPayload, type KinesisRecordPayload } from './kinesis-event.js';
export {
  DynamoDBEvent,
  DynamoDBRecord,
  type DynamoDBEventPayload,
  type DynamoDBRecordPayload,
  type DynamoDBAttributeValue,
  type DynamoDBItem,
  type DynamoDBStreamViewType,
} from './dynamodb-event.js';
export { LambdaFunctionEvent } from './lambda-function-event.js';
export { WebsocketEvent, type WebsocketEventPayload, type WebsocketEventType } from './websocket-event.js';
export { type BatchItemFailure, type BatchResponse, type ProcessRecordsOptions } from './batch-failures.js';
