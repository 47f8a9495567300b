/**
 * The output directory of `chalice package OUT`.
 *
 * OUT is created if it does not exist. An existing OUT must be empty or hold only files that
 * `chalice package` writes (a previous package): those are replaced, and ones this run does
 * not write (e.g. `sam.json` after switching to `--template-format yaml`, or a layer zip that
 * is no longer needed) are removed so the directory never mixes two packages. Anything else
 * in OUT makes the command refuse, so that `chalice package .` or a typo cannot delete or
 * overwrite the user's files.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChaliceTsError } from '../project/errors.js';
import type { OnBuildMessage } from './build-messages.js';

/** Every file name `chalice package` may write into OUT. */
export const PACKAGE_OUTPUT_FILES: readonly string[] = ['chalice.tf.json', 'deployment.zip', 'layer-deployment.zip', 'sam.json', 'sam.yaml'];

/** Checks OUT before any work is done. @throws ChaliceTsError `out_dir_not_empty` / `out_dir_not_directory`. */
export function checkOutputDirectory(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw new ChaliceTsError(`${outDir} is a file; give chalice package a directory to write the package into`, 'out_dir_not_directory');
  }
  const foreign = readdirSync(outDir).filter((name) => !PACKAGE_OUTPUT_FILES.includes(name)).sort();
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, … (${foreign.length} in all)` : '');
    throw new ChaliceTsError(
      `${outDir} already contains files chalice package did not write (${shown}); give an empty or new directory`,
      'out_dir_not_empty',
    );
  }
}

/**
 * Writes `files` (name → content) into OUT, removing package files of an earlier run that are
 * not part of this one. `displayDir` is OUT as the user wrote it, for messages.
 */
export function writePackageOutput(outDir: string, files: ReadonlyMap<string, Uint8Array | string>, onMessage: OnBuildMessage, displayDir = outDir): void {
  checkOutputDirectory(outDir);
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (PACKAGE_OUTPUT_FILES.includes(name) && !files.has(name)) rmSync(join(outDir, name), { force: true });
  }
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    writeFileSync(join(outDir, name), content);
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    onMessage({ kind: 'file-written', path: join(displayDir, name), bytes });
  }
}
