/** Temp directories and copies of the fixture projects, removed by `removeTempDirs` after a file's tests. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE_PROJECTS = join(REPO_ROOT, 'test/fixtures/projects');

const created: string[] = [];

export function tempDir(prefix = 'chalice-ts-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of a fixture project in a temp directory (so a run may write into `.chalice/`); the loader's cache is left behind. */
export function copyFixture(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(FIXTURE_PROJECTS, name), dir, { recursive: true, filter: (src) => !src.includes(join('.chalice', '.cache')) });
  return dir;
}
