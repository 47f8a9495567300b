/**
 * Property: where AWS ends up depends only on the app, not on its history. For any two
 * versions of the all-events app (functions removed, settings and code changed at random),
 * deploying one and then the other leaves exactly what deploying the second alone leaves,
 * and a further deploy makes no write.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppGraph, Resource } from '../../../src/graph/index.js';
import type { DeployInputs } from '../../../src/deploy/deployer.js';
import { fixtureInputs, harness } from './deploy-helpers.js';

const REMOVABLE = ['worker', 'vpc-worker', 'items_onItem', 'everyFive', 'weekdays', 'ec2Changes', 'onUpload', 'onRemove', 'onTopic', 'on_other_topic', 'jobs', 'onRecord', 'onChange'];

interface Version {
  readonly removed: readonly string[];
  readonly memory: Readonly<Record<string, number>>;
  readonly code: number;
  readonly withRoutes: boolean;
  /** ws-domains: the websocket API (its handlers, permissions, custom domain) kept or removed. */
  readonly withWebsocket: boolean;
}

const version: fc.Arbitrary<Version> = fc.record({
  removed: fc.subarray(REMOVABLE),
  memory: fc.dictionary(fc.constantFrom(...REMOVABLE), fc.constantFrom(128, 256, 512)),
  code: fc.integer({ min: 0, max: 2 }),
  withRoutes: fc.boolean(),
  withWebsocket: fc.boolean(),
});

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
    .map((r) => (r.kind === 'lambda-function' && v.memory[r.resourceName] !== undefined ? { ...r, memorySize: v.memory[r.resourceName]! } : r));
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
