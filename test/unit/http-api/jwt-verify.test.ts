import { describe, expect, it } from 'vitest';
import { bearerToken, verifyJwt, type JwtAuthorizerConfig } from '../../../src/local/http-api/index.js';
import { generateTestKey, jwksOf, signJwt } from '../../helpers/jwt-keys.js';

const NOW = Date.UTC(2026, 0, 1);
const SECONDS = NOW / 1000;
const CONFIG: JwtAuthorizerConfig = { name: 'jwt', issuer: 'https://issuer.example.com', audience: ['client-a', 'client-b'], scopes: [] };
const rsa = generateTestKey('rsa-1', 'RS256');
const ec = generateTestKey('ec-1', 'ES256');
const pss = generateTestKey('ps-1', 'PS256');
const ed = generateTestKey('ed-1', 'EdDSA');
const other = generateTestKey('rsa-1', 'RS256'); // same kid, different key: a forged token
const JWKS = jwksOf(rsa, ec, pss, ed);
const valid = { iss: CONFIG.issuer, aud: 'client-a', sub: 'user-1', exp: SECONDS + 600, iat: SECONDS - 10, scope: 'orders:read profile' };

describe('verifyJwt', () => {
  it.each([rsa, ec, pss, ed])('accepts a valid $alg token and passes its claims as strings and its scopes', (key) => {
    const outcome = verifyJwt(signJwt(key, { ...valid, groups: ['a', 'b'] }), CONFIG, JWKS, NOW);
    expect(outcome).toEqual({
      ok: true,
      jwt: {
        claims: { iss: CONFIG.issuer, aud: 'client-a', sub: 'user-1', exp: String(SECONDS + 600), iat: String(SECONDS - 10), scope: 'orders:read profile', groups: '[a b]' },
        scopes: ['orders:read', 'profile'],
      },
    });
  });

  it.each([
    { name: 'a bad signature (another key, same kid)', token: () => signJwt(other, valid), description: 'signature is invalid' },
    { name: 'a tampered payload', token: () => { const [h, , s] = signJwt(rsa, valid).split('.'); return `${h}.${Buffer.from(JSON.stringify({ ...valid, sub: 'admin' })).toString('base64url')}.${s}`; }, description: 'signature is invalid' },
    { name: 'alg none', token: () => `${Buffer.from('{"alg":"none","kid":"rsa-1"}').toString('base64url')}.${Buffer.from(JSON.stringify(valid)).toString('base64url')}.`, description: 'signing method none is invalid' },
    { name: 'an unknown kid', token: () => signJwt(rsa, valid, { header: { kid: 'nope' } }), description: 'no key in the JWKS matches the token\'s kid "nope"' },
    { name: 'the wrong issuer', token: () => signJwt(rsa, { ...valid, iss: 'https://evil.example.com' }), description: 'the token does not have a valid issuer' },
    { name: 'the wrong audience', token: () => signJwt(rsa, { ...valid, aud: 'client-z' }), description: 'the token does not have a valid audience' },
    { name: 'aud wins over a valid client_id', token: () => signJwt(rsa, { ...valid, aud: 'client-z', client_id: 'client-a' }), description: 'the token does not have a valid audience' },
    { name: 'an expired token', token: () => signJwt(rsa, { ...valid, exp: SECONDS - 1 }), description: 'the token has expired' },
    { name: 'no exp', token: () => signJwt(rsa, { ...valid, exp: undefined }), description: 'the token does not have an expiry (exp)' },
    { name: 'nbf in the future', token: () => signJwt(rsa, { ...valid, nbf: SECONDS + 60 }), description: 'the token is not valid yet' },
    { name: 'not a JWT', token: () => 'abc.def', description: 'the token is not a well-formed JWT' },
  ])('refuses $name with 401 invalid_token', ({ token, description }) => {
    const outcome = verifyJwt(token(), CONFIG, JWKS, NOW);
    expect(outcome).toEqual({ ok: false, status: 401, reason: description, wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"` });
  });

  it('accepts client_id as the audience when there is no aud (Cognito access tokens)', () => {
    const { aud: _aud, ...rest } = valid;
    expect(verifyJwt(signJwt(rsa, { ...rest, client_id: 'client-b' }), CONFIG, JWKS, NOW).ok).toBe(true);
  });

  it.each([
    { name: 'scope claim', claims: { scope: 'orders:read' }, ok: true },
    { name: 'scp list', claims: { scope: undefined, scp: ['orders:write', 'orders:read'] }, ok: true },
    { name: 'another scope only', claims: { scope: 'profile' }, ok: false },
    { name: 'no scope claim', claims: { scope: undefined }, ok: false },
  ])('route scopes: $name', ({ claims, ok }) => {
    const outcome = verifyJwt(signJwt(rsa, { ...valid, ...claims }), { ...CONFIG, scopes: ['orders:read', 'admin'] }, JWKS, NOW);
    if (ok) expect(outcome.ok).toBe(true);
    else {
      expect(outcome).toMatchObject({ ok: false, status: 403 });
      expect(!outcome.ok && outcome.wwwAuthenticate).toBe('Bearer scope="orders:read admin" error="insufficient_scope" error_description="the token does not have the required scope"');
    }
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc', 'abc'],
    ['abc', 'abc'],
    ['Bearer ', undefined],
    [undefined, undefined],
  ])('bearerToken(%j) is %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
