import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMap } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleApp, type BundleResult } from '../../../src/build/bundle/bundle-app.js';
import { removeTempTrees, tempTree } from './bundle-test-helpers.js';

afterAll(removeTempTrees);

const run = promisify(execFile);
const HELLO = join(import.meta.dirname, '../../fixtures/projects/hello');

/** A project without chalice-ts: the app is a plain object with lambdaHandler, so the bundle has no runtime. */
function project(appSource: string, files: Record<string, string> = {}): string {
  return tempTree({ 'app.ts': appSource, ...files });
}

const PLAIN_APP = (body: string) => `${body}
export const app = { appName: 'plain', lambdaHandler: (name: string) => async (event: unknown) => handle(name, event) };
`;

async function bundle(projectDir: string, options: Partial<Parameters<typeof bundleApp>[0]> = {}): Promise<BundleResult> {
  return bundleApp({ projectDir, entryFile: join(projectDir, 'app.ts'), functions: [{ name: 'fn', exportName: 'fn' }], target: 'node20', ...options });
}

const text = (result: BundleResult, path = 'app.mjs'): string => Buffer.from(result.files.find((f) => f.path === path)!.data).toString('utf8');

/** Writes the bundle into `dir` and calls its `fn` export in a fresh Node process. */
async function runBundle(dir: string, result: BundleResult): Promise<unknown> {
  for (const file of result.files) writeFileSync(join(dir, file.path), file.data);
  const script = `const m = await import(${JSON.stringify(`${join(dir, 'app.mjs')}`)}); process.stdout.write(JSON.stringify(await m.fn({ n: 2 })));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout);
}

describe('bundleApp', () => {
  it('inlines CommonJS packages that require Node built-ins, and the result runs as an ES module', async () => {
    const dir = project(PLAIN_APP(`import { twice } from 'cjs-dep';\nconst handle = (name: string, event: any) => ({ name, value: twice(event.n) });`), {
      'node_modules/cjs-dep/package.json': '{"name":"cjs-dep","version":"1.0.0","main":"index.js"}',
      'node_modules/cjs-dep/index.js': "const util = require('node:util'); exports.twice = (n) => Number(util.format('%d', n * 2));\n",
    });
    const result = await bundle(dir);
    expect(result.externalPackages).toEqual([]);
    await expect(runBundle(tempTree(), result)).resolves.toEqual({ name: 'fn', value: 4 });
  });

  it("does not clash with the app's own top-level require", async () => {
    const dir = project(PLAIN_APP(`import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst handle = (name: string) => require('node:path').basename('/a/' + name);`));
    await expect(runBundle(tempTree(), await bundle(dir))).resolves.toBe('fn');
  });

  it('leaves @aws-sdk/* to the Lambda runtime (not installed here, not bundled)', async () => {
    const dir = project(PLAIN_APP(`import { S3Client } from '@aws-sdk/client-s3';\nconst handle = () => typeof S3Client;`));
    const result = await bundle(dir);
    expect(text(result)).toMatch(/from "@aws-sdk\/client-s3"/);
    expect(result.externalPackages).toEqual([]);
  });

  it('keeps native addons and configured packages external and reports them', async () => {
    const dir = project(PLAIN_APP(`import addon from 'addon';\nimport { x } from 'listed';\nimport { y } from 'pure';\nconst handle = () => [addon, x, y];`), {
      'node_modules/addon/package.json': '{"name":"addon","version":"1.0.0"}',
      'node_modules/addon/index.js': "module.exports = require('./build/Release/addon.node');",
      'node_modules/addon/build/Release/addon.node': 'binary',
      'node_modules/listed/package.json': '{"name":"listed","version":"1.0.0"}',
      'node_modules/listed/index.js': 'exports.x = 1;',
      'node_modules/pure/package.json': '{"name":"pure","version":"1.0.0"}',
      'node_modules/pure/index.js': 'exports.y = "pure-marker";',
    });
    const result = await bundle(dir, { external: ['listed'] });
    expect(result.externalPackages).toEqual([
      { name: 'addon', reason: 'native-addon', packageDir: join(dir, 'node_modules/addon') },
      { name: 'listed', reason: 'configured' },
    ]);
    expect(text(result)).toContain('pure-marker');
    expect(text(result)).toMatch(/require\("addon"\)/);
  });

  it('has no absolute paths and lists the project files it bundled', async () => {
    const dir = project(PLAIN_APP(`import { greet } from './chalicelib/greet.js';\nconst handle = () => greet();`), {
      'chalicelib/greet.ts': 'export const greet = (): string => "hi";\n',
    });
    const result = await bundle(dir, { sourcemap: true });
    expect(result.files.map((f) => f.path)).toEqual(['app.mjs', 'app.mjs.map']);
    expect(text(result)).not.toContain(dir);
    expect(text(result, 'app.mjs.map')).not.toContain(dir);
    expect(JSON.parse(text(result, 'app.mjs.map')).sources).toEqual(expect.arrayContaining(['app.ts', 'chalicelib/greet.ts']));
    expect(text(result)).toContain('//# sourceMappingURL=app.mjs.map');
    expect(result.localInputs).toEqual(['app.ts', 'chalicelib/greet.ts']);
  });

  it('bundles the chalice-ts the project resolves, or else the one running this code', async () => {
    const inRepo = await bundleApp({ projectDir: HELLO, entryFile: join(HELLO, 'app.ts'), functions: [{ name: 'api_handler', exportName: 'api_handler' }], target: 'node20' });
    expect(inRepo.usedOwnChaliceTs).toBe(false);
    const outside = project("import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'x' });\napp.lambdaFunction(function fn(event) { return event; });\n");
    const result = await bundle(outside);
    expect(result.usedOwnChaliceTs).toBe(true);
    await expect(runBundle(tempTree(), result)).resolves.toEqual({ n: 2 });
  });

  it('keeps function names when minifying, since resource names default to them', async () => {
    const outside = project("import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'x' });\napp.lambdaFunction(function fn(event) { return event; });\n");
    const result = await bundle(outside, { minify: true });
    expect(text(result).split('\n').length).toBeLessThan(10);
    await expect(runBundle(tempTree(), result)).resolves.toEqual({ n: 2 });
  });

  it("ships the chalice-ts runtime minified and the user's code as written (unless source maps are on)", async () => {
    const source = "import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'x' });\napp.lambdaFunction(function fn(event) {\n  const doubled = { n: event.n * 2 };\n  return doubled;\n});\n";
    // corsOptionToConfig is a runtime function no export of the bundle keeps by name.
    const compact = text(await bundle(project(source)));
    expect(compact).toContain('const doubled = { n: event.n * 2 };');
    expect(compact).not.toContain('corsOptionToConfig');
    const mapped = text(await bundle(project(source), { sourcemap: true }));
    expect(mapped).toContain('corsOptionToConfig');
    expect(mapped.length).toBeGreaterThan(compact.length * 1.3);
  });

  it("drops esbuild's module comments above the minified runtime files only, and still runs", async () => {
    const source = "import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'x' });\napp.lambdaFunction(function fn(event) {\n  return { n: event.n * 2 };\n});\n";
    const runtimeComment = /^\/\/ .*runtime\/.*\.[jt]s$/m;
    const result = await bundle(project(source));
    const compact = text(result);
    expect(compact).not.toMatch(runtimeComment);
    // The user's module keeps its comment; with a source map, every line stays where it was.
    expect(compact).toMatch(/^\/\/ .*chalice-user-code\.mjs$/m);
    expect(text(await bundle(project(source), { sourcemap: true }))).toMatch(runtimeComment);
    await expect(runBundle(tempTree(), result)).resolves.toEqual({ n: 4 });
  });

  it.each([
    ['a package that is not installed', "import 'not-installed';\nexport const app = {};", /app\.ts:1:8: Could not resolve "not-installed".*npm install/],
    ['a syntax error', 'export const app = {;\n', /Cannot bundle the app in .*: app\.ts:1:/],
  ])('reports %s as a user error with file:line:column', async (_what, source, message) => {
    await expect(bundle(project(source))).rejects.toThrow(expect.objectContaining({ code: 'bundle_failed', fault: 'user', message: expect.stringMatching(message) }));
  });
});

describe('the createRequire banner', () => {
  const BANNER_IMPORT = "import { createRequire as __chaliceCreateRequire } from 'node:module';";

  it('is left out when nothing in the bundle requires anything (it costs cold-start time)', async () => {
    const result = await bundle(project(PLAIN_APP('const handle = (name: string) => name;')));
    expect(text(result)).not.toContain(BANNER_IMPORT);
  });

  it('is kept when bundled CommonJS code requires a module', async () => {
    const dir = project(PLAIN_APP(`import { twice } from 'cjs-dep';\nconst handle = (_: string, event: any) => twice(event.n);`), {
      'node_modules/cjs-dep/package.json': '{"name":"cjs-dep","version":"1.0.0","main":"index.js"}',
      'node_modules/cjs-dep/index.js': "exports.twice = (n) => require('node:util').format('%d', n * 2);\n",
    });
    expect(text(await bundle(dir)).startsWith(BANNER_IMPORT)).toBe(true);
  });

  it('leaves the source map pointing at the right lines once removed', async () => {
    const dir = project(PLAIN_APP('// first line\nconst handle = (name: string) => name + "-on-line-two";'));
    const result = await bundle(dir, { sourcemap: true });
    expect(text(result)).not.toContain(BANNER_IMPORT);
    const generated = text(result).split('\n');
    const line = generated.findIndex((l) => l.includes('"-on-line-two"'));
    const sourceMap = new SourceMap(JSON.parse(text(result, 'app.mjs.map')));
    const entry = sourceMap.findEntry(line, generated[line].indexOf('"-on-line-two"')) as { originalSource: string; originalLine: number };
    expect(entry.originalSource).toMatch(/app\.ts$/);
    expect(entry.originalLine).toBe(1); // zero-based: the second line of app.ts
  });
});
