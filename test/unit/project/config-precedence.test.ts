import { describe, expect, it } from 'vitest';
import { parseProjectConfig, resolveFunctionConfig, resolveStageConfig } from '../../../src/project/index.js';
import type { ConfigFile, ProjectConfig } from '../../../src/project/index.js';

const where = { projectDir: '/p', configPath: '/p/.chalice/config.json' };

function config(file: Partial<ConfigFile> & Record<string, unknown>): ProjectConfig {
  return parseProjectConfig(JSON.stringify({ version: '2.0', app_name: 'demo', ...file }), where);
}

type LevelName = 'top' | 'fnTop' | 'stage' | 'fnStage';
const LEVELS: readonly LevelName[] = ['top', 'fnTop', 'stage', 'fnStage']; // lowest precedence first

/** A config that sets `key` to `values[level]` at each of the given levels, for function foo in stage dev. */
function configWith(key: string, present: readonly LevelName[], values: Record<LevelName, unknown>): ProjectConfig {
  const file: Record<string, any> = { stages: { dev: {} } };
  for (const level of present) {
    const value = values[level];
    if (level === 'top') file[key] = value;
    if (level === 'fnTop') file.lambda_functions = { foo: { [key]: value } };
    if (level === 'stage') file.stages.dev[key] = value;
    if (level === 'fnStage') file.stages.dev.lambda_functions = { foo: { [key]: value } };
  }
  return config(file);
}

/** Every subset of the four levels, as a table row. */
const SUBSETS: LevelName[][] = Array.from({ length: 16 }, (_, mask) => LEVELS.filter((_, i) => mask & (1 << i)));

describe('override keys: function-in-stage > stage > function-at-top > top level', () => {
  const OVERRIDE_KEYS = [
    { key: 'lambda_timeout', field: 'lambdaTimeout', values: { top: 10, fnTop: 20, stage: 30, fnStage: 40 }, fallback: 60 },
    { key: 'lambda_memory_size', field: 'lambdaMemorySize', values: { top: 256, fnTop: 512, stage: 1024, fnStage: 2048 }, fallback: 128 },
    { key: 'layers', field: 'layers', values: { top: ['t'], fnTop: ['ft'], stage: ['s'], fnStage: ['fs'] }, fallback: [] },
    { key: 'autogen_policy', field: 'autogenPolicy', values: { top: false, fnTop: true, stage: false, fnStage: true }, fallback: true },
    { key: 'iam_policy_file', field: 'iamPolicyFile', values: { top: 't.json', fnTop: 'ft.json', stage: 's.json', fnStage: 'fs.json' }, fallback: 'policy-dev.json' },
    { key: 'reserved_concurrency', field: 'reservedConcurrency', values: { top: 1, fnTop: 2, stage: 3, fnStage: 0 }, fallback: undefined },
    { key: 'architecture', field: 'architecture', values: { top: 'arm64', fnTop: 'x86_64', stage: 'arm64', fnStage: 'x86_64' }, fallback: 'x86_64' },
    { key: 'ephemeral_storage', field: 'ephemeralStorage', values: { top: 512, fnTop: 1024, stage: 4096, fnStage: 10240 }, fallback: undefined },
    { key: 'provisioned_concurrency', field: 'provisionedConcurrency', values: { top: 1, fnTop: 2, stage: 3, fnStage: 4 }, fallback: undefined },
    // The most specific async_invocation object wins whole (its keys are not merged with other levels').
    {
      key: 'async_invocation',
      field: 'asyncInvocation',
      values: { top: { maximum_retry_attempts: 0 }, fnTop: { maximum_event_age_in_seconds: 60 }, stage: { on_failure: 'arn:aws:sqs:r:1:q' }, fnStage: { on_success: 'arn:aws:sns:r:1:t' } },
      resolved: { top: { maximumRetryAttempts: 0 }, fnTop: { maximumEventAgeInSeconds: 60 }, stage: { onFailure: 'arn:aws:sqs:r:1:q' }, fnStage: { onSuccess: 'arn:aws:sns:r:1:t' } },
      fallback: undefined,
    },
    { key: 'iam_role_arn', field: 'iamRoleArn', values: { top: 'arn:aws:iam::1:role/t', fnTop: 'arn:aws:iam::1:role/ft', stage: 'arn:aws:iam::1:role/s', fnStage: 'arn:aws:iam::1:role/fs' }, fallback: undefined },
  ] as const;

  const rows = OVERRIDE_KEYS.flatMap((spec) =>
    SUBSETS.map((present) => ({ ...spec, present, label: present.length ? present.join('+') : 'nowhere' })),
  );

  it.each(rows)('$key set at $label', (row) => {
    const { key, field, values, fallback, present } = row;
    const resolved = resolveFunctionConfig(configWith(key, present, values), 'dev', 'foo');
    const winner = [...present].reverse()[0];
    const expected: Readonly<Record<LevelName, unknown>> = 'resolved' in row ? row.resolved : values;
    expect(resolved[field]).toEqual(winner === undefined ? fallback : expected[winner]);
  });

  it.each(SUBSETS.map((present) => ({ present, label: present.join('+') || 'nowhere' })))(
    'a stage-wide view ignores function levels (lambda_timeout at $label)',
    ({ present }) => {
      const values = { top: 10, fnTop: 20, stage: 30, fnStage: 40 };
      const stage = resolveStageConfig(configWith('lambda_timeout', present, values), 'dev');
      const winner = present.filter((level) => level === 'top' || level === 'stage').reverse()[0];
      expect(stage.lambdaTimeout).toBe(winner === undefined ? 60 : values[winner]);
    },
  );
});

