/**
 * Packaging a Chalice project for the CDK construct, synchronously.
 *
 * CDK constructs are built synchronously, while the packager is asynchronous (esbuild, npm), so
 * it runs as `chalice package` in a child process and this module waits for it:
 *
 *   sourceDir → temporary project copy (stageConfig merged into its .chalice/config.json)
 *             → `node bin/chalice.js --project-dir <copy> package --stage <stage> <outDir>`
 *             → outDir/{sam.json, deployment.zip, layer-deployment.zip?}
 *
 * Why a copy: the packager reads `.chalice/config.json` of the project directory and writes
 * `.chalice/policy-<stage>.json` and `.chalice/.cache/` there; the user's files must not change
 * when a stack is synthesised. The copy sits inside the project, in `.chalice/cdk/<random>/`,
 * so that bare imports still resolve from the project's (or a parent's) `node_modules` by
 * walking up the directory tree, and so that the paths the bundler records for those modules
 * are the same on every run (it records them relative to the project copy); `node_modules`
 * itself is therefore not copied. The copy is removed afterwards, and `.chalice/cdk/` with it
 * when no other copy is in it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChaliceTsError } from '../project/errors.js';
import type { StageOverrides } from './stage-config.js';
import { configTextWithStageOverrides } from './stage-config.js';

export const SAM_TEMPLATE_FILE = 'sam.json';
export const DEPLOYMENT_ZIP_FILE = 'deployment.zip';
export const LAYER_ZIP_FILE = 'layer-deployment.zip';

/** Where the temporary project copies go, relative to the project. */
const COPIES_DIR = join('.chalice', 'cdk');
/** Never copied: installed packages are found from the copy by walking up; the rest is not the app. */
const SKIPPED_TOP_LEVEL = new Set(['node_modules', '.git', 'cdk.out', '.chalice']);
/** Tool-managed parts of `.chalice/` that packaging does not read. */
const SKIPPED_IN_CHALICE_DIR = new Set(['.cache', 'deployed', 'cdk']);

export interface PackageAppOptions {
  /** Absolute project directory (holds the app and `.chalice/config.json`). */
  readonly sourceDir: string;
  readonly stage: string;
  readonly stageConfig?: StageOverrides;
  /** Absolute output directory; replaced by the new package. */
  readonly outDir: string;
}

export interface PackagedApp {
  /** Absolute path of `sam.json`. */
  readonly templateFile: string;
  /** Absolute path of `deployment.zip`. */
  readonly deploymentZip: string;
  /** Absolute path of `layer-deployment.zip`, when the stage has `automatic_layer` and something to put in it. */
  readonly layerZip?: string;
  /** The packager's warnings (without the `Warning:` prefix). */
  readonly warnings: readonly string[];
}

/** Runs `chalice package` for the project and stage; throws `ChaliceTsError` when it fails. */
export function packageAppSync(options: PackageAppOptions): PackagedApp {
  const { sourceDir, stage, outDir } = options;
  checkProject(sourceDir);
  const copy = createProjectCopy(sourceDir, options.stageConfig === undefined ? undefined : { stage, overrides: options.stageConfig });
  try {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const result = spawnSync(process.execPath, [chaliceBinPath(), '--project-dir', copy, 'package', '--stage', stage, outDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnvironment(),
      maxBuffer: 64 * 1024 * 1024,
      windowsHide: true,
    });
    // Messages name the copy; the user knows the project by its own path.
    const stderr = (result.stderr ?? '').split(copy).join(sourceDir);
    if (result.error !== undefined || result.status !== 0) {
      throw packageError(options, stderr, result.status, result.error);
    }
    const layerZip = join(outDir, LAYER_ZIP_FILE);
    return {
      templateFile: join(outDir, SAM_TEMPLATE_FILE),
      deploymentZip: join(outDir, DEPLOYMENT_ZIP_FILE),
      ...(existsSync(layerZip) ? { layerZip } : {}),
      warnings: stderrLines(stderr)
        .filter((line) => line.startsWith('Warning:'))
        .map((line) => line.slice('Warning:'.length).trim()),
    };
  } finally {
    removeProjectCopy(sourceDir, copy);
  }
}

/** `bin/chalice.js` of this package: two levels above both `src/cdk/` and `dist/cdk/`. */
export function chaliceBinPath(): string {
  return fileURLToPath(new URL('../../bin/chalice.js', import.meta.url));
}

