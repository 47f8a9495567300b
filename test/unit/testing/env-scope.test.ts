import { describe, expect, it } from 'vitest';
import { createEnvScope } from '../../../src/testing/env-scope.js';

describe('test client environment scope', () => {
  it('sets the stage variables and restores exactly what was there', () => {
    const env: NodeJS.ProcessEnv = { KEPT: 'kept', OVERWRITTEN: 'before' };
    const scope = createEnvScope({ OVERWRITTEN: 'stage', ADDED: 'stage' }, env);
    expect(env).toEqual({ KEPT: 'kept', OVERWRITTEN: 'stage', ADDED: 'stage' });
    scope.restore();
    expect(env).toEqual({ KEPT: 'kept', OVERWRITTEN: 'before' });
    expect(Object.hasOwn(env, 'ADDED')).toBe(false);
  });

  it('applies function variables during an invocation only, then falls back to the stage values', async () => {
    const env: NodeJS.ProcessEnv = { ORIGINAL: 'o' };
    const scope = createEnvScope({ SHARED: 'stage' }, env);
    const seen = await scope.during({ SHARED: 'function', ONLY_FN: 'f', ORIGINAL: 'changed' }, async () => ({ ...env }));
    expect(seen).toEqual({ ORIGINAL: 'changed', SHARED: 'function', ONLY_FN: 'f' });
    expect(env).toEqual({ ORIGINAL: 'o', SHARED: 'stage' });
    scope.restore();
    expect(env).toEqual({ ORIGINAL: 'o' });
  });

  it('keeps overlays until the last overlapping invocation ends, and resets after a failure', async () => {
    const env: NodeJS.ProcessEnv = {};
    const scope = createEnvScope({}, env);
    let release!: () => void;
    const first = scope.during({ A: '1' }, () => new Promise<void>((resolve) => (release = resolve)));
    await scope.during({ B: '2' }, async () => undefined);
    expect(env).toEqual({ A: '1', B: '2' });
    release();
    await first;
    expect(env).toEqual({});
    await expect(scope.during({ C: '3' }, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(env).toEqual({});
  });

  it('restores once; a second restore changes nothing', () => {
    const env: NodeJS.ProcessEnv = { A: 'a' };
    const scope = createEnvScope({ A: 'stage' }, env);
    scope.restore();
    env.A = 'set later by the test';
    scope.restore();
    expect(env).toEqual({ A: 'set later by the test' });
  });
});
