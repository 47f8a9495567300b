/**
 * A project → its app graph for one stage: config, the loaded app, the stage's IAM policy
 * and the Lambda runtime. `chalice package` continues from here to the deployment package
 * and templates; `chalice appgraph` prints it; deploy will plan from it.
 *
 * Engine code: progress goes to `onMessage`, nothing is printed.
 */
import { resolve } from 'node:path';
import type { AppGraph } from '../graph/index.js';
import { buildAppGraph, resourcesOfKind } from '../graph/index.js';
import { DEFAULT_STAGE, readProjectConfig, resolveStageConfig, unknownFunctionConfigWarnings, type ProjectConfig, type StageConfig } from '../project/index.js';
import type { OnBuildMessage } from './build-messages.js';
import { ignoreBuildMessages } from './build-messages.js';
import { loadAppForBuild } from './load-project-app.js';
import type { LambdaRuntime } from './runtime-version.js';
import { resolveLambdaRuntime, runtimeDeprecationWarning } from './runtime-version.js';
import { resolveStagePolicy } from './stage-policy.js';

export interface ProjectGraphOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  readonly onMessage?: OnBuildMessage;
  /** Let `savePolicy` write the generated policy to `.chalice/policy-<stage>.json` (see stage-policy.ts). @default true */
  readonly writePolicyFile?: boolean;
  /** The local Node version the runtime is picked from. @default process.versions.node */
  readonly nodeVersion?: string;
  /** Today as YYYY-MM-DD, for runtime deprecation warnings. @default the current UTC date */
  readonly today?: string;
  /** A stage not declared under `stages` gets the top-level settings (as `chalice deploy` does) instead of an error. @default false */
  readonly allowUndeclaredStage?: boolean;
}

export interface ProjectGraph {
  readonly projectDir: string;
  readonly stage: string;
  readonly stageConfig: StageConfig;
  readonly entryFile: string;
  readonly lambdaRuntime: LambdaRuntime;
  readonly graph: AppGraph;
  /** Writes the generated policy into the project (see `StagePolicy.save`); call it on success. */
  readonly savePolicy: () => void;
}

export async function buildProjectGraph(options: ProjectGraphOptions): Promise<ProjectGraph> {
  const onMessage = options.onMessage ?? ignoreBuildMessages;
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const read = readProjectConfig(projectDir);
  const config = options.allowUndeclaredStage ? withDeclaredStage(read, stage) : read;
  const stageConfig = resolveStageConfig(config, stage);
  // The config schema already checked `lambda_runtime` against the supported runtimes.
  const lambdaRuntime = resolveLambdaRuntime({ nodeVersion: options.nodeVersion, configured: stageConfig.lambdaRuntime });

  const deprecation = runtimeDeprecationWarning(lambdaRuntime, options.today ?? new Date().toISOString().slice(0, 10));
  if (deprecation !== undefined) onMessage({ kind: 'warning', text: deprecation });

  onMessage({ kind: 'progress', text: `Loading the app for stage ${stage}` });
  const { app, entryFile } = await loadAppForBuild(projectDir);
  onMessage({ kind: 'progress', text: 'Generating the IAM policy' });
  const policy = await resolveStagePolicy({ projectDir, config, stage, entryFile, app, onMessage, writePolicyFile: options.writePolicyFile });
  const graph = buildAppGraph({ app, config, stage, projectDir, policyDocument: policy.document, lambdaRuntime });
  const functionNames = resourcesOfKind(graph, 'lambda-function').map((fn) => fn.resourceName);
  for (const text of unknownFunctionConfigWarnings(config, stage, functionNames)) onMessage({ kind: 'warning', text });
  return { projectDir, stage, stageConfig, entryFile, lambdaRuntime, graph, savePolicy: policy.save };
}

/** The config with `stage` declared (empty, so the top-level settings apply) if it was not. */
function withDeclaredStage(config: ProjectConfig, stage: string): ProjectConfig {
  if (config.stageNames.includes(stage)) return config;
  return { ...config, stageNames: [...config.stageNames, stage].sort(), file: { ...config.file, stages: { ...config.file.stages, [stage]: {} } } };
}
