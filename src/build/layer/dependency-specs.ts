/**
 * What to ask npm for when a package left out of the bundle must be installed for Lambda.
 *
 * Precedence, most exact first:
 * 1. a non-registry spec the project declares (`file:`, a path, `link:`, git, a tarball URL):
 *    only that source has the package; local paths are made absolute, because npm runs with
 *    a temporary `--prefix`;
 * 2. the version installed in the project (what the app was developed and tested with);
 * 3. the version recorded in the project's package-lock.json;
 * 4. the range declared in package.json.
 * Dependencies are looked up in `dependencies`, then `optionalDependencies`, then
 * `devDependencies` (a package the app imports at run time belongs in `dependencies`; the
 * caller is told so through `fromDevDependencies`).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import type { PackageManifest } from '../bundle/native-addons.js';
import { readPackageJson } from '../bundle/native-addons.js';

export interface InstallSpec {
  readonly name: string;
  /** Argument for `npm install`, e.g. `sharp@0.33.5` or `file:/abs/dir`. */
  readonly spec: string;
  readonly fromDevDependencies: boolean;
}

export interface ProjectManifests {
  readonly projectDir: string;
  readonly manifest: PackageManifest | undefined;
  /** Parsed package-lock.json, if any. */
  readonly lock: LockFile | undefined;
}

interface LockFile {
  readonly packages?: Readonly<Record<string, { readonly version?: string; readonly link?: boolean }>>;
  readonly dependencies?: Readonly<Record<string, { readonly version?: string }>>;
}

export function readProjectManifests(projectDir: string): ProjectManifests {
  let lock: LockFile | undefined;
  try {
    lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as LockFile;
  } catch {
    lock = undefined;
  }
  return { projectDir, manifest: readPackageJson(projectDir), lock };
}

/** The packages the project lists under `"chalice": { "external": [...] }` in package.json. */
export function configuredExternals(manifests: ProjectManifests): string[] {
  const external = manifests.manifest?.chalice?.external;
  if (external === undefined) return [];
  if (!Array.isArray(external) || external.some((item) => typeof item !== 'string' || item === '')) {
    throw new ChaliceTsError(
      `"chalice.external" in ${join(manifests.projectDir, 'package.json')} must be a list of package names, e.g. ["sharp"]`,
      'package_json_invalid',
    );
  }
  return [...new Set(external as string[])].sort();
}

const NON_REGISTRY = /^(file:|link:|git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|\.{0,2}\/|~\/)/;
const LOCAL = /^(file:|link:|\.{0,2}\/|~\/)/;

export function externalToInstallSpec(name: string, packageDir: string | undefined, manifests: ProjectManifests): InstallSpec {
  const { manifest } = manifests;
  const runtimeDeclared = manifest?.dependencies?.[name] ?? manifest?.optionalDependencies?.[name];
  const devDeclared = runtimeDeclared === undefined ? manifest?.devDependencies?.[name] : undefined;
  const declared = runtimeDeclared ?? devDeclared;
  const fromDevDependencies = devDeclared !== undefined;

  if (declared !== undefined && (NON_REGISTRY.test(declared) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(declared))) {
    return { name, spec: LOCAL.test(declared) ? localSpec(declared, manifests.projectDir) : declared, fromDevDependencies };
  }
  const installed = packageDir === undefined ? undefined : readPackageJson(packageDir)?.version;
  if (installed !== undefined) return { name, spec: `${name}@${installed}`, fromDevDependencies };
  const locked = manifests.lock?.packages?.[`node_modules/${name}`];
  if (locked?.version !== undefined && locked.link !== true) return { name, spec: `${name}@${locked.version}`, fromDevDependencies };
  const lockedV1 = manifests.lock?.dependencies?.[name]?.version;
  if (lockedV1 !== undefined && !NON_REGISTRY.test(lockedV1)) return { name, spec: `${name}@${lockedV1}`, fromDevDependencies };
  if (declared !== undefined) return { name, spec: `${name}@${declared}`, fromDevDependencies };
  throw new ChaliceTsError(
    `Package ${name} must be installed in the Lambda package but is neither installed in ${manifests.projectDir} nor listed in its package.json; add it with \`npm install ${name}\``,
    'dependency_unknown',
  );
}

function localSpec(declared: string, projectDir: string): string {
  const path = declared.replace(/^(file:|link:)/, '');
  const expanded = path.startsWith('~/') ? join(process.env.HOME ?? '~', path.slice(2)) : path;
  return `file:${isAbsolute(expanded) ? expanded : resolve(projectDir, expanded)}`;
}
