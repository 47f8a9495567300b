/** Helpers for the CDK construct tests: fixture copies in temp directories and file listings. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { tempDir } from '../../helpers/fixture-projects.js';

export { copyFixture, FIXTURE_PROJECTS, REPO_ROOT, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';

/** Every file below `dir` (relative paths, sorted) with its contents, to compare before and after. */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A stack in an app whose cloud assembly goes to a temp directory. */
export function createTestStack(id: string): { app: App; stack: Stack } {
  const app = new App({ outdir: join(tempDir(), 'cdk.out') });
  const stack = new Stack(app, id);
  // The Lambda runtime follows the local Node major; on Node 20 CloudFormation's validator
  // prints a deprecation warning for nodejs20.x at every synthesis, which says nothing here.
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::W2531', reason: 'runtime follows the Node version running the tests' });
  return { app, stack };
}

/** Writes `files` (path → text) below `dir`. */
export function writeTree(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
