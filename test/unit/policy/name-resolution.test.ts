// How the analyser resolves names that are defined more than once, in cycles, through long
// alias chains and through `export *`: the cases the fixed-point resolver must get right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSdkUsage } from '../../../src/build/policy/index.js';
import { removeProject, writeProject } from './support/large-app.js';

const aliasChain = (length: number): string =>
  Array.from({ length }, (_, k) => `const a${k + 1} = ${k === 0 ? 'client' : `a${k}`};`).join('\n');

const CASES: ReadonlyArray<{ readonly why: string; readonly files: Record<string, string>; readonly actions: readonly string[] }> = [
  {
    // Names are not scoped, so `store` is both clients in both functions: the policy also gets
    // the two actions of the other service's same-named method (s3:GetItem, dynamodb:PutObject),
    // but it no longer misses dynamodb:GetItem, as it did when the first definition won.
    why: 'a local name given clients of two services in two functions stands for both',
    files: {
      'app.ts': [
        "import { S3 } from '@aws-sdk/client-s3';",
        "import { DynamoDB } from '@aws-sdk/client-dynamodb';",
        "export async function save() { const store = new S3({}); await store.putObject({ Bucket: 'b', Key: 'k' }); }",
        "export async function load() { const store = new DynamoDB({}); await store.getItem({ TableName: 't', Key: {} }); }",
      ].join('\n'),
    },
    actions: ['dynamodb:GetItem', 'dynamodb:PutObject', 's3:GetItem', 's3:PutObject'],
  },
  {
    why: 'a chain of 300 aliases, far past any depth limit',
    files: {
      'app.ts': ["import { SQS } from '@aws-sdk/client-sqs';", 'const client = new SQS({});', aliasChain(300), "export const go = () => a300.sendMessage({ QueueUrl: 'q', MessageBody: 'm' });"].join('\n'),
    },
    actions: ['sqs:SendMessage'],
  },
  {
    why: 'names that refer to each other in a cycle, one of them also given a client',
    files: {
      'app.ts': [
        "import { SNS } from '@aws-sdk/client-sns';",
        'let a, b, c;',
        'a = b; b = c; c = a;',
        'c = new SNS({});',
        "export const go = () => a.publish({ Message: 'm' });",
      ].join('\n'),
    },
    actions: ['sns:Publish'],
  },
  {
    why: 'modules that `export *` each other in a cycle, the client exported by one of them',
    files: {
      'app.ts': "import { queue } from './lib/a.js';\nexport const go = () => queue.deleteMessage({ QueueUrl: 'q', ReceiptHandle: 'h' });",
      'lib/a.ts': "export * from './b.js';\nexport const unrelated = 1;",
      'lib/b.ts': "export * from './a.js';\nimport { SQS } from '@aws-sdk/client-sqs';\nexport const queue = new SQS({});",
    },
    actions: ['sqs:DeleteMessage'],
  },
  {
    why: 'a local `export *` answers for its names before an SDK `export *` next to it',
    files: {
      'app.ts': "import { PutObjectCommand, Widget } from './lib/index.js';\nexport const go = () => [new PutObjectCommand({}), new Widget()];",
      'lib/index.ts': "export * from '@aws-sdk/client-s3';\nexport * from './widget.js';",
      'lib/widget.ts': 'export class Widget {}',
    },
    actions: ['s3:PutObject'],
  },
];

describe('name resolution in the policy analyser', () => {
  const dirs = new Map<string, string>();
  beforeAll(async () => {
    for (const c of CASES) dirs.set(c.why, await writeProject(new Map(Object.entries(c.files))));
  });
  afterAll(async () => {
    await Promise.all([...dirs.values()].map(removeProject));
  });

  it.each(CASES)('$why', async ({ why, actions }) => {
    const usage = await analyzeSdkUsage('app.ts', { projectDir: dirs.get(why)! });
    expect(usage.actions).toEqual(actions);
    expect(usage.warnings).toEqual([]);
  });
});
