import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  CloudWatchEvent,
  DynamoDBEvent,
  KinesisEvent,
  LambdaFunctionEvent,
  S3Event,
  SNSEvent,
  SQSEvent,
  SQSRecord,
  WebsocketEvent,
} from '../../../../src/runtime/index.js';
import { streamArnToTableName } from '../../../../src/runtime/events/dynamodb-event.js';
import { formEncodedToString } from '../../../../src/runtime/events/s3-event.js';
import {
  dynamodbEvent,
  dynamodbStreamArn,
  ec2StateChangeEvent,
  kinesisEvent,
  lambdaContext,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
  websocketEvent,
} from './aws-samples.js';

const context = lambdaContext();

describe('every wrapper keeps the raw event and the Lambda context', () => {
  const cases: [string, unknown, (raw: never, ctx: typeof context) => { toJSON(): unknown; context: unknown }][] = [
    ['CloudWatchEvent', scheduledEvent, (raw, ctx) => new CloudWatchEvent(raw, ctx)],
    ['S3Event', s3Event('a+b.txt'), (raw, ctx) => new S3Event(raw, ctx)],
    ['SNSEvent', snsEvent('hi'), (raw, ctx) => new SNSEvent(raw, ctx)],
    ['SQSEvent', sqsEvent(['x']), (raw, ctx) => new SQSEvent(raw, ctx)],
    ['KinesisEvent', kinesisEvent(['x']), (raw, ctx) => new KinesisEvent(raw, ctx)],
    ['DynamoDBEvent', dynamodbEvent, (raw, ctx) => new DynamoDBEvent(raw, ctx)],
    ['WebsocketEvent', websocketEvent('MESSAGE', 'hi'), (raw, ctx) => new WebsocketEvent(raw, ctx)],
    ['LambdaFunctionEvent', { any: 'thing' }, (raw, ctx) => new LambdaFunctionEvent(raw, ctx)],
  ];

  it.each(cases)('%s: toJSON() is the original event, JSON.stringify matches, context is kept', (_name, raw, wrap) => {
    const event = wrap(raw as never, context);
    expect(event.toJSON()).toBe(raw);
    expect(JSON.stringify(event)).toBe(JSON.stringify(raw));
    expect(event.context).toBe(context);
  });

  it.each(cases)('%s: context defaults to null', (_name, raw, wrap) => {
    expect(wrap(raw as never, undefined as never).context).toBeNull();
  });
});

describe('CloudWatchEvent', () => {
  it.each([
    ['scheduled', scheduledEvent, 'Scheduled Event', 'aws.events', {}],
    ['EC2 state change', ec2StateChangeEvent, 'EC2 Instance State-change Notification', 'aws.ec2', ec2StateChangeEvent.detail],
  ])('maps a %s event to camelCase attributes', (_kind, raw, detailType, source, detail) => {
    const event = new CloudWatchEvent(raw, context);
    expect(event).toMatchObject({
      version: '0',
      account: raw.account,
      region: raw.region,
      detailType,
      source,
      time: raw.time,
      eventId: raw.id,
      resources: raw.resources,
    });
    expect(event.detail).toEqual(detail);
  });
});

describe('S3Event', () => {
  it('exposes the bucket and the decoded key while toJSON keeps the encoded key', () => {
    const raw = s3Event('photos/my+cat%281%29.jpg', 'demo-photos');
    const event = new S3Event(raw, context);
    expect(event.bucket).toBe('demo-photos');
    expect(event.key).toBe('photos/my cat(1).jpg');
    expect(event.toJSON().Records[0].s3.object.key).toBe('photos/my+cat%281%29.jpg');
  });

  it.each([
    ['plain/key.txt', 'plain/key.txt'],
    ['my+file.txt', 'my file.txt'],
    ['a%2Bb.txt', 'a+b.txt'],
    ['100%25+done', '100% done'],
    ['%E6%97%A5%E6%9C%AC%E8%AA%9E.txt', '日本語.txt'],
    ['caf%C3%A9', 'café'],
    ['50%off', '50%off'],
    ['bad%zzescape', 'bad%zzescape'],
    ['trailing%', 'trailing%'],
    ['invalid%FFutf8', 'invalid\uFFFDutf8'],
  ])('formEncodedToString(%j) is %j', (encoded, decoded) => {
    expect(formEncodedToString(encoded)).toBe(decoded);
  });
});

