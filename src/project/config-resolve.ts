/**
 * Resolving a validated config file into the settings of one stage or one Lambda function.
 *
 * Precedence, highest first (as the configuration reference describes):
 *   stages.<stage>.lambda_functions.<fn>  >  stages.<stage>  >  lambda_functions.<fn>  >  top level
 * `environment_variables` and `tags` are merged key by key in that order; every other key is
 * taken whole from the highest level that sets it (a list such as `layers` is replaced, not
 * appended). Each value remembers the key path it came from so that combination errors point
 * at the line the user has to change. Every impossible combination is reported, in one error.
 */
import { ConfigError, ConfigProblems } from './config-error.js';
import type { Fail } from './config-schema.js';
import type {
  AsyncInvocationConfigFile,
  AsyncInvocationSettings,
  ApiType,
  Architecture,
  ConfigFile,
  CustomDomainConfig,
  CustomDomainConfigFile,
  EndpointType,
  FunctionConfig,
  FunctionUrlConfig,
  FunctionUrlConfigFile,
  LambdaSettings,
  ProjectConfig,
  StageConfig,
} from './config-types.js';
import { DEFAULT_STAGE } from './config-types.js';
import { closestMatch } from './suggest.js';

interface Level {
  readonly path: readonly string[];
  readonly values: Readonly<Record<string, unknown>>;
}

interface Found<T> {
  readonly value: T;
  readonly path: readonly string[];
}

/** Levels for a stage (and optionally a function), lowest precedence first. */
function levelsFor(file: ConfigFile, stage: string, functionName?: string): Level[] {
  const levels: Array<Level | undefined> = [at([], file)];
  if (functionName !== undefined) {
    levels.push(at(['lambda_functions', functionName], file.lambda_functions?.[functionName]));
  }
  const stageValues = file.stages?.[stage];
  levels.push(at(['stages', stage], stageValues));
  if (functionName !== undefined) {
    levels.push(at(['stages', stage, 'lambda_functions', functionName], stageValues?.lambda_functions?.[functionName]));
  }
  return levels.filter((level): level is Level => level !== undefined);
}

function at(path: readonly string[], values: object | undefined): Level | undefined {
  return values === undefined ? undefined : { path, values: values as Record<string, unknown> };
}

/** The value of `key` from the highest level that sets it. */
function lookup<T>(levels: readonly Level[], key: string): Found<T> | undefined {
  for (let i = levels.length - 1; i >= 0; i--) {
    if (Object.hasOwn(levels[i].values, key)) return { value: levels[i].values[key] as T, path: [...levels[i].path, key] };
  }
  return undefined;
}

/** Merges a string map across levels; higher levels win per key. Keys are sorted for determinism. */
function mergeMaps(levels: readonly Level[], key: string): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const level of levels) Object.assign(merged, level.values[key] as Record<string, string> | undefined);
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Checks that `stage` may be used: declared under `stages`, or the default stage `dev`, which
 * needs no entry (a config file without `stages` configures `dev` from its top-level keys).
 */
function assertKnownStage(config: ProjectConfig, stage: string): void {
  if (stage === DEFAULT_STAGE || config.stageNames.includes(stage)) return;
  const suggestion = closestMatch(stage, config.stageNames);
  const defined = config.stageNames.length > 0 ? config.stageNames.join(', ') : `none besides the default "${DEFAULT_STAGE}"`;
  throw new ConfigError(
    config.configPath,
    ['stages', stage],
    `is not defined (defined stages: ${defined})${suggestion ? `; did you mean "${suggestion}"?` : ''}; to create the stage add "${stage}": {} under "stages"`,
    'stage_unknown',
  );
}

