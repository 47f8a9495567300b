/**
 * Finds every local source file the app's entry file pulls in, and strips their types.
 *
 * esbuild resolves the graph exactly as the deployment bundle will (`.js` specifiers that
 * name `.ts` files, tsconfig paths, index files), with every package left external: the
 * analyser reads only the user's own code, and `@aws-sdk/*` need not be installed. Each file
 * is then transformed on its own (types removed, with a source map so warnings can name the
 * user's line), which keeps SDK usage attributed to the file that wrote it.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ChaliceTsError } from '../../project/errors.js';

export interface SourceModule {
  /** Path relative to the project directory, with `/` separators. */
  readonly path: string;
  /** Type-stripped JavaScript. */
  readonly code: string;
  /** esbuild's source map for `code`, as JSON. */
  readonly sourceMap: string;
  /** Import specifier as written → the local module it resolved to (project-relative). */
  readonly localImports: ReadonlyMap<string, string>;
}

const LOADERS: Readonly<Record<string, esbuild.Loader>> = {
  '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx',
  '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx',
};

const TRANSFORM_BATCH = 32;

/** Loads the source modules reachable from `entryFile`, dependencies before dependants. */
export async function loadModuleGraph(entryFile: string, projectDir: string): Promise<SourceModule[]> {
  const absProjectDir = path.resolve(projectDir);
  const entry = path.resolve(absProjectDir, entryFile);
  try {
    await access(entry);
  } catch {
    throw new ChaliceTsError(
      `Cannot analyse the app's AWS SDK calls for its IAM policy: entry file ${path.relative(absProjectDir, entry)} does not exist in ${absProjectDir}; ` +
        'pass the project directory that holds app.ts',
      'policy_analysis_failed',
    );
  }
  let metafile: esbuild.Metafile;
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: absProjectDir,
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    metafile = result.metafile;
  } catch (error) {
    throw buildFailureToError(error, entry, absProjectDir);
  }

  // Transformed concurrently (esbuild works in its own threads), in batches so a large app does
  // not open every file at once, and kept in the metafile's order.
  const inputs = Object.entries(metafile.inputs).filter(
    ([inputPath]) => LOADERS[path.extname(inputPath)] !== undefined && !inputPath.includes('node_modules/') && !inputPath.includes(':'),
  );
  const modules: SourceModule[] = [];
  for (let from = 0; from < inputs.length; from += TRANSFORM_BATCH) {
    modules.push(...(await Promise.all(inputs.slice(from, from + TRANSFORM_BATCH).map(([inputPath, input]) => loadSourceModule(absProjectDir, inputPath, input)))));
  }
  return modules;
}

async function loadSourceModule(projectDir: string, inputPath: string, input: esbuild.Metafile['inputs'][string]): Promise<SourceModule> {
  const localImports = new Map<string, string>();
  for (const imported of input.imports) {
    if (imported.external !== true && imported.original !== undefined) localImports.set(imported.original, imported.path);
  }
  const source = await readFile(path.resolve(projectDir, inputPath), 'utf8');
  const { code, map } = await esbuild.transform(source, {
    loader: LOADERS[path.extname(inputPath)]!,
    sourcefile: inputPath,
    sourcemap: 'external',
    logLevel: 'silent',
  });
  return { path: inputPath, code, sourceMap: map, localImports };
}

function buildFailureToError(error: unknown, entry: string, projectDir: string): ChaliceTsError {
  const first = (error as { errors?: esbuild.Message[] }).errors?.[0];
  const where = first?.location ? `${first.location.file}:${first.location.line}: ` : `${path.relative(projectDir, entry)}: `;
  const what = first?.text ?? (error instanceof Error ? error.message : String(error));
  return new ChaliceTsError(
    `Cannot analyse the app's AWS SDK calls for its IAM policy: ${where}${what}. ` +
      'Fix the source so it builds, or set "autogen_policy": false in .chalice/config.json and provide .chalice/policy-<stage>.json',
    'policy_analysis_failed',
  );
}
