/**
 * Reading a directory tree into zip entries (for `chalicelib/`, `vendor/` and installed
 * node_modules).
 *
 * Symbolic links are followed (npm workspaces and `npm link` create them), with a guard
 * against cycles; a dangling link is skipped and reported. Only the executable bit of a
 * file's mode is kept; everything else about it (owner, time) is dropped by the zip writer.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodeUnits, type ZipFileEntry } from './deterministic-zip.js';

export interface CollectOptions {
  /** Prefix of every path in the zip, e.g. `chalicelib/` or `nodejs/node_modules/` ('' for the root). */
  readonly prefix: string;
  /** Return true to leave out a file or directory (`relativePath` is `/`-separated, below `dir`). */
  readonly skip?: (relativePath: string, name: string, isDirectory: boolean) => boolean;
  /** Called for each dangling link or unreadable entry that was left out. */
  readonly onSkipped?: (relativePath: string, reason: string) => void;
}

/** Entries for every file below `dir`, in sorted order. */
export function directoryToZipEntries(dir: string, options: CollectOptions): ZipFileEntry[] {
  const entries: ZipFileEntry[] = [];
  const visiting = new Set<string>();
  const walk = (absolute: string, relative: string): void => {
    const real = realpathSync(absolute);
    if (visiting.has(real)) {
      options.onSkipped?.(relative, 'a symbolic link cycle');
      return;
    }
    visiting.add(real);
    const names = readdirSync(absolute).sort(compareCodeUnits);
    for (const name of names) {
      const childAbsolute = join(absolute, name);
      const childRelative = relative === '' ? name : `${relative}/${name}`;
      let stats;
      try {
        stats = statSync(childAbsolute); // follows links
      } catch {
        options.onSkipped?.(childRelative, 'a dangling symbolic link or unreadable file');
        continue;
      }
      const isDirectory = stats.isDirectory();
      if (options.skip?.(childRelative, name, isDirectory)) continue;
      if (isDirectory) walk(childAbsolute, childRelative);
      else if (stats.isFile()) {
        entries.push({ path: `${options.prefix}${childRelative}`, data: readFileSync(childAbsolute), executable: (stats.mode & 0o111) !== 0 });
      }
    }
    visiting.delete(real);
  };
  walk(dir, '');
  return entries;
}

/** Total size of the entries' contents (the unzipped size). */
export function unzippedSize(entries: readonly ZipFileEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.data.length, 0);
}