function checkProject(sourceDir: string): void {
  if (!existsSync(sourceDir) || !statSync(sourceDir).isDirectory()) {
    throw new ChaliceTsError(`ChaliceApp sourceDir ${sourceDir} does not exist; pass the directory that holds app.ts and .chalice/config.json`, 'cdk_source_not_found');
  }
  if (!existsSync(join(sourceDir, '.chalice', 'config.json'))) {
    throw new ChaliceTsError(
      `ChaliceApp sourceDir ${sourceDir} has no .chalice/config.json; pass the Chalice project directory (the one \`chalice new-project\` created)`,
      'cdk_source_not_found',
    );
  }
}

/** Copies the project into a new directory below `.chalice/cdk/`; returns its absolute path. */
function createProjectCopy(sourceDir: string, merge: { readonly stage: string; readonly overrides: StageOverrides } | undefined): string {
  const copiesDir = join(sourceDir, COPIES_DIR);
  mkdirSync(copiesDir, { recursive: true });
  // Ignored by git even if the process dies before the copy is removed.
  if (!existsSync(join(copiesDir, '.gitignore'))) writeFileSync(join(copiesDir, '.gitignore'), '*\n');
  const copy = mkdtempSync(join(copiesDir, 'package-'));
  try {
    for (const name of readdirSync(sourceDir)) {
      if (SKIPPED_TOP_LEVEL.has(name)) continue;
      cpSync(join(sourceDir, name), join(copy, name), { recursive: true, filter: (path) => !isNestedNodeModules(sourceDir, path) });
    }
    const chaliceDir = join(sourceDir, '.chalice');
    mkdirSync(join(copy, '.chalice'), { recursive: true });
    for (const name of readdirSync(chaliceDir)) {
      if (SKIPPED_IN_CHALICE_DIR.has(name)) continue;
      cpSync(join(chaliceDir, name), join(copy, '.chalice', name), { recursive: true });
    }
    if (merge !== undefined) {
      const configFile = join(copy, '.chalice', 'config.json');
      writeFileSync(configFile, configTextWithStageOverrides(readFileSync(configFile, 'utf8'), merge.stage, merge.overrides));
    }
    return copy;
  } catch (error) {
    removeProjectCopy(sourceDir, copy);
    if (error instanceof ChaliceTsError) throw error;
    throw new ChaliceTsError(`Cannot copy the Chalice project ${sourceDir} for packaging: ${(error as Error).message}`, 'cdk_copy_failed');
  }
}

/**
 * `node_modules` below the top level is left out too (e.g. a CDK app kept inside the project),
 * except under `vendor/`, whose contents are shipped as they are.
 */
function isNestedNodeModules(sourceDir: string, path: string): boolean {
  const parts = relative(sourceDir, path).split(sep);
  return parts[0] !== 'vendor' && parts.includes('node_modules');
}

function removeProjectCopy(sourceDir: string, copy: string): void {
  rmSync(copy, { recursive: true, force: true });
  const copiesDir = join(sourceDir, COPIES_DIR);
  try {
    if (readdirSync(copiesDir).every((name) => name === '.gitignore')) rmSync(copiesDir, { recursive: true, force: true });
  } catch {
    // Another synthesis may be using or removing it at the same time; leaving it is harmless.
  }
}

function childEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR; // plain text: the output is parsed and quoted in messages
  return env;
}

function stderrLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0);
}

function takeIndented(lines: readonly string[]): string[] {
  const end = lines.findIndex((line) => !/^\s/.test(line));
  return [...(end === -1 ? lines : lines.slice(0, end))];
}

function packageError(options: PackageAppOptions, stderr: string, status: number | null, spawnError: Error | undefined): ChaliceTsError {
  const where = `the Chalice app in ${resolve(options.sourceDir)} (stage ${options.stage})`;
  if (spawnError !== undefined) {
    return new ChaliceTsError(`Cannot package ${where} for the CDK: could not run ${chaliceBinPath()}: ${spawnError.message}`, 'cdk_package_failed', 'internal');
  }
  const lines = stderrLines(stderr);
  // An error may list several problems on indented lines after its `Error:` line (a config file's).
  const start = lines.findIndex((line) => line.startsWith('Error:'));
  const errorLines = start === -1 ? [lines.at(-1) ?? `chalice package exited with code ${status}`] : [lines[start], ...takeIndented(lines.slice(start + 1))];
  const reason = errorLines.map((line) => line.trim()).join(' ').replace(/^Error:\s*/, '');
  const hint =
    options.stageConfig !== undefined && reason.includes('config.json') ? ` (the ChaliceApp stageConfig is merged over stages.${options.stage} of that file)` : '';
  // Exit code 2 is the CLI's "the user can fix it"; anything else is a fault in chalice-ts or the app.
  return new ChaliceTsError(`Cannot package ${where} for the CDK: ${reason}${hint}`, 'cdk_package_failed', status === 2 ? 'user' : 'internal');
}
