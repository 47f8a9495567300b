import { describe, expect, it } from 'vitest';
import { claimsToStringMap, jwtToClaims } from '../../../src/local/gateway/index.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64({ alg: 'RS256' })}.${b64(payload)}.c2ln`;

describe('JWT decoding (no verification)', () => {
  it.each([
    [jwt({ sub: 'u1', email: 'a@b.c' }), { sub: 'u1', email: 'a@b.c' }],
    [`Bearer ${jwt({ sub: 'u2' })}`, { sub: 'u2' }],
    [`${jwt({ sub: 'u3' })}  `, { sub: 'u3' }],
  ])('%s', (token, claims) => {
    expect(jwtToClaims(token)).toEqual(claims);
  });

  it.each([
    ['not-a-jwt'],
    ['a.b'],
    ['a..c'],
    [`${b64({})}.${Buffer.from('not json').toString('base64url')}.sig`],
    [`${b64({})}.${b64([1, 2])}.sig`],
    [`${b64({})}.${b64('text')}.sig`],
    [`${b64({})}.%%%.sig`],
  ])('%s is not a token', (token) => {
    expect(jwtToClaims(token)).toBeNull();
  });

  it('stringifies claims like API Gateway', () => {
    expect(claimsToStringMap({ sub: 'u', exp: 1700000000, email_verified: true, 'cognito:groups': ['a', 'b'], gone: null })).toEqual({
      sub: 'u',
      exp: '1700000000',
      email_verified: 'true',
      'cognito:groups': '["a","b"]',
    });
  });
});
