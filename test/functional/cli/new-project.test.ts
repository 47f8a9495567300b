import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, childEnv, removeDir, runChalice, startChaliceLocal } from '../local/chalice-process.js';

const TEMPLATES = ['rest-api', 'pure-lambda', 's3-event', 'all-events'] as const;
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Makes a generated project runnable without `npm install`: `chalice-ts` is this repository
 * (its exports point at the built dist/); vitest, TypeScript and Node's types are the
 * repository's own.
 */
function linkDependencies(projectDir: string): void {
  mkdirSync(join(projectDir, 'node_modules', '.bin'), { recursive: true });
  mkdirSync(join(projectDir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(REPO_ROOT, join(projectDir, 'node_modules', 'chalice-ts'), 'dir');
  for (const pkg of ['vitest', 'typescript', '@types/node']) {
    symlinkSync(join(REPO_ROOT, 'node_modules', pkg), join(projectDir, 'node_modules', pkg), 'dir');
  }
  symlinkSync(join('..', 'vitest', 'vitest.mjs'), join(projectDir, 'node_modules', '.bin', 'vitest'));
  symlinkSync(join('..', 'typescript', 'bin', 'tsc'), join(projectDir, 'node_modules', '.bin', 'tsc'));
}

/** `npm <script>` in the generated project, outside this vitest run's environment. */
function npmRun(projectDir: string, script: 'test' | 'typecheck'): Promise<{ code: number | null; output: string }> {
  const env = childEnv();
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST') delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script, '--silent'], { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('chalice new-project', () => {
  let workDir: string;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'chalice-new-project-'));
  });

  afterAll(() => removeDir(workDir));

  describe.each(TEMPLATES)('--template %s', (template) => {
    const name = `my-${template}-app`;
    let projectDir: string;

    beforeAll(async () => {
      const result = await runChalice(['new-project', name, '--template', template], { cwd: workDir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      projectDir = join(workDir, name);
    });

    it('writes the project files', () => {
      for (const file of ['app.ts', '.chalice/config.json', 'package.json', 'tsconfig.json', '.gitignore', 'test/app.test.ts']) {
        expect(() => readFileSync(join(projectDir, file)), file).not.toThrow();
      }
      expect(readFileSync(join(projectDir, 'app.ts'), 'utf8')).toContain(`appName: '${name}'`);
    });

    it('writes a version 2.0 config with a dev stage', () => {
      expect(JSON.parse(readFileSync(join(projectDir, '.chalice', 'config.json'), 'utf8'))).toEqual({
        version: '2.0',
        app_name: name,
        stages: { dev: { api_gateway_stage: 'api' } },
      });
    });

    it('depends on this version of chalice-ts and tests with vitest', () => {
      const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
      expect(pkg.dependencies['chalice-ts']).toBe(`^${version}`);
      expect(pkg.scripts.test).toBe('vitest run');
      expect(pkg.devDependencies.vitest).toBeDefined();
    });

    it('has tests that pass and sources that type-check as generated', async () => {
      linkDependencies(projectDir);
      const result = await npmRun(projectDir, 'test');
      expect(result.output).toMatch(/Tests\s+\d+ passed/);
      expect(result.code, result.output).toBe(0);
      const typecheck = await npmRun(projectDir, 'typecheck');
      expect(typecheck.code, typecheck.output).toBe(0);
    });
  });

  it('creates a project that chalice local serves', async () => {
    const projectDir = join(workDir, 'my-rest-api-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload']);
    try {
      const response = await fetch(`${local.url}/`);
      expect(await response.json()).toEqual({ hello: 'world' });
    } finally {
      await local.stop();
    }
  });

  it('uses the rest-api template by default', async () => {
    const result = await runChalice(['new-project', 'default-app'], { cwd: workDir });
    expect(result.code).toBe(0);
    expect(readFileSync(join(workDir, 'default-app', 'app.ts'), 'utf8')).toContain("app.route('/'");
  });

  it('refuses to overwrite an existing directory', async () => {
    mkdirSync(join(workDir, 'taken'));
    const result = await runChalice(['new-project', 'taken'], { cwd: workDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/taken already exists/);
  });

  it.each([
    ['no name and no terminal', [], /No project name given; run `chalice new-project NAME`/],
    ['a name that is not a valid app name', ['bad name!'], /not valid: use letters, digits/],
  ])('exits 2 for %s', async (_case, args, message) => {
    const result = await runChalice(['new-project', ...args], { cwd: workDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
