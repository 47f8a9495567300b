/**
 * Deploy, redeploy and delete of an arm64 app with provisioned concurrency, asynchronous
 * invocation settings and a rule on a custom EventBridge bus, end to end against the AWS API
 * emulator: what exists is read back with Lambda and EventBridge calls; the emulator's recorder
 * counts writes.
 *
 * The emulator (moto 5.2.2) has no provisioned-concurrency API (Get/Put/Delete
 * ProvisionedConcurrencyConfig answer 404), so the deployer runs in this process with its real
 * SDK client, except for those three calls, which a stand-in answers from memory (a config
 * lives as long as its alias, as in Lambda). Everything else — versions, the alias, event
 * invoke configs, rules, targets and permissions on the custom bus — goes to the emulator.
 * The unit tests cover provisioned concurrency itself with the fake.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient, GetIntegrationCommand, GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { CreateEventBusCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetAliasCommand, GetFunctionConfigurationCommand, GetFunctionEventInvokeConfigCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AwsClient } from '../../src/deploy/aws/aws-client.js';
import { createSdkAwsClient } from '../../src/deploy/aws/sdk-client.js';
import { resolveAwsSession } from '../../src/deploy/aws/session.js';
import { buildDeployInputs, fileStateStore } from '../../src/deploy/deploy-project.js';
import { createDeletionDeployer, createDeployer } from '../../src/deploy/deployer.js';
import { REPO_ROOT } from '../functional/local/chalice-process.js';
import { ACCOUNT, REGION, describeWithEmulator, recorder, sdkConfig, writes } from './aws-helpers.js';

const TARGET = { region: REGION, accountId: ACCOUNT, partition: 'aws' };
const lambda = () => new LambdaClient(sdkConfig());
const events = () => new EventBridgeClient(sdkConfig());
const apigateway = () => new APIGatewayClient(sdkConfig());
const FUNCTIONS = ['settings-dev', 'settings-dev-onOrder'];

/** The three provisioned-concurrency calls the emulator lacks, answered from memory; every other call goes to the emulator. */
function withProvisionedConcurrencyStandIn(base: AwsClient & { destroy(): void }, configs: Map<string, number>, standInWrites: string[]): AwsClient & { destroy(): void } {
  const client = Object.create(base) as AwsClient & { destroy(): void };
  return Object.assign(client, {
    async getProvisionedConcurrency(functionName: string, qualifier: string) {
      const key = `${functionName}:${qualifier}`;
      if ((await base.getAlias(functionName, qualifier)) === undefined) configs.delete(key);
      return configs.get(key);
    },
    async putProvisionedConcurrency(functionName: string, qualifier: string, executions: number) {
      standInWrites.push(`PutProvisionedConcurrencyConfig ${functionName}:${qualifier}`);
      configs.set(`${functionName}:${qualifier}`, executions);
    },
    async deleteProvisionedConcurrency(functionName: string, qualifier: string) {
      standInWrites.push(`DeleteProvisionedConcurrencyConfig ${functionName}:${qualifier}`);
      configs.delete(`${functionName}:${qualifier}`);
    },
  });
}

async function missing(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return true;
    throw error;
  }
}

