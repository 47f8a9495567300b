/**
 * Bundling the user's app into the one file Lambda loads: `app.mjs` at the zip root.
 *
 * Pipeline: generated entry (entry-module.ts) → esbuild (ESM, Node platform, the Lambda
 * runtime's target) → `app.mjs` (+ `app.mjs.map` when source maps are on), written to memory.
 * Everything the app imports is inlined, including chalice-ts itself, because Lambda does not
 * have it. What stays outside the bundle:
 * - `@aws-sdk/*`: Lambda's Node.js runtimes ship the AWS SDK v3;
 * - native addons (native-addons.ts) and the packages the project lists under
 *   `"chalice": { "external": [...] }` in its package.json: these are reported back in
 *   `externalPackages` so the packager installs them for Lambda's platform.
 *
 * A banner defines `require` (via `createRequire`) so that bundled CommonJS code, which esbuild
 * turns into calls of its `__require` shim, can still load Node built-ins and external packages
 * from an ES module. (esbuild renames a user's own top-level `require`, so they cannot clash.)
 * External packages are always loaded through that `require`, even where the app `import`s
 * them: CommonJS resolution also searches `NODE_PATH`, which is how Lambda puts a layer's
 * `/opt/nodejs/node_modules` on the module path, whereas ES module resolution ignores it.
 * (Native addons are CommonJS anyway; esbuild's interop gives `import` the same exports.)
 * The banner costs about a millisecond of cold start (loading `node:module` as an ES module),
 * so it is removed again when nothing in the bundle refers to `require`.
 *
 * Determinism: `absWorkingDir` is the project, so esbuild's path comments and source map
 * sources are project-relative; the output is virtual (`<project>/app.mjs`, as deployed) and
 * never written there. The bundle is checked for the project's absolute path afterwards.
 *
 * If the project cannot resolve `chalice-ts` (not installed, e.g. when run from a global
 * install), the chalice-ts that runs this command is bundled instead, and `usedOwnChaliceTs`
 * says so.
 */
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Message, Metafile, Plugin } from 'esbuild';
import { build } from 'esbuild';
import { chaliceTsSourceDir } from '../../project/index.js';
import { ChaliceTsError } from '../../project/errors.js';
import type { ZipFileEntry } from '../zip/deterministic-zip.js';
import { compareCodeUnits } from '../zip/deterministic-zip.js';
import type { EntryFunction } from './entry-module.js';
import { compactRuntimePlugin, withoutModuleComments } from './compact-runtime.js';
import { createEntryModuleSource, ENTRY_SOURCE_FILE } from './entry-module.js';
import { findPackageRoot, isNativeAddonPackage, specifierToPackageName } from './native-addons.js';

/** File name of the bundle at the zip root (handler strings are `app.<export>`). */
export const BUNDLE_FILE = 'app.mjs';

export interface BundleAppOptions {
  /** Absolute project directory. */
  readonly projectDir: string;
  /** Absolute path of the app file (`loadApp(...).entryFile`). */
  readonly entryFile: string;
  readonly functions: readonly EntryFunction[];
  /** esbuild target, e.g. `node20` (see runtime-version.ts). */
  readonly target: string;
  /** Also emit `app.mjs.map` (enable with `NODE_OPTIONS=--enable-source-maps` in Lambda). @default false */
  readonly sourcemap?: boolean;
  /** @default false */
  readonly minify?: boolean;
  /** Packages never bundled (from the project's package.json `chalice.external`). @default [] */
  readonly external?: readonly string[];
}

export interface ExternalPackage {
  readonly name: string;
  readonly reason: 'native-addon' | 'configured';
  /** Where the package is installed locally, when it could be resolved. */
  readonly packageDir?: string;
}

export interface BundleResult {
  /** `app.mjs` and, with source maps, `app.mjs.map`. */
  readonly files: readonly ZipFileEntry[];
  /** Packages left out of the bundle that must be installed next to it, sorted by name. */
  readonly externalPackages: readonly ExternalPackage[];
  /** Project-relative paths of the project's own files in the bundle, sorted. */
  readonly localInputs: readonly string[];
  /** Build warnings about the project's own files, formatted `file:line:col: text`. */
  readonly warnings: readonly string[];
  readonly usedOwnChaliceTs: boolean;
}

