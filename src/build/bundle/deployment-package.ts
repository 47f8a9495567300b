/**
 * The Lambda deployment package: `deployment.zip`, and with `automatic_layer` the layer zip.
 *
 * Layout of `deployment.zip` (handler strings are `app.<export>`):
 *   app.mjs            the bundle of the app and everything it imports (bundle-app.ts)
 *   app.mjs.map        with source maps on
 *   chalicelib/...     the project's chalicelib/ as it is, so files read at run time through
 *                      paths relative to the app (`new URL('./chalicelib/x.json', import.meta.url)`)
 *                      are there; its TypeScript is also bundled into app.mjs
 *   ...                the CONTENTS of vendor/, at the root (as Chalice does)
 *   node_modules/...   packages that cannot be bundled, installed for Lambda's platform
 *
 * With `automatic_layer`, the installed packages and vendor/node_modules/ go to the layer zip
 * under `nodejs/node_modules/` instead (Lambda puts it on the module path for every function
 * of the stage); the rest of vendor/ stays in the function package so relative paths keep
 * working. When there is nothing to put in the layer, no layer zip is produced, since Lambda
 * does not accept an empty layer.
 *
 * A package vendored as `vendor/node_modules/<name>` (e.g. a copy built on Amazon Linux) is
 * not installed again; vendored files win over installed ones with the same path.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import type { OnBuildMessage } from '../build-messages.js';
import type { InstallSpec } from '../layer/dependency-specs.js';
import { configuredExternals, externalToInstallSpec, readProjectManifests } from '../layer/dependency-specs.js';
import type { LambdaArchitecture } from '../layer/install-dependencies.js';
import { installForLambda } from '../layer/install-dependencies.js';
import { directoryToZipEntries, unzippedSize } from '../zip/collect-files.js';
import type { ZipFileEntry } from '../zip/deterministic-zip.js';
import { createDeterministicZip } from '../zip/deterministic-zip.js';
import type { ArchiveSize } from '../zip/size-limits.js';
import type { BundleResult } from './bundle-app.js';
import { BUNDLE_FILE, bundleApp } from './bundle-app.js';
import type { EntryFunction } from './entry-module.js';

export const DEPLOYMENT_ZIP = 'deployment.zip';
export const LAYER_ZIP = 'layer-deployment.zip';

export interface DeploymentPackageOptions {
  readonly projectDir: string;
  readonly entryFile: string;
  readonly functions: readonly EntryFunction[];
  /** esbuild target for the Lambda runtime, e.g. `node22`. */
  readonly target: string;
  /** Put dependencies in a separate layer zip. @default false */
  readonly automaticLayer?: boolean;
  /** @default 'x86_64' */
  readonly architecture?: LambdaArchitecture;
  /** @default false */
  readonly sourcemap?: boolean;
  /** @default false */
  readonly minify?: boolean;
  readonly onMessage: OnBuildMessage;
}

export interface DeploymentPackage {
  readonly deploymentZip: Uint8Array;
  /** Present only with `automaticLayer` and something to put in it. */
  readonly layerZip?: Uint8Array;
  readonly bundle: BundleResult;
  /** Packages installed for Lambda (in the function zip or the layer), sorted by name. */
  readonly installed: readonly InstallSpec[];
  readonly sizes: readonly ArchiveSize[];
}

