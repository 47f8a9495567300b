/** Temp directories with files, for the bundle unit tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const created: string[] = [];

/** A new temp directory holding `files` (path → text). */
export function tempTree(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-bundle-'));
  created.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function removeTempTrees(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
