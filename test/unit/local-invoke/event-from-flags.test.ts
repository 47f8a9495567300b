import { describe, expect, it } from 'vitest';
import { eventFromFlags, type EventFlags, type EventKind } from '../../../src/local/invoke-client/event-from-flags.js';
import { createCwEvent, createDynamodbEvent, createKinesisEvent, createS3Event, createSnsEvent, createSqsEvent } from '../../../src/testing/event-factories.js';

describe('chalice invoke --local --event builds the event the test client would', () => {
  it.each<[EventKind, EventFlags, unknown]>([
    ['sqs', { body: ['a', 'b'] }, createSqsEvent(['a', 'b'])],
    ['sqs', { body: ['a'], queue: 'jobs' }, createSqsEvent(['a'], 'jobs')],
    ['sns', { body: ['hi'], subject: 'greeting', topic: 'alerts' }, createSnsEvent('hi', 'greeting', { topic: 'alerts' })],
    ['sns', { body: ['hi'] }, createSnsEvent('hi')],
    ['s3', { bucket: 'uploads', key: 'a b/c.txt' }, createS3Event('uploads', 'a b/c.txt')],
    ['s3', { bucket: 'uploads', key: 'k', eventName: 'ObjectRemoved:Delete', size: '12' }, createS3Event('uploads', 'k', 'ObjectRemoved:Delete', { size: 12 })],
    ['cw', {}, createCwEvent('chalice.local', 'Local Event', {})],
    ['cw', { source: 'my.app', detailType: 'Order Placed', detail: '{"id": 7}', resource: ['arn:x'] }, createCwEvent('my.app', 'Order Placed', { id: 7 }, ['arn:x'])],
    ['kinesis', { body: ['one', 'two'], stream: 'clicks', partitionKey: 'p' }, createKinesisEvent(['one', 'two'], { stream: 'clicks', partitionKey: 'p' })],
    ['dynamodb', { keys: '{"id": "1"}', newImage: '{"id": "1", "n": 2, "ok": true, "tags": ["a"], "meta": {"x": null}}' }, createDynamodbEvent([{ keys: { id: { S: '1' } }, newImage: { id: { S: '1' }, n: { N: '2' }, ok: { BOOL: true }, tags: { L: [{ S: 'a' }] }, meta: { M: { x: { NULL: true } } } } }])],
    ['dynamodb', { keys: '{"id": {"S": "1"}}', oldImage: '{"id": {"S": "1"}}', table: 'users', eventName: 'REMOVE' }, createDynamodbEvent([{ keys: { id: { S: '1' } }, oldImage: { id: { S: '1' } }, eventName: 'REMOVE' }], { table: 'users' })],
  ])('--event %s %j', (kind, flags, expected) => {
    expect(eventFromFlags(kind, flags)).toEqual(expected);
  });

  it.each<[EventKind, EventFlags, string]>([
    ['s3', { bucket: 'b' }, '--event s3 needs --key'],
    ['s3', { bucket: 'b', key: 'k', body: ['x'] }, '--body does not apply to --event s3; it takes --bucket, --key, --event-name, --size'],
    ['s3', { bucket: 'b', key: 'k', size: '-1' }, '--size -1 is not a size in bytes; pass a whole number'],
    ['sqs', {}, '--event sqs needs --body (the message; repeat it for several records)'],
    ['sqs', { body: ['x'], bucket: 'b', key: 'k' }, '--bucket, --key do not apply to --event sqs; it takes --body, --queue'],
    ['cw', { detail: '{bad' }, '--detail is not valid JSON'],
    ['dynamodb', {}, '--event dynamodb needs --keys'],
    ['dynamodb', { keys: '[1]' }, '--keys must be a JSON object'],
    ['dynamodb', { keys: '{"id": "1"}', eventName: 'UPSERT' }, '--event-name UPSERT is not a DynamoDB stream event; use INSERT, MODIFY or REMOVE'],
  ])('--event %s %j fails: %s', (kind, flags, message) => {
    expect(() => eventFromFlags(kind, flags)).toThrow(message);
  });
});
