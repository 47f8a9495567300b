/**
 * Sample Lambda events in the exact shapes AWS delivers them (SNS, S3, SQS, EventBridge,
 * Kinesis, DynamoDB streams, API Gateway websockets), for `client.events`. Values that AWS
 * makes unique (message ids, sequence numbers, timestamps) are fixed or derived from the
 * input, so the same call always produces the same event.
 */
import { createHash } from 'node:crypto';
import type {
  CloudWatchEventPayload,
  DynamoDBItem,
  DynamoDBEventPayload,
  DynamoDBStreamViewType,
  KinesisEventPayload,
  S3EventPayload,
  SNSEventPayload,
  SNSMessageAttribute,
  SQSEventPayload,
  SQSMessageAttribute,
  WebsocketEventPayload,
  WebsocketEventType,
} from '../runtime/index.js';

/** Where the fake events come from. */
export interface EventOrigin {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
}

const FIXED_TIME_ISO = '2024-01-01T00:00:00.000Z';
const FIXED_TIME_SECONDS = Date.parse(FIXED_TIME_ISO) / 1000;

const regionOf = (o: EventOrigin) => o.region ?? 'us-east-1';
const accountOf = (o: EventOrigin) => o.accountId ?? '123456789012';

/** A UUID-shaped id derived from a seed (stable, distinct per seed). */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SnsEventOptions extends EventOrigin {
  /** Topic name or ARN. @default 'mytopic' */
  readonly topic?: string;
  readonly messageAttributes?: Readonly<Record<string, SNSMessageAttribute>>;
}

/** One SNS notification; `subject` unset means published without one (`Subject: null`). */
export function createSnsEvent(message: string, subject?: string, options: SnsEventOptions = {}): SNSEventPayload {
  const topic = options.topic ?? 'mytopic';
  const topicArn = topic.startsWith('arn:') ? topic : `arn:aws:sns:${regionOf(options)}:${accountOf(options)}:${topic}`;
  const messageId = seededUuid(`sns:${topicArn}:${subject ?? ''}:${message}`);
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${seededUuid(`subscription:${topicArn}`)}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: subject ?? null,
          Message: message,
          Timestamp: FIXED_TIME_ISO,
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: `https://sns.${regionOf(options)}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`,
          UnsubscribeUrl: `https://sns.${regionOf(options)}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:${seededUuid(`subscription:${topicArn}`)}`,
          MessageAttributes: { ...options.messageAttributes },
        },
      },
    ],
  };
}

export interface S3EventOptions extends EventOrigin {
  /** Object size in bytes. @default 0 */
  readonly size?: number;
  readonly eTag?: string;
}

/** S3 encodes keys in events like a form value: space → `+`, `/` kept, the rest percent-encoded. */
export function s3KeyToEventKey(key: string): string {
  return encodeURIComponent(key).replaceAll('%20', '+').replaceAll('%2F', '/');
}

/** One S3 event notification. `eventName` may be given with or without the `s3:` prefix. */
export function createS3Event(bucket: string, key: string, eventName = 'ObjectCreated:Put', options: S3EventOptions = {}): S3EventPayload {
  const name = eventName.replace(/^s3:/, '');
  const isCreate = name.startsWith('ObjectCreated');
  const sequencer = createHash('sha256').update(`${bucket}/${key}`).digest('hex').slice(0, 18).toUpperCase();
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: regionOf(options),
        eventTime: FIXED_TIME_ISO,
        eventName: name,
        userIdentity: { principalId: 'AWS:EXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': sequencer.slice(0, 16), 'x-amz-id-2': `EXAMPLE/${sequencer}` },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'chalice-test-event',
          bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: s3KeyToEventKey(key),
            ...(isCreate ? { size: options.size ?? 0, eTag: options.eTag ?? createHash('md5').update(key).digest('hex') } : {}),
            sequencer,
          },
        },
      },
    ],
  };
}

