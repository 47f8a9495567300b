import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaliceTsDependency, describeDependency } from '../../../src/cli/new-project/dependency.js';
import { removeDir } from '../../functional/local/chalice-process.js';

const VERSION = '0.1.0';
const REGISTRY_TARBALL = `https://registry.npmjs.org/chalice-ts/-/chalice-ts-${VERSION}.tgz`;

/** Writes `files` (path → JSON value) under `root`. */
function write(root: string, files: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof value === 'string' ? value : JSON.stringify(value));
  }
}

const pkg = { name: 'chalice-ts', version: VERSION };
const lock = (key: string, entry: Record<string, unknown>) => ({ lockfileVersion: 3, packages: { [key]: { version: VERSION, ...entry } } });

interface Row {
  readonly name: string;
  /** Files of the layout, relative to a fresh temp directory. */
  readonly files: Record<string, unknown>;
  /** Where the running chalice-ts is, relative to the temp directory. */
  readonly root: string;
  /** Where the new project is created, relative to the temp directory. */
  readonly project: string;
  /** The expected spec; `<tmp>` stands for the temp directory. */
  readonly spec: string;
  readonly source: string;
}

const ROWS: Row[] = [
  {
    name: 'a project dependency installed from the registry',
    files: { 'app/node_modules/chalice-ts/package.json': pkg, 'app/node_modules/.package-lock.json': lock('node_modules/chalice-ts', { resolved: REGISTRY_TARBALL }) },
    root: 'app/node_modules/chalice-ts',
    project: 'new-app',
    spec: `^${VERSION}`,
    source: 'registry',
  },
  {
    name: 'a nested install from a private registry mirror',
    files: {
      'app/node_modules/tool/node_modules/chalice-ts/package.json': pkg,
      'app/node_modules/.package-lock.json': lock('node_modules/tool/node_modules/chalice-ts', { resolved: `https://npm.example.com/repository/npm/chalice-ts/-/chalice-ts-${VERSION}.tgz` }),
    },
    root: 'app/node_modules/tool/node_modules/chalice-ts',
    project: 'new-app',
    spec: `^${VERSION}`,
    source: 'registry',
  },
  {
    name: 'a global install or npx without an install record (pnpm, yarn)',
    files: { 'lib/node_modules/chalice-ts/package.json': pkg },
    root: 'lib/node_modules/chalice-ts',
    project: 'new-app',
    spec: `^${VERSION}`,
    source: 'registry',
  },
  {
    name: 'a pnpm store layout',
    files: { 'app/node_modules/.pnpm/chalice-ts@0.1.0/node_modules/chalice-ts/package.json': pkg },
    root: 'app/node_modules/.pnpm/chalice-ts@0.1.0/node_modules/chalice-ts',
    project: 'new-app',
    spec: `^${VERSION}`,
    source: 'registry',
  },
  {
    name: 'an install from a packed tarball next to the project',
    files: {
      'app/node_modules/chalice-ts/package.json': pkg,
      'app/node_modules/.package-lock.json': lock('node_modules/chalice-ts', { resolved: `file:../chalice-ts-${VERSION}.tgz` }),
      [`chalice-ts-${VERSION}.tgz`]: 'tarball',
    },
    root: 'app/node_modules/chalice-ts',
    project: 'new-app',
    spec: `file:../chalice-ts-${VERSION}.tgz`,
    source: 'tarball',
  },
  {
    name: 'an npm 6 install that recorded _resolved in package.json',
    files: { 'app/node_modules/chalice-ts/package.json': { ...pkg, _resolved: 'git+https://github.com/example/chalice-ts.git#abc123' } },
    root: 'app/node_modules/chalice-ts',
    project: 'new-app',
    spec: 'git+https://github.com/example/chalice-ts.git#abc123',
    source: 'other',
  },
  {
    name: 'a tarball URL that is not a registry tarball',
    files: { 'app/node_modules/chalice-ts/package.json': pkg, 'app/package-lock.json': lock('node_modules/chalice-ts', { resolved: 'https://example.com/builds/chalice-ts-main.tgz' }) },
    root: 'app/node_modules/chalice-ts',
    project: 'new-app',
    spec: 'https://example.com/builds/chalice-ts-main.tgz',
    source: 'other',
  },
  {
    name: 'a checkout next to the new project',
    files: { 'src/chalice-ts/package.json': pkg },
    root: 'src/chalice-ts',
    project: 'src/my-app',
    spec: 'file:../chalice-ts',
    source: 'checkout',
  },
  {
    name: 'a checkout two levels up',
    files: { 'code/chalice-ts/package.json': pkg },
    root: 'code/chalice-ts',
    project: 'code/apps/my-app',
    spec: 'file:../../chalice-ts',
    source: 'checkout',
  },
  {
    name: 'a checkout far from the project',
    files: { 'work/wt/chalice-ts/package.json': pkg },
    root: 'work/wt/chalice-ts',
    project: 'home/me/apps/my-app',
    spec: 'file:<tmp>/work/wt/chalice-ts',
    source: 'checkout',
  },
];

describe('the chalice-ts dependency of a new project', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'chalice-dependency-')));
  });
  afterAll(() => removeDir(tmp));

  it.each(ROWS)('$name → $spec', ({ name, files, root, project, spec, source }) => {
    const base = join(tmp, name.replace(/[^a-z0-9]+/gi, '-'));
    write(base, files);
    const dependency = chaliceTsDependency(join(base, root), join(base, project), VERSION);
    expect(dependency).toEqual({ spec: spec.replace('<tmp>', base), source });
    expect(describeDependency(dependency)).toContain(dependency.spec);
    expect(describeDependency(dependency)).not.toContain('\n');
  });

  it('follows a symlink into node_modules back to the checkout (npm link, a file: directory dependency)', () => {
    const base = join(tmp, 'linked');
    write(base, { 'chalice-ts/package.json': pkg, 'app/node_modules/.package-lock.json': lock('node_modules/chalice-ts', { resolved: 'file:../chalice-ts', link: true }) });
    symlinkSync(join(base, 'chalice-ts'), join(base, 'app', 'node_modules', 'chalice-ts'), 'dir');
    expect(chaliceTsDependency(join(base, 'app', 'node_modules', 'chalice-ts'), join(base, 'new-app'), VERSION)).toEqual({ spec: 'file:../chalice-ts', source: 'checkout' });
  });

  it('says in one line where the dependency comes from', () => {
    expect(describeDependency({ spec: '^0.1.0', source: 'registry' })).toBe('Depends on chalice-ts ^0.1.0 from the npm registry');
    expect(describeDependency({ spec: 'file:../chalice-ts', source: 'checkout' })).toMatch(/^Depends on chalice-ts at file:\.\.\/chalice-ts, the local checkout .*npm run build/);
  });
});
