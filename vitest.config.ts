import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  // Fixture apps import 'chalice-ts' like user code; the package self-reference points at
  // dist/ (built), so tests map it to the sources instead.
  resolve: {
    alias: [
      { find: /^chalice-ts\/test$/, replacement: src('testing/index.ts') },
      { find: /^chalice-ts$/, replacement: src('runtime/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
