/**
 * Ships the chalice-ts runtime minified while the user's own code stays as written.
 *
 * The runtime is part of every cold start and every `deployment.zip`; its code never appears
 * in a user's stack trace that they need to read line by line, and it is written to survive
 * renaming (error codes are static fields, not class names). The user's modules and other
 * packages are left alone, so their stack traces keep readable lines.
 *
 * Each runtime file is minified on load (whitespace, syntax and local names); the bundle step
 * then links the files as usual.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, sep } from 'node:path';
import type { Loader, Plugin } from 'esbuild';
import { transform } from 'esbuild';

const LOADERS: Readonly<Record<string, Loader>> = { '.js': 'js', '.mjs': 'js', '.ts': 'ts', '.mts': 'ts' };

/** Whether `file` is in the `dist/runtime/` or `src/runtime/` folder of a chalice-ts package. */
function isChaliceTsRuntimeFile(file: string, cache: Map<string, boolean>): boolean {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('runtime');
  if (at < 2 || !['dist', 'src'].includes(parts[at - 1]!)) return false;
  const root = parts.slice(0, at - 1).join(sep);
  let known = cache.get(root);
  if (known === undefined) {
    try {
      known = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name === 'chalice-ts';
    } catch {
      known = false;
    }
    cache.set(root, known);
  }
  return known;
}

/**
 * @param compacted receives the absolute path of every runtime file minified, so the bundle
 *   step can drop the `// <path>` line esbuild prints above each module (withoutModuleComments).
 */
export function compactRuntimePlugin(target: string, compacted?: Set<string>): Plugin {
  const roots = new Map<string, boolean>();
  return {
    name: 'chalice-ts-compact-runtime',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]runtime[\\/].*\.m?[jt]s$/ }, async (args) => {
        if (args.namespace !== 'file' || !isChaliceTsRuntimeFile(args.path, roots)) return undefined;
        const loader = LOADERS[extname(args.path)];
        if (loader === undefined) return undefined;
        const source = await readFile(args.path, 'utf8');
        const result = await transform(source, { loader, minify: true, format: 'esm', target, sourcefile: args.path });
        compacted?.add(args.path);
        return { contents: result.code, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * The bundle without the `// <path>` comment esbuild prints above each of the `compacted`
 * runtime modules (their paths as the metafile's `inputs` name them, relative to
 * `workingDir`): minified code has no lines worth locating, and the comments are a good part of
 * what the runtime adds to a zipped `app.mjs`. Only for bundles without a source map.
 */
export function withoutModuleComments(text: string, inputs: readonly string[], workingDir: string, compacted: ReadonlySet<string>): string {
  const comments = new Set(inputs.filter((input) => compacted.has(join(workingDir, input))).map((input) => `// ${input}`));
  if (comments.size === 0) return text;
  return text
    .split('\n')
    .filter((line) => !comments.has(line))
    .join('\n');
}
