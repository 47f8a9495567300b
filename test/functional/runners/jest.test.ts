/**
 * `chalice-ts/test` under jest, run as a user would: the repository's jest on a tiny project.
 * - Default (CommonJS) mode: jest's module registry `require`s packages and cannot load ESM, so
 *   `chalice-ts` and `chalice-ts/test` resolve through the `require` condition to the CommonJS
 *   builds (dist/cjs/). Both `.js` test files (through babel-jest, jest's default transform)
 *   and `.cjs` ones (not transformed).
 * - ESM mode (`NODE_OPTIONS=--experimental-vm-modules`, `"type": "module"`): the ESM build.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, assertBuilt, createUserProject, describeRun, removeUserProjects, runNode, type RunResult } from './user-project.js';
import { APP_CJS, APP_ESM, CLIENT_TEST_COUNT, clientTests } from './user-sources.js';

beforeAll(assertBuilt);
afterAll(removeUserProjects);

const JEST = join(REPO_ROOT, 'node_modules/.bin/jest');

function runJest(dir: string, env: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  // --json: the results as JSON on stdout (everything else goes to stderr).
  // jest 29's default testMatch leaves out `.cjs`; a project with `.test.cjs` files says so.
  const testMatch = ['--testMatch', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'];
  const args = [JEST, '--rootDir', dir, '--ci', '--runInBand', '--no-watchman', '--json', '--cacheDirectory', join(dir, '.jest-cache'), ...testMatch];
  return runNode(dir, args, env);
}

interface JestSummary {
  readonly success: boolean;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numTotalTestSuites: number;
}

function expectAllPassed(run: RunResult, expected: { tests: number; suites: number }): void {
  expect(run.exitCode, describeRun(run)).toBe(0);
  const summary = JSON.parse(run.stdout) as JestSummary;
  expect(
    { success: summary.success, passed: summary.numPassedTests, failed: summary.numFailedTests, suites: summary.numTotalTestSuites },
    describeRun(run),
  ).toEqual({ success: true, passed: expected.tests, failed: 0, suites: expected.suites });
}

const CJS_TEST = `const { Client } = require('chalice-ts/test');
const { app } = require('./app.js');

test('the CommonJS builds are the ones loaded', () => {
  expect(require.resolve('chalice-ts')).toMatch(/runtime\\.cjs$/);
  expect(require.resolve('chalice-ts/test')).toMatch(/testing\\.cjs$/);
});

test('Symbol.dispose disposes the client', () => {
  const client = new Client(app);
  expect(process.env.GREETING).toBe('hello');
  client[Symbol.dispose]();
  expect(process.env.GREETING).toBe(undefined);
});
${clientTests({ usingDeclarations: false })}`;

const ESM_TEST = `import { Client } from 'chalice-ts/test';
import { app } from './app.js';
${clientTests({ usingDeclarations: false })}`;

describe('chalice-ts/test under jest', () => {
  it('runs CommonJS test files (.js through babel-jest, and .cjs) that require chalice-ts', async () => {
    const dir = createUserProject({
      type: 'commonjs',
      files: { 'app.js': APP_CJS, 'app.test.js': CJS_TEST, 'client.test.cjs': CJS_TEST },
    });
    expectAllPassed(await runJest(dir), { tests: 2 * (CLIENT_TEST_COUNT + 2), suites: 2 });
  });

  it('runs ESM test files with --experimental-vm-modules', async () => {
    const dir = createUserProject({ type: 'module', files: { 'app.js': APP_ESM, 'app.test.js': ESM_TEST } });
    expectAllPassed(await runJest(dir, { NODE_OPTIONS: '--experimental-vm-modules' }), { tests: CLIENT_TEST_COUNT, suites: 1 });
  });
});
