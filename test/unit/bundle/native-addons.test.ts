import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot, isNativeAddonPackage, specifierToPackageName } from '../../../src/build/bundle/native-addons.js';
import { removeTempTrees, tempTree } from './bundle-test-helpers.js';

afterAll(removeTempTrees);

const manifest = (extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'pkg', version: '1.0.0', ...extra });

describe('native addon detection', () => {
  it.each([
    ['"gypfile": true in package.json', { 'package.json': manifest({ gypfile: true }), 'index.js': '' }, true],
    ['a binding.gyp at the root', { 'package.json': manifest(), 'binding.gyp': '{}' }, true],
    ['a prebuilt .node file deep in the tree', { 'package.json': manifest(), 'prebuilds/linux-x64/node.napi.node': 'bin' }, true],
    ['a build/Release/*.node file', { 'package.json': manifest(), 'build/Release/addon.node': 'bin' }, true],
    ['plain JavaScript', { 'package.json': manifest(), 'index.js': '', 'lib/util.js': '' }, false],
    ['a .node file only in a nested dependency (a separate package)', { 'package.json': manifest(), 'node_modules/dep/x.node': 'bin' }, false],
    ['a file merely named like .node.js', { 'package.json': manifest(), 'lib/x.node.js': '' }, false],
  ])('%s → %s', (_what, files, native) => {
    expect(isNativeAddonPackage(tempTree(files))).toBe(native);
  });
});

describe('specifierToPackageName', () => {
  it.each([
    ['sharp', 'sharp'],
    ['lodash/fp/map', 'lodash'],
    ['@aws-sdk/client-s3', '@aws-sdk/client-s3'],
    ['@scope/pkg/deep/path.js', '@scope/pkg'],
    ['./local', undefined],
    ['../up', undefined],
    ['/abs/path', undefined],
    ['node:fs', undefined],
    ['@scope', undefined],
  ])('%s → %s', (specifier, name) => {
    expect(specifierToPackageName(specifier)).toBe(name);
  });
});

describe('findPackageRoot', () => {
  it('skips nested package.json files that do not name the package', () => {
    const dir = tempTree({
      'node_modules/pkg/package.json': manifest(),
      'node_modules/pkg/dist/esm/package.json': JSON.stringify({ type: 'module' }),
      'node_modules/pkg/dist/esm/index.js': '',
    });
    expect(findPackageRoot(join(dir, 'node_modules/pkg/dist/esm/index.js'), 'pkg')).toBe(join(dir, 'node_modules/pkg'));
    expect(findPackageRoot(join(dir, 'node_modules/pkg/dist/esm/index.js'), 'other')).toBeUndefined();
  });
});