/** Per-function settings at the given levels, with the combination checks every function needs. */
function lambdaSettings(levels: readonly Level[], stage: string, subject: string, fail: Fail): LambdaSettings {
  const get = <T>(key: string): T | undefined => lookup<T>(levels, key)?.value;
  const manageIamRole = lookup<boolean>(levels, 'manage_iam_role');
  const iamRoleArn = get<string>('iam_role_arn');
  if (manageIamRole?.value === false && iamRoleArn === undefined) {
    fail(
      manageIamRole.path,
      `is false but no iam_role_arn is set for ${subject}; add "iam_role_arn" with the ARN of an existing role, or remove "manage_iam_role"`,
    );
  }
  const subnets = lookup<readonly string[]>(levels, 'subnet_ids');
  const groups = lookup<readonly string[]>(levels, 'security_group_ids');
  const hasSubnets = (subnets?.value.length ?? 0) > 0;
  const hasGroups = (groups?.value.length ?? 0) > 0;
  if (hasSubnets !== hasGroups) {
    const [given, missing] = hasSubnets ? [subnets!, 'security_group_ids'] : [groups!, 'subnet_ids'];
    fail(
      given.path,
      `is set but ${missing} is not, for ${subject}; a VPC configuration needs both subnet_ids and security_group_ids`,
    );
  }
  // Lambda keeps provisioned instances within a function's reserved concurrency.
  const provisioned = lookup<number>(levels, 'provisioned_concurrency');
  const reserved = get<number>('reserved_concurrency');
  if (provisioned !== undefined && reserved !== undefined && provisioned.value > reserved) {
    fail(
      provisioned.path,
      `is ${provisioned.value} but reserved_concurrency is ${reserved} for ${subject}; Lambda keeps provisioned instances within the reservation: lower provisioned_concurrency or raise reserved_concurrency`,
    );
  }
  return {
    architecture: get<Architecture>('architecture') ?? 'x86_64',
    ...optional('ephemeralStorage', get<number>('ephemeral_storage')),
    ...optional('deadLetterQueue', get<string>('dead_letter_queue')),
    ...optional('logRetentionInDays', get<number>('log_retention_in_days')),
    ...optional('provisionedConcurrency', get<number>('provisioned_concurrency')),
    ...optional('asyncInvocation', asyncInvocationSettings(get<AsyncInvocationConfigFile>('async_invocation'))),
    autogenPolicy: get<boolean>('autogen_policy') ?? true,
    environmentVariables: mergeMaps(levels, 'environment_variables'),
    iamPolicyFile: get<string>('iam_policy_file') ?? `policy-${stage}.json`,
    ...(iamRoleArn === undefined ? {} : { iamRoleArn }),
    lambdaMemorySize: get<number>('lambda_memory_size') ?? 128,
    lambdaTimeout: get<number>('lambda_timeout') ?? 60,
    lambdaRuntime: get<string>('lambda_runtime'),
    layers: get<readonly string[]>('layers') ?? [],
    manageIamRole: manageIamRole?.value ?? true,
    ...optional('reservedConcurrency', get<number>('reserved_concurrency')),
    securityGroupIds: groups?.value ?? [],
    subnetIds: subnets?.value ?? [],
    tags: mergeMaps(levels, 'tags'),
  };
}

/** `{ [key]: value }` when the value is set, `{}` otherwise (keeps optional keys absent, not undefined). */
function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

function customDomain(found: Found<CustomDomainConfigFile> | undefined): CustomDomainConfig | undefined {
  if (found === undefined) return undefined;
  const raw = found.value;
  return {
    domainName: raw.domain_name,
    certificateArn: raw.certificate_arn,
    tlsVersion: raw.tls_version ?? 'TLS_1_2',
    ...optional('urlPrefix', raw.url_prefix),
    tags: { ...raw.tags },
  };
}

/**
 * Stage-wide settings of `stage`: top-level keys overridden by `stages.<stage>`. Per-function
 * overrides are not applied; use `resolveFunctionConfig` for a function's settings.
 * @throws ConfigError `stage_unknown` for an undeclared stage other than `dev`;
 *   `config_invalid` for impossible combinations.
 */
export function resolveStageConfig(config: ProjectConfig, stage: string): StageConfig {
  const problems = new ConfigProblems(config.configPath);
  const resolved = resolveStageConfigWith(config, stage, problems.report);
  problems.throwIfAny();
  return resolved;
}

