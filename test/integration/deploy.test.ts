/**
 * `chalice deploy`, redeploy and `chalice delete` end to end against the AWS API emulator, for
 * the example app and an app with every event source: what exists is checked with List/Get
 * calls, and the emulator's recorder counts the calls each command makes (a write is any call
 * but Get/List/Describe).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { APIGatewayClient, GetAuthorizersCommand, GetResourcesCommand, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHALICE_BIN, REPO_ROOT, childEnv } from '../functional/local/chalice-process.js';
import { createAllEventsSources } from './all-events-sources.js';
import { emulatorEnv } from './emulator-process.js';
import { readRecording } from './emulator-recorder.js';
import { ACCOUNT, REGION, chalice, describeWithEmulator, endpoint, recorder, sdkConfig, writes, type RecordedCall } from './aws-helpers.js';
import { added, inventory, type Inventory } from './deploy-inventory.js';

/** Until `chalice deploy` exists, these tests skip, saying so. */
const DEPLOY_AVAILABLE = (() => {
  if (!endpoint || !existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) return false;
  const help = execFileSync(process.execPath, [CHALICE_BIN, '--help'], { encoding: 'utf8' });
  return !/^\s+deploy\b.*not yet available/m.test(help);
})();

function describeDeploy(title: string, body: () => void): void {
  if (endpoint && !DEPLOY_AVAILABLE) {
    describe.skip(`${title} (SKIPPED: \`chalice deploy\` is not available in this build)`, body);
    return;
  }
  describeWithEmulator(title, body);
}

const lambda = () => new LambdaClient(sdkConfig());
const apigateway = () => new APIGatewayClient(sdkConfig());

/** Retention (days, or 'never expires') of each log group whose name starts with `prefix`. */
async function logRetentions(prefix: string): Promise<Record<string, number | 'never expires'>> {
  const groups = (await new CloudWatchLogsClient(sdkConfig()).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }))).logGroups ?? [];
  return Object.fromEntries(groups.map((g) => [g.logGroupName!, g.retentionInDays ?? 'never expires']));
}

/** A copy of a project in a temp directory, so deploys may write .chalice/deployed/. */
function copyProject(source: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'chalice-e2e-')), 'project');
  cpSync(source, dir, { recursive: true, filter: (path) => !path.includes(join('.chalice', 'deployed')) && !path.includes(join('.chalice', '.cache')) });
  return dir;
}

