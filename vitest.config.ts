import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const root = fileURLToPath(new URL('./', import.meta.url));
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * Fixture apps in this repository import 'chalice-ts' like user code; the package
 * self-reference points at dist/ (built), so tests map it to the sources instead. Only
 * importers inside the repository are mapped: projects a test creates elsewhere (temp dirs)
 * must resolve 'chalice-ts' from their own node_modules, as a user's project would.
 */
function chaliceTsSources(): Plugin {
  const targets: Record<string, string> = {
    'chalice-ts': src('runtime/index.ts'),
    'chalice-ts/test': src('testing/index.ts'),
  };
  return {
    name: 'chalice-ts-sources',
    enforce: 'pre',
    resolveId(source, importer) {
      const target = targets[source];
      if (target === undefined) return null;
      if (importer !== undefined && !importer.startsWith(root)) return null;
      return target;
    },
  };
}

export default defineConfig({
  plugins: [chaliceTsSources()],
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
