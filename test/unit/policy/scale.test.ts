// The policy analyser on apps the size and shape of real ones: hundreds of routes, names defined
// again in every function, long chains of aliases and modules that import each other. These
// used to make scope resolution exponential (`chalice package` sat at "Generating the IAM
// policy" for minutes); each case here finishes in well under a second now, and a regression
// shows up as this file timing out. Speed itself is measured in bench/policy.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeSdkUsage } from '../../../src/build/policy/index.js';
import { generateLargeApp, REQUEST_SNIPPET, removeProject, writeProject } from './support/large-app.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/policy/', import.meta.url));

describe('policy analysis of large apps', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeProject));
  });
  const analyse = async (files: ReadonlyMap<string, string>) => {
    const dir = await writeProject(files);
    dirs.push(dir);
    return analyzeSdkUsage('app.ts', { projectDir: dir });
  };

  it.each([
    { why: 'many modules in an import cycle', modules: 30, operationsPerModule: 10, aliasChain: 10, seed: 1 },
    { why: 'few modules with hundreds of functions re-defining the same names', modules: 2, operationsPerModule: 150, aliasChain: 5, seed: 2 },
    { why: 'alias chains hundreds of names long', modules: 6, operationsPerModule: 40, aliasChain: 400, seed: 3 },
    { why: 'one module alone', modules: 1, operationsPerModule: 300, aliasChain: 50, seed: 4 },
  ])('finds exactly the actions placed in a generated app: $why', async (options) => {
    const app = generateLargeApp(options);
    expect(app.routes).toBeGreaterThanOrEqual(240);

    const usage = await analyse(app.files);

    expect(usage.actions).toEqual(app.actions);
    expect(usage.warnings).toEqual([]);
    expect(usage.files).toHaveLength(options.modules + 2);
  });

  it('resolves the request/body/headers snippet from the issue repeated 200 times, in functions and at the top level', async () => {
    const functions = Array.from({ length: 200 }, (_, k) => `function handler${k}() {\n  ${REQUEST_SNIPPET}\n}`);
    // `var` may be declared again in one scope, so the top level can repeat the snippet as is.
    const topLevel = Array.from({ length: 200 }, () => REQUEST_SNIPPET.replaceAll('const ', 'var '));
    const files = new Map([
      [
        'app.ts',
        [
          "import { Chalice } from 'chalice-ts';",
          "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
          "import { SQS } from '@aws-sdk/client-sqs';",
          "import './chalicelib/top.js';",
          "export const app = new Chalice({ appName: 'snippet' });",
          'const s3 = new S3Client({});',
          'const queue = new SQS({});',
          ...functions,
          "app.route('/', { methods: ['POST'] }, async function index() {",
          `  ${REQUEST_SNIPPET}`,
          '  const q = queue;',
          '  await q.sendMessage({ QueueUrl: headers.q, MessageBody: body });',
          "  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: r.body }));",
          '});',
          '',
        ].join('\n'),
      ],
      [
        'chalicelib/top.ts',
        [
          "import { SNS } from '@aws-sdk/client-sns';",
          "const app = { currentRequest: { body: '', headers: {} }, x: (value: unknown) => value };",
          ...topLevel,
          'var body = new SNS({});',
          "export async function notify() { await body.publish({ Message: 'm' }); }",
          '',
        ].join('\n'),
      ],
    ]);

    const usage = await analyse(files);

    expect(usage.actions).toEqual(['s3:PutObject', 'sns:Publish', 'sqs:SendMessage']);
    expect(usage.warnings).toEqual([]);
  });

  it('finds the actions of a realistic 640-line app with 41 routes that re-define request, body and headers in every handler', async () => {
    const usage = await analyzeSdkUsage('app.ts', { projectDir: path.join(FIXTURES, 'realistic-40-routes') });

    expect(usage.actions).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'events:PutEvents',
      's3:DeleteObject',
      's3:GetObject',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'sns:Publish',
      'sqs:SendMessage',
      'ssm:GetParameter',
    ]);
    expect(usage.warnings).toEqual([]);
    expect(usage.files).toHaveLength(6);
  });
});
