/**
 * The app graph: every AWS resource a Chalice app needs in one stage, built from the app model
 * and the project config, in dependency order. Deploy, the SAM and Terraform generators and
 * `chalice appgraph` all start from this one model.
 *
 * Build order follows Chalice (pure functions, event sources, REST API — or the HTTP API with
 * `api_type: "http"` —, websocket API); the
 * final list is then sorted so that each resource follows the ones it references (roles and
 * the automatic layer first, functions before what invokes them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionConfig, ProjectConfig } from '../project/index.js';
import { resolveFunctionConfig, resolveStageConfig } from '../project/index.js';
import type { AppModel } from './app-model.js';
import type { BuildContext } from './build-context.js';
import { ResourceCollector } from './build-context.js';
import { sortByDependencies } from './dependency-order.js';
import { addEventSource } from './event-builders.js';
import { addLambdaFunction } from './function-builder.js';
import { addHttpApi } from './http-api-builder.js';
import { addFunctionUrls } from './function-url-builder.js';
import { withDestinationAccess, withVpcAccess } from './policies.js';
import { addRestApi } from './rest-api-builder.js';
import type { AppGraph, IamPolicyDocument, LambdaArchitecture, Resource } from './resources.js';
import { resourceKey } from './resources.js';
import { chaliceTsVersion } from './version.js';
import { addWebsocketApi } from './websocket-builder.js';

export interface BuildAppGraphOptions {
  readonly app: AppModel;
  readonly config: ProjectConfig;
  readonly stage: string;
  /** Policy files (`iam_policy_file`, `api_gateway_policy_file`) are read from `<projectDir>/.chalice/`. */
  readonly projectDir: string;
  /** The generated policy of the shared `default-role` (used when `autogen_policy` is on). */
  readonly policyDocument: IamPolicyDocument;
  /** `nodejs20.x` or `nodejs22.x`. */
  readonly lambdaRuntime: string;
  /** Version in the `aws-chalice` tag. @default chalice-ts's package version */
  readonly toolVersion?: string;
  /** Reads a file relative to the project directory. @default node:fs */
  readonly readProjectFile?: (relativePath: string) => string;
}

/**
 * Builds the graph of `app` in `stage`.
 * @throws ChaliceTsError for an impossible app (websockets without the WEBSOCKETS flag, an
 *   unregistered authorizer, conflicting function names, missing policy files…) and the
 *   project layer's ConfigError for invalid configuration.
 */
export function buildAppGraph(options: BuildAppGraphOptions): AppGraph {
  const { app, config, stage } = options;
  const functionConfigs = new Map<string, FunctionConfig>();
  const ctx: BuildContext = {
    app,
    appName: config.appName,
    stage,
    config,
    stageConfig: resolveStageConfig(config, stage),
    lambdaRuntime: options.lambdaRuntime,
    policyDocument: options.policyDocument,
    toolVersion: options.toolVersion ?? chaliceTsVersion(),
    readProjectFile: options.readProjectFile ?? ((file) => readFileSync(join(options.projectDir, file), 'utf8')),
    functionConfig: (name) => {
      let found = functionConfigs.get(name);
      if (found === undefined) {
        found = resolveFunctionConfig(config, stage, name);
        functionConfigs.set(name, found);
      }
      return found;
    },
    collector: new ResourceCollector(),
  };
  for (const fn of app.pureLambdaFunctions) addLambdaFunction(ctx, fn.name, 'pure');
  for (const entry of app.eventSources) addEventSource(ctx, entry);
  if (ctx.stageConfig.apiType === 'http') addHttpApi(ctx);
  else addRestApi(ctx);
  addWebsocketApi(ctx);
  addFunctionUrls(ctx);
  return { appName: ctx.appName, stage, resources: sortByDependencies(layerArchitectures(grantDestinationAccess(grantVpcAccess(ctx.collector.all())))) };
}

/**
 * A function in a VPC needs ENI permissions; with a generated policy they are added to the
 * role it uses (a policy from a file is the user's to complete, as the configuration docs say).
 */
function grantVpcAccess(resources: readonly Resource[]): Resource[] {
  const needVpc = new Set<string>();
  for (const r of resources) {
    if (r.kind === 'lambda-function' && r.subnetIds.length > 0) needVpc.add(resourceKey(r.role));
  }
  return resources.map((r) =>
    r.kind === 'managed-iam-role' && r.policySource.kind === 'autogen' && needVpc.has(resourceKey(r))
      ? { ...r, policyDocument: withVpcAccess(r.policyDocument) }
      : r,
  );
}

/** The automatic layer is compatible with the architectures of the functions that attach it. */
function layerArchitectures(resources: readonly Resource[]): Resource[] {
  const architectures = new Set<LambdaArchitecture>();
  for (const r of resources) if (r.kind === 'lambda-function' && r.managedLayer !== undefined) architectures.add(r.architecture);
  return resources.map((r) => (r.kind === 'lambda-layer' ? { ...r, compatibleArchitectures: [...architectures].sort() } : r));
}

/**
 * With a generated policy, a role may send to the dead-letter queues and asynchronous
 * invocation destinations of the functions that use it.
 */
function grantDestinationAccess(resources: readonly Resource[]): Resource[] {
  const targets = new Map<string, string[]>();
  for (const r of resources) {
    if (r.kind !== 'lambda-function') continue;
    const arns = [r.deadLetterQueue, r.asyncInvocation?.onFailure, r.asyncInvocation?.onSuccess].filter((arn): arn is string => arn !== undefined);
    if (arns.length > 0) targets.set(resourceKey(r.role), [...(targets.get(resourceKey(r.role)) ?? []), ...arns]);
  }
  return resources.map((r) =>
    r.kind === 'managed-iam-role' && r.policySource.kind === 'autogen' && targets.has(resourceKey(r))
      ? { ...r, policyDocument: withDestinationAccess(r.policyDocument, targets.get(resourceKey(r))!) }
      : r,
  );
}
