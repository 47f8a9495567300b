import { describe, expect, it } from 'vitest';
import { createAuthorizerCache } from '../../../src/local/gateway/index.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('authorizer cache', () => {
  it('keeps an entry for exactly ttlSeconds', () => {
    const clock = fakeClock();
    const cache = createAuthorizerCache<string>(clock);
    cache.set('auth', 'token', 'policy', 300);
    clock.advance(299_999);
    expect(cache.get('auth', 'token')).toBe('policy');
    clock.advance(1);
    expect(cache.get('auth', 'token')).toBeUndefined();
  });

  it.each([0, -1, Number.NaN])('does not cache with ttl %s', (ttl) => {
    const cache = createAuthorizerCache<string>(fakeClock());
    cache.set('auth', 'token', 'policy', ttl);
    expect(cache.get('auth', 'token')).toBeUndefined();
  });

  it('keys on authorizer and token', () => {
    const cache = createAuthorizerCache<string>(fakeClock());
    cache.set('a', 'x', 'a/x', 60);
    cache.set('b', 'x', 'b/x', 60);
    expect(cache.get('a', 'x')).toBe('a/x');
    expect(cache.get('b', 'x')).toBe('b/x');
    expect(cache.get('a', 'y')).toBeUndefined();
    // A separator collision ('a' + 'b\0c' vs 'a\0b' + 'c') is not possible with ordinary names.
    expect(cache.get('ax', '')).toBeUndefined();
  });
});