const REQUIRE_BANNER = "import { createRequire as __chaliceCreateRequire } from 'node:module';\nconst require = __chaliceCreateRequire(import.meta.url);";
const INNER_RESOLVE = Symbol('chalice-ts inner resolve');
/** The user's code bundled on its own (bundleUserCode), as the entry module imports it. */
const USER_MODULE = 'chalice-user-code.mjs';
const USER_NAMESPACE = 'chalice-ts-user-code';

/**
 * Step one: the project's own modules bundled with `keepNames`, every package left external.
 * Resource names come from handler functions' own names, and bundling several modules into
 * one scope renames clashing top-level functions (`onMessage`, `onMessage2`): `keepNames`
 * pins each function's `name` so the deployed app finds the same names as `chalice package`
 * did. Only the user's code pays for that; step two bundles it with chalice-ts and the
 * packages, which need no names kept.
 */
async function bundleUserCode(projectDir: string, options: BundleAppOptions): Promise<UserCodeBundle> {
  const state = { requiresPackages: false };
  const result = await build({
    entryPoints: [options.entryFile],
    absWorkingDir: projectDir,
    outfile: join(projectDir, USER_MODULE),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: options.target,
    keepNames: true,
    sourcemap: options.sourcemap ? 'inline' : false,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [packagesExternalPlugin(new Set(options.external ?? []), state)],
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile, warnings: result.warnings, requiresPackages: state.requiresPackages };
}

interface UserCodeBundle {
  readonly code: string;
  readonly metafile: Metafile;
  readonly warnings: Message[];
  /**
   * The user's code `require`s a package. In an ES module bundle that becomes a call of
   * esbuild's `__require` shim, which step two cannot see through, so such apps are bundled in
   * one step instead, with names kept everywhere (a larger bundle, the same behaviour).
   */
  readonly requiresPackages: boolean;
}

/**
 * Step one leaves every package to step two, but checks first that it resolves, so a missing
 * package is reported at the user's import (`app.ts:1:8`). chalice-ts may be missing (step two
 * then bundles the running one), and configured externals are installed later, not resolved.
 */
function packagesExternalPlugin(configured: ReadonlySet<string>, state: { requiresPackages: boolean }): Plugin {
  return {
    name: 'chalice-ts-packages-external',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === INNER_RESOLVE) return undefined;
        const name = specifierToPackageName(args.path);
        const external = { path: args.path, external: true };
        if (!isBuiltin(args.path) && (args.kind === 'require-call' || args.kind === 'require-resolve')) state.requiresPackages = true;
        if (isBuiltin(args.path) || name === undefined || name === 'chalice-ts' || name.startsWith('@aws-sdk/') || configured.has(name)) return external;
        const resolved = await pluginBuild.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: INNER_RESOLVE });
        return resolved.errors.length > 0 ? { errors: resolved.errors.map((e) => ({ text: e.text })) } : external;
      });
    },
  };
}

/** Serves step one's output to step two as `./chalice-user-code.mjs`, resolving its imports from the project. */
function userModulePlugin(code: string, projectDir: string): Plugin {
  return {
    name: 'chalice-ts-user-code',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: new RegExp(`^\\./${USER_MODULE.replace('.', '\\.')}$`) }, () => ({ path: USER_MODULE, namespace: USER_NAMESPACE }));
      pluginBuild.onLoad({ filter: /.*/, namespace: USER_NAMESPACE }, () => ({ contents: code, loader: 'js', resolveDir: projectDir }));
    },
  };
}

/** Namespace of the one-line CommonJS modules that `require` an external package. */
const EXTERNAL_NAMESPACE = 'chalice-ts-external';

