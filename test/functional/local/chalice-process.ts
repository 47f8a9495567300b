/**
 * Runs the real `chalice` command (bin/chalice.js → dist/) as a child process for functional
 * tests, and copies fixture projects to temp directories so tests can edit them freely.
 * `npm test` builds dist/ before running tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const CHALICE_BIN = join(REPO_ROOT, 'bin', 'chalice.js');

export function assertBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
}

/** The environment children run with: no colours unless a test asks for them. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** @default REPO_ROOT */
  readonly cwd?: string;
  /** Changes to `childEnv()`'s environment; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed; without it stdin is not connected. */
  readonly input?: string;
}

/** Runs `node …nodeArgs` to completion, collecting its output. */
export function runNode(nodeArgs: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs], {
      cwd: options.cwd ?? REPO_ROOT,
      env: childEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** Runs `chalice …args` to completion. */
export function runChalice(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  assertBuilt();
  return runNode([CHALICE_BIN, ...args], options);
}

/** A copy of `test/functional/local/fixtures/<name>` in a fresh temp directory. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `chalice-local-${name}-`));
  cpSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A running `chalice local`. */
export class ChaliceLocal {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  #waiters = new Set<() => void>();

  constructor(
    readonly child: ChildProcess,
    public url = '',
  ) {
    const wake = (): void => {
      for (const waiter of this.#waiters) waiter();
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      wake();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      wake();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => {
      wake();
      resolve(code);
    }));
  }

  get output(): string {
    return this.stdout + this.stderr;
  }

  /** Resolves with the first match of `pattern` in stdout+stderr after `from` characters. */
  waitFor(pattern: RegExp, options: { from?: number; timeoutMs?: number } = {}): Promise<RegExpMatchArray> {
    const from = options.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = (this.stdout.slice(from) + '\n' + this.stderr).match(pattern);
        if (match) {
          cleanup();
          resolve(match);
          return true;
        }
        if (this.child.exitCode !== null) {
          cleanup();
          reject(new Error(`chalice local exited (${this.child.exitCode}) before printing ${pattern}\n${this.output}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${this.output}`));
      }, options.timeoutMs ?? 20_000);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter = (): void => void check();
      if (!check()) this.#waiters.add(waiter);
    });
  }

  /** Sends `signal` and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Starts `chalice --project-dir <dir> local --port 0 …args` and waits for its URL. */
export async function startChaliceLocal(projectDir: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}): Promise<ChaliceLocal> {
  assertBuilt();
  const child = spawn(process.execPath, [CHALICE_BIN, '--project-dir', projectDir, 'local', '--port', '0', ...args], {
    cwd: projectDir,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const local = new ChaliceLocal(child);
  try {
    const match = await local.waitFor(/^Serving on (http:\/\/\S+)$/m);
    local.url = match[1];
  } catch (error) {
    await local.stop('SIGKILL');
    throw error;
  }
  return local;
}
