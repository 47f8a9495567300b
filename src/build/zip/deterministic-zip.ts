/**
 * Deterministic zip archives for Lambda deployment packages and layers.
 *
 * The same files always give the same bytes, whatever the order they were listed in, the
 * machine, the time zone or the files' own timestamps:
 * - entries are sorted by path (UTF-16 code-unit order) and every parent directory gets its
 *   own entry, so the layout does not depend on how the caller walked the tree;
 * - every entry carries the DOS timestamp 1980-01-01 00:00:00 (the earliest a zip can hold);
 * - Unix modes are fixed: directories 0755, files 0644, files marked executable 0755. Lambda
 *   extracts with these modes, and it needs "other" read (and execute, for binaries) because
 *   the function runs as a different user than the one that owns the files;
 * - one deflate level for every file.
 *
 * fflate's streaming `Zip` is used instead of `zipSync` because `zipSync` takes an object,
 * and JavaScript enumerates integer-like keys ("1", "42") before all others, which would
 * break the sort order for a top-level file with a numeric name. Each file is compressed in
 * one piece with fflate's `deflateSync` (WholeFileDeflate): its streaming deflater compresses
 * a bundle about 2.5% worse. Everything is pure JavaScript and synchronous, so the bytes do
 * not depend on the machine (a native zlib may pick different matches per CPU).
 */
import { deflateSync, Zip, ZipPassThrough } from 'fflate';
import { ChaliceTsError } from '../../project/errors.js';

/** One file of an archive. */
export interface ZipFileEntry {
  /** Path inside the archive, `/`-separated, without a leading `/`. */
  readonly path: string;
  readonly data: Uint8Array;
  /** Gives the entry mode 0755 instead of 0644. @default false */
  readonly executable?: boolean;
}

/** The one deflate level used for every entry (fixed: a different level gives different bytes). */
export const ZIP_DEFLATE_LEVEL = 9;

/**
 * 1980-01-01 00:00:00 as a Date built from local-time fields: the zip format stores local (DOS)
 * time and fflate reads the Date with local getters, so this gives the same fields in every
 * time zone. Built per archive, since the process's time zone (`TZ`) may change.
 */
function fixedMtime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}
const UNIX = 3;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
// MS-DOS directory attribute, set next to the Unix mode for tools that only read DOS bits.
const DOS_DIRECTORY = 0x10;

/** Builds the archive. Throws ChaliceTsError `zip_invalid_path` / `zip_duplicate_path`. */
export function createDeterministicZip(files: readonly ZipFileEntry[]): Uint8Array {
  const byPath = new Map<string, ZipFileEntry>();
  for (const file of files) {
    checkPath(file.path);
    if (byPath.has(file.path)) {
      throw new ChaliceTsError(`Two files would be written to ${file.path} in the zip; rename or remove one of them`, 'zip_duplicate_path');
    }
    byPath.set(file.path, file);
  }
  const directories = new Set<string>();
  for (const path of byPath.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(`${parts.slice(0, i).join('/')}/`);
  }
  for (const directory of directories) {
    if (byPath.has(directory.slice(0, -1))) {
      throw new ChaliceTsError(`${directory.slice(0, -1)} is both a file and a directory in the zip; rename one of them`, 'zip_duplicate_path');
    }
  }
  const names = [...byPath.keys(), ...directories].sort(compareCodeUnits);

  const mtime = fixedMtime();
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else chunks.push(chunk);
  });
  for (const name of names) {
    const file = byPath.get(name);
    if (file === undefined) {
      const entry = new ZipPassThrough(name);
      setAttributes(entry, mtime, S_IFDIR | 0o755, DOS_DIRECTORY);
      zip.add(entry);
      entry.push(new Uint8Array(0), true);
    } else {
      const entry = new WholeFileDeflate(name);
      setAttributes(entry, mtime, S_IFREG | (file.executable ? 0o755 : 0o644), 0);
      zip.add(entry);
      entry.push(file.data, true);
    }
  }
  zip.end();
  if (failure) throw new ChaliceTsError(`Cannot write the zip: ${(failure as Error).message}`, 'zip_failed', 'internal');
  return concat(chunks);
}

/** A zip entry deflated in one piece once its last chunk arrives (fflate's documented extension point). */
class WholeFileDeflate extends ZipPassThrough {
  readonly #chunks: Uint8Array[] = [];

  constructor(filename: string) {
    super(filename);
    this.compression = 8; // deflate
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.#chunks.push(chunk);
    if (final) this.ondata(null, deflateSync(concat(this.#chunks), { level: ZIP_DEFLATE_LEVEL }), true);
  }
}

function setAttributes(entry: ZipPassThrough, mtime: Date, mode: number, dosBits: number): void {
  entry.mtime = mtime;
  entry.os = UNIX;
  // External attributes: the Unix mode in the high 16 bits, DOS attributes in the low byte.
  entry.attrs = ((mode << 16) | dosBits) >>> 0;
}

function checkPath(path: string): void {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || path.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new ChaliceTsError(`Invalid path in zip: ${JSON.stringify(path)} (use a relative, /-separated path without "." or ".." parts)`, 'zip_invalid_path', 'internal');
  }
}

/** Plain code-unit order (what `Array.prototype.sort` does without a comparator), locale-free. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
