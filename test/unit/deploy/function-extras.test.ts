/**
 * Provisioned concurrency, asynchronous invocation settings and rules on a custom event bus,
 * deployed to the in-memory AWS: what exists afterwards (the `live` alias at a version holding
 * the deployed code, every trigger invoking the alias), what a redeploy writes (nothing, or only
 * what changed), and what removing a setting takes away.
 */
import { describe, expect, it } from 'vitest';
import type { AppGraph, LambdaFunctionResource } from '../../../src/graph/index.js';
import { deployedInvokeName } from '../../../src/deploy/function-extras/names.js';
import { fixtureInputs, harness, inputsOf, ZIP_V2 } from './deploy-helpers.js';

const ACCOUNT = 'arn:aws:lambda:us-west-2:123456789012:function';

function withFunction(graph: AppGraph, name: string, change: (fn: LambdaFunctionResource) => LambdaFunctionResource): AppGraph {
  return { ...graph, resources: graph.resources.map((r) => (r.kind === 'lambda-function' && r.resourceName === name ? change(r) : r)) };
}

function without<K extends keyof LambdaFunctionResource>(key: K): (fn: LambdaFunctionResource) => LambdaFunctionResource {
  return (fn) => {
    const copy = { ...fn };
    delete copy[key];
    return copy;
  };
}

/** The prod stage of the full fixture: provisioned concurrency on the API handler, an authorizer, an SQS handler and a rule on the `orders` bus. */
const prod = () => fixtureInputs('full', 'prod');

