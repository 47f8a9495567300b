/**
 * CommonJS builds of the two entry points a user's code `require`s, for runners whose module
 * system cannot load ESM packages (jest's default CommonJS mode, ts-jest, babel-jest):
 *
 *   src/runtime/index.ts  ──esbuild──▶ dist/cjs/runtime.cjs   (`require('chalice-ts')`)
 *   src/testing/index.ts  ──esbuild──▶ dist/cjs/testing.cjs   (`require('chalice-ts/test')`)
 *
 * package.json `exports` sends the `require` condition here and `import` to the ESM build that
 * `tsc -p tsconfig.build.json` writes to dist/; both share the same `.d.ts` files.
 *
 * - Each bundle inlines chalice-ts's own modules and leaves packages external (they resolve
 *   from the user's node_modules, as from the ESM build).
 * - Dual-package hazard: a process may hold both the ESM and the CJS copy of the runtime. That
 *   is safe because nothing outside the runtime uses `instanceof` on runtime classes; the test
 *   client reaches the app only through `app.lambdaHandler(name)` and plain JSON (today the
 *   testing bundle contains no runtime code at all).
 * - `import.meta.url/filename/dirname` do not exist in CommonJS; they are replaced by the
 *   bundle's own URL and paths. The bundle sits one directory below dist/, like the ESM
 *   modules that use them, so paths computed relative to them (`new URL('..', ...)`) agree.
 * - Packages are marked side-effect free: chalice-ts only imports packages for their bindings,
 *   so a package that a bundle does not use (esbuild, needed by the app loader but not by the
 *   test client) is not `require`d at load time.
 * - Dynamic `import()` (the runtime loads the AWS SDK lazily) becomes `require()`: jest's
 *   CommonJS module registry cannot run `import()` without --experimental-vm-modules.
 * - keepNames: class and function names are observable (error names, handler names).
 *
 * Usage: node scripts/build-cjs.mjs   (reads src/, not tsc output; `npm run build` runs both)
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'cjs');

/** Output name (without `.cjs`) → source entry point. */
const ENTRIES = [
  { in: join(root, 'src/runtime/index.ts'), out: 'runtime' },
  { in: join(root, 'src/testing/index.ts'), out: 'testing' },
];

// Injected into each bundle (esbuild keeps it even where unused; it is one cheap line).
const IMPORT_META_SHIM = join(root, 'scripts', 'cjs-shims', 'import-meta.mjs');

/** @type {import('esbuild').Plugin} */
const sideEffectFreePackages = {
  name: 'side-effect-free-packages',
  setup(pluginBuild) {
    // Bare specifiers (not relative, not absolute, not node: builtins) are packages.
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true, sideEffects: false };
    });
  },
};

async function main() {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: ENTRIES,
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    // `import()` in CommonJS needs ESM support from the host; jest's CommonJS registry has none
    // without --experimental-vm-modules. require() reaches the same packages (the lazily loaded
    // AWS SDK ships CommonJS).
    supported: { 'dynamic-import': false },
    inject: [IMPORT_META_SHIM],
    define: {
      'import.meta.url': 'importMetaUrl',
      'import.meta.filename': '__filename',
      'import.meta.dirname': '__dirname',
    },
    plugins: [sideEffectFreePackages],
  });
  // A warning here (e.g. an unshimmed `import.meta` use) would mean broken CommonJS code.
  if (result.warnings.length > 0) {
    throw new Error(`build-cjs: esbuild reported ${result.warnings.length} warning(s); fix them (see above)`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
