import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ChaliceTsError, loadApp } from '../../../src/project/index.js';
import { Chalice as FakeChalice } from '../../fixtures/project/fake-chalice-ts/runtime/index.js';

/** Stand-in chalice-ts sources (runtime/ and testing/), so these tests do not depend on src/runtime. */
const FAKE_SOURCE = fileURLToPath(new URL('../../fixtures/project/fake-chalice-ts/', import.meta.url));

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Creates a project under the OS temp dir from a map of relative paths to file contents. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-app-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const APP_TS = `import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'hello' });\n`;

async function loadError(promise: Promise<unknown>): Promise<ChaliceTsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChaliceTsError);
    return error as ChaliceTsError;
  }
  throw new Error('expected loadApp to fail');
}

describe('loadApp', () => {
  it('bundles app.ts, returns the exported app and the local files it imports', async () => {
    const dir = project({
      'app.ts': `import { Chalice } from 'chalice-ts';\nimport { greeting } from './chalicelib/greeting.js';\nimport pad from 'fake-pad';\nexport const app = new Chalice({ appName: greeting + pad });\n`,
      'chalicelib/greeting.ts': `import { suffix } from './suffix.js';\nexport const greeting: string = 'hi' + suffix;\n`,
      'chalicelib/suffix.ts': `export const suffix = '!';\n`,
      'chalicelib/unused.ts': `export const unused = 1;\n`,
      'node_modules/fake-pad/package.json': JSON.stringify({ name: 'fake-pad', type: 'module', exports: './index.js' }),
      'node_modules/fake-pad/index.js': `export default '-padded';\n`,
    });
    const loaded = await loadApp(dir, { chaliceTsSource: FAKE_SOURCE });
    expect(loaded.app.appName).toBe('hi!-padded');
    expect(loaded.entryFile).toBe(join(dir, 'app.ts'));
    expect(loaded.dependencies).toEqual([join(dir, 'app.ts'), join(dir, 'chalicelib', 'greeting.ts'), join(dir, 'chalicelib', 'suffix.ts')]);
  });

  it.each<{ files: Record<string, string>; entry: string }>([
    { files: { 'app.mts': APP_TS }, entry: 'app.mts' },
    { files: { 'app.js': APP_TS }, entry: 'app.js' },
    { files: { 'app.js': APP_TS.replace('hello', 'js'), 'app.ts': APP_TS }, entry: 'app.ts' },
    { files: { 'app.mts': APP_TS.replace('hello', 'mts'), 'app.ts': APP_TS }, entry: 'app.ts' },
  ])('finds $entry among $files', async ({ files, entry }) => {
    const dir = project(files);
    const loaded = await loadApp(dir, { chaliceTsSource: FAKE_SOURCE });
    expect(loaded.entryFile).toBe(join(dir, entry));
    expect(loaded.app.appName).toBe('hello');
  });

  it('loads an explicit entry file', async () => {
    const dir = project({ 'src/main.ts': APP_TS });
    expect((await loadApp(dir, { entry: 'src/main.ts', chaliceTsSource: FAKE_SOURCE })).entryFile).toBe(join(dir, 'src', 'main.ts'));
  });

  it('accepts a default export', async () => {
    const dir = project({ 'app.ts': `import { Chalice } from 'chalice-ts';\nexport default new Chalice({ appName: 'dflt' });\n` });
    expect((await loadApp(dir, { chaliceTsSource: FAKE_SOURCE })).app.appName).toBe('dflt');
  });

  it("shares the caller's chalice-ts module by default, so class identities agree", async () => {
    const dir = project({ 'app.ts': APP_TS });
    const { app } = await loadApp(dir, { chaliceTsSource: FAKE_SOURCE });
    expect(app).toBeInstanceOf(FakeChalice);
  });

  it("inlines chalice-ts with chaliceTsLinking 'bundle', giving the app its own classes", async () => {
    const dir = project({ 'app.ts': APP_TS });
    const { app } = await loadApp(dir, { chaliceTsSource: FAKE_SOURCE, chaliceTsLinking: 'bundle' });
    expect(app.appName).toBe('hello');
    expect(app).not.toBeInstanceOf(FakeChalice);
    expect(app.constructor.name).toBe('Chalice');
  });

  it('keeps function and class names when modules declare the same names', async () => {
    const dir = project({
      'app.ts': `import { Chalice } from 'chalice-ts';\nimport { handler as other } from './chalicelib/other.js';\nfunction handler() {}\nclass Thing {}\nexport const app = new Chalice({ appName: [handler.name, other.name, Thing.name, Chalice.name].join(',') });\n`,
      'chalicelib/other.ts': `export function handler() {}\nexport class Thing { static count = 0; constructor() { Thing.count++; } }\n`,
    });
    const { app } = await loadApp(dir, { chaliceTsSource: FAKE_SOURCE, chaliceTsLinking: 'bundle' });
    expect(app.appName).toBe('handler,handler,Thing,Chalice');
  });

  it.each(['shared', 'bundle'] as const)('maps chalice-ts/test to the testing entry (%s)', async (linking) => {
    const dir = project({
      'app.ts': `import { Chalice } from 'chalice-ts';\nimport { testingMarker } from 'chalice-ts/test';\nexport const app = new Chalice({ appName: testingMarker });\n`,
    });
    expect((await loadApp(dir, { chaliceTsSource: FAKE_SOURCE, chaliceTsLinking: linking })).app.appName).toBe('fake-chalice-ts-testing');
  });

  it('loads a CommonJS app (require, module.exports = { app }) resolving packages from the project', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'cjs', type: 'commonjs' }),
      'app.js': `const { Chalice } = require('chalice-ts');\nmodule.exports = { app: new Chalice({ appName: 'hello' }) };\n`,
      'node_modules/chalice-ts/package.json': JSON.stringify({ name: 'chalice-ts', main: './index.cjs' }),
      'node_modules/chalice-ts/index.cjs': `exports.Chalice = class { constructor(o) { this.appName = 'cjs:' + o.appName; } };\n`,
    });
    const loaded = await loadApp(dir);
    expect(loaded.app.appName).toBe('cjs:hello');
  });

  it("resolves chalice-ts from the project's node_modules when no source is given", async () => {
    const dir = project({
      'app.ts': APP_TS,
      'node_modules/chalice-ts/package.json': JSON.stringify({ name: 'chalice-ts', type: 'module', exports: { '.': './index.js' } }),
      'node_modules/chalice-ts/index.js': `export class Chalice { constructor(o) { this.appName = 'installed:' + o.appName; } }\n`,
    });
    const loaded = await loadApp(dir);
    expect(loaded.app.appName).toBe('installed:hello');
    expect(loaded.dependencies).toEqual([join(dir, 'app.ts')]);
  });

  it('gives every module import.meta of the entry file, so chalicelib/ paths resolve as when deployed', async () => {
    const dir = project({
      'app.ts': `import { Chalice } from 'chalice-ts';\nimport { readFileSync } from 'node:fs';\nimport { where } from './chalicelib/where.js';\nconst data = JSON.parse(readFileSync(new URL('./chalicelib/data.json', import.meta.url), 'utf8'));\nexport const app = new Chalice({ appName: data.name + ':' + where });\n`,
      'chalicelib/where.ts': `export const where = import.meta.dirname + '|' + import.meta.filename;\n`,
      'chalicelib/data.json': JSON.stringify({ name: 'from-json' }),
    });
    const { app } = await loadApp(dir, { chaliceTsSource: FAKE_SOURCE });
    expect(app.appName).toBe(`from-json:${dir}|${join(dir, 'app.ts')}`);
  });

  it('picks up changes on the next load (no stale module cache)', async () => {
    const dir = project({ 'app.ts': APP_TS, 'chalicelib/name.ts': `export const name = 'one';\n` });
    writeFileSync(join(dir, 'app.ts'), `import { Chalice } from 'chalice-ts';\nimport { name } from './chalicelib/name.js';\nexport const app = new Chalice({ appName: name });\n`);
    expect((await loadApp(dir, { chaliceTsSource: FAKE_SOURCE })).app.appName).toBe('one');
    writeFileSync(join(dir, 'chalicelib', 'name.ts'), `export const name = 'two';\n`);
    expect((await loadApp(dir, { chaliceTsSource: FAKE_SOURCE })).app.appName).toBe('two');
  });

  it('removes its bundle and keeps the cache directory out of git', async () => {
    const dir = project({ 'app.ts': APP_TS });
    await loadApp(dir, { chaliceTsSource: FAKE_SOURCE });
    const cache = join(dir, '.chalice', '.cache');
    expect(readdirSync(cache)).toEqual(['.gitignore']);
    expect(readFileSync(join(cache, '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('turns an error thrown by the app itself into one line naming where, keeping the cause', async () => {
    const dir = project({ 'app.ts': `export const app = {};\nthrow new RangeError('boom at import');\n` });
    const error = await loadError(loadApp(dir));
    expect(error).toMatchObject({ code: 'app_load_failed', fault: 'user' });
    expect(error.message).toMatch(/^app\.ts failed while loading \(at app\.ts:2:\d+\): boom at import; fix the app/);
    expect((error as Error & { cause: unknown }).cause).toBeInstanceOf(RangeError);
    expect(readdirSync(join(dir, '.chalice', '.cache'))).toEqual(['.gitignore']);
  });
});

describe('loadApp errors', () => {
  it('says which package to install when the app imports a missing one', async () => {
    const dir = project({ 'app.ts': `import pad from 'not-installed-pkg/sub';\nexport const app = { appName: pad };\n` });
    const error = await loadError(loadApp(dir));
    expect(error.message).toBe(`app.ts imports "not-installed-pkg/sub", which is not installed in ${dir}; run \`npm install not-installed-pkg\``);
  });

  it('names the files it looked for when there is no app file', async () => {
    const dir = project({ 'README.md': 'no app' });
    const error = await loadError(loadApp(dir));
    expect(error.code).toBe('app_not_found');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('app.ts, app.mts, app.js');
  });

  it('names a missing explicit entry', async () => {
    const error = await loadError(loadApp(project({}), { entry: 'main.ts' }));
    expect(error.code).toBe('app_not_found');
    expect(error.message).toContain('main.ts');
  });

  it.each([
    { name: 'no app export', source: `export const application = 1;\n`, says: 'app.ts does not export an app; add `export const app = new Chalice(' },
    { name: 'an app export that is not an app', source: `export const app = { name: 'x' };\n`, says: 'is not a Chalice app (it has no string appName); export `const app = new Chalice(' },
    { name: 'a non-object app export', source: `export const app = 'hello';\n`, says: 'is not a Chalice app' },
  ])('explains $name', async ({ source, says }) => {
    const error = await loadError(loadApp(project({ 'app.ts': source })));
    expect(error.code).toBe('app_export_missing');
    expect(error.message).toContain(says);
  });

  it.each<{ name: string; files: Record<string, string>; at: string }>([
    { name: 'a syntax error', files: { 'app.ts': `export const app = {\n  appName: 'x'\n  oops: 1,\n};\n` }, at: 'app.ts:3:3: Expected "}" but found "oops"' },
    { name: 'a syntax error in an imported file', files: { 'app.ts': `import './chalicelib/bad.js';\nexport const app = { appName: 'x' };\n`, 'chalicelib/bad.ts': `const = 1;\n` }, at: 'chalicelib/bad.ts:1:7:' },
    { name: 'a missing local import', files: { 'app.ts': `import { x } from './chalicelib/missing.js';\nexport const app = { appName: x };\n` }, at: 'app.ts:1:19: Could not resolve "./chalicelib/missing.js"' },
  ])('reports $name with file:line:column', async ({ files, at }) => {
    const dir = project(files);
    const error = await loadError(loadApp(dir));
    expect(error.code).toBe('app_build_failed');
    expect(error.fault).toBe('user');
    expect(error.message).toContain(`Cannot build the app in ${dir}: ${at}`);
    expect(error.message).not.toContain('\n');
  });

  it('counts further build errors', async () => {
    const dir = project({ 'app.ts': `import './a.js';\nimport './b.js';\nexport const app = { appName: 'x' };\n` });
    expect((await loadError(loadApp(dir))).message).toContain('(and 1 more error)');
  });
});
