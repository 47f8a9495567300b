/** Shared pieces of the deploy tests: an in-memory state store, fixture inputs, a deployer on the fake. */
import type { AppGraph } from '../../../src/graph/index.js';
import type { DeployedState } from '../../../src/project/deployed-state.js';
import { deployedStateToJson, parseDeployedState } from '../../../src/project/deployed-state.js';
import type { ConfirmPolicyChanges, DeployInputs, StageStateStore } from '../../../src/deploy/deployer.js';
import { createDeletionDeployer, createDeployer, createPlanOnlyDeployer, deployableGraph } from '../../../src/deploy/deployer.js';
import type { DeployMessage } from '../../../src/deploy/messages.js';
import type { AwsTarget } from '../../../src/deploy/names.js';
import { fixtureGraph, type FixtureName } from '../graph/fixture-graph.js';
import { expect } from 'vitest';
import { FakeAwsClient, type FailureMode } from './fake-aws-client.js';

export const TARGET: AwsTarget = { region: 'us-west-2', accountId: '123456789012', partition: 'aws' };

/** A state "file" in memory; round-trips through the real serialiser, like the file would. */
export class MemoryStateStore implements StageStateStore {
  text: string | undefined;
  writes = 0;
  read(): DeployedState | undefined {
    return this.text === undefined ? undefined : parseDeployedState(this.text, 'memory.json');
  }
  write(state: DeployedState): void {
    this.writes++;
    this.text = deployedStateToJson(state);
  }
  remove(): void {
    this.text = undefined;
  }
}

export const ZIP_V1 = new TextEncoder().encode('deployment zip v1');
export const ZIP_V2 = new TextEncoder().encode('deployment zip v2');
export const LAYER_V1 = new TextEncoder().encode('layer zip v1');

export async function fixtureInputs(name: FixtureName, stage = 'dev', zip = ZIP_V1): Promise<DeployInputs> {
  const { graph } = deployableGraph(await fixtureGraph(name, stage));
  return inputsOf(graph, zip);
}

export function inputsOf(graph: AppGraph, zip = ZIP_V1): DeployInputs {
  const hasLayer = graph.resources.some((r) => r.kind === 'lambda-layer');
  return { graph, deploymentZip: zip, ...(hasLayer ? { layerZip: LAYER_V1 } : {}) };
}

export interface Harness {
  readonly client: FakeAwsClient;
  readonly store: MemoryStateStore;
  readonly messages: DeployMessage[];
  deploy(inputs: DeployInputs, confirm?: ConfirmPolicyChanges): ReturnType<ReturnType<typeof createDeployer>['deploy']>;
  plan(inputs: DeployInputs): ReturnType<ReturnType<typeof createPlanOnlyDeployer>['plan']>;
  delete(): Promise<boolean>;
}

/** ws-domains: the ACM certificates of the fixtures' custom domains. */
export const FIXTURE_CERTIFICATES = [
  'arn:aws:acm:us-west-2:123456789012:certificate/rest',
  'arn:aws:acm:us-west-2:123456789012:certificate/ws',
  'arn:aws:acm:us-west-2:123456789012:certificate/http',
];

/** A fake AWS in which the fixtures' certificates exist. */
export function fakeAws(): FakeAwsClient {
  const client = new FakeAwsClient();
  for (const arn of FIXTURE_CERTIFICATES) client.certificates.add(arn);
  return client;
}

export function harness(client = fakeAws(), store = new MemoryStateStore()): Harness {
  const messages: DeployMessage[] = [];
  const common = { client, target: TARGET, store, onMessage: (m: DeployMessage) => void messages.push(m), sleep: async () => undefined };
  return {
    client,
    store,
    messages,
    deploy: (inputs, confirm) => createDeployer({ ...common, ...(confirm ? { confirm } : {}) }).deploy(inputs),
    plan: (inputs) => createPlanOnlyDeployer(common).plan(inputs),
    delete: () => createDeletionDeployer(common).delete(),
  };
}

/** A clean v1 → v2 change: what it left in AWS, how many writes it made, and its client (for those writes). */
export async function cleanChange(v1: DeployInputs, v2: DeployInputs): Promise<{ readonly expected: unknown; readonly writes: number; readonly client: FakeAwsClient }> {
  const clean = harness();
  await clean.deploy(v1);
  clean.client.resetCalls();
  await clean.deploy(v2);
  return { expected: clean.client.dump(), writes: clean.client.writes.length, client: clean.client };
}

/** The failure modes a crash-safety test fails a write in. */
export const FAILURE_MODES: readonly FailureMode[] = ['fail', 'lost-answer', 'kill'];

/**
 * For every write of the v1 → v2 change and every failure mode: the change fails at that
 * write, a re-run converges to `expected` (what a clean v1 → v2 left), a redeploy writes
 * nothing, and with `thenDelete` a delete leaves nothing.
 */
export async function expectChangeConvergesAfterAnyFailure(
  v1: DeployInputs,
  v2: DeployInputs,
  clean: { readonly expected: unknown; readonly writes: number },
  options: { readonly thenDelete?: boolean } = {},
): Promise<void> {
  for (const mode of FAILURE_MODES) {
    for (let n = 1; n <= clean.writes; n++) {
      const run = harness();
      await run.deploy(v1);
      run.client.failAtWrite(n, mode);
      await expect(run.deploy(v2), `${mode} at write ${n}`).rejects.toThrow();
      await run.deploy(v2);
      expect(run.client.dump(), `${mode} at write ${n}`).toEqual(clean.expected);
      run.client.resetCalls();
      await run.deploy(v2);
      expect(run.client.writes, `${mode} at write ${n}: redeploy`).toEqual([]);
      if (options.thenDelete) {
        await run.delete();
        expect(run.client.isEmpty(), `${mode} at write ${n}: delete`).toBe(true);
      }
    }
  }
}
