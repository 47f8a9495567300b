/**
 * A tiny user project in a temp directory, set up as a user's would be after
 * `npm install chalice-ts`: `node_modules/chalice-ts` is a symlink to this repository (built:
 * `npm test` runs `npm run build` first), so `chalice-ts` and `chalice-ts/test` resolve through
 * package.json `exports` exactly as from the registry. Test runners then run on it as child
 * processes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** The built entry points the projects load; checked before any runner starts. */
const BUILT_FILES = ['dist/runtime/index.js', 'dist/testing/index.js', 'dist/cjs/runtime.cjs', 'dist/cjs/testing.cjs'];

export function assertBuilt(): void {
  const missing = BUILT_FILES.filter((file) => !existsSync(join(REPO_ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`chalice-ts is not built (missing ${missing.join(', ')}); run \`npm run build\` before these tests`);
  }
}

/** `.chalice/config.json` shared by the projects: stage, top-level and per-function variables. */
export const PROJECT_CONFIG = {
  version: '2.0',
  app_name: 'runner-app',
  environment_variables: { GREETING: 'hello' },
  lambda_functions: { double: { environment_variables: { FACTOR: '2' } } },
  stages: { dev: { api_gateway_stage: 'api', environment_variables: { STAGE_LABEL: 'development' } } },
};

export interface UserProjectOptions {
  /** package.json `type`. */
  readonly type: 'module' | 'commonjs';
  /** Files (relative path → text) besides package.json and .chalice/config.json. */
  readonly files: Readonly<Record<string, string>>;
  /** Dev dependencies to link from this repository's node_modules (e.g. `tsx`). */
  readonly linkDevDependencies?: readonly string[];
}

const created: string[] = [];

export function createUserProject(options: UserProjectOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-runner-'));
  created.push(dir);
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: 'runner-app', private: true, type: options.type }, null, 2)}\n`,
    '.chalice/config.json': `${JSON.stringify(PROJECT_CONFIG, null, 2)}\n`,
    ...options.files,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'chalice-ts'), 'dir');
  for (const name of options.linkDevDependencies ?? []) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), link, 'dir');
  }
  return dir;
}

export function removeUserProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node <args>` in `cwd` with an environment free of this test run's own settings (vitest
 * variables, NODE_OPTIONS), never rejecting: the exit code is part of the result.
 */
export function runNode(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NO_COLOR: '1', ...env };
  return new Promise((resolvePromise) => {
    execFile(process.execPath, args, { cwd, env: childEnv, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolvePromise({ exitCode, stdout, stderr });
    });
  });
}

/** A failure message that shows what the runner printed. */
export function describeRun(run: RunResult): string {
  return `exit code ${run.exitCode}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}
