/**
 * `chalice url`, `logs` and `invoke` end to end against the AWS API emulator, on a function
 * created here with the SDK and recorded in the stage's deployed state as `chalice deploy`
 * records it (the emulator runs no function code: Invoke echoes the payload).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeDeployedState } from '../../src/project/deployed-state.js';
import { CHALICE_BIN, REPO_ROOT, childEnv } from '../functional/local/chalice-process.js';
import { ACCOUNT, REGION, chalice, describeWithEmulator, endpoint, sdkConfig } from './aws-helpers.js';
import { emulatorEnv } from './emulator-process.js';

const SUFFIX = Date.now().toString(36);
const APP = `inspect${SUFFIX}`;
const API_FUNCTION = `${APP}-dev`;
const WORKER_FUNCTION = `${APP}-dev-worker`;
const STREAM = '2024/05/01/[$LATEST]9d2a92f0c1b2d3e4';
// CloudWatch Logs refuses events older than 14 days: an hour ago, on a whole minute.
const T0 = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
/** How `chalice logs` prints a time: UTC, milliseconds. */
const at = (ms: number) => new Date(T0 + ms).toISOString().replace('T', ' ').replace('Z', '');

describeWithEmulator('chalice url, logs, invoke', () => {
  let project: string;

  beforeAll(async () => {
    const iam = new IAMClient(sdkConfig());
    const role = await iam.send(new CreateRoleCommand({
      RoleName: APP,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const lambda = new LambdaClient(sdkConfig());
    const zip = zipSync({ 'index.js': strToU8('exports.handler = async (event) => event;\n') });
    for (const name of [API_FUNCTION, WORKER_FUNCTION]) {
      await lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: role.Role!.Arn!, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: zip } }));
    }
    const logs = new CloudWatchLogsClient(sdkConfig());
    await logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/lambda/${API_FUNCTION}` }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: `/aws/lambda/${API_FUNCTION}`, logStreamName: STREAM }));
    await logs.send(new PutLogEventsCommand({
      logGroupName: `/aws/lambda/${API_FUNCTION}`,
      logStreamName: STREAM,
      logEvents: [
        { timestamp: T0, message: 'START RequestId: r1 Version: $LATEST\n' },
        { timestamp: T0 + 1, message: `${APP} - ERROR - first\n` },
        { timestamp: T0 + 60_000, message: `${APP} - ERROR - second\n` },
        { timestamp: T0 + 60_001, message: 'END RequestId: r1\n' },
      ],
    }));
    // Events of several streams come back interleaved in time order: 60 more in two streams.
    for (const stream of ['2024/05/01/[$LATEST]aaaaaa000000', '2024/05/01/[$LATEST]bbbbbb111111']) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: `/aws/lambda/${API_FUNCTION}`, logStreamName: stream }));
      await logs.send(new PutLogEventsCommand({
        logGroupName: `/aws/lambda/${API_FUNCTION}`,
        logStreamName: stream,
        logEvents: Array.from({ length: 30 }, (_, i) => ({ timestamp: T0 + 120_000 + i * 1_000, message: `bulk ${stream.slice(-12, -6)} ${i}` })),
      }));
    }

    project = mkdtempSync(join(tmpdir(), 'chalice-inspect-'));
    const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
    writeDeployedState(project, 'dev', {
      resources: [
        { name: 'api_handler', resourceType: 'lambda_function', functionName: API_FUNCTION, lambdaArn: arn(API_FUNCTION) },
        { name: 'worker', resourceType: 'lambda_function', functionName: WORKER_FUNCTION, lambdaArn: arn(WORKER_FUNCTION) },
        { name: 'rest_api', resourceType: 'rest_api', restApiId: 'abc123', restApiUrl: `https://abc123.execute-api.${REGION}.amazonaws.com/api/`, region: REGION },
      ],
    });
  });

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('url prints the REST API URL', async () => {
    expect(await chalice(project, ['url'])).toEqual({ code: 0, stdout: `https://abc123.execute-api.${REGION}.amazonaws.com/api/\n`, stderr: '' });
  });

  it('logs prints every event of api_handler without Lambda lines, oldest first', async () => {
    const result = await chalice(project, ['logs']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `${at(1)} 9d2a92 ${APP} - ERROR - first`,
      `${at(60_000)} 9d2a92 ${APP} - ERROR - second`,
    ]);
    expect(lines).toHaveLength(62);
    expect(lines[61]).toBe(`${at(149_000)} bbbbbb bulk bbbbbb 29`);
  });

  it('logs --include-lambda-messages --num-entries shows START and stops after N', async () => {
    const result = await chalice(project, ['logs', '--include-lambda-messages', '--num-entries', '2']);
    expect(result.stdout).toBe(`${at(0)} 9d2a92 START RequestId: r1 Version: $LATEST\n${at(1)} 9d2a92 ${APP} - ERROR - first\n`);
  });

  it('logs --since shows only later events', async () => {
    const result = await chalice(project, ['logs', '--since', new Date(T0 + 30_000).toISOString(), '--num-entries', '1']);
    expect(result.stdout).toBe(`${at(60_000)} 9d2a92 ${APP} - ERROR - second\n`);
  });

  it('logs of a function that never ran says so and exits 0', async () => {
    const result = await chalice(project, ['logs', '-n', 'worker']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Warning: No logs yet for worker: log group /aws/lambda/${WORKER_FUNCTION} does not exist until the function first runs\n`);
  });

  it('logs of an unknown name lists the deployed names and exits 2', async () => {
    const result = await chalice(project, ['logs', '-n', 'wroker']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: No deployed function named "wroker" in stage "dev" (did you mean "worker"?); deployed functions: api_handler, worker\n');
  });

  it('logs --follow prints new events as they arrive and stops cleanly on Ctrl+C', async () => {
    const logs = new CloudWatchLogsClient(sdkConfig());
    const group = `/aws/lambda/${WORKER_FUNCTION}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: STREAM }));
    const put = (message: string) => logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: STREAM, logEvents: [{ timestamp: Date.now(), message }] }));
    await put('before follow');

    const child = spawn(process.execPath, [CHALICE_BIN, '--project-dir', project, 'logs', '-n', 'worker', '--follow'], {
      cwd: REPO_ROOT,
      env: childEnv({ ...emulatorEnv(endpoint!), AWS_PROFILE: undefined }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const waiters: Array<() => void> = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const wake of waiters.splice(0)) wake();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const printed = async (text: string) => {
      while (!stdout.includes(text)) {
        if (child.exitCode !== null) throw new Error(`chalice logs --follow exited: ${stderr}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };

    // Never leave the child behind, whatever happens to the expectations below.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      await printed('before follow');
      await put('while following');
      await printed('while following');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(guard);
      child.kill('SIGKILL');
    }
    expect(stderr).toBe('');
    expect(stdout.match(/before follow/g)).toHaveLength(1);
    expect(stdout.match(/while following/g)).toHaveLength(1);
  });

  it.each([
    { case: 'a JSON payload from stdin', input: '{"order": 42, "items": ["a"]}', expected: '{"order": 42, "items": ["a"]}' },
    { case: 'an empty stdin as {}', input: '', expected: '{}' },
  ])('invoke sends $case and prints the answer (the emulator echoes it)', async ({ input, expected }) => {
    const result = await chalice(project, ['invoke', '-n', 'worker'], { input });
    expect(result).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
  });

  it('invoke rejects a payload that is not JSON before calling AWS', async () => {
    const result = await chalice(project, ['invoke', '-n', 'worker'], { input: '{"a": 1,}' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: The payload on stdin is not valid JSON at line 1, column 8: trailing commas/);
  });
});
