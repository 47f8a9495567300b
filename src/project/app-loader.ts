/**
 * Loading the user's app: find `app.ts` / `app.mts` / `app.js`, bundle it with esbuild, import
 * the bundle and return its exported `app`.
 *
 * Why a bundle rather than importing app.ts directly: Node 20 cannot import TypeScript, and
 * the bundle's metafile lists exactly the local files the app depends on, which is what
 * `chalice local` watches for reloads.
 *
 * - Packages stay external (`packages: 'external'`), so they resolve from the project's own
 *   node_modules. For that to work the bundle is written inside the project, under
 *   `.chalice/.cache/`, with a unique name (a re-import must not hit Node's module cache), and
 *   is removed once imported.
 * - `import.meta.url`, `import.meta.filename` and `import.meta.dirname` are replaced by those of
 *   the entry file, so `new URL('./chalicelib/data.json', import.meta.url)` means the same as in
 *   the deployment package, where the app sits at the package root next to `chalicelib/`.
 * - The source map is inline; stack traces point at the user's files when source maps are
 *   enabled (`node --enable-source-maps` or `process.setSourceMapsEnabled(true)`).
 *
 * `chalice-ts` imports: without `chaliceTsSource` they are left to Node (the project's
 * node_modules). With it, `chalice-ts` maps to `<source>/runtime/index` and `chalice-ts/test` to
 * `<source>/testing/index`, linked in one of two ways (`chaliceTsLinking`):
 * - 'shared' (default): the bundle imports that file by URL, so the app and a caller that
 *   imports the same file share ONE module instance: `instanceof Response`, error classes and
 *   other class identities agree between the caller and the app.
 * - 'bundle': the runtime is inlined into the bundle (esbuild alias). The app then has its
 *   own copy of every class; a caller that imports the runtime separately sees different class
 *   identities, so it must not rely on `instanceof` across that boundary. Use this to load an
 *   app in isolation, exactly as it will run in Lambda.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { Message, Plugin } from 'esbuild';
import { ChaliceTsError } from './errors.js';

/** File names looked for, in order, when no entry is given. */
export const APP_ENTRY_NAMES: readonly string[] = ['app.ts', 'app.mts', 'app.js'];

/** The minimum an exported app must look like. */
export interface AppLike {
  readonly appName: string;
}

export interface LoadAppOptions {
  /** App file relative to the project directory. @default the first of APP_ENTRY_NAMES that exists */
  readonly entry?: string;
  /**
   * Directory holding chalice-ts's own `runtime/index.(ts|js)` and `testing/index.(ts|js)`
   * (the repository's `src/` or the package's `dist/`; see `chaliceTsSourceDir()`). When unset,
   * `chalice-ts` imports resolve from the project's node_modules.
   */
  readonly chaliceTsSource?: string;
  /** How chalice-ts is linked when `chaliceTsSource` is set; see the module comment. @default 'shared' */
  readonly chaliceTsLinking?: 'shared' | 'bundle';
}

export interface LoadedApp<T> {
  readonly app: T;
  /** Absolute path of the entry file. */
  readonly entryFile: string;
  /** Absolute paths of the project's own source files in the bundle (no node_modules), sorted. */
  readonly dependencies: readonly string[];
}

/** The directory of the chalice-ts sources this module was loaded from (`src/` or `dist/`). */
export function chaliceTsSourceDir(): string {
  return fileURLToPath(new URL('..', import.meta.url));
}

let loadCounter = 0;

/**
 * Bundles and imports the app of `projectDir`. An error thrown while the app's module runs
 * (a registration mistake, a bug in top-level code, a package that is not installed) becomes
 * an `AppLoadError`: one line saying what and where, with the original error as `cause`.
 * @throws ChaliceTsError `app_not_found`, `app_build_failed`, `app_export_missing`, `app_load_failed`.
 */
export async function loadApp<T extends AppLike = AppLike>(projectDir: string, options: LoadAppOptions = {}): Promise<LoadedApp<T>> {
  const bundle = await bundleApp(projectDir, options);
  try {
    return { app: await importAppBundle<T>(bundle), entryFile: bundle.entryFile, dependencies: bundle.dependencies };
  } finally {
    disposeAppBundle(bundle);
  }
}

