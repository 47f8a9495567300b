/**
 * Function URLs against the in-memory AWS: created with their public permissions and recorded,
 * a no-op redeploy writes nothing, a changed setting updates in place, a removed function_url
 * is deleted with its permissions, a URL made by a killed deploy is adopted, and delete leaves
 * nothing. (Crash safety at every write covers them through the `function-urls` fixture too.)
 */
import { describe, expect, it } from 'vitest';
import type { AppGraph, Resource } from '../../../src/graph/index.js';
import { countWrites } from '../../../src/deploy/instructions.js';
import { planToText } from '../../../src/deploy/plan-text.js';
import { deployedFunctionUrls, functionUrlLines } from '../../../src/deploy/function-urls/records.js';
import { fixtureInputs, harness, inputsOf } from './deploy-helpers.js';

function mapResources(graph: AppGraph, change: (r: Resource) => Resource | undefined): AppGraph {
  return { ...graph, resources: graph.resources.flatMap((r) => change(r) ?? []) };
}

/** The graph without any function URL (as when `function_url` is removed from the config). */
const withoutUrls = (graph: AppGraph): AppGraph =>
  mapResources(graph, (r) => (r.kind === 'function-url' || (r.kind === 'lambda-permission' && r.source.kind === 'function-url') ? undefined : r));

describe('function URL deploy', () => {
  it('creates both URLs and the two public statements of the NONE one, records and prints them', async () => {
    const h = harness();
    const result = await h.deploy(await fixtureInputs('function-urls'));
    const urls = deployedFunctionUrls(result.state);
    expect(urls.map((u) => [u.function, u.functionName, u.authType])).toEqual([
      ['api_handler', 'urls-dev', 'NONE'],
      ['worker', 'urls-dev-worker', 'AWS_IAM'],
    ]);
    for (const u of urls) expect(u.url).toMatch(/^https:\/\/url\d{6}\.lambda-url\.us-west-2\.on\.aws\/$/);
    expect(functionUrlLines(result.state)).toEqual(urls.map((u) => `Function URL (${u.function}): ${u.url}`));
    const apiHandler = h.client.functions.get('urls-dev')!;
    expect(apiHandler.policy.filter((s) => s.principal === '*')).toEqual([
      { sid: 'chalice-ts-api_handler_function_url_public', principal: '*', action: 'lambda:InvokeFunctionUrl', functionUrlAuthType: 'NONE' },
      { sid: 'chalice-ts-api_handler_function_url_invoke', principal: '*', action: 'lambda:InvokeFunction', invokedViaFunctionUrl: true },
    ]);
    expect(h.client.functions.get('urls-dev-worker')!.policy).toEqual([]);
    expect(h.client.functionUrls.get('urls-dev')).toMatchObject({
      authType: 'NONE',
      invokeMode: 'BUFFERED',
      cors: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PUT'], maxAge: 300, allowCredentials: true },
    });
  });

  it('a redeploy without change plans nothing', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    await h.deploy(inputs);
    expect(await h.plan(inputs)).toEqual([]);
  });

  it('a changed setting updates the URL in place (same address), then nothing changes', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    await h.deploy(inputs);
    const before = h.client.functionUrls.get('urls-dev-worker')!.functionUrl;
    const changed = inputsOf(mapResources(inputs.graph, (r) => (r.kind === 'function-url' && r.resourceName === 'worker_function_url' ? { ...r, invokeMode: 'RESPONSE_STREAM' } : r)));
    const plan = await h.plan(changed);
    expect(planToText(plan)).toContain('Updating the function URL of urls-dev-worker (invoke mode)');
    expect(countWrites(plan)).toBe(1);
    await h.deploy(changed);
    expect(h.client.functionUrls.get('urls-dev-worker')).toMatchObject({ functionUrl: before, invokeMode: 'RESPONSE_STREAM' });
    expect(await h.plan(changed)).toEqual([]);
  });

  it('switching NONE to AWS_IAM updates the URL and removes the public statements', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    await h.deploy(inputs);
    const iam = inputsOf(
      mapResources(inputs.graph, (r) => {
        if (r.kind === 'function-url' && r.resourceName === 'api_handler_function_url') return { ...r, authType: 'AWS_IAM' };
        if (r.kind === 'lambda-permission' && r.source.kind === 'function-url') return undefined;
        return r;
      }),
    );
    const plan = await h.plan(iam);
    expect(plan.map((i) => i.kind)).toEqual(['update-function-url-config', 'remove-permission', 'remove-permission']);
    await h.deploy(iam);
    expect(h.client.functions.get('urls-dev')!.policy.filter((s) => s.principal === '*')).toEqual([]);
    expect(await h.plan(iam)).toEqual([]);
  });

  it('removing function_url deletes the URLs and their statements', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    await h.deploy(inputs);
    const removed = inputsOf(withoutUrls(inputs.graph));
    const plan = await h.plan(removed);
    expect(plan.map((i) => i.kind).sort()).toEqual(['delete-function-url-config', 'delete-function-url-config', 'remove-permission', 'remove-permission']);
    await h.deploy(removed);
    expect(h.client.functionUrls.size).toBe(0);
    expect(h.client.functions.get('urls-dev')!.policy.filter((s) => s.principal === '*')).toEqual([]);
    expect(deployedFunctionUrls(h.store.read()!)).toEqual([]);
  });

  it('a public statement changed by hand is put back', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    await h.deploy(inputs);
    const policy = h.client.functions.get('urls-dev')!.policy;
    const index = policy.findIndex((s) => s.sid === 'chalice-ts-api_handler_function_url_invoke');
    policy[index] = { sid: policy[index]!.sid, principal: '*', action: 'lambda:InvokeFunction' }; // no InvokedViaFunctionUrl condition
    expect((await h.plan(inputs)).map((i) => i.kind)).toEqual(['remove-permission', 'add-function-url-permission']);
  });

  it('a lost state file: the URLs are adopted, nothing is created twice', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    await h.deploy(inputs);
    const urls = [...h.client.functionUrls.values()].map((u) => u.functionUrl);
    const fresh = harness(h.client);
    const plan = await fresh.plan(inputs);
    expect(countWrites(plan)).toBe(0);
    await fresh.deploy(inputs);
    expect(deployedFunctionUrls(fresh.store.read()!).map((u) => u.url).sort()).toEqual(urls.sort());
  });

  it('a function with provisioned concurrency has its URL and public statements on the live alias; a redeploy plans nothing', async () => {
    const h = harness();
    const inputs = await fixtureInputs('function-urls');
    const provisioned = inputsOf(mapResources(inputs.graph, (r) => (r.kind === 'lambda-function' && r.resourceName === 'api_handler' ? { ...r, provisionedConcurrency: 2 } : r)));
    const result = await h.deploy(provisioned);
    expect(deployedFunctionUrls(result.state).map((u) => u.functionName)).toEqual(['urls-dev:live', 'urls-dev-worker']);
    expect(h.client.functionUrls.has('urls-dev:live')).toBe(true);
    expect(h.client.functionUrls.has('urls-dev')).toBe(false);
    expect(await h.plan(provisioned)).toEqual([]);
    expect(await h.delete()).toBe(true);
    expect(h.client.isEmpty()).toBe(true);
    expect(h.client.functionUrls.size).toBe(0);
  });

  it('delete removes everything', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('function-urls'));
    expect(await h.delete()).toBe(true);
    expect(h.client.isEmpty()).toBe(true);
    expect(h.client.functionUrls.size).toBe(0);
  });
});
