/**
 * The custom resource's inline handler, run as the exact text the SAM template inlines, with a
 * fake S3 client (an in-memory bucket configuration) and a real HTTP server standing in for
 * CloudFormation's pre-signed response URL.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3_NOTIFICATIONS_HANDLER_SOURCE, ZIP_FILE_LIMIT } from '../../../src/build/templates/sam/s3-notifications-handler.js';

type Config = Record<string, unknown>;

/** The buckets' notification configurations, and the calls the handler made. */
const buckets = new Map<string, Config>();
const calls: string[] = [];

class GetBucketNotificationConfigurationCommand {
  constructor(readonly input: { Bucket: string }) {}
}
class PutBucketNotificationConfigurationCommand {
  constructor(readonly input: { Bucket: string; NotificationConfiguration: Config }) {}
}
class S3Client {
  async send(command: GetBucketNotificationConfigurationCommand | PutBucketNotificationConfigurationCommand): Promise<unknown> {
    const bucket = command.input.Bucket;
    if (!buckets.has(bucket)) throw Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' });
    if (command instanceof GetBucketNotificationConfigurationCommand) {
      calls.push(`get ${bucket}`);
      return { $metadata: { httpStatusCode: 200 }, ...structuredClone(buckets.get(bucket)) };
    }
    calls.push(`put ${bucket}`);
    buckets.set(bucket, structuredClone(command.input.NotificationConfiguration));
    return { $metadata: { httpStatusCode: 200 } };
  }
}

interface Handler {
  handler(event: unknown, context: unknown): Promise<void>;
  merge(current: Config, removeIds: string[], add: Config[]): Config;
}

function loadHandler(): Handler {
  const module = { exports: {} as Handler };
  const fakeRequire = (name: string): unknown => {
    if (name === '@aws-sdk/client-s3') return { S3Client, GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand };
    // The response URL is https in AWS; the stand-in endpoint speaks plain HTTP.
    if (name === 'https') return { request: httpRequest };
    throw new Error(`unexpected require(${name})`);
  };
  new Function('require', 'exports', 'module', S3_NOTIFICATIONS_HANDLER_SOURCE)(fakeRequire, module.exports, module);
  return module.exports;
}