describe('environment_variables and tags merge across levels', () => {
  it.each([
    { key: 'environment_variables', field: 'environmentVariables' },
    { key: 'tags', field: 'tags' },
  ] as const)('$key: every level contributes and higher levels win per name', ({ key, field }) => {
    const file = {
      [key]: { A: 'top', B: 'top', C: 'top', D: 'top' },
      lambda_functions: { foo: { [key]: { B: 'fnTop', C: 'fnTop', D: 'fnTop' } } },
      stages: { dev: { [key]: { C: 'stage', D: 'stage' }, lambda_functions: { foo: { [key]: { D: 'fnStage' } } } } },
    };
    const cfg = config(file);
    expect(resolveFunctionConfig(cfg, 'dev', 'foo')[field]).toEqual({ A: 'top', B: 'fnTop', C: 'stage', D: 'fnStage' });
    expect(resolveFunctionConfig(cfg, 'dev', 'bar')[field]).toEqual({ A: 'top', B: 'top', C: 'stage', D: 'stage' });
    expect(resolveStageConfig(cfg, 'dev')[field]).toEqual({ A: 'top', B: 'top', C: 'stage', D: 'stage' });
  });

  it('matches the documented dev/prod environment variable example', () => {
    const cfg = config({
      environment_variables: { SHARED_CONFIG: 'foo', OTHER_CONFIG: 'from-top' },
      stages: {
        dev: { environment_variables: { TABLE_NAME: 'dev-table', OTHER_CONFIG: 'dev-value' } },
        prod: { environment_variables: { TABLE_NAME: 'prod-table', OTHER_CONFIG: 'prod-value' } },
      },
    });
    expect(resolveStageConfig(cfg, 'dev').environmentVariables).toEqual({ SHARED_CONFIG: 'foo', TABLE_NAME: 'dev-table', OTHER_CONFIG: 'dev-value' });
    expect(resolveStageConfig(cfg, 'prod').environmentVariables).toEqual({ SHARED_CONFIG: 'foo', TABLE_NAME: 'prod-table', OTHER_CONFIG: 'prod-value' });
  });

  it('returns merged maps with sorted keys', () => {
    const cfg = config({ environment_variables: { Z: '1', A: '2' }, stages: { dev: { environment_variables: { M: '3' } } } });
    expect(Object.keys(resolveStageConfig(cfg, 'dev').environmentVariables)).toEqual(['A', 'M', 'Z']);
  });
});

