import { describe, expect, it } from 'vitest';
import { queryStringToPairs, urlToRequestTarget } from '../../../src/local/gateway/index.js';

describe('request target parsing', () => {
  it.each([
    ['/', '/', []],
    ['/a?x=1', '/a', [['x', '1']]],
    ['/a?x=1&x=2&y', '/a', [['x', '1'], ['x', '2'], ['y', '']]],
    ['/a?x=a+b&y=c%20d&z=%2B', '/a', [['x', 'a b'], ['y', 'c d'], ['z', '+']]],
    ['/a?caf%C3%A9=%E2%9C%93', '/a', [['café', '✓']]],
    ['/a%20b?', '/a%20b', []],
    ['/a?&&x=1&', '/a', [['x', '1']]],
    ['/a?x=1=2', '/a', [['x', '1=2']]],
    ['/a#frag', '/a', []],
    ['http://localhost:8000/a?x=1', '/a', [['x', '1']]],
    ['http://localhost:8000', '/', []],
  ])('%s → path %s, query %j', (url, path, query) => {
    expect(urlToRequestTarget(url)).toEqual({ ok: true, target: { path, query } });
  });

  it.each([
    ['/a%zz', 'path'],
    ['/a%2', 'path'],
    ['/a%', 'path'],
    ['/a%C3%28', 'path'],
    ['/a?x=%zz', 'query'],
    ['/a?x=%C3%28', 'query'],
    ['/a?%=1', 'query'],
    ['*', 'start'],
    ['a/b', 'start'],
    ['', 'start'],
    ['/a b', 'whitespace'],
  ])('%s is rejected (%s)', (url, what) => {
    const result = urlToRequestTarget(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(what === 'start' ? "start with '/'" : what);
  });

  it('returns null for a query with broken encoding instead of throwing', () => {
    expect(queryStringToPairs('a=%E0%A4%A')).toBeNull();
  });
});
