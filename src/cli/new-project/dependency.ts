/**
 * The `chalice-ts` dependency a new project gets: one its user can install, pointing at the
 * chalice-ts that generated the project.
 *
 * Where the running chalice-ts lives decides it (its real path: npm links a `file:` directory
 * dependency and `npm link` into node_modules, and Node reports modules by their real path):
 *  - inside a `node_modules` directory, it was installed. npm records where from in the install's
 *    lockfile (`node_modules/.package-lock.json`, also written for global installs and npx):
 *      a registry tarball (`…/chalice-ts/-/chalice-ts-0.1.0.tgz`) → `^0.1.0` from the registry;
 *      a local tarball (`file:…tgz`)                            → `file:` that tarball;
 *      anything else npm can install (git, a tarball URL)       → that same specifier.
 *    With no record (pnpm, yarn, an older npm) an installed copy is taken to be the registry's.
 *  - anywhere else, it is a checkout (a clone with `npm run build` done, since the CLI itself
 *    runs from `dist/`) → `file:` the checkout: npm symlinks it, so the project uses that
 *    checkout's `dist/` and its `node_modules`.
 * A `file:` path is relative to the new project when that is short (the two side by side, as in
 * `file:../chalice-ts`), else absolute, so the project can be moved next to its checkout.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export type DependencySource = 'registry' | 'checkout' | 'tarball' | 'other';

export interface ChaliceTsDependency {
  /** The value for `dependencies["chalice-ts"]` in the project's package.json. */
  readonly spec: string;
  readonly source: DependencySource;
}

/** Longest relative `file:` path kept relative: `../../x` (two levels up) is fine, more is not. */
const MAX_UP_LEVELS = 2;

/**
 * The dependency on the chalice-ts at `packageRoot` (version `version`, package `name`) for a
 * project created in `projectDir`.
 */
export function chaliceTsDependency(packageRoot: string, projectDir: string, version: string, name = 'chalice-ts'): ChaliceTsDependency {
  const root = realpathSync(packageRoot);
  const segments = root.split(sep);
  const firstNodeModules = segments.indexOf('node_modules');
  if (firstNodeModules === -1) return { spec: fileSpec(root, projectDir), source: 'checkout' };

  const installRoot = segments.slice(0, firstNodeModules).join(sep) || sep;
  const lockKey = segments.slice(firstNodeModules).join('/');
  const resolved = installedFrom(installRoot, lockKey) ?? legacyResolved(root);
  if (resolved === undefined || isRegistryTarball(resolved, name, version)) return { spec: `^${version}`, source: 'registry' };
  if (resolved.startsWith('file:')) {
    // Lockfile `file:` paths are relative to the directory that holds node_modules.
    const path = resolved.slice('file:'.length);
    return { spec: fileSpec(resolve(installRoot, path), projectDir), source: 'tarball' };
  }
  return { spec: resolved, source: 'other' };
}

/** One line for the user saying where the project's chalice-ts comes from. */
export function describeDependency(dependency: ChaliceTsDependency): string {
  switch (dependency.source) {
    case 'registry':
      return `Depends on chalice-ts ${dependency.spec} from the npm registry`;
    case 'checkout':
      return `Depends on chalice-ts at ${dependency.spec}, the local checkout this command ran from (npm links it; run \`npm run build\` there after changing it)`;
    case 'tarball':
      return `Depends on chalice-ts at ${dependency.spec}, the package file this command was installed from`;
    case 'other':
      return `Depends on chalice-ts at ${dependency.spec}, where this command was installed from`;
    default: {
      const unreachable: never = dependency.source;
      return unreachable;
    }
  }
}

function fileSpec(target: string, projectDir: string): string {
  const path = relative(projectDir, target);
  const upLevels = path.split(sep).filter((segment) => segment === '..').length;
  const useRelative = path !== '' && !isAbsolute(path) && upLevels <= MAX_UP_LEVELS;
  return `file:${(useRelative ? path : target).split(sep).join('/')}`;
}

/** `resolved` of the package in npm's lockfile for the install at `installRoot`, if recorded. */
function installedFrom(installRoot: string, lockKey: string): string | undefined {
  for (const lockfile of [join(installRoot, 'node_modules', '.package-lock.json'), join(installRoot, 'package-lock.json')]) {
    const entry = readJson(lockfile)?.packages?.[lockKey] as { resolved?: unknown; link?: unknown } | undefined;
    if (typeof entry?.resolved === 'string' && entry.link !== true) return entry.resolved;
  }
  return undefined;
}

/** npm 6 and yarn 1 wrote `_resolved` into the installed package.json. */
function legacyResolved(root: string): string | undefined {
  const value = (readJson(join(root, 'package.json')) as { _resolved?: unknown } | undefined)?._resolved;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A registry's tarball URL for this exact package and version, e.g. `https://registry.npmjs.org/chalice-ts/-/chalice-ts-0.1.0.tgz`. */
function isRegistryTarball(resolved: string, name: string, version: string): boolean {
  if (!/^https?:\/\//.test(resolved)) return false;
  const bare = name.includes('/') ? name.split('/')[1] : name;
  return new URL(resolved).pathname.endsWith(`/${name}/-/${bare}-${version}.tgz`);
}

function readJson(path: string): { packages?: Record<string, unknown> } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { packages?: Record<string, unknown> };
  } catch {
    return undefined; // a damaged lockfile says nothing about where the package came from
  }
}
