import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ChaliceTsError,
  ConfigError,
  parseProjectConfig,
  readProjectConfig,
  resolveFunctionConfig,
  resolveStageConfig,
} from '../../../src/project/index.js';

const CONFIG_PATH = '/proj/.chalice/config.json';
const where = { projectDir: '/proj', configPath: CONFIG_PATH };
const base = { version: '2.0', app_name: 'demo' };

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(ChaliceTsError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

const parse = (file: Record<string, unknown>) => () => parseProjectConfig(JSON.stringify({ ...base, ...file }), where);

interface Row {
  readonly name: string;
  readonly file: Record<string, unknown>;
  readonly keyPath: string;
  readonly says: string;
}

const VPC = { subnet_ids: ['sn-1'], security_group_ids: ['sg-1'] };

const ROWS: Row[] = [
  // unknown keys, with suggestions
  { name: 'unknown top-level key with a close match', file: { lambda_timout: 5 }, keyPath: 'lambda_timout', says: 'is not a known key; did you mean "lambda_timeout"?' },
  { name: 'unknown stage key', file: { stages: { dev: { enviroment_variables: {} } } }, keyPath: 'stages.dev.enviroment_variables', says: 'did you mean "environment_variables"?' },
  { name: 'unknown function key (top)', file: { lambda_functions: { foo: { memory_size: 256 } } }, keyPath: 'lambda_functions.foo.memory_size', says: 'did you mean "lambda_memory_size"?' },
  { name: 'unknown function key (in stage)', file: { stages: { dev: { lambda_functions: { foo: { tag: {} } } } } }, keyPath: 'stages.dev.lambda_functions.foo.tag', says: 'did you mean "tags"?' },
  { name: 'unknown key with no close match', file: { stages: { dev: { xyzzy: 1 } } }, keyPath: 'stages.dev.xyzzy', says: 'known keys here are: api_gateway_custom_domain,' },
  { name: 'unknown custom domain key', file: { api_gateway_endpoint_type: 'REGIONAL', api_gateway_custom_domain: { domain_name: 'a.example.com', certificate_arn: 'arn:aws:acm:x', url_prefixes: ['a'] } }, keyPath: 'api_gateway_custom_domain.url_prefixes', says: 'did you mean "url_prefix"?' },
  { name: 'custom domain security_policy', file: { stages: { dev: { api_gateway_custom_domain: { domain_name: 'a.example.com', certificate_arn: 'arn:aws:acm:x', security_policy: 'TLS 1.2' } } } }, keyPath: 'stages.dev.api_gateway_custom_domain.security_policy', says: 'did you mean "tls_version"?' },
  // keys at the wrong level
  { name: 'api_gateway_endpoint_type in a stage', file: { stages: { dev: { api_gateway_endpoint_type: 'REGIONAL' } } }, keyPath: 'stages.dev.api_gateway_endpoint_type', says: 'can only be set at the top level' },
  { name: 'app_name in a stage', file: { stages: { dev: { app_name: 'x' } } }, keyPath: 'stages.dev.app_name', says: 'can only be set at the top level' },
  { name: 'stages in a stage', file: { stages: { dev: { stages: {} } } }, keyPath: 'stages.dev.stages', says: 'can only be set at the top level' },
  { name: 'api_gateway_stage per function', file: { lambda_functions: { foo: { api_gateway_stage: 'x' } } }, keyPath: 'lambda_functions.foo.api_gateway_stage', says: 'cannot be set per function' },
  { name: 'lambda_functions per function', file: { stages: { dev: { lambda_functions: { foo: { lambda_functions: {} } } } } }, keyPath: 'stages.dev.lambda_functions.foo.lambda_functions', says: 'cannot be set per function' },
  { name: 'automatic_layer per function', file: { lambda_functions: { foo: { automatic_layer: true } } }, keyPath: 'lambda_functions.foo.automatic_layer', says: 'cannot be set per function' },
  // wrong types and ranges
  { name: 'version not "2.0"/"1.0"', file: { version: '3.0' }, keyPath: 'version', says: 'must be one of "2.0", "1.0", got "3.0"' },
  { name: 'version as a number', file: { version: 2 }, keyPath: 'version', says: 'must be one of "2.0", "1.0", got 2' },
  { name: 'app_name with spaces', file: { app_name: 'my app' }, keyPath: 'app_name', says: 'must be a name of letters, digits' },
  { name: 'stages not an object', file: { stages: ['dev'] }, keyPath: 'stages', says: 'must be an object mapping stage names to stage settings, got an array' },
  { name: 'stage not an object', file: { stages: { dev: true } }, keyPath: 'stages.dev', says: 'must be an object of stage settings, got true' },
  { name: 'invalid stage name', file: { stages: { 'de v': {} } }, keyPath: 'stages["de v"]', says: 'is not a valid stage name' },
  { name: 'lambda_functions not an object', file: { lambda_functions: [] }, keyPath: 'lambda_functions', says: 'must be an object mapping function names' },
  { name: 'function settings not an object', file: { stages: { dev: { lambda_functions: { foo: 1 } } } }, keyPath: 'stages.dev.lambda_functions.foo', says: 'must be an object of function settings, got 1' },
  { name: 'memory below 128', file: { lambda_memory_size: 127 }, keyPath: 'lambda_memory_size', says: 'must be an integer from 128 to 10240 (MB), got 127' },
  { name: 'memory above 10240', file: { stages: { dev: { lambda_memory_size: 10241 } } }, keyPath: 'stages.dev.lambda_memory_size', says: 'must be an integer from 128 to 10240 (MB), got 10241' },
  { name: 'memory fractional', file: { stages: { dev: { lambda_functions: { foo: { lambda_memory_size: 200.5 } } } } }, keyPath: 'stages.dev.lambda_functions.foo.lambda_memory_size', says: 'must be an integer from 128 to 10240 (MB), got 200.5' },
  { name: 'memory as a string', file: { lambda_functions: { foo: { lambda_memory_size: '256' } } }, keyPath: 'lambda_functions.foo.lambda_memory_size', says: 'got "256"' },
  { name: 'timeout 0', file: { lambda_timeout: 0 }, keyPath: 'lambda_timeout', says: 'must be an integer from 1 to 900 (seconds), got 0' },
  { name: 'timeout 901', file: { stages: { prod: { lambda_timeout: 901 } } }, keyPath: 'stages.prod.lambda_timeout', says: 'got 901' },
  { name: 'timeout fractional', file: { lambda_timeout: 1.5 }, keyPath: 'lambda_timeout', says: 'got 1.5' },
  { name: 'env var value a number', file: { environment_variables: { PORT: 8080 } }, keyPath: 'environment_variables.PORT', says: 'must be a string (quote numbers and booleans, e.g. "1" or "true"), got 8080' },
  { name: 'env var value in a stage function', file: { stages: { dev: { lambda_functions: { foo: { environment_variables: { DEBUG: true } } } } } }, keyPath: 'stages.dev.lambda_functions.foo.environment_variables.DEBUG', says: 'got true' },
  { name: 'env var name invalid', file: { environment_variables: { 'MY.VAR': 'x' } }, keyPath: 'environment_variables["MY.VAR"]', says: 'is not a valid name' },
  { name: 'environment_variables a list', file: { environment_variables: ['A=1'] }, keyPath: 'environment_variables', says: 'must be an object mapping names to string values, got an array' },
  { name: 'tag value not a string', file: { tags: { team: 1 } }, keyPath: 'tags.team', says: 'must be a string' },
  { name: 'layers not a list', file: { layers: 'arn:layer' }, keyPath: 'layers', says: 'must be a list of non-empty strings (at most 5), got "arn:layer"' },
  { name: 'layer entry not a string', file: { lambda_functions: { foo: { layers: ['a', 2] } } }, keyPath: 'lambda_functions.foo.layers.1', says: 'must be a non-empty string, got 2' },
  { name: 'more than five layers', file: { layers: ['1', '2', '3', '4', '5', '6'] }, keyPath: 'layers', says: 'must have at most 5 entries, got 6' },
  { name: 'subnet_ids not a list', file: { subnet_ids: 'sn-1', security_group_ids: ['sg'] }, keyPath: 'subnet_ids', says: 'must be a list' },
  { name: 'autogen_policy a string', file: { autogen_policy: 'false' }, keyPath: 'autogen_policy', says: 'must be true or false, got "false"' },
  { name: 'manage_iam_role a number', file: { stages: { dev: { manage_iam_role: 0 } } }, keyPath: 'stages.dev.manage_iam_role', says: 'must be true or false, got 0' },
  { name: 'iam_role_arn not an ARN', file: { manage_iam_role: false, iam_role_arn: 'my-role' }, keyPath: 'iam_role_arn', says: 'must be an ARN' },
  { name: 'architecture misspelt', file: { architecture: 'aarch64' }, keyPath: 'architecture', says: 'must be one of "x86_64", "arm64", got "aarch64"' },
  { name: 'architecture per function in a stage', file: { stages: { dev: { lambda_functions: { foo: { architecture: 'x86' } } } } }, keyPath: 'stages.dev.lambda_functions.foo.architecture', says: 'must be one of "x86_64", "arm64", got "x86"' },
  { name: 'ephemeral_storage below 512', file: { ephemeral_storage: 256 }, keyPath: 'ephemeral_storage', says: 'must be an integer from 512 to 10240 (MB), got 256' },
  { name: 'ephemeral_storage above 10240', file: { lambda_functions: { foo: { ephemeral_storage: 20480 } } }, keyPath: 'lambda_functions.foo.ephemeral_storage', says: 'got 20480' },
  { name: 'dead_letter_queue a queue name', file: { dead_letter_queue: 'my-dlq' }, keyPath: 'dead_letter_queue', says: 'must be the ARN of an SQS queue or SNS topic (arn:aws:sqs:<region>:<account>:<queue>), got "my-dlq"' },
  { name: 'dead_letter_queue an S3 ARN', file: { lambda_functions: { foo: { dead_letter_queue: 'arn:aws:s3:::bucket' } } }, keyPath: 'lambda_functions.foo.dead_letter_queue', says: 'must be the ARN of an SQS queue or SNS topic' },
  { name: 'log_retention_in_days not a CloudWatch period', file: { log_retention_in_days: 10 }, keyPath: 'log_retention_in_days', says: 'must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (days), got 10' },
  { name: 'provisioned_concurrency 0', file: { provisioned_concurrency: 0 }, keyPath: 'provisioned_concurrency', says: 'must be an integer 1 or more, got 0' },
  { name: 'provisioned_concurrency fractional per function', file: { stages: { dev: { lambda_functions: { foo: { provisioned_concurrency: 1.5 } } } } }, keyPath: 'stages.dev.lambda_functions.foo.provisioned_concurrency', says: 'got 1.5' },
  { name: 'async_invocation not an object', file: { async_invocation: 'arn:aws:sqs:us-east-1:1:q' }, keyPath: 'async_invocation', says: 'must be an object such as' },
  { name: 'async_invocation misspelt key', file: { async_invocation: { on_falure: 'arn:aws:sqs:us-east-1:1:q' } }, keyPath: 'async_invocation.on_falure', says: 'is not a known key; did you mean "on_failure"?' },
  { name: 'async_invocation camelCase key', file: { stages: { dev: { async_invocation: { onSuccess: 'arn:aws:sqs:us-east-1:1:q' } } } }, keyPath: 'stages.dev.async_invocation.onSuccess', says: 'did you mean "on_success"?' },
  { name: 'async_invocation destination of another service', file: { async_invocation: { on_failure: 'arn:aws:s3:::bucket' } }, keyPath: 'async_invocation.on_failure', says: 'must be the ARN of an SQS queue, SNS topic, Lambda function or EventBridge event bus' },
  { name: 'async_invocation destination a name', file: { lambda_functions: { foo: { async_invocation: { on_success: 'my-queue' } } } }, keyPath: 'lambda_functions.foo.async_invocation.on_success', says: 'got "my-queue"' },
  { name: 'async_invocation 3 retries', file: { async_invocation: { maximum_retry_attempts: 3 } }, keyPath: 'async_invocation.maximum_retry_attempts', says: 'must be an integer from 0 to 2, got 3' },
  { name: 'async_invocation event age under a minute', file: { async_invocation: { maximum_event_age_in_seconds: 59 } }, keyPath: 'async_invocation.maximum_event_age_in_seconds', says: 'must be an integer from 60 to 21600 (seconds), got 59' },
  { name: 'async_invocation event age over six hours', file: { async_invocation: { maximum_event_age_in_seconds: 21601 } }, keyPath: 'async_invocation.maximum_event_age_in_seconds', says: 'got 21601' },
  { name: 'log_retention_in_days as a string', file: { stages: { dev: { log_retention_in_days: '14' } } }, keyPath: 'stages.dev.log_retention_in_days', says: 'got "14"' },
  { name: 'reserved_concurrency negative', file: { reserved_concurrency: -1 }, keyPath: 'reserved_concurrency', says: 'must be an integer 0 or more, got -1' },
  { name: 'minimum_compression_size too large', file: { minimum_compression_size: 10_485_761 }, keyPath: 'minimum_compression_size', says: 'from 0 to 10485760 (bytes)' },
  { name: 'endpoint type lowercase', file: { api_gateway_endpoint_type: 'edge' }, keyPath: 'api_gateway_endpoint_type', says: 'must be one of "EDGE", "REGIONAL", "PRIVATE", got "edge"' },
  { name: 'endpoint vpce a number', file: { api_gateway_endpoint_vpce: 5 }, keyPath: 'api_gateway_endpoint_vpce', says: 'must be a list of non-empty strings' },
  { name: 'api_gateway_stage with a slash', file: { api_gateway_stage: 'v1/api' }, keyPath: 'api_gateway_stage', says: 'must be an API Gateway stage name' },
  { name: 'policy file empty', file: { iam_policy_file: '' }, keyPath: 'iam_policy_file', says: 'must be a file name relative to .chalice/' },
  { name: 'custom domain without certificate', file: { stages: { dev: { api_gateway_custom_domain: { domain_name: 'a.example.com' } } } }, keyPath: 'stages.dev.api_gateway_custom_domain.certificate_arn', says: 'is required for a custom domain' },
  { name: 'custom domain bad tls_version', file: { websocket_api_custom_domain: { domain_name: 'a.example.com', certificate_arn: 'arn:aws:acm:x', tls_version: 'TLS_1_2|TLS_1_0' } }, keyPath: 'websocket_api_custom_domain.tls_version', says: 'must be one of "TLS_1_0", "TLS_1_2"' },
  { name: 'custom domain not an object', file: { api_gateway_custom_domain: 'api.example.com' }, keyPath: 'api_gateway_custom_domain', says: 'must be an object with domain_name and certificate_arn' },
  // required keys
  { name: 'app_name missing', file: { app_name: undefined }, keyPath: 'app_name', says: 'is required' },
  // impossible combinations (checked after merging levels)
  { name: 'manage_iam_role false without iam_role_arn (top)', file: { manage_iam_role: false }, keyPath: 'manage_iam_role', says: 'is false but no iam_role_arn is set for stage "dev"' },
  { name: 'manage_iam_role false without iam_role_arn (stage)', file: { stages: { prod: { manage_iam_role: false } } }, keyPath: 'stages.prod.manage_iam_role', says: 'no iam_role_arn is set for stage "prod"' },
  { name: 'manage_iam_role false without iam_role_arn (function in stage)', file: { stages: { dev: { lambda_functions: { bar: { manage_iam_role: false } } } } }, keyPath: 'stages.dev.lambda_functions.bar.manage_iam_role', says: 'no iam_role_arn is set for function "bar" in stage "dev"' },
  { name: 'provisioned above reserved concurrency', file: { reserved_concurrency: 2, lambda_functions: { foo: { provisioned_concurrency: 3 } } }, keyPath: 'lambda_functions.foo.provisioned_concurrency', says: 'is 3 but reserved_concurrency is 2 for function "foo" in stage "dev"; Lambda keeps provisioned instances within the reservation' },
  { name: 'subnet_ids without security_group_ids', file: { stages: { dev: { subnet_ids: ['sn-1'] } } }, keyPath: 'stages.dev.subnet_ids', says: 'is set but security_group_ids is not' },
  { name: 'security_group_ids without subnet_ids (function)', file: { lambda_functions: { foo: { security_group_ids: ['sg-1'] } } }, keyPath: 'lambda_functions.foo.security_group_ids', says: 'is set but subnet_ids is not, for function "foo" in stage "dev"' },
  { name: 'function clears subnets but keeps the stage security groups', file: { ...VPC, stages: { dev: { lambda_functions: { foo: { subnet_ids: [] } } } } }, keyPath: 'security_group_ids', says: 'is set but subnet_ids is not, for function "foo"' },
  { name: 'PRIVATE endpoint without vpce or policy', file: { api_gateway_endpoint_type: 'PRIVATE' }, keyPath: 'api_gateway_endpoint_type', says: 'is "PRIVATE" but stage "dev" sets neither api_gateway_endpoint_vpce nor api_gateway_policy_file' },
  { name: 'deployed_state not an object', file: { deployed_state: 's3://b/p' }, keyPath: 'deployed_state', says: 'must be an object such as {"s3": "s3://my-bucket/chalice-state"}' },
  { name: 'deployed_state without s3', file: { deployed_state: {} }, keyPath: 'deployed_state.s3', says: 'is required: the S3 URL' },
  { name: 'deployed_state.s3 not an s3:// URL', file: { deployed_state: { s3: 'https://b/p' } }, keyPath: 'deployed_state.s3', says: 'must be an S3 URL such as "s3://my-bucket/chalice-state", got "https://b/p"' },
  { name: 'deployed_state.s3 with an invalid bucket (stage)', file: { stages: { dev: { deployed_state: { s3: 's3://My_Bucket/p' } } } }, keyPath: 'stages.dev.deployed_state.s3', says: 'names bucket "My_Bucket", which is not a valid S3 bucket name' },
  { name: 'deployed_state with a misspelt key', file: { deployed_state: { bucket: 's3://b-1/p' } }, keyPath: 'deployed_state.bucket', says: 'did you mean "s3"?' },
  { name: 'deployed_state per function', file: { lambda_functions: { foo: { deployed_state: { s3: 's3://bkt/p' } } } }, keyPath: 'lambda_functions.foo.deployed_state', says: 'cannot be set per function' },
  { name: 'EDGE custom domain with a non-us-east-1 certificate', file: { stages: { dev: { api_gateway_custom_domain: { domain_name: 'a.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/x' } } } }, keyPath: 'stages.dev.api_gateway_custom_domain.certificate_arn', says: 'an EDGE endpoint needs an ACM certificate from us-east-1' },
];

describe('config validation errors name the file, the key path and what is expected', () => {
  it.each(ROWS)('$name', ({ file, keyPath, says }) => {
    const error = errorOf(parse(file));
    expect(error.code).toBe('config_invalid');
    expect(error.fault).toBe('user');
    expect(error.file).toBe(CONFIG_PATH);
    expect(error.keyPath).toBe(keyPath);
    expect(error.message.startsWith(`${CONFIG_PATH}: ${keyPath} `)).toBe(true);
    expect(error.message).toContain(says);
    expect(error.message).not.toContain('\n');
  });

  it('accepts every documented key at every level it is documented for', () => {
    const fn = {
      autogen_policy: false,
      environment_variables: { A: '1' },
      iam_policy_file: 'p.json',
      iam_role_arn: 'arn:aws:iam::1:role/r',
      lambda_memory_size: 10240,
      lambda_timeout: 900,
      layers: ['arn:aws:lambda:us-east-1:1:layer:l:1'],
      manage_iam_role: false,
      reserved_concurrency: 0,
      ...VPC,
      tags: { team: 'x' },
    };
    const stage = {
      ...fn,
      api_gateway_endpoint_vpce: ['vpce-1'],
      api_gateway_policy_file: 'rp.json',
      api_gateway_stage: 'v1',
      automatic_layer: true,
      deployed_state: { s3: 's3://team-state.example/chalice/prefix' },
      minimum_compression_size: 0,
      api_gateway_custom_domain: { domain_name: 'a.example.com', certificate_arn: 'arn:aws:acm:us-east-1:1:certificate/c', tls_version: 'TLS_1_2', url_prefix: 'v1', tags: { a: 'b' } },
      websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: 'arn:aws:acm:x' },
      lambda_functions: { foo: fn, api_handler: fn },
    };
    expect(() => parse({ version: '1.0', api_gateway_endpoint_type: 'PRIVATE', ...stage, stages: { dev: stage, prod: {} } })()).not.toThrow();
  });

  it('checks combinations when a stage is resolved, not only when the file is read', () => {
    // dev is not declared, so reading does not resolve it; asking for it does.
    const cfg = parseProjectConfig(JSON.stringify({ ...base, manage_iam_role: false, stages: { prod: { iam_role_arn: 'arn:aws:iam::1:role/p' } } }), where);
    expect(resolveStageConfig(cfg, 'prod').iamRoleArn).toBe('arn:aws:iam::1:role/p');
    expect(errorOf(() => resolveStageConfig(cfg, 'dev')).keyPath).toBe('manage_iam_role');
    expect(errorOf(() => resolveFunctionConfig(cfg, 'dev', 'anything')).message).toContain('function "anything" in stage "dev"');
  });
});

