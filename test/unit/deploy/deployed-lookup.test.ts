import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { regionOfArn, requireDeployedState, requireFunction, requireRestApi } from '../../../src/deploy/inspect/deployed-lookup.js';
import { writeDeployedState, type DeployedState } from '../../../src/project/deployed-state.js';

const fn = (name: string, functionName: string) => ({
  name,
  resourceType: 'lambda_function',
  functionName,
  lambdaArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
});

const STATE: DeployedState = {
  resources: [
    { name: 'default-role', resourceType: 'iam_role', roleArn: 'arn:aws:iam::123456789012:role/app-dev' },
    fn('api_handler', 'app-dev'),
    fn('every_hour', 'app-dev-every_hour'),
    { name: 'rest_api', resourceType: 'rest_api', restApiId: 'abc123', restApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/api/', region: 'eu-west-1' },
  ],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chalice-lookup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('deployed lookups', () => {
  it('reads a deployed stage and finds its REST API', () => {
    writeDeployedState(dir, 'prod', STATE);
    expect(requireRestApi(requireDeployedState(dir, 'prod'), 'prod').restApiUrl).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/api/');
  });

  it('names the stage and the fix when it was never deployed', () => {
    expect(() => requireDeployedState(dir, 'prod')).toThrow(/^Stage "prod" has not been deployed \(no \.chalice\/deployed\/prod\.json in .*\); run `chalice deploy --stage prod` first$/);
  });

  it('says when a stage has no REST API', () => {
    expect(() => requireRestApi({ resources: [fn('foo', 'app-dev-foo')] }, 'dev')).toThrow(/^Stage "dev" has no deployed REST API/);
  });

  it.each([
    ['api_handler', 'app-dev'],
    ['every_hour', 'app-dev-every_hour'],
    ['app-dev-every_hour', 'app-dev-every_hour'],
  ])('finds function %s (deployed as %s)', (name, functionName) => {
    expect(requireFunction(STATE, 'dev', name).functionName).toBe(functionName);
  });

  it.each([
    ['every_hours', 'No deployed function named "every_hours" in stage "dev" (did you mean "every_hour"?); deployed functions: api_handler, every_hour'],
    ['zzz', 'No deployed function named "zzz" in stage "dev"; deployed functions: api_handler, every_hour'],
  ])('lists the deployed names for an unknown name %s', (name, message) => {
    expect(() => requireFunction(STATE, 'dev', name)).toThrow(message);
  });

  it('says when a stage has no functions at all', () => {
    expect(() => requireFunction({ resources: [] }, 'dev', 'api_handler')).toThrow('Stage "dev" has no deployed Lambda functions; run `chalice deploy --stage dev`');
  });

  it.each([
    ['arn:aws:lambda:eu-west-1:123456789012:function:app-dev', 'eu-west-1'],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:x', 'cn-north-1'],
    ['not-an-arn', undefined],
  ])('region of %s is %s', (arn, region) => {
    expect(regionOfArn(arn)).toBe(region);
  });
});
