import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildMessage } from '../../../src/build/build-messages.js';
import { checkOutputDirectory, writePackageOutput } from '../../../src/build/package-output.js';
import { removeTempTrees, tempTree } from './bundle-test-helpers.js';

afterAll(removeTempTrees);

describe('the package output directory', () => {
  it('is created when missing, and every file written is reported', () => {
    const out = join(tempTree(), 'a/b/out');
    const messages: BuildMessage[] = [];
    writePackageOutput(out, new Map<string, Uint8Array | string>([['sam.json', '{}\n'], ['deployment.zip', new Uint8Array(3)]]), (m) => messages.push(m));
    expect(readdirSync(out).sort()).toEqual(['deployment.zip', 'sam.json']);
    expect(messages).toEqual([
      { kind: 'file-written', path: join(out, 'deployment.zip'), bytes: 3 },
      { kind: 'file-written', path: join(out, 'sam.json'), bytes: 3 },
    ]);
  });

  it('replaces a previous package, removing its files this run does not write', () => {
    const out = tempTree({ 'sam.json': 'old', 'layer-deployment.zip': 'old', 'deployment.zip': 'old' });
    writePackageOutput(out, new Map([['sam.yaml', 'new'], ['deployment.zip', 'new']]), () => undefined);
    expect(readdirSync(out).sort()).toEqual(['deployment.zip', 'sam.yaml']);
    expect(readFileSync(join(out, 'deployment.zip'), 'utf8')).toBe('new');
  });

  it.each([
    ['holds files chalice package did not write', { 'app.ts': '', 'sam.json': '' }, /already contains files chalice package did not write \(app\.ts\)/],
    ['holds many foreign files', { a: '', b: '', c: '', d: '' }, /\(a, b, c, … \(4 in all\)\)/],
  ])('is refused when it %s, and nothing is touched', (_what, files, message) => {
    const out = tempTree(files);
    expect(() => checkOutputDirectory(out)).toThrow(message);
    expect(() => writePackageOutput(out, new Map([['sam.json', 'new']]), () => undefined)).toThrow(message);
    expect(existsSync(join(out, 'sam.json')) ? readFileSync(join(out, 'sam.json'), 'utf8') : undefined).toBe((files as Record<string, string>)['sam.json']);
  });

  it('is refused when it is a file', () => {
    const dir = tempTree({ out: 'x' });
    expect(() => checkOutputDirectory(join(dir, 'out'))).toThrow(/is a file/);
  });
});