describe('provisioned concurrency', () => {
  it('publishes a version, points the live alias at it and provisions the alias', async () => {
    const h = harness();
    await h.deploy(await prod());
    const extras = h.client.functionExtras.get('full-prod')!;
    const alias = extras.aliases.get('live')!;
    expect(alias.provisioned).toBe(5);
    // The version holds what $LATEST holds: the deployed code and settings.
    const fn = h.client.functions.get('full-prod')!;
    expect(extras.versions.get(alias.version)).toBe(JSON.stringify({ code: fn.codeSha256, settings: fn.settings }));
    expect(h.client.functionExtras.get('full-prod-jobs')!.aliases.get('live')!.provisioned).toBe(2);
    // The progress names the version published in this deploy.
    expect(h.messages.map((m) => ('text' in m ? m.text : ''))).toContain(`Creating alias live of function full-prod at version ${alias.version}`);
    // Functions without the setting have no alias.
    expect(h.client.functionExtras.get('full-prod-weekdays')?.aliases.size ?? 0).toBe(0);
  });

  it('points every trigger of such a function at its alias, with the permission in the alias policy', async () => {
    const h = harness();
    await h.deploy(await prod());
    const [api] = [...h.client.apis.values()];
    expect(api!.document).toContain(`functions/${ACCOUNT}:full-prod:live/invocations`);
    expect(api!.document).toContain(`functions/${ACCOUNT}:full-prod-token_auth:live/invocations`);
    expect(api!.document).not.toContain(`functions/${ACCOUNT}:full-prod/invocations`);
    expect(h.client.functionExtras.get('full-prod')!.aliases.get('live')!.policy.map((s) => s.principal)).toEqual(['apigateway.amazonaws.com']);
    expect(h.client.functions.get('full-prod')!.policy).toEqual([]);
    const mapping = [...h.client.mappings.values()].find((m) => m.eventSourceArn.endsWith(':jobs'))!;
    expect(mapping.functionArn).toBe(`${ACCOUNT}:full-prod-jobs:live`);
    expect(h.client.rules.get('orders/full-prod-onOrder-event')!.targets).toEqual([{ id: 'chalice-ts', arn: `${ACCOUNT}:full-prod-onOrder:live` }]);
    // A function without provisioned concurrency is still invoked as itself.
    expect(h.client.rules.get('full-prod-weekdays-event')!.targets).toEqual([{ id: 'chalice-ts', arn: `${ACCOUNT}:full-prod-weekdays` }]);
  });

  it('points SNS subscriptions, S3 notifications and websocket integrations at the alias too', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full', 'dev');
    let graph = inputs.graph;
    for (const name of ['onTopic', 'onUpload', 'websocket_message']) graph = withFunction(graph, name, (fn) => ({ ...fn, provisionedConcurrency: 1 }));
    await h.deploy(inputsOf(graph));
    expect([...h.client.subscriptions.values()].find((s) => s.topicArn.endsWith(':full-topic'))!.endpoint).toBe(`${ACCOUNT}:full-dev-onTopic:live`);
    expect(h.client.buckets.get('full-uploads')!.lambda.find((n) => n.id.endsWith('onUpload-s3event'))!.functionArn).toBe(`${ACCOUNT}:full-dev-onUpload:live`);
    const [api] = h.client.websocketApis.values();
    expect([...api!.integrations.values()]).toContain(`arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/${ACCOUNT}:full-dev-websocket_message:live/invocations`);
    for (const name of ['onTopic', 'onUpload']) {
      expect(h.client.functionExtras.get(`full-dev-${name}`)!.aliases.get('live')!.policy, name).toHaveLength(1);
      expect(h.client.functions.get(`full-dev-${name}`)!.policy, name).toEqual([]);
    }
    // Taking the setting away again leaves one subscription, at the function.
    await h.deploy(inputs);
    expect([...h.client.subscriptions.values()].filter((s) => s.topicArn.endsWith(':full-topic')).map((s) => s.endpoint)).toEqual([`${ACCOUNT}:full-dev-onTopic`]);
    h.client.resetCalls();
    await h.deploy(inputs);
    expect(h.client.writes).toEqual([]);
  });

  it('makes `chalice invoke` call the alias of a provisioned function, recorded in the state', async () => {
    const h = harness();
    await h.deploy(await prod());
    const state = h.store.read()!;
    expect(deployedInvokeName(state, 'full-prod')).toBe('full-prod:live');
    expect(deployedInvokeName(state, 'full-prod-weekdays')).toBe('full-prod-weekdays');
  });

  it('integrates an HTTP API with the alias of its handler and of its authorizer, with the permissions in the alias policies', async () => {
    const h = harness();
    const inputs = await fixtureInputs('http-api');
    let graph = inputs.graph;
    for (const name of ['api_handler', 'tokens']) graph = withFunction(graph, name, (fn) => ({ ...fn, provisionedConcurrency: 1 }));
    await h.deploy(inputsOf(graph));
    const [[, api]] = [...h.client.httpApis.apis];
    expect([...api!.integrations.values()].map((i) => i.integrationUri)).toEqual([`${ACCOUNT}:httpapi-dev:live`]);
    const tokens = [...api!.authorizers.values()].find((a) => a.name === 'tokens')!;
    expect(tokens.authorizerType === 'REQUEST' ? tokens.authorizerUri : undefined).toBe(
      `arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/${ACCOUNT}:httpapi-dev-tokens:live/invocations`,
    );
    for (const fn of ['httpapi-dev', 'httpapi-dev-tokens']) {
      expect(h.client.functionExtras.get(fn)!.aliases.get('live')!.policy.map((p) => p.principal), fn).toEqual(['apigateway.amazonaws.com']);
      expect(h.client.functions.get(fn)!.policy, fn).toEqual([]);
    }
    h.client.resetCalls();
    await h.deploy(inputsOf(graph));
    expect(h.client.writes).toEqual([]);
  });

  it('makes zero writes when redeployed unchanged', async () => {
    const h = harness();
    await h.deploy(await prod());
    h.client.resetCalls();
    await h.deploy(await prod());
    expect(h.client.writes).toEqual([]);
  });

  it('publishes again and moves the alias when the code changed, without touching the provisioned concurrency', async () => {
    const h = harness();
    await h.deploy(await prod());
    const before = h.client.functionExtras.get('full-prod')!.aliases.get('live')!.version;
    h.client.resetCalls();
    await h.deploy(await fixtureInputs('full', 'prod', ZIP_V2));
    const methods = new Set(h.client.writes.map((c) => c.method));
    expect(methods).toEqual(new Set(['updateFunctionCode', 'publishVersion', 'updateAlias']));
    expect(h.client.writes.filter((c) => c.method === 'updateAlias').map((c) => c.args[0]).sort()).toEqual(['full-prod', 'full-prod-jobs', 'full-prod-onOrder', 'full-prod-token_auth']);
    const alias = h.client.functionExtras.get('full-prod')!.aliases.get('live')!;
    expect(alias.version).not.toBe(before);
    expect(alias.provisioned).toBe(5);
  });

  it('publishes after a settings change too, and changes a count with one call', async () => {
    const h = harness();
    const inputs = await prod();
    await h.deploy(inputs);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunction(inputs.graph, 'jobs', (fn) => ({ ...fn, memorySize: 512 }))));
    expect(h.client.writes.map((c) => c.method)).toEqual(['updateFunctionConfiguration', 'publishVersion', 'updateAlias']);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunction(inputs.graph, 'jobs', (fn) => ({ ...fn, memorySize: 512, provisionedConcurrency: 7 }))));
    expect(h.client.writes.map((c) => [c.method, ...c.args])).toEqual([['putProvisionedConcurrency', 'full-prod-jobs', 'live', 7]]);
  });

  it('publishes nothing for a change Lambda does not version (reserved concurrency, tags)', async () => {
    const h = harness();
    const inputs = await prod();
    await h.deploy(inputs);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunction(inputs.graph, 'api_handler', (fn) => ({ ...fn, reservedConcurrency: 50, tags: { ...fn.tags, team: 'api' } }))));
    expect(h.client.writes.map((c) => c.method).sort()).toEqual(['putFunctionConcurrency', 'tagResource']);
  });

  it('points the triggers back at the function, then deletes the provisioned concurrency and the alias, when the setting is removed', async () => {
    const h = harness();
    const inputs = await prod();
    await h.deploy(inputs);
    let graph = inputs.graph;
    for (const name of ['api_handler', 'token_auth', 'jobs', 'onOrder']) graph = withFunction(graph, name, without('provisionedConcurrency'));
    await h.deploy(inputsOf(graph));
    for (const fn of ['full-prod', 'full-prod-token_auth', 'full-prod-jobs', 'full-prod-onOrder']) expect(h.client.functionExtras.get(fn)?.aliases.size ?? 0).toBe(0);
    expect([...h.client.apis.values()][0]!.document).not.toContain(':live/');
    expect([...h.client.mappings.values()].find((m) => m.eventSourceArn.endsWith(':jobs'))!.functionArn).toBe(`${ACCOUNT}:full-prod-jobs`);
    expect([...h.client.mappings.values()].filter((m) => m.eventSourceArn.endsWith(':jobs'))).toHaveLength(1);
    expect(h.client.rules.get('orders/full-prod-onOrder-event')!.targets[0]!.arn).toBe(`${ACCOUNT}:full-prod-onOrder`);
    expect(h.client.functions.get('full-prod-onOrder')!.policy.map((s) => s.sid)).toEqual(['chalice-ts-onOrder-event']);
    // The event invoke config followed the function from the alias to $LATEST.
    expect([...h.client.functionExtras.get('full-prod-onOrder')!.eventInvokeConfigs.keys()]).toEqual(['$LATEST']);
    const state = h.store.read()!;
    expect(state.resources.filter((r) => r.resourceType === 'lambda_alias')).toEqual([]);
    h.client.resetCalls();
    await h.deploy(inputsOf(graph));
    expect(h.client.writes).toEqual([]);
  });

  it('adds the alias to functions already deployed without it, moving their triggers over', async () => {
    const h = harness();
    const inputs = await prod();
    let graph = inputs.graph;
    for (const name of ['api_handler', 'token_auth', 'jobs', 'onOrder']) graph = withFunction(graph, name, without('provisionedConcurrency'));
    await h.deploy(inputsOf(graph));
    await h.deploy(inputs);
    const fresh = harness();
    await fresh.deploy(inputs);
    expect(h.client.dump()).toEqual(fresh.client.dump());
  });
});

