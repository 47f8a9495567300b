/** Helpers for the CDK construct tests: fixture copies in temp directories and file listings. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';

export const FIXTURE_PROJECTS = resolve(import.meta.dirname, '../../fixtures/projects');

const created: string[] = [];

export function tempDir(prefix = 'chalice-ts-cdk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A copy of a fixture project in a temp directory. The construct must not write into a
 * project, but the fixture is read-only either way. The loader's cache is left behind.
 */
export function copyFixture(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(FIXTURE_PROJECTS, name), dir, { recursive: true, filter: (src) => !src.includes(join('.chalice', '.cache')) });
  return dir;
}

/** Every file below `dir` (relative paths, sorted) with its contents, to compare before and after. */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A stack in an app whose cloud assembly goes to a temp directory. */
export function createTestStack(id: string): { app: App; stack: Stack } {
  const app = new App({ outdir: join(tempDir(), 'cdk.out') });
  const stack = new Stack(app, id);
  // The Lambda runtime follows the local Node major; on Node 20 CloudFormation's validator
  // prints a deprecation warning for nodejs20.x at every synthesis, which says nothing here.
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::W2531', reason: 'runtime follows the Node version running the tests' });
  return { app, stack };
}

/** Writes `files` (path → text) below `dir`. */
export function writeTree(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