export async function bundleApp(options: BundleAppOptions): Promise<BundleResult> {
  const projectDir = resolve(options.projectDir);
  const externals = new Map<string, ExternalPackage>();
  const state = { usedOwnChaliceTs: false };
  /** Runtime files the compact-runtime plugin minified (their module comments are dropped). */
  const compacted = new Set<string>();

  let user;
  let result;
  try {
    user = await bundleUserCode(projectDir, options);
    const twoSteps = !user.requiresPackages;
    const appSpecifier = twoSteps ? `./${USER_MODULE}` : `./${relative(projectDir, options.entryFile).split(sep).join('/')}`;
    result = await build({
      stdin: {
        contents: createEntryModuleSource(appSpecifier, options.functions),
        resolveDir: projectDir,
        sourcefile: ENTRY_SOURCE_FILE,
        loader: 'js',
      },
      absWorkingDir: projectDir,
      outfile: join(projectDir, BUNDLE_FILE),
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: options.target,
      external: ['@aws-sdk/*'],
      banner: { js: REQUIRE_BANNER },
      minify: options.minify ?? false,
      // The user's code already carries its names (bundleUserCode); chalice-ts and the
      // packages do not need theirs, so this step may rename (or minify) freely.
      keepNames: !twoSteps,
      sourcemap: options.sourcemap ? 'linked' : false,
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        // With source maps on, the runtime keeps its own lines too.
        ...(options.sourcemap ? [] : [compactRuntimePlugin(options.target, compacted)]),
        ...(twoSteps ? [userModulePlugin(user.code, projectDir)] : []),
        externalPackagesPlugin(new Set(options.external ?? []), externals, state),
      ],
    });
  } catch (error) {
    throw bundleError(projectDir, error);
  }

  const inputs = Object.keys(result.metafile.inputs);
  const files = withoutUnusedBanner(
    result.outputFiles.map((file) => {
      const path = relative(projectDir, file.path).split(sep).join('/');
      // No source map here (the runtime is compacted only without one): lines may move.
      if (path !== BUNDLE_FILE || compacted.size === 0) return { path, data: file.contents };
      return { path, data: Buffer.from(withoutModuleComments(Buffer.from(file.contents).toString('utf8'), inputs, projectDir, compacted)) };
    }),
  ).sort((a, b) => compareCodeUnits(a.path, b.path));
  return {
    files,
    externalPackages: [...externals.values()].sort((a, b) => compareCodeUnits(a.name, b.name)),
    localInputs: Object.keys(user.metafile.inputs)
      .filter((input) => !input.includes(':') && !isAbsolute(input))
      .filter((input) => !input.startsWith('..') && !input.split('/').includes('node_modules'))
      .sort(compareCodeUnits),
    warnings: [...user.warnings, ...result.warnings].filter((warning) => isProjectFile(warning)).map((warning) => formatMessage(warning)),
    usedOwnChaliceTs: state.usedOwnChaliceTs,
  };
}

/**
 * Drops the `require` banner from `app.mjs` when the rest of the bundle never mentions
 * `require` (esbuild's `__require` shim does whenever bundled code needs it), and the two
 * generated lines from the source map's mappings to match.
 */
function withoutUnusedBanner(files: ZipFileEntry[]): ZipFileEntry[] {
  const bundle = files.find((file) => file.path === BUNDLE_FILE);
  const sourceMap = files.find((file) => file.path === `${BUNDLE_FILE}.map`);
  const text = bundle === undefined ? '' : Buffer.from(bundle.data).toString('utf8');
  const prefix = `${REQUIRE_BANNER}\n`;
  if (!text.startsWith(prefix) || /\brequire\b/.test(text.slice(prefix.length))) return files;
  // Each ';' of the mappings ends one generated line; the banner's lines map to nothing.
  const lines = ';'.repeat(REQUIRE_BANNER.split('\n').length);
  const map = sourceMap === undefined ? undefined : (JSON.parse(Buffer.from(sourceMap.data).toString('utf8')) as { mappings: string });
  if (map !== undefined && !map.mappings.startsWith(lines)) return files;
  return files.map((file) => {
    if (file === bundle) return { ...file, data: Buffer.from(text.slice(prefix.length)) };
    if (file === sourceMap && map !== undefined) return { ...file, data: Buffer.from(JSON.stringify({ ...map, mappings: map.mappings.slice(lines.length) })) };
    return file;
  });
}

