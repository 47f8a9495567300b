/**
 * Recognising packages that cannot be bundled into `app.mjs`.
 *
 * A native addon is a compiled `.node` file that Node loads with `dlopen`; esbuild cannot
 * inline it, and the copy installed locally was compiled for the local OS and CPU, not for
 * Lambda's Amazon Linux. Such packages are left out of the bundle and installed for the Lambda
 * platform instead (see ../layer/install-dependencies.ts).
 *
 * A package directory is a native addon when any of these holds:
 * - its package.json says `"gypfile": true` (npm runs node-gyp for it);
 * - it has a `binding.gyp` at its root;
 * - it ships a `.node` file anywhere below its root (prebuilt binaries), not counting its own
 *   nested node_modules, which are separate packages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/** Stops the `.node` search in packages with huge trees; the answer is then "no". */
const MAX_ENTRIES_SCANNED = 20_000;

export function isNativeAddonPackage(packageDir: string): boolean {
  const manifest = readPackageJson(packageDir);
  if (manifest?.gypfile === true) return true;
  if (existsSync(join(packageDir, 'binding.gyp'))) return true;
  return containsNodeBinary(packageDir);
}

function containsNodeBinary(root: string): boolean {
  const pending = [root];
  let scanned = 0;
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++scanned > MAX_ENTRIES_SCANNED) return false;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') pending.push(join(dir, entry.name));
      } else if (entry.name.endsWith('.node')) {
        return true;
      }
    }
  }
  return false;
}

export interface PackageManifest {
  readonly name?: string;
  readonly version?: string;
  readonly gypfile?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly chalice?: { readonly external?: unknown };
}

export function readPackageJson(dir: string): PackageManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
  } catch {
    return undefined;
  }
}

/**
 * The root directory of package `name` that contains `file`: the nearest ancestor whose
 * package.json is named `name`. (Packages may have nested package.json files, e.g. a
 * `{"type": "module"}` in `dist/esm`, so the nearest one is not enough.)
 */
export function findPackageRoot(file: string, name: string): string | undefined {
  let dir = dirname(file);
  const { root } = parse(dir);
  while (true) {
    if (readPackageJson(dir)?.name === name) return dir;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

/** `@scope/pkg/sub/path` → `@scope/pkg`; `pkg/sub` → `pkg`; undefined for relative/absolute paths. */
export function specifierToPackageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0] === '' ? undefined : parts[0];
}