describe('SNSEvent', () => {
  it('exposes subject, message and message attributes', () => {
    const event = new SNSEvent(snsEvent('{"order":1}', 'New order'), context);
    expect(event.subject).toBe('New order');
    expect(event.message).toBe('{"order":1}');
    expect(event.messageAttributes).toEqual({ priority: { Type: 'String', Value: 'high' } });
  });

  it('has a null subject when published without one', () => {
    expect(new SNSEvent(snsEvent('hello', null)).subject).toBeNull();
  });
});

describe('SQSEvent', () => {
  it('iterates SQSRecords with body, receipt handle, ids and attributes, sharing the context', () => {
    const raw = sqsEvent(['first', '{"n":2}']);
    const records = [...new SQSEvent(raw, context)];
    expect(records).toHaveLength(2);
    expect(records[0]).toBeInstanceOf(SQSRecord);
    expect(records.map((r) => r.body)).toEqual(['first', '{"n":2}']);
    expect(records[1]).toMatchObject({
      receiptHandle: 'AQEBexampleReceiptHandle1==',
      messageId: raw.Records[1].messageId,
      eventSourceArn: 'arn:aws:sqs:us-west-2:123456789012:demo-queue',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1714564800000' },
      messageAttributes: { traceId: { dataType: 'String', stringValue: 'trace-1' } },
    });
    expect(records[1].context).toBe(context);
    expect(records[1].toJSON()).toBe(raw.Records[1]);
  });

  it('can be iterated more than once', () => {
    const event = new SQSEvent(sqsEvent(['a', 'b']));
    expect([...event].length + [...event].length).toBe(4);
  });
});

describe('KinesisEvent', () => {
  it('iterates records with base64-decoded data and the arrival time as a Date', () => {
    const raw = kinesisEvent(['{"temp":21.5}', 'second']);
    const records = [...new KinesisEvent(raw, context)];
    expect(records.map((r) => r.data.toString('utf8'))).toEqual(['{"temp":21.5}', 'second']);
    expect(Buffer.isBuffer(records[0].data)).toBe(true);
    expect(records[0]).toMatchObject({
      sequenceNumber: raw.Records[0].kinesis.sequenceNumber,
      partitionKey: 'device-0',
      schemaVersion: '1.0',
    });
    expect(records[0].timestamp.toISOString()).toBe('2024-05-01T12:00:00.123Z');
    expect(records[1].context).toBe(context);
  });

  it('keeps binary payloads byte for byte', () => {
    const bytes = Buffer.from([0, 255, 128, 10]);
    const raw = kinesisEvent(['x']);
    raw.Records[0].kinesis.data = bytes.toString('base64');
    expect([...new KinesisEvent(raw)][0].data.equals(bytes)).toBe(true);
  });
});