/** Runs a chalice command with the recorder on; fails with its output when it exits non-zero. */
async function recorded(project: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ stdout: string; calls: RecordedCall[] }> {
  await recorder.start();
  const result = await chalice(project, args, { env });
  const calls = await recorder.stop();
  if (result.code !== 0) throw new Error(`chalice ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  return { stdout: result.stdout, calls };
}

function summary(calls: readonly RecordedCall[]): string {
  return calls.map((call) => `${call.service} ${call.operation}${call.write ? ' (write)' : ''}`).join('\n');
}

/** The Lambda functions a write touched, from the REST path of Lambda's API. */
function functionsWritten(calls: readonly RecordedCall[]): string[] {
  return [...new Set(writes(calls).map((call) => /\/functions\/([^/]+)/.exec(call.operation)?.[1] ?? `${call.service} ${call.operation}`))].sort();
}

/** The all-events app's event sources, created once per file. */
let sourcesCreated: ReturnType<typeof createAllEventsSources> | undefined;
function allEventsSources(): ReturnType<typeof createAllEventsSources> {
  sourcesCreated ??= createAllEventsSources(endpoint!);
  return sourcesCreated;
}

describeDeploy('chalice deploy of the example app', () => {
  let project: string;
  let before: Inventory;
  let url: string;

  beforeAll(async () => {
    project = copyProject(join(REPO_ROOT, 'examples/hello'));
    before = await inventory();
  });

  afterAll(async () => {
    if (project && existsSync(join(project, '.chalice/deployed/dev.json'))) await chalice(project, ['delete']);
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('creates the role, the function and the REST API, and prints the URL', async () => {
    const { stdout, calls } = await recorded(project, ['deploy', '--yes']);
    console.log(`hello first deploy: ${calls.length} calls, ${writes(calls).length} writes`);
    url = (await chalice(project, ['url'])).stdout.trim();
    expect(url).toMatch(new RegExp(`^https://[a-z0-9]+\\.execute-api\\.${REGION}\\.amazonaws\\.com/api/$`));
    expect(stdout).toContain(`Rest API URL: ${url}`);

    const fn = await lambda().send(new GetFunctionCommand({ FunctionName: 'hello-dev' }));
    expect(fn.Configuration).toMatchObject({ Runtime: expect.stringMatching(/^nodejs(20|22)\.x$/), Environment: { Variables: { GREETING: 'hello' } } });
    const now = added(before, await inventory());
    expect(now).toMatchObject({ functions: ['hello-dev'], restApis: [expect.stringMatching(/^hello\//)] });
    expect(now.roles).toHaveLength(1);
    expect(now.rolePolicies).toEqual([expect.stringMatching(new RegExp(`^${now.roles![0]}/`))]);
    expect(fn.Configuration?.Role).toBe(`arn:aws:iam::${ACCOUNT}:role/${now.roles![0]}`);

    const restApiId = /^https:\/\/([a-z0-9]+)\./.exec(url)![1]!;
    const paths = ((await apigateway().send(new GetResourcesCommand({ restApiId, limit: 500 }))).items ?? []).map((r) => r.path).sort();
    expect(paths).toEqual(['/', '/hello', '/hello/{name}', '/public', '/todos', '/todos/{id}']);
    const stages = (await apigateway().send(new GetStagesCommand({ restApiId }))).item ?? [];
    expect(stages.map((s) => s.stageName)).toEqual(['api']);
  });

  it('invoke and logs find the deployed function', async () => {
    expect(await chalice(project, ['invoke', '-n', 'api_handler'], { input: '{"ping": 1}' })).toEqual({ code: 0, stdout: '{"ping": 1}\n', stderr: '' });
    const logs = await chalice(project, ['logs']);
    expect(logs.code).toBe(0);
    expect(logs.stderr).toMatch(/^(|Warning: No logs yet for api_handler: log group \/aws\/lambda\/hello-dev does not exist until the function first runs\n)$/);
  });

  it('makes no write call when redeployed unchanged', async () => {
    const { calls } = await recorded(project, ['deploy', '--yes']);
    console.log(`hello no-op redeploy: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(summary(writes(calls))).toBe('');
    expect((await chalice(project, ['url'])).stdout.trim()).toBe(url);
  });

  it('updates only the function code when the code changes', async () => {
    const app = join(project, 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace("return { hello: 'world' };", "return { hello: 'changed world' };"));
    const { calls } = await recorded(project, ['deploy', '--yes']);
    console.log(`hello code change: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(functionsWritten(calls)).toEqual(['hello-dev']);
    expect(writes(calls).every((call) => call.service === 'lambda')).toBe(true);
  });

  it('delete removes everything it created and the state file', async () => {
    const { calls } = await recorded(project, ['delete']);
    console.log(`hello delete: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(added(before, await inventory())).toEqual({});
    expect(existsSync(join(project, '.chalice/deployed/dev.json'))).toBe(false);
    const url = await chalice(project, ['url']);
    expect(url.code).toBe(2);
  });
});

describeDeploy('chalice deploy of an app with every event source', () => {
  const fixture = join(REPO_ROOT, 'test/integration/fixtures/all-events');
  let project: string;
  let before: Inventory;
  let env: Record<string, string>;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  const fnName = (handler: string) => `allevents-dev-${handler}`;
  const fnArn = (handler: string) => arn('lambda', `function:${fnName(handler)}`);
  const queueArn = arn('sqs', 'allevents-queue');
  const topicArn = arn('sns', 'allevents-topic');
  const streamArn = arn('kinesis', 'stream/allevents-stream');
  let tableStreamArn: string;

  beforeAll(async () => {
    const sources = await allEventsSources();
    tableStreamArn = sources.tableStreamArn;
    env = sources.env;
    project = copyProject(fixture);
    before = await inventory();
  });

  afterAll(async () => {
    if (project && existsSync(join(project, '.chalice/deployed/dev.json'))) await chalice(project, ['delete'], { env });
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  const ALL_FUNCTIONS = ['allevents-dev', ...['ec2Changes', 'echo', 'everyFiveMinutes', 'onChange', 'onQueue', 'onRecord', 'onTopic', 'onUpload', 'token_auth', 'weekdays'].map(fnName)].sort();

  it('creates 11 functions, the REST API with its authorizer, rules, subscription, mappings and the bucket notification', async () => {
    const { calls } = await recorded(project, ['deploy', '--yes'], env);
    console.log(`all-events first deploy: ${calls.length} calls, ${writes(calls).length} writes`);
    const now = added(before, await inventory());
    expect(now.functions).toEqual(ALL_FUNCTIONS);
    expect(now.rules).toEqual(['allevents-dev-ec2Changes-event', 'allevents-dev-everyFiveMinutes-event', 'allevents-dev-weekdays-event']);
    expect(now.subscriptions).toEqual([`${topicArn} → ${fnArn('onTopic')}`]);
    expect(now.eventSourceMappings).toEqual([`${queueArn} → ${fnArn('onQueue')}`, `${streamArn} → ${fnArn('onRecord')}`, `${tableStreamArn} → ${fnArn('onChange')}`].sort());
    expect(now.bucketNotifications).toHaveLength(1);

    const events = new EventBridgeClient(sdkConfig());
    for (const handler of ['everyFiveMinutes', 'weekdays', 'ec2Changes']) {
      const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: `allevents-dev-${handler}-event` }))).Targets ?? [];
      expect(targets.map((t) => t.Arn)).toEqual([fnArn(handler)]);
    }
    const mappings = (await lambda().send(new ListEventSourceMappingsCommand({ FunctionName: fnName('onQueue') }))).EventSourceMappings ?? [];
    expect(mappings.map((m) => [m.EventSourceArn, m.BatchSize])).toEqual([[queueArn, 5]]);
    const notification = await new S3Client({ ...sdkConfig(), forcePathStyle: true }).send(new GetBucketNotificationConfigurationCommand({ Bucket: 'allevents-uploads' }));
    expect(notification.QueueConfigurations?.map((q) => q.Id)).toEqual(['keep-me']);
    expect(notification.LambdaFunctionConfigurations?.map((c) => c.LambdaFunctionArn)).toEqual([fnArn('onUpload')]);

    const api = ((await apigateway().send(new GetRestApisCommand({}))).items ?? []).find((item) => item.name === 'allevents');
    const authorizers = (await apigateway().send(new GetAuthorizersCommand({ restApiId: api!.id! }))).items ?? [];
    expect(authorizers.map((a) => a.name)).toEqual(['token_auth']);

    // log_retention_in_days of api_handler (allevents-dev, a prefix of every other group name) and echo.
    expect(await logRetentions('/aws/lambda/allevents-dev')).toMatchObject({ '/aws/lambda/allevents-dev': 7, '/aws/lambda/allevents-dev-echo': 14 });
  });

  it('makes no write call when redeployed unchanged', async () => {
    const { calls } = await recorded(project, ['deploy', '--yes'], env);
    console.log(`all-events no-op redeploy: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(summary(writes(calls))).toBe('');
  });

  it('updates only the function whose settings changed', async () => {
    const config = join(project, '.chalice/config.json');
    const json = JSON.parse(readFileSync(config, 'utf8')) as { stages: { dev: Record<string, unknown> } };
    json.stages.dev.lambda_functions = { echo: { lambda_memory_size: 256 } };
    writeFileSync(config, JSON.stringify(json, null, 2));
    const { calls } = await recorded(project, ['deploy', '--yes'], env);
    expect(functionsWritten(calls)).toEqual([fnName('echo')]);
    expect((await lambda().send(new GetFunctionCommand({ FunctionName: fnName('echo') }))).Configuration?.MemorySize).toBe(256);
  });

  it('updates function code only, and nothing else, when the code changes', async () => {
    const app = join(project, 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace('version: 1', 'version: 2'));
    const { calls } = await recorded(project, ['deploy', '--yes'], env);
    console.log(`all-events code change: ${calls.length} calls, ${writes(calls).length} writes`);
    const written = functionsWritten(calls);
    expect(written).toContain(fnName('echo'));
    // Every function ships the one bundle, so each may get the new code; nothing but code changes.
    expect(written.every((name) => ALL_FUNCTIONS.includes(name))).toBe(true);
    expect(writes(calls).every((call) => call.service === 'lambda' && /\/code$/.test(call.operation))).toBe(true);
  });

  it('removes the resources of handlers removed from the app', async () => {
    const app = join(project, 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace(/\/\/ e2e:remove-start[\s\S]*\/\/ e2e:remove-end\n/, ''));
    await recorded(project, ['deploy', '--yes'], env);
    const now = added(before, await inventory());
    expect(now.functions).toEqual(ALL_FUNCTIONS.filter((name) => name !== fnName('onTopic') && name !== fnName('weekdays')));
    expect(now.rules).toEqual(['allevents-dev-ec2Changes-event', 'allevents-dev-everyFiveMinutes-event']);
    expect(now.subscriptions).toBeUndefined();
    const subscriptions = (await new SNSClient(sdkConfig()).send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions ?? [];
    expect(subscriptions).toEqual([]);
  });

  it('delete removes everything it created, keeping the bucket\'s own notification', async () => {
    const { calls } = await recorded(project, ['delete'], env);
    console.log(`all-events delete: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(added(before, await inventory())).toEqual({});
    const notification = await new S3Client({ ...sdkConfig(), forcePathStyle: true }).send(new GetBucketNotificationConfigurationCommand({ Bucket: 'allevents-uploads' }));
    expect(notification.QueueConfigurations?.map((q) => q.Id)).toEqual(['keep-me']);
    expect(notification.LambdaFunctionConfigurations ?? []).toEqual([]);
    // Log groups hold the user's logs: delete leaves them, with their retention.
    expect(await logRetentions('/aws/lambda/allevents-dev')).toMatchObject({ '/aws/lambda/allevents-dev': 7, '/aws/lambda/allevents-dev-echo': 14 });
  });
});

describeDeploy('a deploy killed (SIGKILL) part-way, or its state file lost', () => {
  let before: Inventory;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = (await allEventsSources()).env;
    before = await inventory();
  });

  /**
   * Starts `chalice deploy` of a fresh copy of the all-events app and kills it once the
   * emulator has seen `afterWrites` write calls; returns the project.
   */
  async function killedDeploy(afterWrites: number): Promise<string> {
    const project = copyProject(join(REPO_ROOT, 'test/integration/fixtures/all-events'));
    await recorder.start();
    const child = spawn(process.execPath, [CHALICE_BIN, '--project-dir', project, 'deploy', '--yes'], {
      cwd: REPO_ROOT,
      env: childEnv({ ...emulatorEnv(endpoint!), AWS_PROFILE: undefined, ...env }),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let seen = 0;
    try {
      while (child.exitCode === null) {
        seen = writes(await readRecording(endpoint!)).length;
        if (seen >= afterWrites) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      child.kill('SIGKILL');
    }
    await exited;
    await recorder.stop();
    expect(seen, 'the deploy ended before it could be killed').toBeGreaterThanOrEqual(afterWrites);
    expect(child.signalCode, 'the deploy finished before the kill').toBe('SIGKILL');
    return project;
  }

  it.each([[3], [12], [24]])('killed after %i writes, a re-run converges with no duplicates and delete leaves nothing', async (afterWrites) => {
    const project = await killedDeploy(afterWrites);
    try {
      const rerun = await chalice(project, ['deploy', '--yes'], { env });
      expect(rerun.code, rerun.stderr).toBe(0);
      const now = added(before, await inventory());
      expect(now.functions).toHaveLength(11);
      expect(now.restApis).toHaveLength(1);
      expect(now.rules).toHaveLength(3);
      expect(now.eventSourceMappings).toHaveLength(3);
      expect(now.subscriptions).toHaveLength(1);
      expect(now.bucketNotifications).toHaveLength(1);
      const redeploy = await recorded(project, ['deploy', '--yes'], env);
      expect(summary(writes(redeploy.calls))).toBe('');
    } finally {
      const deleted = await chalice(project, ['delete'], { env });
      expect(deleted.code, deleted.stderr).toBe(0);
      rmSync(join(project, '..'), { recursive: true, force: true });
    }
    expect(added(before, await inventory())).toEqual({});
  });

  it('a lost state file: the next deploy finds every resource again, with no duplicates and no writes', async () => {
    const project = copyProject(join(REPO_ROOT, 'test/integration/fixtures/all-events'));
    try {
      await recorded(project, ['deploy', '--yes'], env);
      const deployed = added(before, await inventory());
      rmSync(join(project, '.chalice/deployed'), { recursive: true });
      const { calls } = await recorded(project, ['deploy', '--yes'], env);
      expect(added(before, await inventory())).toEqual(deployed);
      expect(summary(writes(calls))).toBe('');
      expect((await chalice(project, ['url'])).code).toBe(0);
    } finally {
      const deleted = await chalice(project, ['delete'], { env });
      expect(deleted.code, deleted.stderr).toBe(0);
      rmSync(join(project, '..'), { recursive: true, force: true });
    }
    expect(added(before, await inventory())).toEqual({});
  });

  it.each([[6], [20]])('killed after %i writes, delete alone leaves nothing', async (afterWrites) => {
    const project = await killedDeploy(afterWrites);
    try {
      const deleted = await chalice(project, ['delete'], { env });
      expect(deleted.code, deleted.stderr).toBe(0);
    } finally {
      rmSync(join(project, '..'), { recursive: true, force: true });
    }
    expect(added(before, await inventory())).toEqual({});
  });
});
