import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

/** Test files that need the AWS API emulator. */
const AWS_TESTS = ['test/integration/**/*.test.ts'];

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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Projects merge `include` lists with the root's, so each project names its own files.
        extends: true,
        test: {
          name: 'default',
          include: ['test/**/*.test.ts'],
          exclude: [...AWS_TESTS, '**/node_modules/**'],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
        },
      },
      {
        // End-to-end tests against the AWS API emulator (test/integration/aws-emulator.setup.ts).
        // vitest runs a project's globalSetup only when one of its files is queued, so runs of
        // other tests never start the emulator. The files share one emulator and count its
        // calls, so they run one at a time.
        extends: true,
        test: {
          name: 'aws',
          include: AWS_TESTS,
          globalSetup: ['test/integration/aws-emulator.setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
