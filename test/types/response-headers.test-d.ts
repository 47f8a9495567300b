import { describe, expectTypeOf, it } from 'vitest';
import type { HTTPResponse } from '../../src/testing/index.js';

describe('test-client response header types', () => {
  it('types set-cookie as a list and common headers as strings', () => {
    const headers = ({} as HTTPResponse).headers;
    expectTypeOf(headers['set-cookie']).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(headers['content-type']).toEqualTypeOf<string | undefined>();
    expectTypeOf(headers['content-length']).toEqualTypeOf<string | undefined>();
    expectTypeOf(headers['x-anything']).toEqualTypeOf<string | readonly string[] | undefined>();
    expectTypeOf(({} as HTTPResponse).headerValues('X-Tag')).toEqualTypeOf<readonly string[]>();
  });
});
