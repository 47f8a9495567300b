/**
 * What every command needs from the program it runs in: the global options (`--project-dir`,
 * `--debug`), the package's own metadata and the terminal. Commands call these from their
 * action handlers rather than reaching for `process` themselves.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createUi, type Ui } from './output.js';

export interface GlobalOptions {
  /** Absolute project directory. @default process.cwd() */
  readonly projectDir: string;
  readonly debug: boolean;
}

/** The global options as seen from `command` (a subcommand or the program). */
export function globalOptions(command: Command): GlobalOptions {
  const opts = command.optsWithGlobals<{ projectDir?: string; debug?: boolean }>();
  return { projectDir: resolve(opts.projectDir ?? process.cwd()), debug: opts.debug === true };
}

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly devDependencies: Readonly<Record<string, string>>;
}

/** chalice-ts's own package.json (two levels up from `src/cli/` or `dist/cli/`). */
export function packageInfo(): PackageInfo {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const json = JSON.parse(text) as Partial<PackageInfo>;
  return { name: json.name ?? 'chalice-ts', version: json.version ?? '0.0.0', devDependencies: json.devDependencies ?? {} };
}

/** The root directory of the chalice-ts package (holds package.json, templates/, dist/). */
export function packageRoot(): string {
  return resolve(fileURLToPath(new URL('../..', import.meta.url)));
}

let ui: Ui | undefined;

/** The process-wide terminal output. */
export function terminal(): Ui {
  ui ??= createUi();
  return ui;
}