export interface SqsEventOptions extends EventOrigin {
  readonly messageAttributes?: Readonly<Record<string, SQSMessageAttribute>>;
}

/** A batch of SQS messages, one record per body. `queue` is a queue name or ARN. */
export function createSqsEvent(messages: readonly string[], queue = 'queue-name', options: SqsEventOptions = {}): SQSEventPayload {
  const queueArn = queue.startsWith('arn:') ? queue : `arn:aws:sqs:${regionOf(options)}:${accountOf(options)}:${queue}`;
  const sent = String(FIXED_TIME_SECONDS * 1000);
  return {
    Records: messages.map((body, i) => ({
      messageId: seededUuid(`sqs:${queueArn}:${i}:${body}`),
      receiptHandle: Buffer.from(`receipt:${queueArn}:${i}`).toString('base64'),
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: sent, SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: sent },
      messageAttributes: { ...options.messageAttributes },
      md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: regionOf(options),
    })),
  };
}

/** An EventBridge (CloudWatch Events) event. */
export function createCwEvent<Detail = Record<string, unknown>>(
  source: string,
  detailType: string,
  detail: Detail,
  resources: readonly string[] = [],
  options: EventOrigin = {},
): CloudWatchEventPayload<Detail> {
  return {
    version: '0',
    id: seededUuid(`cw:${source}:${detailType}:${JSON.stringify(detail)}`),
    'detail-type': detailType,
    source,
    account: accountOf(options),
    time: FIXED_TIME_ISO.replace('.000Z', 'Z'),
    region: regionOf(options),
    resources: [...resources],
    detail,
  };
}

export interface KinesisEventOptions extends EventOrigin {
  /** Stream name or ARN. @default 'stream-name' */
  readonly stream?: string;
  /** @default '1' */
  readonly partitionKey?: string;
}

