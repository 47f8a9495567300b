import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, childEnv, removeDir, runChalice, startChaliceLocal } from '../local/chalice-process.js';

const TEMPLATES = ['rest-api', 'pure-lambda', 's3-event', 'all-events'] as const;
const CHECKOUT = realpathSync(REPO_ROOT);

/** npm settings a user's shell would have too (cache, registry, proxies, config files). */
const NPM_SETTINGS = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;

/**
 * The environment of a user's shell: none of this vitest run's variables, nor those `npm test`
 * gives its scripts (`npm_config_local_prefix` would point npm at this repository), but the
 * same npm cache, so installs share downloaded packages.
 */
function shellEnv(): NodeJS.ProcessEnv {
  const env = childEnv();
  for (const key of Object.keys(env)) {
    const fromTestRun = key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST' || key === 'INIT_CWD';
    if (fromTestRun || (key.toLowerCase().startsWith('npm_') && !NPM_SETTINGS.test(key))) delete env[key];
  }
  // Reuse cached registry metadata instead of revalidating every package (missing ones are still
  // fetched): the same packages install, in a few seconds instead of ten or more per project.
  env.npm_config_prefer_offline = 'true';
  return env;
}

/** `npm …args` in the generated project, as a user runs it from their shell. */
function npm(projectDir: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', [...args], { cwd: projectDir, env: shellEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

interface Generated {
  readonly projectDir: string;
  readonly stdout: string;
  /** `npm install` in the project, started as soon as it is generated. */
  readonly install: Promise<{ code: number | null; output: string }>;
}

describe('chalice new-project', () => {
  let workDir: string;
  const generated = new Map<string, Generated>();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'chalice-new-project-'));
    // Generate every template, then install them side by side: the installs wait on the
    // network and the shared npm cache rather than the CPU.
    for (const template of TEMPLATES) {
      const name = `my-${template}-app`;
      const result = await runChalice(['new-project', name, '--template', template], { cwd: workDir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const projectDir = join(workDir, name);
      const install = npm(projectDir, ['install']);
      install.catch(() => undefined); // awaited by the test of this template
      generated.set(template, { projectDir, stdout: result.stdout, install });
    }
  });

  afterAll(async () => {
    await Promise.allSettled([...generated.values()].map((g) => g.install));
    removeDir(workDir);
  });

  describe.each(TEMPLATES)('--template %s', (template) => {
    const name = `my-${template}-app`;
    let projectDir: string;
    let stdout: string;

    beforeAll(() => {
      ({ projectDir, stdout } = generated.get(template)!);
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

    it('depends on the chalice-ts checkout that created it, says so, and tests with vitest', () => {
      const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
      const spec = pkg.dependencies['chalice-ts'];
      expect(spec).toMatch(/^file:/);
      expect(resolve(projectDir, spec.slice('file:'.length))).toBe(CHECKOUT);
      expect(stdout).toContain(`Depends on chalice-ts at ${spec}, the local checkout this command ran from`);
      expect(pkg.scripts.test).toBe('vitest run');
      expect(pkg.devDependencies.vitest).toBeDefined();
    });

    it('passes `npm install && npm test` as the README says, and type-checks', async () => {
      const install = await generated.get(template)!.install;
      expect(install.code, install.output).toBe(0);
      expect(realpathSync(join(projectDir, 'node_modules', 'chalice-ts'))).toBe(CHECKOUT);
      const test = await npm(projectDir, ['test']);
      expect(test.code, test.output).toBe(0);
      expect(test.output).toMatch(/Tests\s+\d+ passed/);
      const typecheck = await npm(projectDir, ['run', 'typecheck']);
      expect(typecheck.code, typecheck.output).toBe(0);
    }, 180_000);
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

  it('warns when the project is created inside the chalice-ts checkout', async () => {
    // A dot directory: outside the globs of this repository's test and type-check runs.
    const parent = mkdtempSync(join(CHECKOUT, '.new-project-inside-'));
    try {
      const result = await runChalice(['new-project', 'inside-app'], { cwd: parent });
      expect(result.code).toBe(0);
      expect(result.stderr.trim()).toBe(`Warning: inside-app/ is inside the chalice-ts directory ${CHECKOUT}, whose vitest.config.ts would apply to the project's tests; create projects outside it`);
      const pkg = JSON.parse(readFileSync(join(parent, 'inside-app', 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
      expect(pkg.dependencies['chalice-ts']).toBe('file:../..');
    } finally {
      removeDir(parent);
    }
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
