/**
 * Lambda events in the exact shapes AWS delivers them (field names, nesting, value types as
 * documented for S3 event notifications 2.1, SNS, SQS, Kinesis, DynamoDB Streams,
 * EventBridge and API Gateway websocket proxy integrations). Values are made up.
 */
import type { LambdaContext } from '../../../../src/runtime/index.js';

export function lambdaContext(functionName = 'demo-dev-handler'): LambdaContext {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-west-2:123456789012:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: '3f1e9c52-7d1b-4b7e-9a55-2f0c6a1f4d10',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2024/05/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 30_000,
  };
}

export const scheduledEvent = {
  version: '0',
  id: '8e4f2a10-5c3b-4d6e-9f70-1a2b3c4d5e6f',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2024-05-01T12:00:00Z',
  region: 'us-west-2',
  resources: ['arn:aws:events:us-west-2:123456789012:rule/demo-dev-every_hour'],
  detail: {},
};

export const ec2StateChangeEvent = {
  version: '0',
  id: '0d9c6f4e-1b2a-4c3d-8e7f-6a5b4c3d2e1f',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2024-05-01T08:15:30Z',
  region: 'eu-west-1',
  resources: ['arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890'],
  detail: { 'instance-id': 'i-0abc1234def567890', state: 'stopped' },
};

export function s3Event(key: string, bucket = 'demo-uploads') {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-west-2',
        eventTime: '2024-05-01T12:34:56.789Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLEUSERID' },
        requestParameters: { sourceIPAddress: '203.0.113.10' },
        responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'demo-dev-handle_upload',
          bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
          object: { key, size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0055AED6DCD90281E5' },
        },
      },
    ],
  };
}

export function snsEvent(message: string, subject: string | null = 'Greeting') {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-west-2:123456789012:demo-topic:6f2c9a7e-3b1d-4e5f-8a9b-0c1d2e3f4a5b',
        Sns: {
          Type: 'Notification',
          MessageId: 'a1b2c3d4-e5f6-5a7b-8c9d-0e1f2a3b4c5d',
          TopicArn: 'arn:aws:sns:us-west-2:123456789012:demo-topic',
          Subject: subject,
          Message: message,
          Timestamp: '2024-05-01T12:00:01.000Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLEsignature==',
          SigningCertUrl: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-example.pem',
          UnsubscribeUrl: 'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=example',
          MessageAttributes: { priority: { Type: 'String', Value: 'high' } },
        },
      },
    ],
  };
}

export function sqsEvent(bodies: string[]) {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `1c2d3e4f-0000-4a5b-8c7d-00000000000${i}`,
      receiptHandle: `AQEBexampleReceiptHandle${i}==`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1714564800000',
        SenderId: 'AIDAEXAMPLESENDER',
        ApproximateFirstReceiveTimestamp: '1714564800010',
      },
      messageAttributes: { traceId: { dataType: 'String', stringValue: `trace-${i}`, stringListValues: [], binaryListValues: [] } },
      md5OfBody: '098f6bcd4621d373cade4e832627b4f6',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:demo-queue',
      awsRegion: 'us-west-2',
    })),
  };
}

export function kinesisEvent(payloads: string[]) {
  return {
    Records: payloads.map((payload, i) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: `device-${i}`,
        sequenceNumber: `4959033827149025660855969253836157109592157598913658889${i}`,
        data: Buffer.from(payload).toString('base64'),
        approximateArrivalTimestamp: 1714564800.123,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:4959033827149025660855969253836157109592157598913658889${i}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/demo-dev',
      awsRegion: 'us-west-2',
      eventSourceARN: 'arn:aws:kinesis:us-west-2:123456789012:stream/demo-stream',
    })),
  };
}

export const dynamodbStreamArn = 'arn:aws:dynamodb:us-west-2:123456789012:table/Orders/stream/2024-05-01T00:00:00.000';

export const dynamodbEvent = {
  Records: [
    {
      eventID: 'c4ca4238a0b923820dcc509a6f75849b',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-west-2',
      dynamodb: {
        ApproximateCreationDateTime: 1714564800,
        Keys: { orderId: { S: 'o-1' } },
        NewImage: { orderId: { S: 'o-1' }, total: { N: '42.5' } },
        SequenceNumber: '111100000000000000001',
        SizeBytes: 26,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: dynamodbStreamArn,
    },
    {
      eventID: 'c81e728d9d4c2f636f067f89cc14862c',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-west-2',
      dynamodb: {
        ApproximateCreationDateTime: 1714564860,
        Keys: { orderId: { S: 'o-1' } },
        NewImage: { orderId: { S: 'o-1' }, total: { N: '50' } },
        OldImage: { orderId: { S: 'o-1' }, total: { N: '42.5' } },
        SequenceNumber: '222200000000000000002',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: dynamodbStreamArn,
    },
  ],
};

type WebsocketEventKind = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
const ROUTE_KEYS: Record<WebsocketEventKind, string> = { CONNECT: '$connect', MESSAGE: '$default', DISCONNECT: '$disconnect' };

export function websocketEvent(
  eventType: WebsocketEventKind,
  body?: string,
  { domainName = 'abc123defg.execute-api.us-west-2.amazonaws.com', stage = 'dev', connectionId = 'Ab1Cd2Ef3Gh=' } = {},
) {
  return {
    ...(eventType === 'CONNECT'
      ? {
          headers: { Host: domainName, 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' },
          multiValueHeaders: { Host: [domainName], 'Sec-WebSocket-Key': ['dGhlIHNhbXBsZSBub25jZQ=='], 'Sec-WebSocket-Version': ['13'] },
        }
      : {}),
    requestContext: {
      routeKey: ROUTE_KEYS[eventType],
      messageId: eventType === 'MESSAGE' ? 'Xyz0messageId=' : null,
      eventType,
      extendedRequestId: 'XfGLwFTktjMFsLg=',
      requestTime: '01/May/2024:12:00:00 +0000',
      messageDirection: 'IN',
      stage,
      connectedAt: 1714564800000,
      requestTimeEpoch: 1714564800001,
      identity: { sourceIp: '203.0.113.10', userAgent: 'wscat' },
      requestId: 'XfGLwFTktjMFsLg=',
      domainName,
      connectionId,
      apiId: 'abc123defg',
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}