/** A bundled app written to disk, ready to be imported (by this thread or by worker threads). */
export interface AppBundle {
  /** The bundled ES module, under the project's `.chalice/.cache/`; remove with `disposeAppBundle`. */
  readonly file: string;
  /** Absolute project directory. */
  readonly root: string;
  /** Absolute path of the entry file. */
  readonly entryFile: string;
  /** Absolute paths of the project's own source files in the bundle (no node_modules), sorted. */
  readonly dependencies: readonly string[];
}

/**
 * The first half of `loadApp`: bundles the app and writes the bundle under a unique name.
 * `chalice local` imports one bundle in several worker threads (each its own module cache).
 * @throws ChaliceTsError `app_not_found`, `app_build_failed`.
 */
export async function bundleApp(projectDir: string, options: LoadAppOptions = {}): Promise<AppBundle> {
  const root = resolve(projectDir);
  const entryFile = findEntry(root, options.entry);
  const outDir = cacheDir(root);
  const outFile = join(outDir, `app-${process.pid}-${++loadCounter}-${randomBytes(4).toString('hex')}.mjs`);
  const entryUrl = pathToFileURL(entryFile).href;
  // Loaded on first use: a thread that only imports bundles never pays for esbuild.
  const { build } = await import('esbuild');

  let result;
  try {
    result = await build({
      entryPoints: [entryFile],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      sourcesContent: false,
      metafile: true,
      // Resource names default to handler functions' `.name`; without keepNames esbuild renames
      // colliding top-level functions and classes across modules (`handler2`, `_Chalice`).
      keepNames: true,
      write: false,
      outfile: outFile,
      logLevel: 'silent',
      // CommonJS apps (`require('chalice-ts')`, `module.exports = { app }`) become ES modules
      // whose `require` calls need a real `require`, resolving from the app's own folder.
      banner: { js: `import { createRequire as __chaliceLoaderCreateRequire } from 'node:module';\nconst require = __chaliceLoaderCreateRequire(${JSON.stringify(entryUrl)});` },
      define: {
        'import.meta.url': JSON.stringify(entryUrl),
        'import.meta.filename': JSON.stringify(entryFile),
        'import.meta.dirname': JSON.stringify(dirname(entryFile)),
      },
      plugins: options.chaliceTsSource ? [chaliceTsPlugin(options.chaliceTsSource, options.chaliceTsLinking ?? 'shared')] : [],
    });
  } catch (error) {
    throw buildError(root, error);
  }

  const output = result.outputFiles.find((file) => file.path.endsWith('.mjs')) ?? result.outputFiles[0];
  writeFileSync(outFile, output.contents);
  return { file: outFile, root, entryFile, dependencies: localInputs(root, Object.keys(result.metafile.inputs)) };
}

/** Removes the bundle file (idempotent). */
export function disposeAppBundle(bundle: AppBundle): void {
  rmSync(bundle.file, { force: true });
}

/**
 * The second half of `loadApp`: imports a bundle and returns its exported `app`.
 * @throws ChaliceTsError `app_export_missing`, `app_load_failed`.
 */
export async function importAppBundle<T extends AppLike = AppLike>(bundle: AppBundle): Promise<T> {
  const entryName = relative(bundle.root, bundle.entryFile);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(bundle.file).href)) as Record<string, unknown>;
  } catch (error) {
    throw appLoadError(bundle.root, entryName, error);
  }

  // `export const app`, `export default app`, or CommonJS `module.exports = { app }` / `= app`
  // (a CommonJS entry's exports object arrives as the default export).
  const fallback = module.default as { app?: unknown } | undefined;
  const app = module.app ?? (isAppLike(fallback) ? fallback : (fallback?.app ?? fallback));
  if (app === undefined) {
    throw new ChaliceTsError(
      `${entryName} does not export an app; add \`export const app = new Chalice({ appName: '...' })\``,
      'app_export_missing',
    );
  }
  if (!isAppLike(app)) {
    throw new ChaliceTsError(
      `The \`app\` exported by ${entryName} is not a Chalice app (it has no string appName); export \`const app = new Chalice({ appName: '...' })\``,
      'app_export_missing',
    );
  }
  return app as T;
}

export function isAppLike(value: unknown): value is AppLike {
  return typeof value === 'object' && value !== null && typeof (value as { appName?: unknown }).appName === 'string';
}

function findEntry(root: string, entry: string | undefined): string {
  if (entry !== undefined) {
    const file = isAbsolute(entry) ? entry : join(root, entry);
    if (!existsSync(file)) throw new ChaliceTsError(`App file ${entry} does not exist in ${root}`, 'app_not_found');
    return file;
  }
  for (const name of APP_ENTRY_NAMES) {
    const file = join(root, name);
    if (existsSync(file)) return file;
  }
  throw new ChaliceTsError(
    `No app file in ${root}: looked for ${APP_ENTRY_NAMES.join(', ')}; create app.ts exporting \`app\``,
    'app_not_found',
  );
}

