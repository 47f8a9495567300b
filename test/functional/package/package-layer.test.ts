/**
 * Packages that cannot be bundled: a native addon (detected by its prebuilt `.node` file) and
 * a package listed under `"chalice": { "external": [...] }` are installed with npm for Lambda's
 * platform from `file:` dependencies (no network), into `node_modules/` of deployment.zip or,
 * with `automatic_layer`, into `nodejs/node_modules/` of layer-deployment.zip. The built
 * package then runs in Node with the layer on NODE_PATH, as Lambda sets it up.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageProject } from '../../../src/build/package-project.js';
import {
  apiGatewayProxyEvent,
  collectMessages,
  invokeBundle,
  removeTempDirs,
  tempDir,
  unzipToTemp,
  writeTree,
  zipEntryNames,
} from './package-helpers.js';

afterAll(removeTempDirs);

const APP = `
import { Chalice } from 'chalice-ts';
import { describe } from 'fake-native';
import { shout } from 'configured-dep';
import { pad } from 'plain-cjs';
import { createRequire } from 'node:module';

// Loaded at run time from the package (vendor/ contents sit at its root), not bundled.
const loadVendored = () => createRequire(import.meta.url)('vendored-lib') as { where(): string };

export const app = new Chalice({ appName: 'natives' });

app.route('/', function index() {
  return { native: describe(), configured: shout('hi'), bundled: pad('x'), vendored: loadVendored().where() };
});
`;

function createProject(): string {
  const project = join(tempDir(), 'natives');
  writeTree(project, {
    'app.ts': APP,
    '.chalice/config.json': JSON.stringify({
      version: '2.0',
      app_name: 'natives',
      stages: { dev: { automatic_layer: true }, prod: {} },
    }),
    'package.json': JSON.stringify({
      name: 'natives',
      private: true,
      dependencies: {
        'fake-native': 'file:./deps/fake-native',
        'configured-dep': 'file:./deps/configured-dep',
        'plain-cjs': 'file:./deps/plain-cjs',
      },
      chalice: { external: ['configured-dep'] },
    }),
    'deps/fake-native/package.json': JSON.stringify({ name: 'fake-native', version: '1.2.3', main: 'index.js' }),
    'deps/fake-native/index.js': "exports.describe = () => 'native ' + require('node:path').basename(__dirname);\n",
    // A prebuilt binary is what makes this a native addon; it is never loaded here.
    'deps/fake-native/prebuilds/linux-x64/fake.node': 'not really a binary\n',
    'deps/configured-dep/package.json': JSON.stringify({ name: 'configured-dep', version: '0.1.0', main: 'index.js' }),
    'deps/configured-dep/index.js': 'exports.shout = (s) => s.toUpperCase();\n',
    'deps/plain-cjs/package.json': JSON.stringify({ name: 'plain-cjs', version: '2.0.0', main: 'index.js' }),
    'deps/plain-cjs/index.js': "exports.pad = (s) => require('node:util').format('[%s]', s);\n",
    'vendor/VERSION': '1.0\n',
    // A copy built for Lambda by hand: shipped as it is, never installed or bundled.
    'vendor/node_modules/vendored-lib/package.json': JSON.stringify({ name: 'vendored-lib', version: '9.9.9', main: 'index.js' }),
    'vendor/node_modules/vendored-lib/index.js': "exports.where = () => 'vendored';\n",
  });
  // What `npm install` would have done locally: the dependencies are in node_modules.
  for (const dep of ['fake-native', 'configured-dep', 'plain-cjs']) cpSync(join(project, 'deps', dep), join(project, 'node_modules', dep), { recursive: true });
  return project;
}

const EXPECTED_BODY = { native: 'native fake-native', configured: 'HI', bundled: '[x]', vendored: 'vendored' };

describe('packages that cannot be bundled', () => {
  let project: string;
  beforeAll(() => {
    project = createProject();
  });

  describe('with automatic_layer (stage dev)', () => {
    let out: string;
    const { onMessage, warnings } = collectMessages();
    beforeAll(async () => {
      out = join(tempDir(), 'out');
      await packageProject({ projectDir: project, outDir: out, stage: 'dev', onMessage });
    });

    it('writes the layer zip next to deployment.zip and references it from the template', () => {
      expect(zipEntryNames(readFileSync(join(out, 'deployment.zip')))).toEqual(['VERSION', 'app.mjs']);
      const layer = zipEntryNames(readFileSync(join(out, 'layer-deployment.zip')));
      expect(layer).toEqual(expect.arrayContaining([
        'nodejs/node_modules/configured-dep/index.js',
        'nodejs/node_modules/fake-native/index.js',
        'nodejs/node_modules/fake-native/prebuilds/linux-x64/fake.node',
        'nodejs/node_modules/vendored-lib/index.js',
      ]));
      expect(layer.filter((name) => name.includes('plain-cjs') || name.includes('.package-lock.json'))).toEqual([]);
      expect(readFileSync(join(out, 'sam.json'), 'utf8')).toContain('layer-deployment.zip');
    });

    it('inlines pure packages and requires the external ones', () => {
      const bundle = readFileSync(join(unzipToTemp(readFileSync(join(out, 'deployment.zip'))), 'app.mjs'), 'utf8');
      expect(bundle).toContain('exports.pad = ');
      expect(bundle).not.toContain('exports.shout');
      expect(bundle).not.toContain('exports.describe');
      expect(bundle).toMatch(/require\("fake-native"\)/);
      expect(bundle).toMatch(/require\("configured-dep"\)/);
    });

    it('runs with the layer on NODE_PATH, as Lambda mounts it under /opt', async () => {
      const fn = unzipToTemp(readFileSync(join(out, 'deployment.zip')));
      const layer = unzipToTemp(readFileSync(join(out, 'layer-deployment.zip')));
      const { result } = await invokeBundle(fn, 'api_handler', apiGatewayProxyEvent('GET', '/', '/'), { NODE_PATH: join(layer, 'nodejs/node_modules') });
      expect(JSON.parse((result as { body: string }).body)).toEqual(EXPECTED_BODY);
    });

    it('says that the project does not install chalice-ts itself', () => {
      expect(warnings()).toContainEqual(expect.stringContaining('chalice-ts is not installed in the project'));
    });
  });

  describe('without automatic_layer (stage prod)', () => {
    let out: string;
    beforeAll(async () => {
      out = join(tempDir(), 'out');
      await packageProject({ projectDir: project, outDir: out, stage: 'prod' });
    });

    it('installs the external packages into node_modules/ of deployment.zip', () => {
      const names = zipEntryNames(readFileSync(join(out, 'deployment.zip')));
      expect(names).toEqual(
        expect.arrayContaining(['app.mjs', 'VERSION', 'node_modules/fake-native/index.js', 'node_modules/configured-dep/index.js', 'node_modules/vendored-lib/index.js']),
      );
      expect(names.some((name) => name.startsWith('node_modules/.bin') || name.endsWith('.package-lock.json'))).toBe(false);
    });

    it('runs from the unzipped package alone', async () => {
      const fn = unzipToTemp(readFileSync(join(out, 'deployment.zip')));
      const { result } = await invokeBundle(fn, 'api_handler', apiGatewayProxyEvent('GET', '/', '/'));
      expect(JSON.parse((result as { body: string }).body)).toEqual(EXPECTED_BODY);
    });

    it('produces the same bytes when packaged again (npm install included)', async () => {
      const again = join(tempDir(), 'out');
      await packageProject({ projectDir: project, outDir: again, stage: 'prod' });
      expect(readFileSync(join(again, 'deployment.zip')).equals(readFileSync(join(out, 'deployment.zip')))).toBe(true);
    });
  });
});
