/**
 * `chalice-ts/test` under Node's own test runner, in the setups a user would pick on Node 20:
 * TypeScript through tsx (`node --import tsx --test`, ESM, `using`), plain CommonJS
 * (`require`), and a mix of the ESM and CommonJS copies of the package in one process.
 * The TypeScript project is also typechecked: the package's `types` serve ESM and CommonJS files.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, assertBuilt, createUserProject, describeRun, removeUserProjects, runNode, type RunResult } from './user-project.js';
import { APP_CJS, APP_ESM, APP_TS, CLIENT_TEST_COUNT, clientTests, expectShim } from './user-sources.js';

beforeAll(assertBuilt);
afterAll(removeUserProjects);

/** Counts from the TAP summary node:test prints (`# pass 4`). */
function tapSummary(run: RunResult): { pass: number; fail: number } {
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(run.stdout)?.[1] ?? Number.NaN);
  return { pass: count('pass'), fail: count('fail') };
}

function expectAllPassed(run: RunResult, expected: number): void {
  expect(run.exitCode, describeRun(run)).toBe(0);
  expect(tapSummary(run), describeRun(run)).toEqual({ pass: expected, fail: 0 });
}

const TS_TEST = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from 'chalice-ts/test';
import { app } from './app.js';
${expectShim('ts')}${clientTests({ usingDeclarations: true })}`;

// A CommonJS file type-checked with the ESM ones: `import` compiles to `require` here.
const TS_CJS_CHECK = `import { Chalice } from 'chalice-ts';
import { Client, type HTTPResponse } from 'chalice-ts/test';

const app = new Chalice({ appName: 'typed' });
app.route('/', function index() {
  return {};
});
export async function status(): Promise<number> {
  using client = new Client(app, { stageName: 'dev' });
  const response: HTTPResponse = await client.http.get('/');
  return response.statusCode;
}
`;

const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2023', 'esnext.disposable'],
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
};

const CJS_TEST = `const assert = require('node:assert/strict');
const { test } = require('node:test');
const { Client } = require('chalice-ts/test');
const { app } = require('./app.js');
${expectShim('js')}
test('the CommonJS builds are the ones loaded', () => {
  expect(require.resolve('chalice-ts').endsWith('runtime.cjs')).toBe(true);
  expect(require.resolve('chalice-ts/test').endsWith('testing.cjs')).toBe(true);
});
${clientTests({ usingDeclarations: false })}`;

// The ESM test client driving an app built on the CommonJS runtime, and the reverse: the
// client and the app need not share a copy of the package.
const MIXED_ESM_CLIENT = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from 'chalice-ts/test';
import cjsApp from './app.cjs';
const { app } = cjsApp;
${expectShim('js')}${clientTests({ usingDeclarations: false })}`;

const MIXED_CJS_CLIENT = `const assert = require('node:assert/strict');
const { test, before } = require('node:test');
const { Client } = require('chalice-ts/test');
let app;
before(async () => {
  ({ app } = await import('./app.mjs'));
});
${expectShim('js')}${clientTests({ usingDeclarations: false })}`;

describe('chalice-ts/test under node:test', () => {
  it('runs a TypeScript project with tsx (`node --import tsx --test`), `using` disposing the client', async () => {
    const dir = createUserProject({
      type: 'module',
      files: { 'app.ts': APP_TS, 'app.test.ts': TS_TEST },
      linkDevDependencies: ['tsx'],
    });
    expectAllPassed(await runNode(dir, ['--import', 'tsx', '--test', '--test-reporter=tap', 'app.test.ts']), CLIENT_TEST_COUNT);
  });

  it('typechecks that TypeScript project, ESM files and a CommonJS (.cts) file alike', async () => {
    const dir = createUserProject({
      type: 'module',
      files: { 'app.ts': APP_TS, 'app.test.ts': TS_TEST, 'typed.cts': TS_CJS_CHECK, 'tsconfig.json': JSON.stringify(TSCONFIG) },
      linkDevDependencies: ['@types/node'],
    });
    const run = await runNode(dir, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(run.exitCode, describeRun(run)).toBe(0);
  });

  it('runs a CommonJS project that requires chalice-ts and chalice-ts/test', async () => {
    const dir = createUserProject({ type: 'commonjs', files: { 'app.js': APP_CJS, 'app.test.js': CJS_TEST } });
    expectAllPassed(await runNode(dir, ['--test', '--test-reporter=tap', 'app.test.js']), CLIENT_TEST_COUNT + 1);
  });

  it('works when the test client and the app load different copies (ESM and CommonJS) of the package', async () => {
    const dir = createUserProject({
      type: 'module',
      files: { 'app.mjs': APP_ESM, 'app.cjs': APP_CJS, 'esm-client.test.mjs': MIXED_ESM_CLIENT, 'cjs-client.test.cjs': MIXED_CJS_CLIENT },
    });
    const run = await runNode(dir, ['--test', '--test-reporter=tap', 'esm-client.test.mjs', 'cjs-client.test.cjs']);
    expectAllPassed(run, 2 * CLIENT_TEST_COUNT);
  });
});
