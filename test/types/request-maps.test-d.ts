import { describe, expectTypeOf, it } from 'vitest';
import type { MultiDict, Request } from '../../src/runtime/index.js';

describe('request headers and query parameters', () => {
  it('iterate as [name, value] string pairs like a Map', () => {
    expectTypeOf<Request['headers']>().toEqualTypeOf<MultiDict>();
    expectTypeOf<Request['queryParams']>().toEqualTypeOf<MultiDict | null>();
    expectTypeOf<MultiDict>().toMatchTypeOf<Iterable<[string, string]>>();
    expectTypeOf<MultiDict['entries']>().returns.toMatchTypeOf<Iterable<[string, string]>>();
    expectTypeOf<MultiDict['keys']>().returns.toMatchTypeOf<Iterable<string>>();
    expectTypeOf<MultiDict['values']>().returns.toMatchTypeOf<Iterable<string>>();
    expectTypeOf<MultiDict['size']>().toEqualTypeOf<number>();
    expectTypeOf<MultiDict['get']>().returns.toEqualTypeOf<string | undefined>();
    expectTypeOf<MultiDict['getList']>().returns.toEqualTypeOf<string[]>();
  });

  it('convert to a Map, URLSearchParams or a plain object', () => {
    const headers = {} as MultiDict;
    expectTypeOf(new Map(headers)).toEqualTypeOf<Map<string, string>>();
    expectTypeOf(Object.fromEntries(headers)).toEqualTypeOf<{ [k: string]: string }>();
    expectTypeOf(new URLSearchParams([...headers])).toEqualTypeOf<URLSearchParams>();
    headers.forEach((value, name, dict) => {
      expectTypeOf(value).toBeString();
      expectTypeOf(name).toBeString();
      expectTypeOf(dict).toEqualTypeOf<MultiDict>();
    });
  });

  it('are read-only', () => {
    const headers = {} as MultiDict;
    // @ts-expect-error: a request's headers cannot be changed
    headers.set('x', 'y');
    // @ts-expect-error: a request's headers cannot be changed
    headers.delete('x');
  });
});