describe('lambda_memory_size takes any whole number of MB from 128 to 10240, as Lambda does', () => {
  it.each([128, 129, 200, 1000, 1769, 3008, 10_239, 10_240])('accepts %d at every level', (size) => {
    const fn = { lambda_memory_size: size };
    const cfg = parseProjectConfig(JSON.stringify({ ...base, ...fn, lambda_functions: { foo: fn }, stages: { dev: { ...fn, lambda_functions: { bar: fn } } } }), where);
    expect(resolveFunctionConfig(cfg, 'dev', 'bar').lambdaMemorySize).toBe(size);
  });
});

interface ManyRow {
  readonly name: string;
  readonly file: Record<string, unknown>;
  /** Every problem expected, in file order: key path and a part of what is said about it. */
  readonly problems: ReadonlyArray<readonly [keyPath: string, says: string]>;
}

const MANY: ManyRow[] = [
  {
    name: 'mistakes at every level',
    file: {
      lambda_timout: 5,
      lambda_memory_size: 64,
      lambda_functions: { foo: { lambda_timeout: 0, memory_size: 256 } },
      stages: { dev: { autogen_policy: 'no', app_name: 'x', lambda_functions: { bar: { environment_variables: { PORT: 80 } } } }, prod: { tags: { team: 1 } } },
    },
    problems: [
      ['lambda_timout', 'did you mean "lambda_timeout"?'],
      ['lambda_memory_size', 'must be an integer from 128 to 10240 (MB), got 64'],
      ['lambda_functions.foo.lambda_timeout', 'must be an integer from 1 to 900 (seconds), got 0'],
      ['lambda_functions.foo.memory_size', 'did you mean "lambda_memory_size"?'],
      ['stages.dev.autogen_policy', 'must be true or false, got "no"'],
      ['stages.dev.app_name', 'can only be set at the top level'],
      ['stages.dev.lambda_functions.bar.environment_variables.PORT', 'must be a string'],
      ['stages.prod.tags.team', 'must be a string'],
    ],
  },
  {
    name: 'app_name missing and a bad version',
    file: { app_name: undefined, version: 3 },
    problems: [
      ['version', 'must be one of "2.0", "1.0", got 3'],
      ['app_name', 'is required'],
    ],
  },
  {
    name: 'several entries of one list and a custom domain with both keys wrong',
    file: { layers: ['', 2], api_gateway_endpoint_type: 'REGIONAL', api_gateway_custom_domain: { domain_name: '', certificate_arn: 'cert' } },
    problems: [
      ['layers.0', 'must be a non-empty string, got ""'],
      ['layers.1', 'must be a non-empty string, got 2'],
      ['api_gateway_custom_domain.domain_name', 'must be a domain name'],
      ['api_gateway_custom_domain.certificate_arn', 'must be an ARN'],
    ],
  },
  {
    name: 'stages that are not objects are reported once each, without a cascade',
    file: { stages: { dev: 1, 'de v': {}, prod: { lambda_functions: [] } } },
    problems: [
      ['stages.dev', 'must be an object of stage settings, got 1'],
      ['stages["de v"]', 'is not a valid stage name'],
      ['stages.prod.lambda_functions', 'must be an object mapping function names'],
    ],
  },
  {
    name: 'impossible combinations in several stages and functions',
    file: {
      lambda_functions: { foo: { security_group_ids: ['sg-1'] } },
      stages: { dev: { manage_iam_role: false }, prod: { api_gateway_custom_domain: { domain_name: 'a.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/x' } } },
    },
    problems: [
      ['stages.dev.manage_iam_role', 'is false but no iam_role_arn is set for stage "dev"'],
      ['lambda_functions.foo.security_group_ids', 'is set but subnet_ids is not, for function "foo" in stage "dev"'],
      ['stages.prod.api_gateway_custom_domain.certificate_arn', 'an EDGE endpoint needs an ACM certificate from us-east-1'],
    ],
  },
  {
    name: 'a top-level combination mistake shared by every stage and function is reported once',
    file: { manage_iam_role: false, lambda_functions: { foo: {}, bar: {} }, stages: { dev: {}, prod: {} } },
    problems: [['manage_iam_role', 'is false but no iam_role_arn is set for stage "dev"']],
  },
];

