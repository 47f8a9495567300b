/**
 * The IAM policy of a stage's default execution role, as `chalice package`, `chalice deploy`
 * and `chalice gen-policy` need it.
 *
 * - `autogen_policy` true (the default): the AWS SDK v3 calls found in the app's source
 *   (`analyzeSdkUsage`) become the policy (`generatePolicyDocument`), plus EC2 network-interface
 *   permissions when a function using the role runs in a VPC, plus `execute-api:ManageConnections`
 *   when the app has websocket handlers (the runtime's `app.websocketApi` calls the API Gateway
 *   Management API on the app's behalf, so the analyser cannot see those calls), plus what the
 *   app's SQS, Kinesis and DynamoDB stream event sources need (event-source-policy). The analyser's
 *   warnings (dynamic SDK usage) are emitted as messages.
 * - `autogen_policy` false: the hand-written `.chalice/policy-<stage>.json` (or
 *   `iam_policy_file`) is read instead.
 *
 * Where the generated policy is written: the seeds have Chalice write the generated policy
 * into `.chalice/` on every deploy so that it can be edited and then used with autogen turned
 * off; since Chalice reads that hand-written policy from the per-stage `.chalice/policy-<stage>.json`,
 * that is where it is written (for the `dev` stage the older `.chalice/policy.json` is only a
 * fallback on read). The file is NOT written when a function of the stage reads it as its
 * hand-written policy (a function with `autogen_policy: false` and the default file name),
 * so a hand-edited policy is never overwritten; nor when its content is unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProjectConfig } from '../project/index.js';
import { DEFAULT_STAGE, readProjectConfig, resolveFunctionConfig, resolveStageConfig } from '../project/index.js';
import type { AppModelLike } from './bundle/lambda-names.js';
import { appToLambdaFunctionNames } from './bundle/lambda-names.js';
import type { OnBuildMessage } from './build-messages.js';
import { eventSourcePolicyStatements, type EventSourceLike } from './event-source-policy.js';
import { ignoreBuildMessages } from './build-messages.js';
import { loadAppForBuild } from './load-project-app.js';
import type { PolicyDocument, PolicyStatement } from './policy/index.js';
import { analyzeSdkUsage, generatePolicyDocument, readPolicyFile } from './policy/index.js';

/** Lets a function post to websocket connections (`app.websocketApi.send/close/info`). */
export const WEBSOCKET_MANAGE_CONNECTIONS_STATEMENT: PolicyStatement = {
  Effect: 'Allow',
  Action: ['execute-api:ManageConnections'],
  Resource: ['arn:*:execute-api:*:*:*/@connections/*'],
};

export interface StagePolicyOptions {
  readonly projectDir: string;
  readonly config: ProjectConfig;
  readonly stage: string;
  /** Absolute path of the app file. */
  readonly entryFile: string;
  readonly app: AppModelLike & { readonly eventSources?: readonly EventSourceLike[] };
  readonly onMessage: OnBuildMessage;
  /** Write a generated policy to `.chalice/policy-<stage>.json`. @default true */
  readonly writePolicyFile?: boolean;
}

export interface StagePolicy {
  readonly document: PolicyDocument;
  readonly source: 'autogen' | 'file';
  /**
   * Writes a generated policy to `.chalice/policy-<stage>.json` (see the module comment);
   * does nothing for a policy read from a file or when `writePolicyFile` is false. Callers
   * invoke it once their own work has succeeded, so a failed command leaves the project as it was.
   */
  readonly save: () => void;
}

/**
 * Policy JSON text: 2-space indent and a trailing newline, keys in the generator's own order
 * (IAM's: Sid, Effect, Action, Resource), which is already deterministic.
 */
export function policyToJson(document: PolicyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The policy generated from the source, whatever `autogen_policy` says (what `gen-policy` prints). */
export async function generateStagePolicy(options: StagePolicyOptions): Promise<PolicyDocument> {
  const usage = await analyzeSdkUsage(options.entryFile, { projectDir: options.projectDir });
  for (const warning of usage.warnings) {
    options.onMessage({ kind: 'warning', text: `${warning.file}:${warning.line}: ${warning.message}`, file: warning.file, line: warning.line });
  }
  const names = appToLambdaFunctionNames(options.app);
  const usesDefaultRole = names
    .map((name) => resolveFunctionConfig(options.config, options.stage, name))
    .filter((fn) => fn.autogenPolicy && fn.manageIamRole);
  const needsVpc = usesDefaultRole.some((fn) => fn.subnetIds.length > 0);
  // Posting to websocket connections is granted once, scoped to `@connections`, whether the
  // app has websocket handlers or its code calls the management API itself.
  const manageConnections = 'execute-api:ManageConnections';
  const hasWebsockets = names.some((name) => name.startsWith('websocket_')) || usage.actions.includes(manageConnections);
  return generatePolicyDocument({
    actions: usage.actions.filter((action) => action !== manageConnections),
    needsVpc,
    extraStatements: [
      ...(hasWebsockets ? [WEBSOCKET_MANAGE_CONNECTIONS_STATEMENT] : []),
      ...eventSourcePolicyStatements(options.app.eventSources ?? []),
    ],
  });
}

/**
 * The stage's policy: generated (and written to `.chalice/policy-<stage>.json`) or read from
 * the policy file, depending on the stage's `autogen_policy`.
 */
export async function resolveStagePolicy(options: StagePolicyOptions): Promise<StagePolicy> {
  const { config, stage, projectDir } = options;
  const stageConfig = resolveStageConfig(config, stage);
  if (!stageConfig.autogenPolicy) {
    const explicit = config.file.stages?.[stage]?.iam_policy_file ?? config.file.iam_policy_file;
    return { document: await readPolicyFile(projectDir, stage, explicit), source: 'file', save: () => undefined };
  }
  const document = await generateStagePolicy(options);
  const save = options.writePolicyFile === false ? () => undefined : () => writeGeneratedPolicy(options, document);
  return { document, source: 'autogen', save };
}

function writeGeneratedPolicy(options: StagePolicyOptions, document: PolicyDocument): void {
  const fileName = `policy-${options.stage}.json`;
  const display = `.chalice/${fileName}`;
  const readers = appToLambdaFunctionNames(options.app).filter((name) => {
    const fn = resolveFunctionConfig(options.config, options.stage, name);
    return !fn.autogenPolicy && fn.manageIamRole && fn.iamPolicyFile === fileName;
  });
  if (readers.length > 0) {
    options.onMessage({
      kind: 'warning',
      text: `Not writing the generated policy to ${display}: function ${readers.join(', ')} reads its hand-written policy from that file`,
    });
    return;
  }
  const file = join(options.projectDir, '.chalice', fileName);
  const text = policyToJson(document);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return;
  writeFileSync(file, text);
  options.onMessage({ kind: 'file-written', path: display, bytes: Buffer.byteLength(text) });
}

export interface ProjectPolicyOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  readonly onMessage?: OnBuildMessage;
}

/** `chalice gen-policy`: the generated policy of a project's stage, nothing written. */
export async function generateProjectPolicy(options: ProjectPolicyOptions): Promise<PolicyDocument> {
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const config = readProjectConfig(projectDir);
  resolveStageConfig(config, stage); // an unknown stage fails here, with the config's message
  const { app, entryFile } = await loadAppForBuild(projectDir);
  return generateStagePolicy({ projectDir, config, stage, entryFile, app, onMessage: options.onMessage ?? ignoreBuildMessages });
}
