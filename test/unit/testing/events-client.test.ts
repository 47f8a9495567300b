/**
 * The sample events have AWS's shapes: each is checked against the fields AWS documents and
 * handed to the app's real handler through `lambda.invoke`, so the runtime's event wrappers
 * must read them.
 */
import { describe, expect, it } from 'vitest';
import { Chalice } from '../../../src/runtime/index.js';
import { Client } from '../../../src/testing/index.js';

const seenWsEvents: unknown[] = [];

function makeApp() {
  const app = new Chalice({ appName: 'events' });
  app.onSnsMessage('mytopic', { name: 'sns' }, (event) => ({ message: event.message, subject: event.subject }));
  app.onS3Event('mybucket', { name: 's3' }, (event) => ({ bucket: event.bucket, key: event.key }));
  app.onSqsMessage('myqueue', { name: 'sqs' }, (event) => [...event].map((r) => r.body));
  app.onKinesisRecord('mystream', { name: 'kinesis' }, (event) => [...event].map((r) => r.data.toString('utf8')));
  app.onDynamodbRecord('arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x', { name: 'ddb' }, (event) =>
    [...event].map((r) => ({ name: r.eventName, keys: r.keys, table: r.tableName, newImage: r.newImage ?? null })),
  );
  app.onCwEvent({ source: ['my.app'] }, { name: 'cw' }, (event) => ({ source: event.source, detailType: event.detailType, detail: event.detail }));
  app.onWsMessage({ name: 'ws_message' }, (event) => {
    seenWsEvents.push({ body: event.body, connectionId: event.connectionId, stage: event.stage, domainName: event.domainName });
  });
  return app;
}

describe('client.events', () => {
  const client = new Client(makeApp(), { projectDir: '/nonexistent-project-dir-for-tests' });

  it('SNS: one Notification record', async () => {
    const event = client.events.generateSnsEvent('hello world', 'greeting');
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      Sns: { Type: 'Notification', Message: 'hello world', Subject: 'greeting', TopicArn: 'arn:aws:sns:us-east-1:123456789012:mytopic' },
    });
    expect((await client.lambda.invoke('sns', event)).payload).toEqual({ message: 'hello world', subject: 'greeting' });
    expect((await client.lambda.invoke('sns', client.events.generateSnsEvent('no subject'))).payload).toEqual({ message: 'no subject', subject: null });
  });

  it.each([
    ['plain/key.txt', 'plain/key.txt'],
    ['with space/and+plus.txt', 'with+space/and%2Bplus.txt'],
    ['café.png', 'caf%C3%A9.png'],
  ])('S3: key %s is encoded as S3 does (%s) and decoded by the wrapper', async (key, encoded) => {
    const event = client.events.generateS3Event('mybucket', key);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      awsRegion: 'us-east-1',
      s3: { s3SchemaVersion: '1.0', bucket: { name: 'mybucket', arn: 'arn:aws:s3:::mybucket' }, object: { key: encoded } },
    });
    expect((await client.lambda.invoke('s3', event)).payload).toEqual({ bucket: 'mybucket', key });
  });

  it('S3: takes the event name with or without the s3: prefix', () => {
    expect(client.events.generateS3Event('b', 'k', 's3:ObjectRemoved:Delete').Records[0].eventName).toBe('ObjectRemoved:Delete');
  });

  it('SQS: one record per message with md5 and queue ARN', async () => {
    const event = client.events.generateSqsEvent(['one', 'two'], 'myqueue');
    expect(event.Records.map((r) => r.body)).toEqual(['one', 'two']);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:myqueue',
      md5OfBody: 'f97c5d29941bfb1b2fdab0874906ab82',
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(new Set(event.Records.map((r) => r.messageId)).size).toBe(2);
    expect((await client.lambda.invoke('sqs', event)).payload).toEqual(['one', 'two']);
  });

  it('Kinesis: base64 data per record', async () => {
    const event = client.events.generateKinesisEvent(['a', Buffer.from('b')], { stream: 'mystream' });
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/mystream',
      kinesis: { data: Buffer.from('a').toString('base64'), kinesisSchemaVersion: '1.0' },
    });
    expect((await client.lambda.invoke('kinesis', event)).payload).toEqual(['a', 'b']);
  });

  it('DynamoDB: stream records with images per view type', async () => {
    const event = client.events.generateDynamodbEvent(
      [{ keys: { id: { S: '1' } }, newImage: { id: { S: '1' }, n: { N: '2' } } }, { keys: { id: { S: '2' } }, oldImage: { id: { S: '2' } } }],
      { table: 't' },
    );
    expect(event.Records[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventName: 'INSERT', dynamodb: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    expect(event.Records[1].eventName).toBe('REMOVE');
    expect((await client.lambda.invoke('ddb', event)).payload).toEqual([
      { name: 'INSERT', keys: { id: { S: '1' } }, table: 't', newImage: { id: { S: '1' }, n: { N: '2' } } },
      { name: 'REMOVE', keys: { id: { S: '2' } }, table: 't', newImage: null },
    ]);
    const keysOnly = client.events.generateDynamodbEvent([{ keys: { id: { S: '1' } }, newImage: { id: { S: '1' } } }], { streamViewType: 'KEYS_ONLY' });
    expect(keysOnly.Records[0].dynamodb).not.toHaveProperty('NewImage');
  });

  it('CloudWatch/EventBridge: the event envelope', async () => {
    const event = client.events.generateCwEvent('my.app', 'Thing Happened', { id: 7 }, ['arn:x']);
    expect(event).toMatchObject({ version: '0', source: 'my.app', 'detail-type': 'Thing Happened', detail: { id: 7 }, resources: ['arn:x'], account: '123456789012' });
    expect((await client.lambda.invoke('cw', event)).payload).toEqual({ source: 'my.app', detailType: 'Thing Happened', detail: { id: 7 } });
  });

  it('websocket: CONNECT, MESSAGE and DISCONNECT events', async () => {
    const message = client.events.generateWsEvent('MESSAGE', '{"a":1}', { connectionId: 'abc=' });
    expect(message.requestContext).toMatchObject({ routeKey: '$default', eventType: 'MESSAGE', connectionId: 'abc=', stage: 'api' });
    expect((await client.lambda.invoke('websocket_message', message)).payload).toMatchObject({ statusCode: 200 });
    expect(seenWsEvents).toEqual([{ body: '{"a":1}', connectionId: 'abc=', stage: 'api', domainName: 'wsapi00000.execute-api.us-east-1.amazonaws.com' }]);
    expect(client.events.generateWsEvent('CONNECT').requestContext.routeKey).toBe('$connect');
    expect(client.events.generateWsEvent('DISCONNECT')).toMatchObject({ requestContext: { routeKey: '$disconnect', eventType: 'DISCONNECT' } });
  });

  it('generates the same event for the same input', () => {
    expect(client.events.generateSqsEvent(['x'])).toEqual(client.events.generateSqsEvent(['x']));
    expect(client.events.generateSnsEvent('m', 's')).toEqual(client.events.generateSnsEvent('m', 's'));
  });
});