describeWithEmulator('deploy of provisioned concurrency, async invocation settings and a custom event bus (arm64)', () => {
  let project: string;
  const provisioned = new Map<string, number>();
  const standInWrites: string[] = [];

  async function run(command: 'deploy' | 'delete'): Promise<void> {
    const session = await resolveAwsSession({ region: REGION });
    const client = withProvisionedConcurrencyStandIn(createSdkAwsClient(session, 'aws'), provisioned, standInWrites);
    const options = { client, target: TARGET, store: fileStateStore(project, 'dev'), onMessage: () => undefined, sleep: async () => undefined };
    try {
      if (command === 'deploy') {
        const { inputs } = await buildDeployInputs(project, 'dev', () => undefined);
        await createDeployer({ ...options, confirm: async () => true }).deploy(inputs);
      } else {
        await createDeletionDeployer(options).delete();
      }
    } finally {
      client.destroy();
    }
  }

  beforeAll(async () => {
    // The bus and the failure queue exist before the app (chalice-ts does not create them).
    await events().send(new CreateEventBusCommand({ Name: 'orders' }));
    await new SQSClient(sdkConfig()).send(new CreateQueueCommand({ QueueName: 'settings-failed' }));
    project = join(mkdtempSync(join(tmpdir(), 'chalice-e2e-')), 'project');
    cpSync(join(REPO_ROOT, 'test/integration/fixtures/platform-settings'), project, { recursive: true });
  });

  afterAll(() => {
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('deploys arm64 functions, each provisioned one behind a live alias that its triggers invoke', async () => {
    await run('deploy');
    for (const name of FUNCTIONS) {
      const latest = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect(latest.Architectures, name).toEqual(['arm64']);
      const alias = await lambda().send(new GetAliasCommand({ FunctionName: name, Name: 'live' }));
      expect(alias.Description, name).toMatch(/^chalice-ts sha256:[0-9a-f]{64}$/);
      // The alias's version holds the deployed code.
      const version = await lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: alias.FunctionVersion }));
      expect(version.Version, name).toBe(alias.FunctionVersion);
      expect(version.CodeSha256, name).toBe(latest.CodeSha256);
    }
    // GetProvisionedConcurrencyConfig: not in the emulator (see the top of this file); the stand-in saw the puts.
    expect(Object.fromEntries(provisioned)).toEqual({ 'settings-dev:live': 1, 'settings-dev-onOrder:live': 2 });

    const invokeConfig = await lambda().send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'settings-dev-onOrder', Qualifier: 'live' }));
    expect(invokeConfig).toMatchObject({
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 300,
      DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:settings-failed` } },
    });

    const rules = (await events().send(new ListRulesCommand({ EventBusName: 'orders' }))).Rules ?? [];
    expect(rules.map((r) => [r.Name, r.Arn, JSON.parse(r.EventPattern ?? '{}')])).toEqual([
      ['settings-dev-onOrder-event', `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/settings-dev-onOrder-event`, { source: ['shop.orders'] }],
    ]);
    expect((await events().send(new ListRulesCommand({}))).Rules?.map((r) => r.Name) ?? []).not.toContain('settings-dev-onOrder-event');
    const targets = (await events().send(new ListTargetsByRuleCommand({ Rule: 'settings-dev-onOrder-event', EventBusName: 'orders' }))).Targets ?? [];
    expect(targets.map((t) => [t.Id, t.Arn])).toEqual([['chalice-ts', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:settings-dev-onOrder:live`]]);

    // The permissions are in the aliases' policies, for the rule on the custom bus and for the API.
    const policy = async (name: string) => JSON.stringify(JSON.parse((await lambda().send(new GetPolicyCommand({ FunctionName: name, Qualifier: 'live' }))).Policy!).Statement);
    expect(await policy('settings-dev-onOrder')).toContain(`arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/settings-dev-onOrder-event`);
    expect(await policy('settings-dev')).toContain('apigateway.amazonaws.com');
    // The REST API's integration invokes the alias.
    const state = JSON.parse(readFileSync(join(project, '.chalice/deployed/dev.json'), 'utf8')) as { resources: { resourceType: string; restApiId?: string }[] };
    const restApiId = state.resources.find((r) => r.resourceType === 'rest_api')!.restApiId!;
    const root = ((await apigateway().send(new GetResourcesCommand({ restApiId }))).items ?? []).find((r) => r.path === '/')!;
    const integration = await apigateway().send(new GetIntegrationCommand({ restApiId, resourceId: root.id!, httpMethod: 'GET' }));
    expect(integration.uri).toBe(`arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:settings-dev:live/invocations`);
  });

  it('makes no write call when redeployed unchanged', async () => {
    standInWrites.length = 0;
    await recorder.start();
    await run('deploy');
    const calls = await recorder.stop();
    console.log(`platform settings no-op redeploy: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(writes(calls).map((c) => `${c.service} ${c.operation}`)).toEqual([]);
    expect(standInWrites).toEqual([]);
  });

  it('deletes everything, leaving the bus without rules', async () => {
    await run('delete');
    for (const name of FUNCTIONS) expect(await missing(() => lambda().send(new GetFunctionConfigurationCommand({ FunctionName: name }))), name).toBe(true);
    expect((await events().send(new ListRulesCommand({ EventBusName: 'orders' }))).Rules ?? []).toEqual([]);
    // The aliases (and with them their provisioned concurrency) went with their functions.
    for (const name of FUNCTIONS) expect(await missing(() => lambda().send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))), name).toBe(true);
    expect(existsSync(join(project, '.chalice/deployed/dev.json'))).toBe(false);
  });
});
