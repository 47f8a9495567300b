/**
 * Installing the packages that stay outside the bundle, for Lambda's platform, into a
 * temporary directory, and reading them back as zip entries.
 *
 * `npm install --os=linux --cpu=<x64|arm64>` picks the platform-specific optional
 * dependencies that modern native packages publish (`@img/sharp-linux-x64`, …) for Lambda
 * rather than for this machine. It runs in the project directory so the project's `.npmrc`
 * (registry, auth) applies, with `--prefix` pointing at a temporary directory and
 * `--no-save --no-package-lock` so the project's own files are never touched; `--install-links`
 * copies `file:` dependencies instead of symlinking them.
 *
 * Install scripts still run, on this machine: a package that compiles or downloads its binary
 * in a script gets one for this OS/CPU. On anything but Linux with the same CPU, a warning says
 * so (build on Linux or in a container, or put a Lambda-built copy in vendor/).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import type { OnBuildMessage } from '../build-messages.js';
import type { ZipFileEntry } from '../zip/deterministic-zip.js';
import { directoryToZipEntries } from '../zip/collect-files.js';
import type { InstallSpec } from './dependency-specs.js';

export type LambdaArchitecture = 'x86_64' | 'arm64';

export interface InstallOptions {
  readonly projectDir: string;
  readonly specs: readonly InstallSpec[];
  /** @default 'x86_64' */
  readonly architecture?: LambdaArchitecture;
  /** Prefix of the entries: `node_modules/` for the function zip, `nodejs/node_modules/` for a layer. */
  readonly zipPrefix: string;
  readonly onMessage: OnBuildMessage;
  /** The npm executable. @default 'npm' (`npm.cmd` on Windows) */
  readonly npm?: string;
}

/** npm's `--cpu` for a Lambda architecture. */
export function architectureToNpmCpu(architecture: LambdaArchitecture): 'x64' | 'arm64' {
  return architecture === 'arm64' ? 'arm64' : 'x64';
}

/** The arguments of the `npm install` run (exported for tests and `--debug` output). */
export function npmInstallArguments(specs: readonly InstallSpec[], architecture: LambdaArchitecture, prefix: string): string[] {
  return [
    'install',
    '--omit=dev',
    '--os=linux',
    `--cpu=${architectureToNpmCpu(architecture)}`,
    '--no-save',
    '--no-package-lock',
    '--install-links',
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--loglevel=error',
    '--prefix',
    prefix,
    ...specs.map((spec) => spec.spec),
  ];
}

/** Installs `specs` and returns the installed node_modules as zip entries under `zipPrefix`. */
export async function installForLambda(options: InstallOptions): Promise<ZipFileEntry[]> {
  if (options.specs.length === 0) return [];
  const architecture = options.architecture ?? 'x86_64';
  const cpu = architectureToNpmCpu(architecture);
  if (process.platform !== 'linux' || process.arch !== cpu) {
    options.onMessage({
      kind: 'warning',
      text: `Installing ${options.specs.map((s) => s.name).join(', ')} for Lambda (linux-${cpu}) on ${process.platform}-${process.arch}: packages that build or download their binary in an install script will get one for this machine; if one fails in Lambda, package on Linux ${cpu} (e.g. in a container) or put a Lambda-built copy in vendor/node_modules/`,
    });
  }
  const prefix = mkdtempSync(join(tmpdir(), 'chalice-ts-install-'));
  try {
    options.onMessage({ kind: 'progress', text: `Installing ${options.specs.map((s) => s.spec.startsWith('file:') ? s.name : s.spec).join(', ')} for linux-${cpu}` });
    await runNpm(options.npm ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm'), npmInstallArguments(options.specs, architecture, prefix), options.projectDir);
    return directoryToZipEntries(join(prefix, 'node_modules'), {
      prefix: options.zipPrefix,
      // `.bin` holds links to the packages' command-line tools (not needed at run time);
      // `.package-lock.json` records this install, with absolute paths.
      skip: (relative) => relative === '.bin' || relative === '.package-lock.json' || relative.endsWith('/.bin'),
      onSkipped: (relative, reason) => options.onMessage({ kind: 'warning', text: `Left node_modules/${relative} out of the package: it is ${reason}` }),
    });
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

function runNpm(npm: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(npm, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      reject(new ChaliceTsError(`Cannot run ${npm} to install dependencies for Lambda: ${error.message}; make sure npm is on the PATH`, 'npm_not_found'));
    });
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      const detail = output.trim().split('\n').filter((line) => !/Unknown (user|project|env) config/.test(line)).slice(-6).join('\n');
      reject(new ChaliceTsError(`\`npm ${args.join(' ')}\` failed (exit ${code}):\n${detail}`, 'dependency_install_failed'));
    });
  });
}