let server: Server;
let responseUrl: string;
const responses: Array<{ method: string; url: string; contentType: string | undefined; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      responses.push({ method: req.method!, url: req.url!, contentType: req.headers['content-type'], body: JSON.parse(text) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cloudformation-response?X-Amz-Signature=abc`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  buckets.clear();
  calls.length = 0;
  responses.length = 0;
});

const handler = loadHandler();
const context = { logStreamName: '2026/12/02/[$LATEST]abc' };

const OTHERS: Config = {
  TopicConfigurations: [{ Id: 'someone-elses-topic', TopicArn: 'arn:aws:sns:us-east-1:1:t', Events: ['s3:ObjectCreated:*'] }],
  LambdaFunctionConfigurations: [{ Id: 'other-app', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:1:function:other', Events: ['s3:ObjectRemoved:*'] }],
  EventBridgeConfiguration: {},
};
const upload = { Id: 'chalice-ts-app-dev-onUpload-s3event', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:1:function:app-dev-onUpload', Events: ['s3:ObjectCreated:*'] };
const removed = { Id: 'chalice-ts-app-dev-onRemove-s3event', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:1:function:app-dev-onRemove', Events: ['s3:ObjectRemoved:*'] };

function event(requestType: 'Create' | 'Update' | 'Delete', props: Config, old?: Config) {
  return {
    RequestType: requestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:us-east-1:1:stack/app/guid',
    RequestId: 'request-1',
    LogicalResourceId: 'UploadsNotifications',
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'uploads' }),
    ResourceType: 'Custom::S3BucketNotifications',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:…', ...props },
    ...(old === undefined ? {} : { OldResourceProperties: { ServiceToken: 'arn:aws:lambda:…', ...old } }),
  };
}

describe('the S3 notifications custom resource', () => {
  it('fits in CloudFormation\'s inline code limit', () => {
    expect(Buffer.byteLength(S3_NOTIFICATIONS_HANDLER_SOURCE)).toBeLessThanOrEqual(ZIP_FILE_LIMIT);
  });

  it('Create merges the app\'s entries into the existing configuration and answers SUCCESS with the bucket as physical id', async () => {
    buckets.set('uploads', structuredClone(OTHERS));
    await handler.handler(event('Create', { BucketName: 'uploads', Notifications: [upload, removed] }), context);
    expect(buckets.get('uploads')).toEqual({ ...OTHERS, LambdaFunctionConfigurations: [...(OTHERS.LambdaFunctionConfigurations as Config[]), upload, removed] });
    expect(responses).toEqual([
      {
        method: 'PUT',
        url: '/cloudformation-response?X-Amz-Signature=abc',
        // The pre-signed URL is signed for an empty content type.
        contentType: '',
        body: { Status: 'SUCCESS', PhysicalResourceId: 'uploads', StackId: 'arn:aws:cloudformation:us-east-1:1:stack/app/guid', RequestId: 'request-1', LogicalResourceId: 'UploadsNotifications' },
      },
    ]);
  });

  it('Create is idempotent: a retried request does not duplicate the entries', async () => {
    buckets.set('uploads', {});
    await handler.handler(event('Create', { BucketName: 'uploads', Notifications: [upload] }), context);
    await handler.handler(event('Create', { BucketName: 'uploads', Notifications: [upload] }), context);
    expect(buckets.get('uploads')).toEqual({ LambdaFunctionConfigurations: [upload] });
  });

  it('Update of the same bucket replaces the old entries (a dropped handler disappears) and keeps everyone else\'s', async () => {
    buckets.set('uploads', { ...structuredClone(OTHERS), LambdaFunctionConfigurations: [...(OTHERS.LambdaFunctionConfigurations as Config[]), upload, removed] });
    const changed = { ...upload, Events: ['s3:ObjectCreated:Put'] };
    await handler.handler(event('Update', { BucketName: 'uploads', Notifications: [changed] }, { BucketName: 'uploads', Notifications: [upload, removed] }), context);
    expect(buckets.get('uploads')).toEqual({ ...OTHERS, LambdaFunctionConfigurations: [...(OTHERS.LambdaFunctionConfigurations as Config[]), changed] });
    expect(responses[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'uploads' });
  });

  it('Update to another bucket configures the new one under a new physical id (CloudFormation then deletes the old)', async () => {
    buckets.set('uploads', { LambdaFunctionConfigurations: [upload] });
    buckets.set('uploads-2', {});
    await handler.handler(event('Update', { BucketName: 'uploads-2', Notifications: [upload] }, { BucketName: 'uploads', Notifications: [upload] }), context);
    expect(buckets.get('uploads-2')).toEqual({ LambdaFunctionConfigurations: [upload] });
    expect(buckets.get('uploads')).toEqual({ LambdaFunctionConfigurations: [upload] });
    expect(responses[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'uploads-2' });
  });

  it('Delete removes only its own entries', async () => {
    buckets.set('uploads', { ...structuredClone(OTHERS), LambdaFunctionConfigurations: [...(OTHERS.LambdaFunctionConfigurations as Config[]), upload, removed] });
    await handler.handler(event('Delete', { BucketName: 'uploads', Notifications: [upload, removed] }), context);
    expect(buckets.get('uploads')).toEqual(OTHERS);
    expect(responses[0].body.Status).toBe('SUCCESS');
  });

  it('Delete of the last Lambda entry leaves no empty Lambda list behind', async () => {
    buckets.set('uploads', { LambdaFunctionConfigurations: [upload] });
    await handler.handler(event('Delete', { BucketName: 'uploads', Notifications: [upload] }), context);
    expect(buckets.get('uploads')).toEqual({});
  });

  it('Delete succeeds when the bucket is already gone, so the stack can be deleted', async () => {
    await handler.handler(event('Delete', { BucketName: 'gone', Notifications: [upload] }), context);
    expect(calls).toEqual([]);
    expect(responses[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'gone' });
  });

  it('a failure answers FAILED with the reason and the log stream, instead of leaving CloudFormation waiting', async () => {
    await handler.handler(event('Create', { BucketName: 'missing', Notifications: [upload] }), context);
    expect(responses[0].body).toMatchObject({
      Status: 'FAILED',
      Reason: 'The specified bucket does not exist (log stream 2026/12/02/[$LATEST]abc)',
      PhysicalResourceId: 'missing',
    });
  });

  it('merge drops the response metadata and keeps every other kind of configuration', () => {
    expect(handler.merge({ $metadata: { httpStatusCode: 200 }, QueueConfigurations: [{ Id: 'q' }] } as Config, [], [upload])).toEqual({
      QueueConfigurations: [{ Id: 'q' }],
      LambdaFunctionConfigurations: [upload],
    });
  });
});
