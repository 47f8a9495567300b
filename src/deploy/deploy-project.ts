/**
 * A project on disk → deploy, plan or delete one stage, on AWS through the SDK. The CLI calls
 * these after resolving the AWS session (so missing credentials fail before anything is built).
 *
 * Inputs are the same the packager uses: the app graph (`buildProjectGraph`: config, app,
 * stage policy) and the deployment package (`buildDeploymentPackage`: a deterministic zip, so
 * its SHA-256 only changes when the code does), built in memory. Deploy takes the whole graph,
 * websocket APIs and custom domains included, so it creates what `chalice package` describes.
 */
import { resolve } from 'node:path';
import type { OnBuildMessage } from '../build/build-messages.js';
import { buildDeploymentPackage } from '../build/bundle/deployment-package.js';
import { checkMixedArchitectures, packageArchitectureOf } from '../build/package-architecture.js';
import { withoutManagedLayer } from '../build/package-project.js';
import { buildProjectGraph } from '../build/project-graph.js';
import { lambdaRuntimeToEsbuildTarget } from '../build/runtime-version.js';
import { sizeWarnings } from '../build/zip/size-limits.js';
import { resourcesOfKind } from '../graph/index.js';
import { ChaliceTsError } from '../project/errors.js';
import { DEFAULT_STAGE } from '../project/index.js';
import type { AwsSession } from './aws/session.js';
import { createSdkAwsClient } from './aws/sdk-client.js';
import type { ConfirmPolicyChanges, DeployInputs, DeployResult, StageStateStore } from './deployer.js';
import { createDeletionDeployer, createDeployer, createPlanOnlyDeployer, deployableGraph } from './deployer.js';
import type { Instruction } from './instructions.js';
import type { OnDeployMessage } from './messages.js';
import type { AwsTarget } from './names.js';
import { partitionOfRegion } from './names.js';
import { localStateStore } from './state/local-state-store.js';
import { openStateStore } from './state/open-state-store.js';
import type { StateStore } from './state/state-store.js';
import { describeHolder, withStateLock } from './state/state-store.js';

export interface ProjectDeployOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  readonly session: AwsSession;
  readonly onMessage: OnDeployMessage;
  /** Where the state is kept and how its lock is taken (see `state/`). @default the local file */
  readonly state?: StateOptions;
}

export interface StateOptions {
  /** `--state-url s3://bucket/prefix`; else `deployed_state` in the config, else the local file. */
  readonly url?: string;
  /** Wait for another run's lock instead of failing at once (`--wait-for-lock`). */
  readonly waitForLock?: boolean;
  /** Remove another run's lock first, naming its holder (`--force-unlock`). */
  readonly forceUnlock?: boolean;
}

/** The stage's deployed-state file. */
export function fileStateStore(projectDir: string, stage: string): StageStateStore {
  return localStateStore(projectDir, stage);
}

/** Opens the stage's store, takes its lock for `work` (deploy/delete), and closes it. */
async function withLockedStore<T>(options: ProjectDeployOptions, projectDir: string, stage: string, command: string, work: (store: StateStore) => Promise<T>): Promise<T> {
  const store = await openStateStore({ projectDir, stage, ...(options.state?.url !== undefined ? { stateUrl: options.state.url } : {}) }, async () => options.session);
  try {
    if (options.state?.forceUnlock === true) {
      const removed = await store.forceUnlock();
      options.onMessage({ kind: 'warning', text: removed === undefined ? `No lock to remove on ${store.location}` : `Removed the lock held by ${describeHolder(removed)}` });
    }
    const request = {
      command,
      wait: options.state?.waitForLock === true,
      onWaiting: (holder: Parameters<typeof describeHolder>[0] | undefined) =>
        options.onMessage({ kind: 'progress', text: `Waiting for the lock on stage "${stage}" held by ${holder === undefined ? 'another run' : describeHolder(holder)}` }),
    };
    return await withStateLock(store, request, () => work(store));
  } finally {
    store.close();
  }
}