describe('asynchronous invocation settings', () => {
  it('puts the event invoke config on what triggers invoke, with defaults filled in', async () => {
    const h = harness();
    await h.deploy(await prod());
    expect(Object.fromEntries(h.client.functionExtras.get('full-prod-worker')!.eventInvokeConfigs)).toEqual({
      $LATEST: {
        maximumRetryAttempts: 1,
        maximumEventAgeInSeconds: 21600,
        onFailure: 'arn:aws:sqs:us-west-2:123456789012:worker-failed',
        onSuccess: 'arn:aws:events:us-west-2:123456789012:event-bus/orders',
      },
    });
    expect(Object.fromEntries(h.client.functionExtras.get('full-prod-onOrder')!.eventInvokeConfigs)).toEqual({
      live: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600, onSuccess: 'arn:aws:lambda:us-west-2:123456789012:function:audit' },
    });
  });

  it('puts it again when a key changes or is removed, and deletes it when the setting is removed', async () => {
    const h = harness();
    const inputs = await prod();
    await h.deploy(inputs);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunction(inputs.graph, 'worker', (fn) => ({ ...fn, asyncInvocation: { onFailure: fn.asyncInvocation!.onFailure! } }))));
    expect(h.client.writes.map((c) => c.method)).toEqual(['putEventInvokeConfig']);
    expect(h.client.functionExtras.get('full-prod-worker')!.eventInvokeConfigs.get('$LATEST')).toEqual({
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21600,
      onFailure: 'arn:aws:sqs:us-west-2:123456789012:worker-failed',
    });
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunction(inputs.graph, 'worker', without('asyncInvocation'))));
    expect(h.client.writes.map((c) => [c.method, c.args[0]])).toEqual([['deleteEventInvokeConfig', 'full-prod-worker']]);
    expect(h.client.functionExtras.get('full-prod-worker')!.eventInvokeConfigs.size).toBe(0);
  });
});