/** `.chalice/.cache/` in the project (self-ignored by git); the OS temp dir if that is not writable. */
function cacheDir(root: string): string {
  const dir = join(root, '.chalice', '.cache');
  try {
    mkdirSync(dir, { recursive: true });
    const ignore = join(dir, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
    return dir;
  } catch {
    // Packages imported by the app will not resolve from here unless installed globally, but
    // an app that only uses chalice-ts (via chaliceTsSource) still loads.
    const fallback = join(tmpdir(), 'chalice-ts-cache');
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

function runtimeFile(source: string, subdir: string): string {
  const ts = join(source, subdir, 'index.ts');
  return existsSync(ts) ? ts : join(source, subdir, 'index.js');
}

function chaliceTsPlugin(source: string, linking: 'shared' | 'bundle'): Plugin {
  const targets: Record<string, string> = {
    'chalice-ts': runtimeFile(resolve(source), 'runtime'),
    'chalice-ts/test': runtimeFile(resolve(source), 'testing'),
  };
  return {
    name: 'chalice-ts-source',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^chalice-ts(\/test)?$/ }, (args) => {
        const target = targets[args.path];
        if (linking === 'bundle') return { path: target };
        // `require` cannot load a file: URL; it gets the package's CommonJS build where there is
        // one (dist/cjs), else the module itself (Node 20 can require an ES module).
        if (args.kind === 'require-call') {
          const cjs = join(resolve(source), 'cjs', args.path === 'chalice-ts' ? 'runtime.cjs' : 'testing.cjs');
          return { path: existsSync(cjs) ? cjs : target, external: true };
        }
        return { path: pathToFileURL(target).href, external: true };
      });
    },
  };
}

function localInputs(root: string, inputs: readonly string[]): string[] {
  return inputs
    .map((input) => resolve(root, input))
    .filter((file) => {
      const rel = relative(root, file);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('node_modules');
    })
    .sort();
}

function formatMessage(root: string, message: Message): string {
  const location = message.location;
  if (!location) return message.text;
  const file = isAbsolute(location.file) ? relative(root, location.file) : location.file;
  return `${file}:${location.line}:${location.column + 1}: ${message.text}`;
}

function buildError(root: string, error: unknown): ChaliceTsError {
  const errors = (error as { errors?: Message[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    return new ChaliceTsError(`Cannot build the app in ${root}: ${(error as Error).message}`, 'app_build_failed', 'internal');
  }
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return new ChaliceTsError(`Cannot build the app in ${root}: ${formatMessage(root, errors[0])}${more}`, 'app_build_failed');
}

/** The app's own code failed while it was imported; `cause` is what it threw. */
export class AppLoadError extends ChaliceTsError {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message, 'app_load_failed');
    const causeStack = cause instanceof Error ? cause.stack : undefined;
    if (causeStack) this.stack = `${this.stack ?? message}\nCaused by: ${causeStack}`;
  }
}

/** One line: the entry file, what was thrown, where in the project, and what to do. */
function appLoadError(root: string, entryName: string, error: unknown): AppLoadError {
  const e = error as { code?: unknown; message?: unknown; stack?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (e?.code === 'ERR_MODULE_NOT_FOUND') {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
    if (missing !== undefined && !isAbsolute(missing)) {
      const pkg = missing.startsWith('@') ? missing.split('/').slice(0, 2).join('/') : missing.split('/')[0];
      return new AppLoadError(`${entryName} imports "${missing}", which is not installed in ${root}; run \`npm install ${pkg}\``, error);
    }
  }
  const where = typeof e?.stack === 'string' ? projectFrame(root, e.stack) : undefined;
  return new AppLoadError(
    `${entryName} failed while loading${where ? ` (at ${where})` : ''}: ${message.split('\n')[0]}; fix the app and try again (--debug shows the stack)`,
    error,
  );
}

/** The first stack frame in the project's own files (not node_modules), project-relative. */
function projectFrame(root: string, stack: string): string | undefined {
  for (const match of stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^\s()]+):(\d+):(\d+)/g)) {
    const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
    const rel = relative(root, file);
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('node_modules') || rel.startsWith(`.chalice${sep}`)) continue;
    return `${rel}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