describe('stage settings', () => {
  it('applies the documented defaults to a minimal config', () => {
    const stage = resolveStageConfig(config({}), 'dev');
    expect(stage).toEqual({
      stage: 'dev',
      appName: 'demo',
      architecture: 'x86_64',
      autogenPolicy: true,
      environmentVariables: {},
      iamPolicyFile: 'policy-dev.json',
      lambdaMemorySize: 128,
      lambdaTimeout: 60,
      layers: [],
      manageIamRole: true,
      securityGroupIds: [],
      subnetIds: [],
      tags: {},
      apiType: 'rest',
      apiGatewayStage: 'api',
      websocketApiStage: 'api',
      apiGatewayEndpointType: 'EDGE',
      apiGatewayEndpointVpce: [],
      automaticLayer: false,
    });
  });

  it('matches the documented api_gateway_stage precedence example', () => {
    const cfg = config({
      api_gateway_stage: 'api',
      stages: { dev: {}, beta: {}, prod: { api_gateway_stage: 'prod', manage_iam_role: false, iam_role_arn: 'arn:aws:iam::1:role/prod-role' } },
    });
    expect(['dev', 'beta', 'prod'].map((s) => resolveStageConfig(cfg, s).apiGatewayStage)).toEqual(['api', 'api', 'prod']);
    expect(resolveStageConfig(cfg, 'prod')).toMatchObject({ manageIamRole: false, iamRoleArn: 'arn:aws:iam::1:role/prod-role' });
  });

  it.each([
    { key: 'api_gateway_stage', field: 'apiGatewayStage', top: 'a', stage: 'b' },
    { key: 'websocket_api_stage', field: 'websocketApiStage', top: 'a', stage: 'b' },
    { key: 'minimum_compression_size', field: 'minimumCompressionSize', top: 0, stage: 1024 },
    { key: 'automatic_layer', field: 'automaticLayer', top: false, stage: true },
    { key: 'api_gateway_policy_file', field: 'apiGatewayPolicyFile', top: 't.json', stage: 's.json' },
  ] as const)('$key in the stage overrides the top level', ({ key, field, top, stage }) => {
    expect(resolveStageConfig(config({ [key]: top, stages: { dev: {} } }), 'dev')[field]).toEqual(top);
    expect(resolveStageConfig(config({ [key]: top, stages: { dev: { [key]: stage } } }), 'dev')[field]).toEqual(stage);
  });

  it('names the websocket stage like the REST stage unless websocket_api_stage is set', () => {
    const cfg = config({ api_gateway_stage: 'v1', stages: { dev: {}, prod: { websocket_api_stage: 'ws' } } });
    expect(resolveStageConfig(cfg, 'dev')).toMatchObject({ apiGatewayStage: 'v1', websocketApiStage: 'v1' });
    expect(resolveStageConfig(cfg, 'prod')).toMatchObject({ apiGatewayStage: 'v1', websocketApiStage: 'ws' });
    expect(() => resolveStageConfig(config({ websocket_api_stage: 'no spaces' }), 'dev')).toThrow(/websocket_api_stage/);
  });

  it('normalises api_gateway_endpoint_vpce to a list', () => {
    const base = { api_gateway_endpoint_type: 'PRIVATE' as const };
    expect(resolveStageConfig(config({ ...base, api_gateway_endpoint_vpce: 'vpce-1' }), 'dev').apiGatewayEndpointVpce).toEqual(['vpce-1']);
    expect(resolveStageConfig(config({ ...base, api_gateway_endpoint_vpce: ['vpce-1', 'vpce-2'] }), 'dev').apiGatewayEndpointVpce).toEqual(['vpce-1', 'vpce-2']);
  });

  it('takes custom domains whole from the highest level and applies their defaults', () => {
    const cfg = config({
      api_gateway_endpoint_type: 'REGIONAL',
      api_gateway_custom_domain: { domain_name: 'top.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/t', url_prefix: 'top' },
      websocket_api_custom_domain: { domain_name: 'ws.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/w', tls_version: 'TLS_1_0', tags: { k: 'v' } },
      stages: { prod: { api_gateway_custom_domain: { domain_name: 'api.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/p' } } },
    });
    expect(resolveStageConfig(cfg, 'prod').apiGatewayCustomDomain).toEqual({
      domainName: 'api.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:1:certificate/p',
      tlsVersion: 'TLS_1_2',
      tags: {},
    });
    expect(resolveStageConfig(cfg, 'dev').apiGatewayCustomDomain?.urlPrefix).toBe('top');
    expect(resolveStageConfig(cfg, 'prod').websocketApiCustomDomain).toEqual({
      domainName: 'ws.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:1:certificate/w',
      tlsVersion: 'TLS_1_0',
      tags: { k: 'v' },
    });
  });

  it('lets the default stage dev be used without a stages entry', () => {
    const cfg = config({ lambda_timeout: 5, stages: { prod: {} } });
    expect(resolveStageConfig(cfg, 'dev').lambdaTimeout).toBe(5);
  });
});

