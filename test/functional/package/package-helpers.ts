/** Helpers for the packaging tests: temp directories, unzipping, running a built bundle in Node. */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { BuildMessage } from '../../../src/build/build-messages.js';
import { tempDir } from '../../helpers/fixture-projects.js';

export { copyFixture, FIXTURE_PROJECTS, REPO_ROOT, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';

const run = promisify(execFile);

/** Writes `files` (path → text) below `dir`. */
export function writeTree(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Extracts a zip into a new temp directory; returns the directory. */
export function unzipToTemp(zip: Uint8Array): string {
  const dir = tempDir('chalice-ts-unzipped-');
  for (const [path, data] of Object.entries(unzipSync(zip))) {
    if (path.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

/** Entry names of a zip, in archive order. */
export function zipEntryNames(zip: Uint8Array): string[] {
  return Object.keys(unzipSync(zip));
}

// Runs in a fresh `node`: imports app.mjs as Lambda's Node.js runtime does and calls one export.
const INVOKE_SCRIPT = `
const [dir, exportName, eventJson] = process.argv.slice(1);
const { pathToFileURL } = await import('node:url');
const mod = await import(pathToFileURL(dir + '/app.mjs').href);
const context = { functionName: 'fn', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:fn', memoryLimitInMB: '128', awsRequestId: 'request-1', logGroupName: '/aws/lambda/fn', logStreamName: 's', getRemainingTimeInMillis: () => 30000 };
const result = await mod[exportName](JSON.parse(eventJson), context);
process.stdout.write(JSON.stringify({ exports: Object.keys(mod).sort(), result: result === undefined ? null : result }));
`;

/** Imports `<dir>/app.mjs` in a fresh Node process and invokes `exportName` with `event`. */
export async function invokeBundle(dir: string, exportName: string, event: unknown, env: NodeJS.ProcessEnv = {}): Promise<{ exports: string[]; result: unknown }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', INVOKE_SCRIPT, dir, exportName, JSON.stringify(event)], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
  });
  return JSON.parse(stdout) as { exports: string[]; result: unknown };
}

export function collectMessages(): { messages: BuildMessage[]; onMessage: (message: BuildMessage) => void; warnings: () => string[] } {
  const messages: BuildMessage[] = [];
  return {
    messages,
    onMessage: (message) => messages.push(message),
    warnings: () => messages.filter((m) => m.kind === 'warning').map((m) => m.text),
  };
}

/** An API Gateway REST (v1) proxy event, as Lambda receives it. */
export function apiGatewayProxyEvent(method: string, resource: string, path: string, pathParameters: Record<string, string> | null = null): Record<string, unknown> {
  return {
    resource,
    path,
    httpMethod: method,
    headers: { Host: 'abc123.execute-api.us-west-2.amazonaws.com', Accept: 'application/json' },
    multiValueHeaders: { Host: ['abc123.execute-api.us-west-2.amazonaws.com'], Accept: ['application/json'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters,
    stageVariables: null,
    requestContext: {
      resourcePath: resource,
      httpMethod: method,
      path: `/api${path}`,
      stage: 'api',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      accountId: '123456789012',
      apiId: 'abc123',
      identity: { sourceIp: '203.0.113.1', userAgent: 'test' },
    },
    body: null,
    isBase64Encoded: false,
  };
}

export function sqsEvent(queueArn: string, bodies: readonly string[]): Record<string, unknown> {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      receiptHandle: `r-${i}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1700000000000', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '1700000000001' },
      messageAttributes: {},
      md5OfBody: '0',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-west-2',
    })),
  };
}

export function snsEvent(topicArn: string, message: string, subject = 'hello'): Record<string, unknown> {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:sub`,
        Sns: {
          Type: 'Notification',
          MessageId: 'n-1',
          TopicArn: topicArn,
          Subject: subject,
          Message: message,
          Timestamp: '2024-01-01T00:00:00.000Z',
          SignatureVersion: '1',
          Signature: 'x',
          SigningCertUrl: 'https://example.com/cert',
          UnsubscribeUrl: 'https://example.com/unsub',
          MessageAttributes: {},
        },
      },
    ],
  };
}
