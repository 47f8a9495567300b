/**
 * The deployers: what `chalice deploy`, `chalice dev plan` and `chalice delete` run once the
 * app is built. Each is made by a factory from its collaborators (AWS client, state store,
 * message sink, sleep, confirmation), so tests run them against the in-memory fake.
 *
 *   deploy:  state (pending records resolved) + remote snapshot + graph → plan → confirm
 *            policy changes of existing roles → execute (state written after every call)
 *   plan:    the same plan, not executed (only read calls are made)
 *   delete:  state → sweep every record in reverse order → remove the state file
 */
import type { AppGraph, Resource } from '../graph/index.js';
import { resourcesOfKind } from '../graph/index.js';
import { deployedIntegrationUri, generateOpenApiDocument } from '../build/openapi/index.js';
import type { DeployedState } from '../project/deployed-state.js';
import { ChaliceTsError } from '../project/errors.js';
import { stableStringify } from '../project/stable-json.js';
import type { AwsClient } from './aws/aws-client.js';
import type { DeployedFunctionRecord, DeployedRestApiRecord } from './deployed-records.js';
import { deployedFunctions, deployedRestApi } from './deployed-records.js';
import type { StateStore } from './executor.js';
import { executePlan } from './executor.js';
import type { Instruction, PolicyChange } from './instructions.js';
import { countWrites } from './instructions.js';
import type { OnDeployMessage } from './messages.js';
import type { AwsTarget } from './names.js';
import { invokedFunctionArn } from './function-extras/names.js';
import type { DeployArtifacts } from './planner.js';
import { planDeploy, sha256Base64, sha256Hex } from './planner.js';
import { readRemoteSnapshot, resolvePendingRecords } from './remote-snapshot.js';
import { sweepRecords } from './sweeper.js';
// Websocket APIs and custom domain names.
import type { DeployedCustomDomain, DeployedWebsocketApiRecord } from './websocket-domains/records.js';
import { deployedCustomDomains, deployedWebsocketApi } from './websocket-domains/records.js';
// HTTP APIs.
import type { DeployedHttpApiRecord } from './http-api/records.js';
import { deployedHttpApi } from './http-api/records.js';

/** The deployed state of one stage: the file, S3 (`state/`), or memory in tests. */
export interface StageStateStore extends StateStore {
  read(): DeployedState | undefined | Promise<DeployedState | undefined>;
  remove(): void | Promise<void>;
}

/** Asked before an existing role's policy changes; resolves to whether to go ahead. */
export type ConfirmPolicyChanges = (changes: readonly PolicyChange[]) => Promise<boolean>;

export interface DeployerOptions {
  readonly client: AwsClient;
  readonly target: AwsTarget;
  readonly store: StageStateStore;
  readonly onMessage: OnDeployMessage;
  /** @default a real timer */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default go ahead without asking */
  readonly confirm?: ConfirmPolicyChanges;
}

/** What a deploy builds: the graph (from `deployableGraph`) and the zips. */
export interface DeployInputs {
  readonly graph: AppGraph;
  readonly deploymentZip: Uint8Array;
  readonly layerZip?: Uint8Array;
}

