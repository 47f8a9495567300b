/**
 * The OUT directory of `chalice generate-sdk`. OUT is created if missing; an existing OUT must
 * be empty or hold only files a previous run of the same generator wrote (those are replaced),
 * so that a typo such as `chalice generate-sdk .` can never overwrite the user's own files.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import type { OnBuildMessage } from '../build-messages.js';

/** @throws ChaliceTsError `out_dir_not_directory` / `out_dir_not_empty` */
export function checkSdkOutputDirectory(outDir: string, ownFiles: readonly string[], what: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw new ChaliceTsError(`${outDir} is a file; give chalice generate-sdk a directory to write ${what} into`, 'out_dir_not_directory');
  }
  const foreign = readdirSync(outDir).filter((name) => !ownFiles.includes(name)).sort();
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, … (${foreign.length} in all)` : '');
    throw new ChaliceTsError(
      `${outDir} already contains files chalice generate-sdk did not write (${shown}); give an empty or new directory`,
      'out_dir_not_empty',
    );
  }
}

/** Writes `files` (relative path → content) under OUT in sorted order, creating subdirectories. */
export function writeSdkFiles(outDir: string, files: ReadonlyMap<string, string | Uint8Array>, onMessage: OnBuildMessage, displayDir = outDir): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = join(outDir, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, content);
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    onMessage({ kind: 'file-written', path: join(displayDir, name), bytes });
  }
}