export async function buildDeploymentPackage(options: DeploymentPackageOptions): Promise<DeploymentPackage> {
  const { projectDir, onMessage } = options;
  const automaticLayer = options.automaticLayer ?? false;
  const manifests = readProjectManifests(projectDir);
  const configured = configuredExternals(manifests);

  onMessage({ kind: 'progress', text: 'Bundling the app' });
  const bundle = await bundleApp({
    projectDir,
    entryFile: options.entryFile,
    functions: options.functions,
    target: options.target,
    sourcemap: options.sourcemap,
    minify: options.minify,
    external: configured,
  });
  for (const warning of bundle.warnings) onMessage({ kind: 'warning', text: warning });
  if (bundle.usedOwnChaliceTs) {
    onMessage({ kind: 'warning', text: 'chalice-ts is not installed in the project; the package contains the chalice-ts that runs this command. Add it with `npm install chalice-ts`' });
  }
  checkNoAbsolutePaths(bundle, projectDir, onMessage);

  const appFiles: ZipFileEntry[] = [...bundle.files, ...projectDirectoryEntries(projectDir, 'chalicelib', 'chalicelib/', onMessage)];
  const vendor = projectDirectoryEntries(projectDir, 'vendor', '', onMessage);
  for (const entry of vendor) {
    if (entry.path === BUNDLE_FILE || entry.path === `${BUNDLE_FILE}.map` || entry.path.startsWith('chalicelib/')) {
      throw new ChaliceTsError(`vendor/${entry.path} would replace ${entry.path} of the package; rename or remove it from vendor/`, 'vendor_conflict');
    }
  }
  const vendoredModules = vendor.filter((entry) => entry.path.startsWith('node_modules/'));
  const vendoredOther = vendor.filter((entry) => !entry.path.startsWith('node_modules/'));

  const specs = installSpecs(bundle, configured, manifests, vendoredModules, onMessage);
  const modulesPrefix = automaticLayer ? 'nodejs/node_modules/' : 'node_modules/';
  const installed = await installForLambda({ projectDir, specs, architecture: options.architecture, zipPrefix: modulesPrefix, onMessage });
  const vendoredAtPrefix = vendoredModules.map((entry) => ({ ...entry, path: `${modulesPrefix}${entry.path.slice('node_modules/'.length)}` }));
  const modules = withoutShadowed(vendoredAtPrefix, installed);

  const functionEntries = automaticLayer ? [...appFiles, ...vendoredOther] : [...appFiles, ...vendoredOther, ...modules];
  onMessage({ kind: 'progress', text: `Creating ${DEPLOYMENT_ZIP}` });
  const deploymentZip = createDeterministicZip(functionEntries);
  const sizes: ArchiveSize[] = [{ name: DEPLOYMENT_ZIP, zippedBytes: deploymentZip.length, unzippedBytes: unzippedSize(functionEntries) }];
  let layerZip: Uint8Array | undefined;
  if (automaticLayer && modules.length > 0) {
    onMessage({ kind: 'progress', text: `Creating ${LAYER_ZIP}` });
    layerZip = createDeterministicZip(modules);
    sizes.push({ name: LAYER_ZIP, zippedBytes: layerZip.length, unzippedBytes: unzippedSize(modules) });
  }
  return { deploymentZip, ...(layerZip ? { layerZip } : {}), bundle, installed: specs, sizes };
}

function projectDirectoryEntries(projectDir: string, name: string, prefix: string, onMessage: OnBuildMessage): ZipFileEntry[] {
  const dir = join(projectDir, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return directoryToZipEntries(dir, {
    prefix,
    // Finder metadata differs per machine and would make the zip differ too.
    skip: (_relative, file) => file === '.DS_Store',
    onSkipped: (relative, reason) => onMessage({ kind: 'warning', text: `Left ${name}/${relative} out of the package: it is ${reason}` }),
  });
}

function installSpecs(
  bundle: BundleResult,
  configured: readonly string[],
  manifests: ReturnType<typeof readProjectManifests>,
  vendoredModules: readonly ZipFileEntry[],
  onMessage: OnBuildMessage,
): InstallSpec[] {
  const installedLocally = (name: string): string | undefined => {
    const local = join(manifests.projectDir, 'node_modules', name);
    return existsSync(join(local, 'package.json')) ? local : undefined;
  };
  const wanted = new Map<string, string | undefined>();
  for (const pkg of bundle.externalPackages) wanted.set(pkg.name, pkg.packageDir ?? installedLocally(pkg.name));
  for (const name of configured) if (!wanted.has(name)) wanted.set(name, installedLocally(name));
  const specs: InstallSpec[] = [];
  for (const [name, packageDir] of [...wanted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (vendoredModules.some((entry) => entry.path === `node_modules/${name}/package.json`)) continue;
    const native = bundle.externalPackages.find((pkg) => pkg.name === name)?.reason === 'native-addon';
    if (native) onMessage({ kind: 'progress', text: `${name} is a native addon: installing it for Lambda instead of bundling it` });
    const spec = externalToInstallSpec(name, packageDir, manifests);
    if (spec.fromDevDependencies) {
      onMessage({ kind: 'warning', text: `${name} is used at run time but listed in devDependencies; move it to dependencies` });
    }
    specs.push(spec);
  }
  return specs;
}

/** `preferred` plus the entries of `others` whose paths `preferred` does not already have. */
function withoutShadowed(preferred: readonly ZipFileEntry[], others: readonly ZipFileEntry[]): ZipFileEntry[] {
  const taken = new Set(preferred.map((entry) => entry.path));
  return [...preferred, ...others.filter((entry) => !taken.has(entry.path))];
}

/** The bundle must not depend on where the project sits (determinism, and no leaked paths). */
function checkNoAbsolutePaths(bundle: BundleResult, projectDir: string, onMessage: OnBuildMessage): void {
  const needle = Buffer.from(projectDir);
  for (const file of bundle.files) {
    if (Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength).includes(needle)) {
      onMessage({ kind: 'warning', text: `${file.path} contains the absolute project path ${projectDir}; the package will differ between machines` });
    }
  }
}