export interface DeployResult {
  readonly state: DeployedState;
  readonly plan: readonly Instruction[];
  readonly functions: readonly DeployedFunctionRecord[];
  readonly restApi?: DeployedRestApiRecord;
  readonly httpApi?: DeployedHttpApiRecord;
  readonly websocketApi?: DeployedWebsocketApiRecord;
  readonly customDomains: readonly DeployedCustomDomain[];
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createDeployer(options: DeployerOptions) {
  return {
    async deploy(inputs: DeployInputs): Promise<DeployResult> {
      const { plan, state } = await makePlan(options, inputs);
      const changes = plan.flatMap((i) => (i.kind === 'put-role-policy' && i.change !== undefined ? [i.change] : []));
      if (changes.length > 0 && options.confirm !== undefined && !(await options.confirm(changes))) {
        throw new ChaliceTsError('Deploy cancelled: the IAM policy changes were not accepted; nothing was changed', 'deploy_cancelled');
      }
      options.onMessage({ kind: 'planned', instructions: plan.length, writes: countWrites(plan) });
      const artifacts = { 'deployment.zip': inputs.deploymentZip, ...(inputs.layerZip ? { 'layer-deployment.zip': inputs.layerZip } : {}) };
      const final = await executePlan(plan, { client: options.client, artifacts, store: options.store, state, onMessage: options.onMessage, sleep: options.sleep ?? realSleep });
      // Written once more even when nothing changed, so the file exists after a first no-op deploy.
      await options.store.write(final);
      const restApi = deployedRestApi(final);
      const websocketApi = deployedWebsocketApi(final);
      const httpApi = deployedHttpApi(final);
      return {
        state: final,
        plan,
        functions: deployedFunctions(final),
        ...(restApi ? { restApi } : {}),
        ...(httpApi ? { httpApi } : {}),
        ...(websocketApi ? { websocketApi } : {}),
        customDomains: deployedCustomDomains(final),
      };
    },
  };
}

export function createPlanOnlyDeployer(options: Omit<DeployerOptions, 'sleep' | 'confirm'>) {
  return {
    async plan(inputs: DeployInputs): Promise<readonly Instruction[]> {
      return (await makePlan(options, inputs)).plan;
    },
  };
}

export function createDeletionDeployer(options: Omit<DeployerOptions, 'confirm'>) {
  return {
    /** The instructions `delete` would run (read-only). */
    async plan(): Promise<readonly Instruction[]> {
      const state = await options.store.read();
      if (state === undefined) return [];
      return sweepRecords((await resolvePendingRecords(options.client, state, options.target)).resources);
    },
    /** Deletes everything the state records; false when the stage was not deployed. */
    async delete(): Promise<boolean> {
      const recorded = await options.store.read();
      if (recorded === undefined) return false;
      options.onMessage({ kind: 'progress', text: 'Reading the deployed state' });
      const state = await resolvePendingRecords(options.client, recorded, options.target);
      const plan = sweepRecords(state.resources);
      options.onMessage({ kind: 'planned', instructions: plan.length, writes: countWrites(plan) });
      const left = await executePlan(plan, { client: options.client, artifacts: {}, store: options.store, state, onMessage: options.onMessage, sleep: options.sleep ?? realSleep });
      if (left.resources.length > 0) {
        // Records this version cannot delete (written by a newer chalice-ts) stay on file.
        await options.store.write(left);
        options.onMessage({
          kind: 'warning',
          text: `Kept ${left.resources.length} record(s) of unknown type in the deployed state (${left.resources.map((r) => `${r.resourceType} ${r.name}`).join(', ')}); delete them with the chalice-ts version that created them`,
        });
        return true;
      }
      await options.store.remove();
      return true;
    },
  };
}

async function makePlan(options: Pick<DeployerOptions, 'client' | 'target' | 'store' | 'onMessage'>, inputs: DeployInputs): Promise<{ plan: Instruction[]; state: DeployedState }> {
  const { client, target } = options;
  options.onMessage({ kind: 'progress', text: 'Reading what exists in AWS' });
  const state = await resolvePendingRecords(client, (await options.store.read()) ?? { resources: [] }, target);
  const snapshot = await readRemoteSnapshot(client, inputs.graph, target, state);
  const artifacts = deployArtifacts(inputs, target);
  return { plan: planDeploy({ graph: inputs.graph, target, artifacts, snapshot, state }), state };
}

/** Hashes of the zips and the OpenAPI document with this account's function ARNs. */
export function deployArtifacts(inputs: DeployInputs, target: AwsTarget): DeployArtifacts {
  // The API invokes a function's alias when it has provisioned concurrency.
  const uri = deployedIntegrationUri(target.partition, target.region, (fn) => invokedFunctionArn(target, fn));
  const document = generateOpenApiDocument(inputs.graph, { integrationUri: uri });
  const text = document === undefined ? undefined : stableStringify(document);
  return {
    codeSha256: sha256Base64(inputs.deploymentZip),
    ...(inputs.layerZip ? { layerSha256: sha256Hex(inputs.layerZip) } : {}),
    ...(text === undefined ? {} : { openapi: { document: text, sha256: sha256Hex(text) } }),
  };
}

/**
 * The graph `chalice deploy` deploys: every resource kind is deployable now (websocket APIs and
 * custom domains included), so the graph is the one `chalice package` describes. Kept as the
 * one place to leave resources out, with a warning each, should a kind be unsupported again.
 */
export function deployableGraph(graph: AppGraph): { graph: AppGraph; warnings: string[] } {
  return { graph, warnings: [] };
}