describe('config validation reports every problem in one error', () => {
  it.each(MANY)('$name', ({ file, problems }) => {
    const error = errorOf(parse(file));
    expect(error.code).toBe('config_invalid');
    expect(error.fault).toBe('user');
    expect(error.problems.map((p) => p.keyPath)).toEqual(problems.map(([keyPath]) => keyPath));
    error.problems.forEach((p, i) => {
      expect(p.file).toBe(CONFIG_PATH);
      expect(p.problem).toContain(problems[i][1]);
    });
    const lines = error.message.split('\n');
    if (problems.length === 1) {
      expect(lines).toEqual([`${CONFIG_PATH}: ${problems[0][0]} ${error.problems[0].problem}`]);
    } else {
      expect(lines[0]).toBe(`${CONFIG_PATH} has ${problems.length} problems:`);
      expect(lines.slice(1)).toEqual(error.problems.map((p) => `  ${CONFIG_PATH}: ${p.keyPath} ${p.problem}`));
    }
    expect(error.keyPath).toBe(problems[0][0]);
  });

  it('lists exactly the keys that are wrong, wherever they are', () => {
    // Wrong values, each independent of the others, and where the problem is reported.
    const wrong: ReadonlyArray<readonly [key: string, value: unknown, reportedAt: string]> = [
      ['lambda_timeout', 0, ''],
      ['lambda_memory_size', 127, ''],
      ['autogen_policy', 'yes', ''],
      ['tags', { team: 1 }, '.team'],
      ['layers', 'arn', ''],
      ['reserved_concurrency', -1, ''],
      ['environment_variables', { A: false }, '.A'],
      ['iam_policy_file', '', ''],
      ['architecture', 'arm', ''],
      ['ephemeral_storage', 511, ''],
      ['provisioned_concurrency', 0, ''],
      ['async_invocation', { maximum_retry_attempts: 5 }, '.maximum_retry_attempts'],
    ];
    const levels = [[], ['stages', 'dev'], ['lambda_functions', 'foo'], ['stages', 'prod', 'lambda_functions', 'bar']];
    const cells = levels.flatMap((level) => wrong.map((w) => ({ level, w })));
    fc.assert(
      fc.property(fc.subarray(cells, { minLength: 1 }), (chosen) => {
        const file: Record<string, unknown> = { ...base };
        for (const { level, w } of chosen) {
          let object = file;
          for (const segment of level) object = (object[segment] ??= {}) as Record<string, unknown>;
          object[w[0]] = w[1];
        }
        const error = errorOf(() => parseProjectConfig(JSON.stringify(file), where));
        const expected = chosen.map(({ level, w }) => `${[...level, w[0]].join('.')}${w[2]}`);
        expect([...error.problems.map((p) => p.keyPath)].sort()).toEqual([...expected].sort());
        const lines = error.message.split('\n');
        expect(lines).toHaveLength(chosen.length === 1 ? 1 : chosen.length + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('reports every combination problem of one stage when it is resolved', () => {
    const cfg = parseProjectConfig(JSON.stringify({ ...base, stages: { prod: {} } }), where);
    const broken = { ...cfg, file: { ...cfg.file, manage_iam_role: false, subnet_ids: ['sn-1'], api_gateway_endpoint_type: 'PRIVATE' as const } };
    const error = errorOf(() => resolveStageConfig(broken, 'prod'));
    expect(error.problems.map((p) => p.keyPath)).toEqual(['api_gateway_endpoint_type', 'manage_iam_role', 'subnet_ids']);
    expect(error.message.split('\n')[0]).toBe(`${CONFIG_PATH} has 3 problems:`);
  });
});

describe('unknown stages', () => {
  const cfg = parseProjectConfig(JSON.stringify({ ...base, stages: { dev: {}, prod: {} } }), where);

  it.each([
    { stage: 'prdo', says: 'did you mean "prod"?' },
    { stage: 'staging', says: 'add "staging": {} under "stages"' },
  ])('asking for $stage fails, listing the defined stages', ({ stage, says }) => {
    for (const resolve of [() => resolveStageConfig(cfg, stage), () => resolveFunctionConfig(cfg, stage, 'foo')]) {
      const error = errorOf(resolve);
      expect(error.code).toBe('stage_unknown');
      expect(error.keyPath).toBe(`stages.${stage}`);
      expect(error.message).toContain('is not defined (defined stages: dev, prod)');
      expect(error.message).toContain(says);
    }
  });
});

describe('reading the file', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function project(configText?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-config-'));
    dirs.push(dir);
    if (configText !== undefined) {
      mkdirSync(join(dir, '.chalice'));
      writeFileSync(join(dir, '.chalice', 'config.json'), configText);
    }
    return dir;
  }

  it('reads a valid file', () => {
    const dir = project(JSON.stringify({ ...base, stages: { dev: { api_gateway_stage: 'dev' } } }));
    const cfg = readProjectConfig(dir);
    expect(cfg.configPath).toBe(join(dir, '.chalice', 'config.json'));
    expect(resolveStageConfig(cfg, 'dev').apiGatewayStage).toBe('dev');
  });

  it('accepts a byte order mark', () => {
    expect(readProjectConfig(project(`\uFEFF${JSON.stringify(base)}`)).appName).toBe('demo');
  });

  it('says how to create a missing config file', () => {
    const dir = project();
    const error = (() => {
      try {
        readProjectConfig(dir);
      } catch (e) {
        return e as ChaliceTsError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(ChaliceTsError);
    expect(error.code).toBe('config_not_found');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('chalice new-project');
    expect(error.message).toContain('.chalice/config.json');
  });

  it('says when the project directory does not exist', () => {
    expect(() => readProjectConfig(join(tmpdir(), 'chalice-ts-no-such-project'))).toThrow(
      expect.objectContaining({ code: 'project_not_found' }),
    );
  });

  it.each([
    { name: 'trailing comma', text: '{\n  "version": "2.0",\n  "app_name": "a",\n}\n', at: ':3:18:', says: 'trailing commas are not allowed' },
    { name: 'missing comma', text: '{\n  "version": "2.0"\n  "app_name": "a"\n}', at: ':3:3:', says: "expected ',' or '}'" },
    { name: 'comment', text: '{\n  // dev config\n  "app_name": "a"\n}', at: ':2:3:', says: 'comments are not allowed' },
    { name: 'truncated file', text: '{"app_name": "a"', at: ':1:17:', says: 'unexpected end of file' },
    { name: 'empty file', text: '', at: ':1:1:', says: 'unexpected end of file' },
  ])('reports invalid JSON ($name) with line and column', ({ text, at, says }) => {
    const dir = project(text);
    const error = errorOf(() => readProjectConfig(dir));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain(`${join(dir, '.chalice', 'config.json')}${at} is not valid JSON: ${says}`);
  });

  it('rejects a file that is not an object', () => {
    expect(errorOf(() => readProjectConfig(project('[]'))).message).toContain('must contain a JSON object, got an array');
  });
});
