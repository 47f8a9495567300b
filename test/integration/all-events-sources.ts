/**
 * The event sources the all-events fixture app (fixtures/all-events) subscribes to, created in
 * the emulator before it is deployed: an SQS queue, an SNS topic, an S3 bucket that already has
 * a notification of its own (which deploy and delete must keep), a Kinesis stream and a
 * DynamoDB table with a stream. Returns the environment the app reads the table stream's ARN from.
 */
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { jsonCall } from './emulator-recorder.js';

export const ALL_EVENTS_BUCKET = 'allevents-uploads';
export const KEPT_NOTIFICATION_ID = 'keep-me';

export interface AllEventsSources {
  readonly env: Record<string, string>;
  readonly tableStreamArn: string;
}

export async function createAllEventsSources(endpoint: string, region = 'us-west-2'): Promise<AllEventsSources> {
  const config = { region, endpoint, maxAttempts: 1, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const sqs = new SQSClient(config);
  await sqs.send(new CreateQueueCommand({ QueueName: 'allevents-queue', Attributes: { VisibilityTimeout: '120' } }));
  const unrelated = await sqs.send(new CreateQueueCommand({ QueueName: 'allevents-unrelated' }));
  const unrelatedArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: unrelated.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  await new SNSClient(config).send(new CreateTopicCommand({ Name: 'allevents-topic' }));
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: ALL_EVENTS_BUCKET, CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: ALL_EVENTS_BUCKET,
    NotificationConfiguration: { QueueConfigurations: [{ Id: KEPT_NOTIFICATION_ID, QueueArn: unrelatedArn, Events: ['s3:ObjectRemoved:*'] }] },
  }));
  await jsonCall(endpoint, 'kinesis', 'Kinesis_20131202.CreateStream', { StreamName: 'allevents-stream', ShardCount: 1 }, region);
  const table = await jsonCall<{ TableDescription: { LatestStreamArn: string } }>(endpoint, 'dynamodb', 'DynamoDB_20120810.CreateTable', {
    TableName: 'allevents',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  }, region);
  const tableStreamArn = table.TableDescription.LatestStreamArn;
  return { tableStreamArn, env: { ALL_EVENTS_TABLE_STREAM_ARN: tableStreamArn } };
}