describe('function settings', () => {
  it('matches the documented per-function example (api_handler, foo, bar)', () => {
    const cfg = config({
      stages: {
        dev: {
          environment_variables: { OWNER: 'dev-team' },
          api_gateway_stage: 'api',
          lambda_functions: {
            foo: { subnet_ids: ['sn-1', 'sn-2'], security_group_ids: ['sg-10', 'sg-11'], layers: ['layer-arn-1', 'layer-arn-2'] },
            bar: { manage_iam_role: false, iam_role_arn: 'arn:aws:iam::my-role-name', environment_variables: { TABLE_NAME: 'mytable' } },
          },
        },
      },
    });
    expect(resolveFunctionConfig(cfg, 'dev', 'foo')).toMatchObject({
      functionName: 'foo',
      stage: 'dev',
      environmentVariables: { OWNER: 'dev-team' },
      manageIamRole: true,
      autogenPolicy: true,
      subnetIds: ['sn-1', 'sn-2'],
      securityGroupIds: ['sg-10', 'sg-11'],
      layers: ['layer-arn-1', 'layer-arn-2'],
    });
    expect(resolveFunctionConfig(cfg, 'dev', 'bar')).toMatchObject({
      manageIamRole: false,
      iamRoleArn: 'arn:aws:iam::my-role-name',
      environmentVariables: { OWNER: 'dev-team', TABLE_NAME: 'mytable' },
      subnetIds: [],
    });
    expect(resolveFunctionConfig(cfg, 'dev', 'api_handler')).toMatchObject({ manageIamRole: true, layers: [] });
  });

  it('lets a function opt out of a stage VPC with empty lists', () => {
    const cfg = config({
      subnet_ids: ['sn-1'],
      security_group_ids: ['sg-1'],
      lambda_functions: { outside: { subnet_ids: [], security_group_ids: [] } },
    });
    expect(resolveFunctionConfig(cfg, 'dev', 'outside')).toMatchObject({ subnetIds: [], securityGroupIds: [] });
    expect(resolveFunctionConfig(cfg, 'dev', 'other')).toMatchObject({ subnetIds: ['sn-1'], securityGroupIds: ['sg-1'] });
  });

  it('exposes the ProjectConfig summary', () => {
    const cfg = config({ stages: { prod: {}, beta: {} } });
    expect(cfg).toMatchObject({ appName: 'demo', stageNames: ['beta', 'prod'], projectDir: '/p', configPath: '/p/.chalice/config.json' });
  });
});
