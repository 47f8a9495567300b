/**
 * Property: where AWS ends up depends only on the app, not on its history. For any two
 * versions of the all-events app (functions removed, settings and code changed at random,
 * provisioned concurrency and async invocation settings added and removed, the custom-bus rule
 * moved between buses),
 * deploying one and then the other leaves exactly what deploying the second alone leaves,
 * and a further deploy makes no write.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppGraph, LambdaFunctionResource, Resource } from '../../../src/graph/index.js';
import type { DeployInputs } from '../../../src/deploy/deployer.js';
import { fixtureInputs, harness } from './deploy-helpers.js';

const REMOVABLE = ['worker', 'vpc-worker', 'items_onItem', 'everyFive', 'weekdays', 'ec2Changes', 'onOrder', 'onUpload', 'onRemove', 'onTopic', 'on_other_topic', 'jobs', 'onRecord', 'onChange'];
/** Functions whose triggers move to the `live` alias with provisioned concurrency. */
const PROVISIONABLE = [...REMOVABLE, 'api_handler', 'token_auth', 'websocket_message'];

interface Version {
  readonly removed: readonly string[];
  readonly memory: Readonly<Record<string, number>>;
  readonly code: number;
  readonly withRoutes: boolean;
  /** ws-domains: the websocket API (its handlers, permissions, custom domain) kept or removed. */
  readonly withWebsocket: boolean;
  readonly provisioned: Readonly<Record<string, number>>;
  readonly retries: Readonly<Record<string, number>>;
  /** The bus of the onOrder rule (undefined: the default bus). */
  readonly bus: string | undefined;
}

const version: fc.Arbitrary<Version> = fc.record({
  removed: fc.subarray(REMOVABLE),
  memory: fc.dictionary(fc.constantFrom(...REMOVABLE), fc.constantFrom(128, 256, 512)),
  code: fc.integer({ min: 0, max: 2 }),
  withRoutes: fc.boolean(),
  withWebsocket: fc.boolean(),
  provisioned: fc.dictionary(fc.constantFrom(...PROVISIONABLE), fc.integer({ min: 1, max: 3 })),
  retries: fc.dictionary(fc.constantFrom(...REMOVABLE), fc.integer({ min: 0, max: 2 })),
  bus: fc.constantFrom(undefined, 'orders', 'arn:aws:events:us-west-2:123456789012:event-bus/billing'),
});

/** A function with the version's provisioned concurrency and async settings (absent ones removed). */
function withExtras(fn: LambdaFunctionResource, v: Version): LambdaFunctionResource {
  const { provisionedConcurrency: _pc, asyncInvocation: _async, ...rest } = fn;
  const pc = v.provisioned[fn.resourceName];
  const retries = v.retries[fn.resourceName];
  return { ...rest, ...(pc === undefined ? {} : { provisionedConcurrency: pc }), ...(retries === undefined ? {} : { asyncInvocation: { maximumRetryAttempts: retries } }) };
}

function apply(base: DeployInputs, v: Version): DeployInputs {
  const gone = new Set(v.removed);
  if (!v.withRoutes) gone.add('api_handler').add('token_auth').add('items_auth');
  if (!v.withWebsocket) gone.add('websocket_connect').add('websocket_message').add('websocket_disconnect');
  // An API's custom domain and mapping go with the API.
  const apiGone = (r: Resource): boolean =>
    (r.kind === 'rest-api' && !v.withRoutes) ||
    (r.kind === 'websocket-api' && !v.withWebsocket) ||
    ((r.kind === 'domain-name' || r.kind === 'api-mapping') && (r.resourceName.startsWith('api_gateway') ? !v.withRoutes : !v.withWebsocket));
  const pointsAtGone = (r: Resource): boolean => 'function' in r && gone.has((r as { function: { name: string } }).function.name);
  const resources = base.graph.resources
    .filter((r) => !(r.kind === 'lambda-function' && gone.has(r.resourceName)) && !pointsAtGone(r) && !apiGone(r))
    .map((r) => (r.kind === 'lambda-function' && v.memory[r.resourceName] !== undefined ? { ...r, memorySize: v.memory[r.resourceName]! } : r))
    .map((r) => (r.kind === 'lambda-function' ? withExtras(r, v) : r))
    .map((r) => {
      if (r.kind !== 'event-rule' || r.resourceName !== 'onOrder-event') return r;
      const { eventBus: _bus, ...rest } = r;
      return v.bus === undefined ? rest : { ...rest, eventBus: v.bus };
    });
  const graph: AppGraph = { ...base.graph, resources };
  return { ...base, graph, deploymentZip: new TextEncoder().encode(`code v${v.code}`) };
}

describe('deploy convergence', () => {
  it('ends in the same AWS state whatever was deployed before', async () => {
    const base = await fixtureInputs('full');
    await fc.assert(
      fc.asyncProperty(version, version, async (first, second) => {
        const direct = harness();
        await direct.deploy(apply(base, second));
        const viaFirst = harness();
        await viaFirst.deploy(apply(base, first));
        await viaFirst.deploy(apply(base, second));
        expect(viaFirst.client.dump()).toEqual(direct.client.dump());
        viaFirst.client.resetCalls();
        await viaFirst.deploy(apply(base, second));
        expect(viaFirst.client.writes).toEqual([]);
        await viaFirst.delete();
        expect(viaFirst.client.isEmpty()).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