/** Project files only: not the generated entry, not dependencies. */
function isProjectFile(message: Message): boolean {
  const file = message.location?.file;
  return file !== undefined && file !== ENTRY_SOURCE_FILE && !file.startsWith('..') && !file.split('/').includes('node_modules');
}

function externalPackagesPlugin(configured: ReadonlySet<string>, found: Map<string, ExternalPackage>, state: { usedOwnChaliceTs: boolean }): Plugin {
  const nativeByDir = new Map<string, boolean>();
  return {
    name: 'chalice-ts-external-packages',
    setup(pluginBuild) {
      // Bare specifiers only: relative and absolute imports are the project's own files.
      const external = (name: string, reason: ExternalPackage['reason'], kind: string, path: string, packageDir?: string) => {
        if (!found.has(name)) found.set(name, { name, reason, ...(packageDir === undefined ? {} : { packageDir }) });
        // A `require` stays a `require`; an `import` goes through a CommonJS module that requires it.
        return kind === 'require-call' || kind === 'require-resolve' ? { path, external: true } : { path, namespace: EXTERNAL_NAMESPACE };
      };
      pluginBuild.onLoad({ filter: /.*/, namespace: EXTERNAL_NAMESPACE }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
      pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.namespace === EXTERNAL_NAMESPACE) return { path: args.path, external: true };
        if (args.pluginData === INNER_RESOLVE || isBuiltin(args.path)) return undefined;
        const name = specifierToPackageName(args.path);
        if (name === undefined || name.startsWith('@aws-sdk/')) return undefined;
        if (configured.has(name)) return external(name, 'configured', args.kind, args.path);
        const resolved = await pluginBuild.resolve(args.path, {
          // chalice-ts is always bundled from its ES module build, even for a CommonJS app's
          // `require`: its CommonJS build refers to `__filename`, which app.mjs does not have.
          kind: name === 'chalice-ts' ? 'import-statement' : args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: INNER_RESOLVE,
        });
        if (resolved.errors.length > 0) {
          if (args.path === 'chalice-ts') {
            state.usedOwnChaliceTs = true;
            return { path: ownRuntimeEntry() };
          }
          return undefined; // esbuild reports the unresolved import itself
        }
        if (resolved.external) return { path: resolved.path, external: true };
        const packageDir = findPackageRoot(resolved.path, name);
        if (packageDir !== undefined) {
          let native = nativeByDir.get(packageDir);
          if (native === undefined) nativeByDir.set(packageDir, (native = isNativeAddonPackage(packageDir)));
          if (native) return external(name, 'native-addon', args.kind, args.path, packageDir);
        }
        return {
          path: resolved.path,
          namespace: resolved.namespace,
          sideEffects: resolved.sideEffects,
          suffix: resolved.suffix,
          pluginData: resolved.pluginData,
        };
      });
    },
  };
}

/** The runtime entry of the chalice-ts running this command (`src/` in development, `dist/` installed). */
function ownRuntimeEntry(): string {
  const source = chaliceTsSourceDir();
  const ts = join(source, 'runtime', 'index.ts');
  return existsSync(ts) ? ts : join(source, 'runtime', 'index.js');
}

function formatMessage(message: Message): string {
  const location = message.location;
  return location ? `${location.file}:${location.line}:${location.column + 1}: ${message.text}` : message.text;
}

function bundleError(projectDir: string, error: unknown): ChaliceTsError {
  if (error instanceof ChaliceTsError) return error;
  const errors = (error as { errors?: Message[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    return new ChaliceTsError(`Cannot bundle the app in ${projectDir}: ${(error as Error).message}`, 'bundle_failed', 'internal');
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  const first = errors[0];
  const hint = /Could not resolve "([^"]+)"/.exec(first.text)
    ? '; install it with npm install in the project, or list it under "chalice": {"external": [...]} in package.json'
    : '';
  return new ChaliceTsError(`Cannot bundle the app in ${projectDir}: ${formatMessage(first)}${more}${hint}`, 'bundle_failed');
}
