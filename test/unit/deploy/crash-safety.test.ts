/**
 * Crash safety of deploy and delete, against the in-memory AWS: for every write call N of a
 * first deploy and each way a call can go wrong (refused, answer lost, process killed right
 * after it), the re-run converges to exactly what a clean deploy produces, with nothing
 * duplicated; and `delete` right after the failure, or after the re-run, leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { FakeAwsClient, SimulatedKill } from './fake-aws-client.js';
import { cleanChange, expectChangeConvergesAfterAnyFailure, FAILURE_MODES, fixtureInputs, harness, ZIP_V2 } from './deploy-helpers.js';

const MODES = FAILURE_MODES;

// full/prod has provisioned concurrency (versions, aliases), async invocation settings and a rule on a custom bus.
const FIRST_DEPLOYS = [
  { fixture: 'hello', stage: 'dev' },
  { fixture: 'full', stage: 'dev' },
  { fixture: 'full', stage: 'prod' },
  { fixture: 'http-api', stage: 'dev' },
  { fixture: 'function-urls', stage: 'dev' },
] as const;

describe.each(FIRST_DEPLOYS)('a first deploy of $fixture ($stage) that fails at one write', ({ fixture, stage }) => {
  it('converges on re-run, for every write and failure mode, to the clean deploy', async () => {
    const inputs = await fixtureInputs(fixture, stage);
    const clean = harness();
    await clean.deploy(inputs);
    const expected = clean.client.dump();
    const expectedState = clean.store.text;
    const writes = clean.client.writes.length;
    expect(writes).toBeGreaterThan(3);

    for (const mode of MODES) {
      for (let n = 1; n <= writes; n++) {
        const run = harness();
        run.client.failAtWrite(n, mode);
        await expect(run.deploy(inputs), `${mode} at write ${n}`).rejects.toThrow(mode === 'kill' ? SimulatedKill : /failed/);
        await run.deploy(inputs);
        expect(run.client.dump(), `${mode} at write ${n}`).toEqual(expected);
        expect(normaliseIds(run.store.text), `${mode} at write ${n}: state`).toEqual(normaliseIds(expectedState));
        // and a further deploy changes nothing
        run.client.resetCalls();
        await run.deploy(inputs);
        expect(run.client.writes, `${mode} at write ${n}: redeploy`).toEqual([]);
        await run.delete();
        expect(run.client.isEmpty(), `${mode} at write ${n}: delete`).toBe(true);
        expect(run.store.text).toBeUndefined();
      }
    }
  });

  it('deletes everything it created when delete runs right after the failure', async () => {
    const inputs = await fixtureInputs(fixture, stage);
    const clean = harness();
    await clean.deploy(inputs);
    const writes = clean.client.writes.length;
    for (const mode of MODES) {
      for (let n = 1; n <= writes; n++) {
        const run = harness();
        run.client.failAtWrite(n, mode);
        await expect(run.deploy(inputs)).rejects.toThrow();
        await run.delete();
        expect(run.client.isEmpty(), `${mode} at write ${n}: ${JSON.stringify(run.client.dump())}`).toBe(true);
      }
    }
  });

  it('converges when delete itself fails at any write and is run again', async () => {
    const inputs = await fixtureInputs(fixture, stage);
    const probe = harness();
    await probe.deploy(inputs);
    probe.client.resetCalls();
    await probe.delete();
    const deletes = probe.client.writes.length;
    for (const mode of MODES) {
      for (let n = 1; n <= deletes; n++) {
        const run = harness();
        await run.deploy(inputs);
        run.client.failAtWrite(n, mode);
        await expect(run.delete()).rejects.toThrow();
        await run.delete();
        expect(run.client.isEmpty(), `${mode} at delete write ${n}`).toBe(true);
      }
    }
  });
});

describe('a lost state file', () => {
  it.each(['dev', 'prod'])('does not duplicate anything: the next deploy adopts what exists and makes no write (full, %s)', async (stage) => {
    const inputs = await fixtureInputs('full', stage);
    const run = harness();
    await run.deploy(inputs);
    const before = run.client.dump();
    run.store.remove();
    run.client.resetCalls();
    await run.deploy(inputs);
    expect(run.client.writes).toEqual([]);
    expect(run.client.dump()).toEqual(before);
    await run.delete();
    expect(run.client.isEmpty()).toBe(true);
  });
});

/** Generated ids (REST API id, mapping UUIDs, subscription ARNs, layer versions) differ between runs. */
function normaliseIds(text: string | undefined): string | undefined {
  return text
    ?.replace(/api\d{6}/g, '<api>')
    .replace(/uuid-\d{6}/g, '<uuid>')
    .replace(/sub-\d{6}/g, '<sub>')
    .replace(/managed-layer:\d+/g, 'managed-layer:<n>')
    .replace(/ws\d{6}/g, '<ws>')
    .replace(/mapping\d{6}/g, '<mapping>')
    .replace(/http\d{6}/g, '<http>');
}

void FakeAwsClient;

describe('a deploy of a changed app that fails at one write', () => {
  it('converges on re-run, for every write and failure mode, to the clean result', async () => {
    const v1 = await fixtureInputs('full');
    const changedGraph = {
      ...v1.graph,
      resources: v1.graph.resources.filter(
        (r) => !(r.kind === 'lambda-function' && r.resourceName === 'jobs') && !('function' in r && (r as { function: { name: string } }).function.name === 'jobs'),
      ),
    };
    const v2 = { ...v1, graph: changedGraph, deploymentZip: ZIP_V2, layerZip: new TextEncoder().encode('layer zip v2') };
    const clean = await cleanChange(v1, v2);
    expect(clean.writes).toBeGreaterThan(10);
    await expectChangeConvergesAfterAnyFailure(v1, v2, clean);
  });
});

describe('a deploy that changes provisioned concurrency and async settings and fails at one write', () => {
  it('converges on re-run, for every write and failure mode, to the clean result', async () => {
    const v1 = await fixtureInputs('full', 'prod');
    // New code (a new version for every alias); the SQS handler loses its alias; the rule's function gets other async settings.
    const changedGraph = {
      ...v1.graph,
      resources: v1.graph.resources.map((r) => {
        if (r.kind !== 'lambda-function') return r;
        if (r.resourceName === 'jobs') {
          const { provisionedConcurrency: _pc, ...rest } = r;
          return rest;
        }
        if (r.resourceName === 'onOrder') return { ...r, provisionedConcurrency: 3, asyncInvocation: { maximumRetryAttempts: 0 } };
        if (r.resourceName === 'worker') return { ...r, provisionedConcurrency: 1 };
        return r;
      }),
    };
    const v2 = { ...v1, graph: changedGraph, deploymentZip: ZIP_V2 };
    const clean = await cleanChange(v1, v2);
    expect(new Set(clean.client.writes.map((c) => c.method))).toEqual(
      new Set([
        'updateFunctionCode',
        'publishVersion',
        'updateAlias',
        'createAlias',
        'putProvisionedConcurrency',
        'deleteProvisionedConcurrency',
        'deleteAlias',
        'putEventInvokeConfig',
        'deleteEventInvokeConfig',
        'updateEventSourceMapping',
      ]),
    );
    await expectChangeConvergesAfterAnyFailure(v1, v2, clean, { thenDelete: true });
  });
});
