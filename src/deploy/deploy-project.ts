/**
 * A project on disk → deploy, plan or delete one stage, on AWS through the SDK. The CLI calls
 * these after resolving the AWS session (so missing credentials fail before anything is built).
 *
 * Inputs are the same the packager uses: the app graph (`buildProjectGraph`: config, app,
 * stage policy) and the deployment package (`buildDeploymentPackage`: a deterministic zip, so
 * its SHA-256 only changes when the code does), built in memory. Deploy takes the whole graph,
 * websocket APIs and custom domains included, so it creates what `chalice package` describes.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OnBuildMessage } from '../build/build-messages.js';
import { buildDeploymentPackage } from '../build/bundle/deployment-package.js';
import { withoutManagedLayer } from '../build/package-project.js';
import { buildProjectGraph } from '../build/project-graph.js';
import { lambdaRuntimeToEsbuildTarget } from '../build/runtime-version.js';
import { sizeWarnings } from '../build/zip/size-limits.js';
import { resourcesOfKind } from '../graph/index.js';
import type { DeployedState } from '../project/deployed-state.js';
import { deployedStatePath, readDeployedState, writeDeployedState } from '../project/deployed-state.js';
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

export interface ProjectDeployOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  readonly session: AwsSession;
  readonly onMessage: OnDeployMessage;
}

/** The stage's deployed-state file. */
export function fileStateStore(projectDir: string, stage: string): StageStateStore {
  return {
    read: () => readDeployedState(projectDir, stage),
    write: (state: DeployedState) => writeDeployedState(projectDir, stage, state),
    remove: () => rmSync(deployedStatePath(projectDir, stage), { force: true }),
  };
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
  const pkg = await buildDeploymentPackage({
    projectDir,
    entryFile: built.entryFile,
    functions,
    target: lambdaRuntimeToEsbuildTarget(built.lambdaRuntime),
    automaticLayer: built.stageConfig.automaticLayer,
    onMessage: onBuild,
  });
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
  const { inputs, savePolicy } = await buildDeployInputs(projectDir, stage, options.onMessage);
  const client = createSdkAwsClient(options.session, target.partition);
  try {
    const result = await createDeployer({ client, target, store: fileStateStore(projectDir, stage), onMessage: options.onMessage, confirm: options.confirm }).deploy(inputs);
    savePolicy();
    return result;
  } finally {
    client.destroy();
  }
}

export async function planProject(options: ProjectDeployOptions): Promise<readonly Instruction[]> {
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const target = await awsTarget(options.session);
  const { inputs } = await buildDeployInputs(projectDir, stage, options.onMessage);
  const client = createSdkAwsClient(options.session, target.partition);
  try {
    return await createPlanOnlyDeployer({ client, target, store: readOnly(fileStateStore(projectDir, stage)), onMessage: options.onMessage }).plan(inputs);
  } finally {
    client.destroy();
  }
}

/** Deletes the stage; false when it has no deployed state. */
export async function deleteProject(options: ProjectDeployOptions): Promise<boolean> {
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const store = fileStateStore(projectDir, stage);
  if (store.read() === undefined) return false;
  const target = await awsTarget(options.session);
  const client = createSdkAwsClient(options.session, target.partition);
  try {
    return await createDeletionDeployer({ client, target, store, onMessage: options.onMessage }).delete();
  } finally {
    client.destroy();
  }
}

function readOnly(store: StageStateStore): StageStateStore {
  return { read: () => store.read(), write: () => undefined, remove: () => undefined };
}
