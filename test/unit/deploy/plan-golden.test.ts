/**
 * Golden plans: what `chalice dev plan` shows for the fixture apps in each situation a deploy
 * meets (first deploy, no-op redeploy, changed code, removed route / function / event
 * source) and what `chalice delete` runs. The remote side is the in-memory AWS after real
 * deploys by the same engine. Regenerate with UPDATE_GOLDEN=1 after an intended change.
 */
import { describe, expect, it } from 'vitest';
import type { AppGraph, Resource } from '../../../src/graph/index.js';
import type { Instruction } from '../../../src/deploy/instructions.js';
import { countWrites } from '../../../src/deploy/instructions.js';
import { createDeletionDeployer } from '../../../src/deploy/deployer.js';
import { instructionCall, instructionDetails, instructionTitle, planToText } from '../../../src/deploy/plan-text.js';
import { expectGolden } from '../templates/golden.js';
import { fixtureInputs, harness, inputsOf, TARGET, ZIP_V2 } from './deploy-helpers.js';

/** The plan as committed: ids the fake generates are replaced by stable labels. */
function goldenPlan(plan: readonly Instruction[]): unknown {
  const normalise = (text: string): string =>
    text
      .replace(/api\d{6}/g, '<restApiId>')
      .replace(/uuid-\d{6}/g, '<uuid>')
      .replace(/sub-\d{6}/g, '<subscription>')
      .replace(/ws\d{6}/g, '<websocketApiId>')
      .replace(/integ\d{6}/g, '<integrationId>')
      .replace(/route\d{6}/g, '<routeId>')
      .replace(/mapping\d{6}/g, '<apiMappingId>')
      .replace(/http\d{6}/g, '<httpApiId>')
      .replace(/hauth\d{6}/g, '<authorizerId>')
      .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<hash>')
      .replace(/"documentSha256":"[0-9a-f]{64}"/g, '"documentSha256":"<hash>"')
      .replace(/<OpenAPI document, \d+ bytes>/g, '<OpenAPI document>');
  return JSON.parse(
    normalise(
      JSON.stringify({
        writes: countWrites(plan),
        text: planToText(plan).trimEnd().split('\n'),
        instructions: plan.map((i) => ({ call: instructionCall(i), title: instructionTitle(i), ...instructionDetails(i) })),
      }),
    ),
  );
}

/** The graph without one function and everything that points at it. */
function withoutFunction(graph: AppGraph, name: string): AppGraph {
  const pointsAt = (r: Resource): boolean => 'function' in r && (r as { function: { name: string } }).function.name === name;
  return { ...graph, resources: graph.resources.filter((r) => !(r.kind === 'lambda-function' && r.resourceName === name) && !pointsAt(r)) };
}

function withoutRoute(graph: AppGraph, path: string): AppGraph {
  return { ...graph, resources: graph.resources.map((r) => (r.kind === 'rest-api' ? { ...r, routes: r.routes.filter((route) => route.path !== path) } : r)) };
}

describe.each(['hello', 'full', 'http-api', 'function-urls'] as const)('plans for %s', (fixture) => {
  it('first deploy', async () => {
    expectGolden(`plans/${fixture}/first-deploy.json`, goldenPlan(await harness().plan(await fixtureInputs(fixture))));
  });

  it('no-op redeploy: no instruction at all', async () => {
    const h = harness();
    const inputs = await fixtureInputs(fixture);
    await h.deploy(inputs);
    const plan = await h.plan(inputs);
    expect(plan).toEqual([]);
    expectGolden(`plans/${fixture}/no-op-redeploy.json`, goldenPlan(plan));
  });

  it('changed code: one code update per function, nothing else', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs(fixture));
    const plan = await h.plan(await fixtureInputs(fixture, 'dev', ZIP_V2));
    expect(new Set(plan.map((i) => i.kind))).toEqual(new Set(['update-function-code']));
    expectGolden(`plans/${fixture}/changed-code.json`, goldenPlan(plan));
  });

  it('delete', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs(fixture));
    const plan = await createDeletionDeployer({ client: h.client, target: TARGET, store: h.store, onMessage: () => undefined }).plan();
    expectGolden(`plans/${fixture}/delete.json`, goldenPlan(plan));
  });
});

describe('plans for full after a change to the app', () => {
  it.each([
    ['removed-route', (g: AppGraph) => withoutRoute(g, '/key')],
    ['removed-function', (g: AppGraph) => withoutFunction(g, 'worker')],
    ['removed-event-sources', (g: AppGraph) => withoutFunction(withoutFunction(withoutFunction(g, 'jobs'), 'onTopic'), 'onRemove')],
  ])('%s', async (name, change) => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const plan = await h.plan(inputsOf(change(inputs.graph)));
    expectGolden(`plans/full/${name}.json`, goldenPlan(plan));
    // and once run, AWS matches the changed app
    await h.deploy(inputsOf(change(inputs.graph)));
    expect(await h.plan(inputsOf(change(inputs.graph)))).toEqual([]);
  });
});

/** full/prod: provisioned concurrency on the API handler, an authorizer, the SQS handler and the custom-bus rule's function. */
describe('plans for full (prod) with provisioned concurrency', () => {
  it('first deploy: publish, alias and provisioned concurrency right after each such function; its triggers invoke the alias', async () => {
    expectGolden('plans/full-prod/first-deploy.json', goldenPlan(await harness().plan(await fixtureInputs('full', 'prod'))));
  });

  it('changed code: each aliased function is published again and its alias moved', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('full', 'prod'));
    const plan = await h.plan(await fixtureInputs('full', 'prod', ZIP_V2));
    expect(new Set(plan.map((i) => i.kind))).toEqual(new Set(['update-function-code', 'publish-version', 'update-alias']));
    expectGolden('plans/full-prod/changed-code.json', goldenPlan(plan));
  });

  it('provisioned concurrency removed: triggers back at the function, then the alias goes', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full', 'prod');
    await h.deploy(inputs);
    const graph: AppGraph = {
      ...inputs.graph,
      resources: inputs.graph.resources.map((r) => {
        if (r.kind !== 'lambda-function' || r.resourceName !== 'onOrder') return r;
        const { provisionedConcurrency: _pc, ...rest } = r;
        return rest;
      }),
    };
    expectGolden('plans/full-prod/removed-provisioned-concurrency.json', goldenPlan(await h.plan(inputsOf(graph))));
  });
});

describe('plans for http-api after a change to the app', () => {
  it('removed-route', async () => {
    const h = harness();
    const inputs = await fixtureInputs('http-api');
    await h.deploy(inputs);
    const changed = inputsOf({
      ...inputs.graph,
      resources: inputs.graph.resources.map((r) => (r.kind === 'http-api' ? { ...r, routes: r.routes.filter((route) => route.path !== '/admin') } : r)),
    });
    expectGolden('plans/http-api/removed-route.json', goldenPlan(await h.plan(changed)));
  });
});