/** `resolveStageConfig` that reports combination problems to `fail` instead of throwing them. */
export function resolveStageConfigWith(config: ProjectConfig, stage: string, fail: Fail): StageConfig {
  assertKnownStage(config, stage);
  const levels = levelsFor(config.file, stage);
  const get = <T>(key: string): T | undefined => lookup<T>(levels, key)?.value;
  const endpointType = get<EndpointType>('api_gateway_endpoint_type') ?? 'EDGE';
  const vpceValue = get<string | readonly string[]>('api_gateway_endpoint_vpce');
  const vpce = typeof vpceValue === 'string' ? [vpceValue] : (vpceValue ?? []);
  const policyFile = get<string>('api_gateway_policy_file');
  if (endpointType === 'PRIVATE' && vpce.length === 0 && policyFile === undefined) {
    fail(
      ['api_gateway_endpoint_type'],
      `is "PRIVATE" but stage "${stage}" sets neither api_gateway_endpoint_vpce nor api_gateway_policy_file; a private API needs a VPC endpoint id (or a resource policy file)`,
    );
  }
  const apiType = get<ApiType>('api_type') ?? 'rest';
  const apiDomain = lookup<CustomDomainConfigFile>(levels, 'api_gateway_custom_domain');
  // An EDGE API is served through CloudFront, which only takes ACM certificates from us-east-1.
  // (An HTTP API's custom domain is always regional.)
  const certRegion = apiDomain?.value.certificate_arn.split(':')[3];
  if (apiType === 'rest' && endpointType === 'EDGE' && certRegion && certRegion !== 'us-east-1') {
    fail(
      [...apiDomain!.path, 'certificate_arn'],
      `is in ${certRegion}, but an EDGE endpoint needs an ACM certificate from us-east-1; use a us-east-1 certificate or set "api_gateway_endpoint_type": "REGIONAL"`,
    );
  }
  return {
    stage,
    appName: config.appName,
    ...lambdaSettings(levels, stage, `stage "${stage}"`, fail),
    apiType,
    apiGatewayStage: get<string>('api_gateway_stage') ?? 'api',
    websocketApiStage: get<string>('websocket_api_stage') ?? get<string>('api_gateway_stage') ?? 'api',
    apiGatewayEndpointType: endpointType,
    apiGatewayEndpointVpce: vpce,
    ...optional('apiGatewayPolicyFile', policyFile),
    ...optional('minimumCompressionSize', get<number>('minimum_compression_size')),
    automaticLayer: get<boolean>('automatic_layer') ?? false,
    ...optional('deployedStateUrl', get<{ s3: string }>('deployed_state')?.s3),
    ...optional('apiGatewayCustomDomain', customDomain(apiDomain)),
    ...optional('websocketApiCustomDomain', customDomain(lookup<CustomDomainConfigFile>(levels, 'websocket_api_custom_domain'))),
  };
}

/**
 * Fully merged settings of the Lambda function `functionName` in `stage`. The REST API's
 * function is named `api_handler`; other functions use their resource names. A function the
 * file does not mention gets the stage-wide settings.
 * @throws ConfigError as `resolveStageConfig`.
 */
export function resolveFunctionConfig(config: ProjectConfig, stage: string, functionName: string): FunctionConfig {
  const problems = new ConfigProblems(config.configPath);
  const resolved = resolveFunctionConfigWith(config, stage, functionName, problems.report);
  problems.throwIfAny();
  return resolved;
}

/** `resolveFunctionConfig` that reports combination problems to `fail` instead of throwing them. */
export function resolveFunctionConfigWith(config: ProjectConfig, stage: string, functionName: string, fail: Fail): FunctionConfig {
  assertKnownStage(config, stage);
  const levels = levelsFor(config.file, stage, functionName);
  return {
    stage,
    functionName,
    ...lambdaSettings(levels, stage, `function "${functionName}" in stage "${stage}"`, fail),
    ...optional('functionUrl', functionUrl(lookup<FunctionUrlConfigFile>(levels, 'function_url')?.value)),
  };
}

/** `function_url` is taken whole from the highest level that sets it (the validator allows it per function only). */
function functionUrl(raw: FunctionUrlConfigFile | undefined): FunctionUrlConfig | undefined {
  if (raw === undefined) return undefined;
  const cors = raw.cors;
  return {
    authType: raw.auth_type,
    ...(cors === undefined
      ? {}
      : {
          cors: {
            allowOrigins: [...(cors.allow_origins ?? [])],
            allowMethods: [...(cors.allow_methods ?? [])],
            allowHeaders: [...(cors.allow_headers ?? [])],
            exposeHeaders: [...(cors.expose_headers ?? [])],
            ...optional('maxAge', cors.max_age),
            allowCredentials: cors.allow_credentials ?? false,
          },
        }),
    invokeMode: raw.invoke_mode ?? 'BUFFERED',
  };
}

function asyncInvocationSettings(file: AsyncInvocationConfigFile | undefined): AsyncInvocationSettings | undefined {
  if (file === undefined) return undefined;
  return {
    ...optional('onFailure', file.on_failure),
    ...optional('onSuccess', file.on_success),
    ...optional('maximumRetryAttempts', file.maximum_retry_attempts),
    ...optional('maximumEventAgeInSeconds', file.maximum_event_age_in_seconds),
  };
}
