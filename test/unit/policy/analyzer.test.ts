import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSdkUsage } from '../../../src/build/policy/index.js';
import { ChaliceTsError } from '../../../src/project/errors.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/policy/', import.meta.url));
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('analyzeSdkUsage', () => {
  it.each([
    {
      fixture: 'commands',
      why: 'commands sent through v3 clients, with the S3, Lambda, Step Functions and WebSocket exceptions',
      actions: ['execute-api:ManageConnections', 'lambda:InvokeFunction', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'sqs:SendMessage', 'states:StartExecution'],
    },
    { fixture: 'aliases', why: 'aliased imports and a re-bound command class', actions: ['s3:DeleteObject', 's3:PutObject', 'sns:Publish'] },
    {
      fixture: 'namespace',
      why: 'namespace and default imports of client packages',
      actions: ['events:PutEvents', 's3:GetObject', 's3:PutObject', 'ssm:GetParameter'],
    },
    {
      fixture: 'require-cjs',
      entry: 'app.js',
      why: 'require() with destructuring, a namespace object and a member',
      actions: ['dynamodb:GetItem', 'secretsmanager:GetSecretValue', 'sns:Publish'],
    },
    {
      fixture: 'aggregated',
      why: 'aggregated clients in variables, class fields, optional calls and chained on `new`',
      actions: ['dynamodb:DescribeTable', 'logs:FilterLogEvents', 's3:ListAllMyBuckets', 's3:PutObject', 'sqs:SendMessage'],
    },
    {
      fixture: 'lib-dynamodb',
      why: 'document client commands, a paginator and the aggregated document client',
      actions: [
        'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem',
        'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem',
      ],
    },
    { fixture: 'lib-storage', why: 'the managed Upload of lib-storage', actions: ['s3:AbortMultipartUpload', 's3:PutObject'] },
    {
      fixture: 'not-code',
      why: 'commands named only in strings, templates, comments, regexes or types; inherited property names',
      actions: ['s3:GetObject'],
    },
    { fixture: 'websocket', why: 'app.websocketApi.send(), which chalice-ts makes through the management API', actions: ['execute-api:ManageConnections'] },
    { fixture: 'no-sdk', why: 'an app without AWS SDK calls (a WebSocket send is not one)', actions: [] },
  ])('finds $actions.length actions in $fixture: $why', async ({ fixture: name, entry, actions }) => {
    const usage = await analyzeSdkUsage(entry ?? 'app.ts', { projectDir: fixture(name) });
    expect(usage.actions).toEqual(actions);
    expect(usage.warnings).toEqual([]);
  });

  it('covers every module the entry imports, including chalicelib helpers, re-exports and dynamic imports', async () => {
    const usage = await analyzeSdkUsage('app.ts', { projectDir: fixture('whole-graph') });
    expect(usage.files).toEqual([
      'app.ts',
      'chalicelib/clients.ts',
      'chalicelib/commands.ts',
      'chalicelib/lazy.ts',
      'chalicelib/notify/index.ts',
      'chalicelib/storage.ts',
    ]);
    expect(usage.actions).toEqual([
      'dynamodb:GetItem', // tables.get(): a document client exported under another name
      'kinesis:PutRecord', // a command re-exported with `export *`
      's3:DeleteObject', // s3.deleteObject(): an aggregated client created in chalicelib/clients.ts
      's3:GetObjectTagging', // aws.s3.getObjectTagging(): the same client through a namespace import
      's3:PutObject', // chalicelib/storage.ts
      'sns:Publish', // a command re-exported by name
      'sqs:DeleteMessage', // a batch command held in a variable, in a dynamically imported module
      'sqs:ReceiveMessage',
    ]);
    expect(usage.warnings).toEqual([]);
  });

  it('accepts an absolute entry path and reports project-relative files', async () => {
    const usage = await analyzeSdkUsage(path.join(fixture('commands'), 'app.ts'), { projectDir: fixture('commands') });
    expect(usage.files).toEqual(['app.ts']);
  });

  it('warns, with the line of the user source, wherever the calls cannot be resolved statically', async () => {
    const usage = await analyzeSdkUsage('app.ts', { projectDir: fixture('dynamic') });
    const source = await readFile(path.join(fixture('dynamic'), 'app.ts'), 'utf8');
    const marked = source.split('\n').flatMap((text, index) => (text.includes('// warning:') ? [index + 1] : []));

    expect(usage.actions).toEqual([]);
    expect(usage.warnings.map((w) => w.line)).toEqual(marked);
    expect(usage.warnings.every((w) => w.file === 'app.ts')).toBe(true);
    expect(usage.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('client.send(...) sends a command the analyser cannot identify'),
      expect.stringContaining('aggregated[...] calls an AWS SDK client method whose name is computed'),
      expect.stringContaining('sqsModule[...] picks an export of @aws-sdk/client-sqs by a computed name'),
      expect.stringContaining('import() loads an AWS SDK package whose name is computed'),
      expect.stringContaining('the waiter waitUntilInstanceRunning of @aws-sdk/client-ec2'),
    ]);
    for (const warning of usage.warnings) {
      expect(warning.message).toContain('the generated IAM policy may be incomplete');
      expect(warning.message).toContain('"autogen_policy": false');
    }
  });

  describe('on a project that does not build', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'chalice-ts-policy-'));
      await mkdir(path.join(dir, 'broken'));
      await writeFile(path.join(dir, 'broken', 'app.ts'), "import { helper } from './chalicelib/missing.js';\nhelper();\n");
      await mkdir(path.join(dir, 'syntax'));
      await writeFile(path.join(dir, 'syntax', 'app.ts'), 'export const x = ;\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each([
      { project: 'broken', entry: 'app.ts', mentions: './chalicelib/missing.js' },
      { project: 'syntax', entry: 'app.ts', mentions: 'app.ts:1' },
    ])('throws a user error naming the problem ($project/$entry)', async ({ project, entry, mentions }) => {
      const failure = analyzeSdkUsage(entry, { projectDir: path.join(dir, project) });
      await expect(failure).rejects.toBeInstanceOf(ChaliceTsError);
      await expect(failure).rejects.toMatchObject({ code: 'policy_analysis_failed', fault: 'user' });
      await expect(failure).rejects.toThrow(mentions);
      await expect(failure).rejects.toThrow('"autogen_policy": false');
    });

    it('throws a user error naming a missing entry file', async () => {
      const failure = analyzeSdkUsage('nope.ts', { projectDir: path.join(dir, 'syntax') });
      await expect(failure).rejects.toMatchObject({ code: 'policy_analysis_failed', fault: 'user' });
      await expect(failure).rejects.toThrow('entry file nope.ts does not exist');
    });
  });
});
