/**
 * One Lambda function resource per function name, with its settings resolved through the
 * project layer's precedence, and the role (and automatic layer) it uses.
 *
 * Roles, as in Chalice:
 * - `manage_iam_role: false` → the given `iam_role_arn` (one existing-role resource per ARN);
 * - `autogen_policy: true` (the default) → the shared `default-role`, named `<app>-<stage>`,
 *   with the policy generated from the source;
 * - `autogen_policy: false` → a role per function, `<function>_role` named
 *   `<app>-<stage>-<function>`, with the policy read from `.chalice/<iam_policy_file>`.
 */
import type { FunctionConfig } from '../project/index.js';
import { ChaliceTsError } from '../project/errors.js';
import type { BuildContext } from './build-context.js';
import { handlerExportName, lambdaHandlerString } from './handler-names.js';
import { LAMBDA_TRUST_POLICY } from './policies.js';
import { readPolicyFile } from './policy-file.js';
import type {
  ExistingIamRoleResource,
  FunctionPurpose,
  LambdaFunctionResource,
  LambdaLayerResource,
  ManagedIamRoleResource,
  Ref,
} from './resources.js';
import { refTo, resourceKey } from './resources.js';

/** Lambda's limit on function names; IAM's on role names is the same. */
const MAX_FUNCTION_NAME_LENGTH = 64;

const PURPOSE_TEXT: Record<FunctionPurpose, string> = {
  'rest-api': 'the REST API handler',
  authorizer: 'a built-in authorizer',
  'event-handler': 'an event handler',
  pure: 'a pure Lambda function',
  websocket: 'a websocket handler',
};

/**
 * Adds the function `name` (and its role and layer) to the graph.
 * @throws ChaliceTsError `function_name_conflict` when two functions would get the same name;
 *   `function_name_invalid` when the deployed name is not a valid Lambda function name.
 */
export function addLambdaFunction(ctx: BuildContext, name: string, purpose: FunctionPurpose): Ref<'lambda-function'> {
  const existing = ctx.collector.get(resourceKey({ ref: 'lambda-function', name }));
  if (existing?.kind === 'lambda-function') {
    throw new ChaliceTsError(
      `Two Lambda functions are named "${name}" (${PURPOSE_TEXT[existing.purpose]} and ${PURPOSE_TEXT[purpose]}); "${name}" is ${purpose === existing.purpose ? 'used twice' : 'reserved'}, so rename yours with { name: '...' }`,
      'function_name_conflict',
    );
  }
  const config = ctx.functionConfig(name);
  // The REST API handler keeps the plain `<app>-<stage>` name, as Chalice deploys it.
  const functionName = purpose === 'rest-api' ? `${ctx.appName}-${ctx.stage}` : `${ctx.appName}-${ctx.stage}-${name}`;
  checkFunctionName(functionName, name);
  const managedLayer = ctx.stageConfig.automaticLayer ? addManagedLayer(ctx) : undefined;
  const resource: LambdaFunctionResource = {
    kind: 'lambda-function',
    resourceName: name,
    purpose,
    functionName,
    exportName: handlerExportName(name),
    handler: lambdaHandlerString(name),
    runtime: ctx.lambdaRuntime,
    architecture: config.architecture,
    memorySize: config.lambdaMemorySize,
    ...(config.ephemeralStorage === undefined ? {} : { ephemeralStorage: config.ephemeralStorage }),
    ...(config.deadLetterQueue === undefined ? {} : { deadLetterQueue: config.deadLetterQueue }),
    ...(config.logRetentionInDays === undefined ? {} : { logRetentionInDays: config.logRetentionInDays }),
    ...(config.provisionedConcurrency === undefined ? {} : { provisionedConcurrency: config.provisionedConcurrency }),
    ...(config.asyncInvocation === undefined ? {} : { asyncInvocation: { ...config.asyncInvocation } }),
    timeout: config.lambdaTimeout,
    environment: { ...config.environmentVariables },
    tags: sortedRecord({
      ...config.tags,
      // The default tag wins over a user tag of the same key, so tools can always find our resources.
      'aws-chalice': `version=${ctx.toolVersion}:stage=${ctx.stage}:app=${ctx.appName}`,
    }),
    layers: [...config.layers],
    ...(managedLayer === undefined ? {} : { managedLayer }),
    subnetIds: [...config.subnetIds],
    securityGroupIds: [...config.securityGroupIds],
    ...(config.reservedConcurrency === undefined ? {} : { reservedConcurrency: config.reservedConcurrency }),
    xray: false,
    role: addRole(ctx, config, name),
    codeFile: 'deployment.zip',
  };
  ctx.collector.add(resource);
  return refTo(resource);
}

function checkFunctionName(functionName: string, name: string): void {
  if (functionName.length > MAX_FUNCTION_NAME_LENGTH) {
    throw new ChaliceTsError(
      `The Lambda function name "${functionName}" of "${name}" is ${functionName.length} characters long; Lambda allows ${MAX_FUNCTION_NAME_LENGTH}. Shorten the app name, the stage name or the function name ({ name: '...' })`,
      'function_name_invalid',
    );
  }
  if (!/^[A-Za-z0-9_-]+$/.test(functionName)) {
    throw new ChaliceTsError(
      `The Lambda function name "${functionName}" of "${name}" may only contain letters, digits, '_' and '-'; change the stage name or the blueprint namePrefix`,
      'function_name_invalid',
    );
  }
}

function addRole(ctx: BuildContext, config: FunctionConfig, name: string): Ref<'managed-iam-role' | 'existing-iam-role'> {
  if (!config.manageIamRole) {
    // The project layer guarantees the ARN when manage_iam_role is false.
    const roleArn = config.iamRoleArn as string;
    const role: ExistingIamRoleResource = { kind: 'existing-iam-role', resourceName: roleArn, roleArn };
    ctx.collector.add(role);
    return refTo(role);
  }
  let role: ManagedIamRoleResource;
  if (config.autogenPolicy) {
    role = {
      kind: 'managed-iam-role',
      resourceName: 'default-role',
      roleName: `${ctx.appName}-${ctx.stage}`,
      trustPolicy: LAMBDA_TRUST_POLICY,
      policySource: { kind: 'autogen' },
      policyDocument: ctx.policyDocument,
    };
  } else {
    const file = `.chalice/${config.iamPolicyFile}`;
    role = {
      kind: 'managed-iam-role',
      resourceName: `${name}_role`,
      roleName: `${ctx.appName}-${ctx.stage}-${name}`,
      trustPolicy: LAMBDA_TRUST_POLICY,
      policySource: { kind: 'file', file },
      policyDocument: readPolicyFile(ctx, file, `the IAM policy of function "${name}" (autogen_policy is false)`),
    };
  }
  ctx.collector.add(role);
  return refTo(role);
}

function addManagedLayer(ctx: BuildContext): Ref<'lambda-layer'> {
  const layer: LambdaLayerResource = {
    kind: 'lambda-layer',
    resourceName: 'managed-layer',
    layerName: `${ctx.appName}-${ctx.stage}-managed-layer`,
    runtime: ctx.lambdaRuntime,
    // Filled in once every function is known (see build-app-graph.ts).
    compatibleArchitectures: [],
    contentFile: 'layer-deployment.zip',
  };
  ctx.collector.add(layer);
  return refTo(layer);
}

export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
