/**
 * The runtime ships inside every Lambda bundle: this bundles `src/runtime/index.ts` the way
 * a deployment does and fails on any input outside `src/runtime/` and on any import other
 * than `node:*` built-ins and the (external, Lambda-provided) AWS SDK v3.
 */
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let metafile: Metafile;
let bundleBytes: number;

beforeAll(async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/runtime/index.ts'],
    bundle: true,
    metafile: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  metafile = result.metafile;
  bundleBytes = result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
});

const isAllowedExternal = (path: string) => path.startsWith('node:') || path.startsWith('@aws-sdk/');

describe('the runtime bundle', () => {
  it('has every input inside src/runtime/', () => {
    const outside = Object.keys(metafile.inputs).filter((input) => !input.startsWith('src/runtime/'));
    expect(outside).toEqual([]);
  });

  it('imports no third-party package: only node:* built-ins and the external AWS SDK v3', () => {
    const imports = Object.entries(metafile.inputs).flatMap(([input, { imports }]) => imports.map((i) => ({ input, ...i })));
    const externals = imports.filter((i) => i.external);
    // A bare built-in ('fs') fails too: spelled node:* a bundler never mistakes it for an npm package.
    expect(externals.filter((i) => !isAllowedExternal(i.path)).map((i) => `${i.input} → ${i.path}`)).toEqual([]);
    expect(Object.keys(metafile.inputs).filter((input) => input.includes('node_modules'))).toEqual([]);
  });

  it('loads the AWS SDK only lazily (dynamic import)', () => {
    const sdkImports = Object.values(metafile.inputs).flatMap(({ imports }) => imports.filter((i) => i.path.startsWith('@aws-sdk/')));
    expect(sdkImports.length).toBeGreaterThan(0);
    expect(sdkImports.every((i) => i.kind === 'dynamic-import')).toBe(true);
  });

  it('reports its size', () => {
    console.log(`runtime bundle: ${bundleBytes} bytes (${(bundleBytes / 1024).toFixed(1)} KiB), ${Object.keys(metafile.inputs).length} inputs`);
    expect(bundleBytes).toBeGreaterThan(0);
  });
});