/** A batch of Kinesis records; string data is sent as UTF-8. */
export function createKinesisEvent(messages: ReadonlyArray<Buffer | string>, options: KinesisEventOptions = {}): KinesisEventPayload {
  const stream = options.stream ?? 'stream-name';
  const streamArn = stream.startsWith('arn:') ? stream : `arn:aws:kinesis:${regionOf(options)}:${accountOf(options)}:stream/${stream}`;
  return {
    Records: messages.map((message, i) => {
      const sequenceNumber = `4959000000000000000000000000000000000000000000000000${String(i).padStart(4, '0')}`;
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: options.partitionKey ?? '1',
          sequenceNumber,
          data: (typeof message === 'string' ? Buffer.from(message, 'utf8') : message).toString('base64'),
          approximateArrivalTimestamp: FIXED_TIME_SECONDS + i / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::${accountOf(options)}:role/lambda-role`,
        awsRegion: regionOf(options),
        eventSourceARN: streamArn,
      };
    }),
  };
}

/** One change for `createDynamodbEvent`, with items in DynamoDB's typed form (`{ id: { S: '1' } }`). */
export interface DynamodbChange {
  /** @default 'INSERT' when only newImage is given, 'REMOVE' when only oldImage, else 'MODIFY' */
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly keys: DynamoDBItem;
  readonly newImage?: DynamoDBItem;
  readonly oldImage?: DynamoDBItem;
}

export interface DynamodbEventOptions extends EventOrigin {
  /** Table name or stream ARN. @default 'table-name' */
  readonly table?: string;
  /** @default 'NEW_AND_OLD_IMAGES' */
  readonly streamViewType?: DynamoDBStreamViewType;
}

/** A batch of DynamoDB stream records. */
export function createDynamodbEvent(changes: readonly DynamodbChange[], options: DynamodbEventOptions = {}): DynamoDBEventPayload {
  const table = options.table ?? 'table-name';
  const streamArn = table.startsWith('arn:')
    ? table
    : `arn:aws:dynamodb:${regionOf(options)}:${accountOf(options)}:table/${table}/stream/${FIXED_TIME_ISO.slice(0, -1)}`;
  const viewType = options.streamViewType ?? 'NEW_AND_OLD_IMAGES';
  return {
    Records: changes.map((change, i) => {
      const eventName = change.eventName ?? (change.oldImage === undefined ? 'INSERT' : change.newImage === undefined ? 'REMOVE' : 'MODIFY');
      const keepNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
      const keepOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
      const images = {
        ...(keepNew && change.newImage ? { NewImage: change.newImage } : {}),
        ...(keepOld && change.oldImage ? { OldImage: change.oldImage } : {}),
      };
      return {
        eventID: seededUuid(`ddb:${streamArn}:${i}`).replaceAll('-', ''),
        eventName,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: regionOf(options),
        dynamodb: {
          ApproximateCreationDateTime: FIXED_TIME_SECONDS,
          Keys: change.keys,
          ...images,
          SequenceNumber: String((i + 1) * 100),
          // The item size as DynamoDB counts it is not reproducible here; the JSON size is close.
          SizeBytes: Buffer.byteLength(JSON.stringify({ Keys: change.keys, ...images })),
          StreamViewType: viewType,
        },
        eventSourceARN: streamArn,
      };
    }),
  };
}

export interface WsEventOptions extends EventOrigin {
  /** @default 'connection-id' (base64-looking, like API Gateway's) */
  readonly connectionId?: string;
  /** The API Gateway stage. @default 'api' */
  readonly stage?: string;
  /** @default derived from the region */
  readonly apiId?: string;
  /** Connect events only: the handshake request's headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Connect events only. */
  readonly queryStringParameters?: Readonly<Record<string, string>>;
}

const WS_ROUTE_KEYS: Readonly<Record<WebsocketEventType, string>> = { CONNECT: '$connect', MESSAGE: '$default', DISCONNECT: '$disconnect' };

/** An API Gateway websocket event; `body` is only used for MESSAGE events. */
export function createWsEvent(eventType: WebsocketEventType, body?: string, options: WsEventOptions = {}): WebsocketEventPayload {
  const apiId = options.apiId ?? 'wsapi00000';
  const domainName = `${apiId}.execute-api.${regionOf(options)}.amazonaws.com`;
  const connectionId = options.connectionId ?? 'Y29ubmVjdGlvbi1pZA=';
  const requestContext = {
    routeKey: WS_ROUTE_KEYS[eventType],
    eventType,
    extendedRequestId: seededUuid(`ws-ext:${connectionId}:${eventType}`).slice(0, 16),
    requestTime: '01/Jan/2024:00:00:00 +0000',
    messageDirection: 'IN',
    stage: options.stage ?? 'api',
    connectedAt: FIXED_TIME_SECONDS * 1000,
    requestTimeEpoch: FIXED_TIME_SECONDS * 1000,
    identity: { sourceIp: '127.0.0.1', ...(eventType === 'CONNECT' ? { userAgent: options.headers?.['User-Agent'] ?? null } : {}) },
    requestId: seededUuid(`ws:${connectionId}:${eventType}:${body ?? ''}`).slice(0, 16),
    domainName,
    connectionId,
    apiId,
    ...(eventType === 'MESSAGE' ? { messageId: seededUuid(`ws-msg:${connectionId}:${body ?? ''}`).slice(0, 16) } : {}),
    ...(eventType === 'DISCONNECT' ? { disconnectStatusCode: 1000, disconnectReason: 'Client-side close frame status not set' } : {}),
  };
  if (eventType === 'MESSAGE') return { requestContext, body: body ?? '', isBase64Encoded: false };
  const headers = { Host: domainName, 'Sec-WebSocket-Version': '13', ...options.headers };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    ...(eventType === 'CONNECT' ? { queryStringParameters: options.queryStringParameters ? { ...options.queryStringParameters } : null } : {}),
    requestContext,
    isBase64Encoded: false,
  };
}