describe('rules on a custom event bus', () => {
  it('puts the rule and its target on the bus, and lets the rule ARN on that bus invoke', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('full', 'dev'));
    expect(h.client.rules.get('orders/full-dev-onOrder-event')!.settings).toMatchObject({ eventBusName: 'orders' });
    expect(h.client.rules.has('full-dev-onOrder-event')).toBe(false);
    expect(h.client.functions.get('full-dev-onOrder')!.policy).toEqual([
      { sid: 'chalice-ts-onOrder-event', principal: 'events.amazonaws.com', sourceArn: 'arn:aws:events:us-west-2:123456789012:rule/orders/full-dev-onOrder-event' },
    ]);
  });

  it('moves the rule when the bus changes: the new one is put, the old one deleted', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full', 'dev');
    await h.deploy(inputs);
    const moved: AppGraph = { ...inputs.graph, resources: inputs.graph.resources.map((r) => (r.kind === 'event-rule' && r.resourceName === 'onOrder-event' ? { ...r, eventBus: 'arn:aws:events:us-west-2:123456789012:event-bus/billing' } : r)) };
    await h.deploy(inputsOf(moved));
    expect([...h.client.rules.keys()].filter((k) => k.includes('onOrder'))).toEqual(['billing/full-dev-onOrder-event']);
    expect(h.client.functions.get('full-dev-onOrder')!.policy[0]!.sourceArn).toBe('arn:aws:events:us-west-2:123456789012:rule/billing/full-dev-onOrder-event');
    h.client.resetCalls();
    await h.deploy(inputsOf(moved));
    expect(h.client.writes).toEqual([]);
  });
});

describe('delete', () => {
  it('leaves nothing of an app with these settings', async () => {
    const h = harness();
    await h.deploy(await prod());
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
    expect(h.client.functionExtras.size).toBe(0);
  });
});