/** Builds the graph and the zips a deploy needs; `save` writes the generated policy file. */
export async function buildDeployInputs(projectDir: string, stage: string, onMessage: OnDeployMessage): Promise<{ inputs: DeployInputs; savePolicy: () => void }> {
  const onBuild: OnBuildMessage = (message) => {
    if (message.kind === 'progress' || message.kind === 'warning') onMessage({ kind: message.kind, text: message.text });
  };
  const built = await buildProjectGraph({ projectDir, stage, onMessage: onBuild, allowUndeclaredStage: true });
  const { graph: full, warnings } = deployableGraph(built.graph);
  for (const text of warnings) onMessage({ kind: 'warning', text });
  let graph = full;
  const functions = resourcesOfKind(graph, 'lambda-function').map((fn) => ({ name: fn.resourceName, exportName: fn.exportName }));
  if (functions.length === 0) {
    throw new ChaliceTsError(`The app in ${projectDir} defines no Lambda functions (no routes, event handlers or lambdaFunction); there is nothing to deploy`, 'app_empty');
  }
  const arch = packageArchitectureOf(graph);
  const pkg = await buildDeploymentPackage({
    projectDir,
    entryFile: built.entryFile,
    functions,
    target: lambdaRuntimeToEsbuildTarget(built.lambdaRuntime),
    automaticLayer: built.stageConfig.automaticLayer,
    architecture: arch.architecture,
    onMessage: onBuild,
  });
  checkMixedArchitectures(arch, pkg.installed);
  if (built.stageConfig.automaticLayer && pkg.layerZip === undefined) graph = withoutManagedLayer(graph);
  for (const text of sizeWarnings(pkg.sizes)) onMessage({ kind: 'warning', text });
  return { inputs: { graph, deploymentZip: pkg.deploymentZip, ...(pkg.layerZip ? { layerZip: pkg.layerZip } : {}) }, savePolicy: built.savePolicy };
}

async function awsTarget(session: AwsSession): Promise<AwsTarget> {
  return { region: session.region, accountId: await session.accountId(), partition: partitionOfRegion(session.region) };
}

export async function deployProject(options: ProjectDeployOptions & { readonly confirm: ConfirmPolicyChanges }): Promise<DeployResult> {
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const target = await awsTarget(options.session);
  return withLockedStore(options, projectDir, stage, 'deploy', async (store) => {
    const { inputs, savePolicy } = await buildDeployInputs(projectDir, stage, options.onMessage);
    const client = createSdkAwsClient(options.session, target.partition);
    try {
      const result = await createDeployer({ client, target, store, onMessage: options.onMessage, confirm: options.confirm }).deploy(inputs);
      savePolicy();
      return result;
    } finally {
      client.destroy();
    }
  });
}

export async function planProject(options: ProjectDeployOptions): Promise<readonly Instruction[]> {
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const target = await awsTarget(options.session);
  const { inputs } = await buildDeployInputs(projectDir, stage, options.onMessage);
  const store = await openStateStore({ projectDir, stage, ...(options.state?.url !== undefined ? { stateUrl: options.state.url } : {}) }, async () => options.session);
  const client = createSdkAwsClient(options.session, target.partition);
  try {
    return await createPlanOnlyDeployer({ client, target, store: readOnly(store), onMessage: options.onMessage }).plan(inputs);
  } finally {
    client.destroy();
    store.close();
  }
}

/** Deletes the stage; false when it has no deployed state. */
export async function deleteProject(options: ProjectDeployOptions): Promise<boolean> {
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  return withLockedStore(options, projectDir, stage, 'delete', async (store) => {
    if ((await store.read()) === undefined) return false;
    const target = await awsTarget(options.session);
    const client = createSdkAwsClient(options.session, target.partition);
    try {
      return await createDeletionDeployer({ client, target, store, onMessage: options.onMessage }).delete();
    } finally {
      client.destroy();
    }
  });
}

function readOnly(store: StageStateStore): StageStateStore {
  return { read: () => store.read(), write: () => undefined, remove: () => undefined };
}
