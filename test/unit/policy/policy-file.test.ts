import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPolicyFile } from '../../../src/build/policy/index.js';
import { ChaliceTsError } from '../../../src/project/errors.js';

const policyFor = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: [action], Resource: '*' }],
});

describe('readPolicyFile', () => {
  let projectDir: string;
  const write = async (name: string, content: string | object): Promise<void> => {
    await writeFile(path.join(projectDir, '.chalice', name), typeof content === 'string' ? content : JSON.stringify(content));
  };

  beforeEach(async () => {
    projectDir = await mkdtemp(path.join(tmpdir(), 'chalice-ts-policy-file-'));
    await mkdir(path.join(projectDir, '.chalice'));
  });
  afterEach(async () => {
    await rm(projectDir, { recursive: true, force: true });
  });

  it.each([
    { case: 'the stage file', files: { 'policy-prod.json': policyFor('s3:GetObject') }, stage: 'prod', iamPolicyFile: undefined, action: 's3:GetObject' },
    {
      case: 'the iam_policy_file over the stage file',
      files: { 'policy-beta.json': policyFor('s3:GetObject'), 'beta-app-policy.json': policyFor('sqs:SendMessage') },
      stage: 'beta',
      iamPolicyFile: 'beta-app-policy.json',
      action: 'sqs:SendMessage',
    },
    { case: 'the legacy policy.json for dev', files: { 'policy.json': policyFor('sns:Publish') }, stage: 'dev', iamPolicyFile: undefined, action: 'sns:Publish' },
    {
      case: 'policy-dev.json over the legacy file',
      files: { 'policy.json': policyFor('sns:Publish'), 'policy-dev.json': policyFor('s3:PutObject') },
      stage: 'dev',
      iamPolicyFile: undefined,
      action: 's3:PutObject',
    },
  ])('reads $case', async ({ files, stage, iamPolicyFile, action }) => {
    for (const [name, content] of Object.entries(files)) await write(name, content);
    const policy = await readPolicyFile(projectDir, stage, iamPolicyFile);
    expect(policy.Statement[0]!.Action).toEqual([action]);
  });

  it.each([
    { case: 'the stage file is missing', files: {}, stage: 'prod', iamPolicyFile: undefined, code: 'policy_file_missing', names: '.chalice/policy-prod.json' },
    { case: 'policy.json exists but the stage is not dev', files: { 'policy.json': policyFor('s3:GetObject') }, stage: 'prod', iamPolicyFile: undefined, code: 'policy_file_missing', names: '.chalice/policy-prod.json' },
    { case: 'the iam_policy_file is missing', files: {}, stage: 'beta', iamPolicyFile: 'custom.json', code: 'policy_file_missing', names: '.chalice/custom.json' },
    { case: 'the file is not JSON', files: { 'policy-dev.json': '{ "Version": ' }, stage: 'dev', iamPolicyFile: undefined, code: 'policy_file_invalid', names: '.chalice/policy-dev.json' },
    { case: 'the JSON is not a policy', files: { 'policy-dev.json': '["s3:GetObject"]' }, stage: 'dev', iamPolicyFile: undefined, code: 'policy_file_invalid', names: '.chalice/policy-dev.json' },
  ])('fails with a user error naming the file when $case', async ({ files, stage, iamPolicyFile, code, names }) => {
    for (const [name, content] of Object.entries(files)) await write(name, content);
    const failure = readPolicyFile(projectDir, stage, iamPolicyFile);
    await expect(failure).rejects.toBeInstanceOf(ChaliceTsError);
    await expect(failure).rejects.toMatchObject({ code, fault: 'user' });
    await expect(failure).rejects.toThrow(names);
  });
});