describe('DynamoDBEvent', () => {
  it('iterates stream records with images, keys, metadata and the table name', () => {
    const [insert, modify] = [...new DynamoDBEvent(dynamodbEvent, context)];
    expect(insert).toMatchObject({
      keys: { orderId: { S: 'o-1' } },
      newImage: { orderId: { S: 'o-1' }, total: { N: '42.5' } },
      oldImage: undefined,
      sequenceNumber: '111100000000000000001',
      sizeBytes: 26,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      awsRegion: 'us-west-2',
      eventId: 'c4ca4238a0b923820dcc509a6f75849b',
      eventName: 'INSERT',
      eventSourceArn: dynamodbStreamArn,
      tableName: 'Orders',
    });
    expect(insert.timestamp?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(modify.eventName).toBe('MODIFY');
    expect(modify.oldImage).toEqual({ orderId: { S: 'o-1' }, total: { N: '42.5' } });
    expect(modify.context).toBe(context);
  });

  it.each([
    [dynamodbStreamArn, 'Orders'],
    ['arn:aws-cn:dynamodb:cn-north-1:123456789012:table/my-table.v2/stream/2020-09-09T18:25:38.106', 'my-table.v2'],
    ['arn:aws:dynamodb:us-west-2:123456789012:table/Orders', 'Orders'],
    ['arn:aws:kinesis:us-west-2:123456789012:stream/demo', ''],
    ['not-an-arn', ''],
    ['', ''],
  ])('streamArnToTableName(%j) is %j', (arn, table) => {
    expect(streamArnToTableName(arn)).toBe(table);
  });
});

describe('LambdaFunctionEvent', () => {
  it('carries the original event and context', () => {
    const raw = { orderId: 7 };
    const event = new LambdaFunctionEvent(raw, context);
    expect(event.event).toBe(raw);
    expect(event.context).toBe(context);
  });
});

describe('WebsocketEvent', () => {
  it.each([
    ['CONNECT', undefined, '$connect', null],
    ['MESSAGE', '{"action":"join","room":"lobby"}', '$default', '{"action":"join","room":"lobby"}'],
    ['DISCONNECT', undefined, '$disconnect', null],
  ] as const)('a %s event exposes connection details and the body', (eventType, body, routeKey, expectedBody) => {
    const event = new WebsocketEvent(websocketEvent(eventType, body, { stage: 'prod', connectionId: 'Conn1=' }), context);
    expect(event).toMatchObject({
      domainName: 'abc123defg.execute-api.us-west-2.amazonaws.com',
      stage: 'prod',
      connectionId: 'Conn1=',
      eventType,
      routeKey,
      body: expectedBody,
    });
  });

  it('parses jsonBody once', () => {
    const event = new WebsocketEvent(websocketEvent('MESSAGE', '{"action":"join","room":"lobby"}'));
    expect(event.jsonBody).toEqual({ action: 'join', room: 'lobby' });
    expect(event.jsonBody).toBe(event.jsonBody);
  });

  it('throws BadRequestError naming the problem when the body is not JSON', () => {
    const event = new WebsocketEvent(websocketEvent('MESSAGE', 'hello there'));
    expect(() => event.jsonBody).toThrow(BadRequestError);
    expect(() => event.jsonBody).toThrow(/not valid JSON.*event\.body/);
  });

  it('throws BadRequestError when the event has no body', () => {
    expect(() => new WebsocketEvent(websocketEvent('CONNECT')).jsonBody).toThrow(/CONNECT event has no body/);
  });
});

describe('a malformed event fails with the wrapper and the missing field named', () => {
  it.each([
    ['S3Event', () => new S3Event({} as never), /S3Event: .*no Records array/],
    ['S3Event', () => new S3Event({ Records: [] } as never), /S3Event: .*empty Records/],
    ['S3Event', () => new S3Event({ Records: [{ s3: { bucket: { name: 'b' } } }] } as never), /S3Event: .*Records\[0\]\.s3\.object/],
    ['SNSEvent', () => new SNSEvent({ Records: [{}] } as never), /SNSEvent: .*Records\[0\]\.Sns/],
    ['SQSEvent', () => new SQSEvent({ records: [] } as never), /SQSEvent: .*no Records array/],
    ['KinesisEvent', () => new KinesisEvent({ Records: [{ data: 'x' }] } as never), /KinesisEvent: .*Records\[0\]\.kinesis/],
    ['DynamoDBEvent', () => new DynamoDBEvent({ Records: [{}] } as never), /DynamoDBEvent: .*Records\[0\]\.dynamodb/],
    ['CloudWatchEvent', () => new CloudWatchEvent(null as never), /CloudWatchEvent: /],
    ['WebsocketEvent', () => new WebsocketEvent({ body: 'x' } as never), /WebsocketEvent: .*requestContext/],
    [
      'WebsocketEvent',
      () => new WebsocketEvent({ requestContext: { domainName: 'd', stage: 's' } } as never),
      /WebsocketEvent: .*requestContext\.connectionId/,
    ],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });
});
