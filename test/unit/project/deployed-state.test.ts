import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ChaliceTsError,
  deployedStatePath,
  deployedStateToJson,
  readDeployedState,
  writeDeployedState,
} from '../../../src/project/index.js';
import type { DeployedState } from '../../../src/project/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-state-'));
  dirs.push(dir);
  return dir;
}

const STATE: DeployedState = {
  resources: [
    { resourceType: 'lambda_function', name: 'api_handler', lambdaArn: 'arn:aws:lambda:us-west-2:1:function:demo-dev' },
    { name: 'rest_api', resourceType: 'rest_api', restApiUrl: 'https://abc.execute-api.us-west-2.amazonaws.com/api/', restApiId: 'abc', extra: { z: 1, a: [2, { y: null, b: true }] } },
  ],
};

function errorOf(run: () => unknown): ChaliceTsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChaliceTsError);
    return error as ChaliceTsError;
  }
  throw new Error('expected a ChaliceTsError');
}

describe('deployed state', () => {
  it('round-trips through .chalice/deployed/<stage>.json', () => {
    const dir = project();
    writeDeployedState(dir, 'prod', STATE);
    expect(deployedStatePath(dir, 'prod')).toBe(join(dir, '.chalice', 'deployed', 'prod.json'));
    expect(readDeployedState(dir, 'prod')).toEqual(STATE);
  });

  it('returns undefined for a stage that was never deployed', () => {
    expect(readDeployedState(project(), 'dev')).toBeUndefined();
  });

  it('writes sorted keys, 2-space indent and a trailing newline, keeping resource order', () => {
    expect(deployedStateToJson(STATE)).toBe(`{
  "resources": [
    {
      "lambdaArn": "arn:aws:lambda:us-west-2:1:function:demo-dev",
      "name": "api_handler",
      "resourceType": "lambda_function"
    },
    {
      "extra": {
        "a": [
          2,
          {
            "b": true,
            "y": null
          }
        ],
        "z": 1
      },
      "name": "rest_api",
      "resourceType": "rest_api",
      "restApiId": "abc",
      "restApiUrl": "https://abc.execute-api.us-west-2.amazonaws.com/api/"
    }
  ],
  "schemaVersion": "1.0"
}
`);
  });

  it('writes identical bytes for equal states built in a different key order', () => {
    const dirA = project();
    const dirB = project();
    writeDeployedState(dirA, 'dev', STATE);
    writeDeployedState(dirB, 'dev', { resources: STATE.resources.map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r) });
    expect(readFileSync(deployedStatePath(dirA, 'dev'), 'utf8')).toBe(readFileSync(deployedStatePath(dirB, 'dev'), 'utf8'));
  });

  it('replaces the file atomically and leaves no temporary files', () => {
    const dir = project();
    writeDeployedState(dir, 'dev', STATE);
    writeDeployedState(dir, 'dev', { resources: [] });
    expect(readDeployedState(dir, 'dev')).toEqual({ resources: [] });
    expect(readdirSync(join(dir, '.chalice', 'deployed'))).toEqual(['dev.json']);
  });

  function withStateText(text: string): string {
    const dir = project();
    mkdirSync(join(dir, '.chalice', 'deployed'), { recursive: true });
    writeFileSync(join(dir, '.chalice', 'deployed', 'dev.json'), text);
    return dir;
  }

  it.each([
    { name: 'an unknown schemaVersion', text: '{"schemaVersion": "9.0", "resources": []}', code: 'state_schema_unsupported', says: 'has schemaVersion "9.0", which this chalice-ts does not read (it reads "1.0")' },
    { name: 'no schemaVersion (a file from another tool)', text: '{"schema_version": "2.0", "resources": [], "backend": "api"}', code: 'state_schema_unsupported', says: 'has no schemaVersion' },
    { name: 'invalid JSON', text: '{"schemaVersion": "1.0",}', code: 'state_invalid', says: 'dev.json:1:24: is not valid JSON: trailing commas' },
    { name: 'resources not a list', text: '{"schemaVersion": "1.0", "resources": {}}', code: 'state_invalid', says: 'resources must be a list, got an object' },
    { name: 'a resource without resourceType', text: '{"schemaVersion": "1.0", "resources": [{"name": "x"}]}', code: 'state_invalid', says: 'resources.0 must be an object with string "name" and "resourceType"' },
  ])('fails clearly on $name', ({ text, code, says }) => {
    const dir = withStateText(text);
    const error = errorOf(() => readDeployedState(dir, 'dev'));
    expect(error.code).toBe(code);
    expect(error.message).toContain(join(dir, '.chalice', 'deployed', 'dev.json'));
    expect(error.message).toContain(says);
  });

  it.each(['../x', 'a/b', '', 'dev.json'])('rejects the stage name %j for a state path', (stage) => {
    expect(errorOf(() => deployedStatePath('/p', stage)).code).toBe('stage_invalid');
  });
});
