/**
 * `chalice invoke --local` as a user runs it, against a real `chalice local` process: stdin or
 * an event built from flags, the handler's answer on stdout, its error on stderr.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqsEvent } from '../../../src/testing/event-factories.js';
import { copyFixture, removeDir, runChalice, startChaliceLocal, type ChaliceLocal, type RunResult } from './chalice-process.js';

function chalice(projectDir: string, args: readonly string[], input = ''): Promise<RunResult> {
  return runChalice(['--project-dir', projectDir, ...args], { cwd: projectDir, input });
}

/** A port nothing listens on (bound, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('chalice invoke --local', () => {
  let projectDir: string;
  let local: ChaliceLocal;
  let port: string;

  beforeAll(async () => {
    projectDir = copyFixture('events-app');
    local = await startChaliceLocal(projectDir, ['--no-autoreload', '--no-schedules']);
    port = new URL(local.url).port;
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  const invoke = (args: readonly string[], input = '') => chalice(projectDir, ['invoke', '--local', '--port', port, ...args], input);

  it('sends stdin as the event and prints the answer', async () => {
    expect(await invoke(['-n', 'echo'], '{"n": 1}')).toEqual({ code: 0, stdout: '{"event":{"n":1},"functionName":"events-app-dev-echo"}\n', stderr: '' });
  });

  it.each([
    ['sqs', ['-n', 'handle_jobs', '--event', 'sqs', '--queue', 'jobs', '--body', 'ok', '--body', 'fail'], { batchItemFailures: [{ itemIdentifier: createSqsEvent(['ok', 'fail'], 'jobs').Records[1].messageId }] }],
    ['sns', ['-n', 'on_alert', '--event', 'sns', '--topic', 'alerts', '--body', 'disk full', '--subject', 'ops'], { subject: 'ops', message: 'disk full' }],
    ['s3', ['-n', 'on_upload', '--event', 's3', '--bucket', 'uploads', '--key', 'photos/a b.jpg'], { bucket: 'uploads', key: 'photos/a b.jpg' }],
    ['cw', ['-n', 'on_custom', '--event', 'cw', '--source', 'my.app', '--detail-type', 'Order Placed', '--detail', '{"id": 7}'], { source: 'my.app', detailType: 'Order Placed', detail: { id: 7 } }],
    ['kinesis', ['-n', 'on_clicks', '--event', 'kinesis', '--body', 'one', '--body', 'two'], ['one', 'two']],
    ['dynamodb', ['-n', 'on_users', '--event', 'dynamodb', '--keys', '{"id": "1"}', '--new-image', '{"id": "1"}'], [{ eventName: 'INSERT', keys: { id: { S: '1' } } }]],
    ['cw for a schedule', ['-n', 'every_hour', '--event', 'cw', '--source', 'aws.events', '--detail-type', 'Scheduled Event'], null],
  ])('builds a %s event from flags for the handler', async (_kind, args, expected) => {
    const result = await invoke(args);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(result.code).toBe(0);
  });

  it("prints a failing handler's error and stack on stderr and exits non-zero", async () => {
    const result = await invoke(['-n', 'boom']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^TypeError: bad thing\n\s+at .*app\.ts/);
    expect(result.stderr).toMatch(/Error: Function boom failed in chalice local \(FunctionError: Unhandled\), details above\n$/);
  });

  it.each([
    ['an unknown function', ['-n', 'nope'], /^Error: Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope \(chalice local serves api_handler, .*\); pass one of those with -n\n$/],
    ['an event flag without --event', ['-n', 'echo', '--bucket', 'b'], /^Error: --bucket needs --event \(one of sqs, sns, s3, cw, kinesis, dynamodb\) to say which event to build\n$/],
    ['an unknown event kind', ['-n', 'echo', '--event', 'sqs2'], /^Error: --event sqs2 is not an event kind; use one of sqs, sns, s3, cw, kinesis, dynamodb\n$/],
    ['a missing event flag', ['-n', 'on_upload', '--event', 's3', '--bucket', 'b'], /^Error: --event s3 needs --key\n$/],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    const result = await invoke(args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it('says so when no chalice local answers on the port', async () => {
    const free = await freePort();
    const result = await chalice(projectDir, ['invoke', '--local', '--port', String(free), '-n', 'echo']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: No chalice local answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); start it with `chalice local` in this project, or pass the --port \(and --host\) it serves on\n$/);
  });

  it('refuses --event without --local (a deployed function takes stdin)', async () => {
    const result = await chalice(projectDir, ['invoke', '-n', 'echo', '--event', 'sqs', '--body', 'x']);
    expect(result.stderr).toBe('Error: --event builds an event for a function in chalice local only; add --local (a deployed function takes its payload on stdin)\n');
    expect(result.code).toBe(2);
  });
});
