import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEntryModuleSource } from '../../../src/build/bundle/entry-module.js';
import { removeTempTrees, tempTree } from './bundle-test-helpers.js';

afterAll(removeTempTrees);

// A stand-in app that counts how often an entry point is asked for.
const FAKE_APP = `
export const calls = [];
export const app = {
  lambdaHandler(name) {
    calls.push(name);
    return async (event, context) => ({ name, event, context });
  },
};
`;

async function importEntry(functions: { name: string; exportName: string }[], appModule = FAKE_APP): Promise<Record<string, any>> {
  const dir = tempTree({ 'app.mjs': appModule });
  writeFileSync(join(dir, 'entry.mjs'), createEntryModuleSource('./app.mjs', functions));
  return import(pathToFileURL(join(dir, 'entry.mjs')).href);
}

describe('the generated entry module', () => {
  it('exports one handler per function that calls app.lambdaHandler(name) with the raw event and context', async () => {
    const entry = await importEntry([
      { name: 'api_handler', exportName: 'api_handler' },
      { name: 'my-fn', exportName: 'my$fn' },
    ]);
    await expect(entry.my$fn({ a: 1 }, { requestId: 'r' })).resolves.toEqual({ name: 'my-fn', event: { a: 1 }, context: { requestId: 'r' } });
    await expect(entry.api_handler({}, null)).resolves.toMatchObject({ name: 'api_handler' });
  });

  it('asks the app for nothing at import time and for each handler once', async () => {
    const dir = tempTree({ 'app.mjs': FAKE_APP });
    writeFileSync(join(dir, 'entry.mjs'), createEntryModuleSource('./app.mjs', [{ name: 'a', exportName: 'a' }, { name: 'b', exportName: 'b' }]));
    const entry = await import(pathToFileURL(join(dir, 'entry.mjs')).href);
    const { calls } = await import(pathToFileURL(join(dir, 'app.mjs')).href);
    expect(calls).toEqual([]);
    await entry.a({});
    await entry.a({});
    expect(calls).toEqual(['a']);
  });

  it('accepts an app exported as default', async () => {
    const entry = await importEntry([{ name: 'f', exportName: 'f' }], 'export default { lambdaHandler: (name) => async () => name };');
    await expect(entry.f({})).resolves.toBe('f');
  });

  it('fails at import with a clear message when the module exports no app', async () => {
    await expect(importEntry([{ name: 'f', exportName: 'f' }], 'export const notApp = 1;')).rejects.toThrow('app.mjs does not export a Chalice app as `app`');
  });

  it.each([
    [[{ name: 'x', exportName: 'not-valid' }], /not a valid JavaScript export name/],
    [[{ name: 'x', exportName: '__chaliceApp' }], /not a valid JavaScript export name/],
    [[{ name: 'a', exportName: 'same' }, { name: 'b', exportName: 'same' }], /share the handler export same/],
  ])('refuses %j', (functions, message) => {
    expect(() => createEntryModuleSource('./app.ts', functions)).toThrow(message);
  });
});
