import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredExternals, externalToInstallSpec, readProjectManifests } from '../../../src/build/layer/dependency-specs.js';
import { npmInstallArguments } from '../../../src/build/layer/install-dependencies.js';
import { removeTempTrees, tempTree } from './bundle-test-helpers.js';

afterAll(removeTempTrees);

function project(packageJson: Record<string, unknown>, extra: Record<string, string> = {}): string {
  return tempTree({ 'package.json': JSON.stringify(packageJson), ...extra });
}

describe('what npm installs for a package left out of the bundle', () => {
  it('uses a local file: dependency, made absolute (npm runs with another --prefix)', () => {
    const dir = project({ dependencies: { addon: 'file:./deps/addon' } }, { 'node_modules/addon/package.json': '{"name":"addon","version":"1.0.0"}' });
    expect(externalToInstallSpec('addon', join(dir, 'node_modules/addon'), readProjectManifests(dir)).spec).toBe(`file:${join(dir, 'deps/addon')}`);
  });

  it('keeps git and URL specs as declared', () => {
    const dir = project({ dependencies: { a: 'github:user/a#v1', b: 'https://example.com/b.tgz', c: 'user/c' } });
    const manifests = readProjectManifests(dir);
    expect(['a', 'b', 'c'].map((name) => externalToInstallSpec(name, undefined, manifests).spec)).toEqual(['github:user/a#v1', 'https://example.com/b.tgz', 'user/c']);
  });

  it('pins the locally installed version over the declared range and the lockfile', () => {
    const dir = project(
      { dependencies: { sharp: '^0.33.0' } },
      {
        'node_modules/sharp/package.json': '{"name":"sharp","version":"0.33.5"}',
        'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/sharp': { version: '0.33.4' } } }),
      },
    );
    expect(externalToInstallSpec('sharp', join(dir, 'node_modules/sharp'), readProjectManifests(dir)).spec).toBe('sharp@0.33.5');
  });

  it('falls back to the lockfile version, then to the declared range', () => {
    const locked = project({ dependencies: { sharp: '^0.33.0' } }, { 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/sharp': { version: '0.33.4' } } }) });
    expect(externalToInstallSpec('sharp', undefined, readProjectManifests(locked)).spec).toBe('sharp@0.33.4');
    const declared = project({ optionalDependencies: { sharp: '^0.33.0' } });
    expect(externalToInstallSpec('sharp', undefined, readProjectManifests(declared)).spec).toBe('sharp@^0.33.0');
  });

  it('flags a run-time package that is only a devDependency', () => {
    const dir = project({ devDependencies: { sharp: '^0.33.0' } });
    expect(externalToInstallSpec('sharp', undefined, readProjectManifests(dir))).toEqual({ name: 'sharp', spec: 'sharp@^0.33.0', fromDevDependencies: true });
  });

  it('refuses a package it cannot find anywhere, saying how to add it', () => {
    expect(() => externalToInstallSpec('ghost', undefined, readProjectManifests(project({})))).toThrow(/`npm install ghost`/);
  });
});

describe('configuredExternals', () => {
  it('reads "chalice": { "external": [...] } from package.json, sorted and unique', () => {
    expect(configuredExternals(readProjectManifests(project({ chalice: { external: ['b', 'a', 'b'] } })))).toEqual(['a', 'b']);
    expect(configuredExternals(readProjectManifests(project({})))).toEqual([]);
    expect(configuredExternals(readProjectManifests(tempTree()))).toEqual([]);
  });

  it('refuses anything but a list of names', () => {
    expect(() => configuredExternals(readProjectManifests(project({ chalice: { external: 'sharp' } })))).toThrow(/must be a list of package names/);
  });
});

describe('npmInstallArguments', () => {
  it.each([
    ['x86_64', '--cpu=x64'],
    ['arm64', '--cpu=arm64'],
  ] as const)('installs for linux on %s without touching the project', (architecture, cpu) => {
    const args = npmInstallArguments([{ name: 'a', spec: 'a@1.0.0', fromDevDependencies: false }], architecture, '/tmp/prefix');
    expect(args).toEqual(expect.arrayContaining(['install', '--os=linux', cpu, '--omit=dev', '--no-save', '--no-package-lock', '--install-links', '--prefix', '/tmp/prefix', 'a@1.0.0']));
  });
});
