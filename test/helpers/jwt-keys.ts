/**
 * Signing keys made in the test (node:crypto), their JSON Web Key Set, and compact JWTs
 * signed with them, for JWT authorizer tests.
 */
import { createSign, generateKeyPairSync, sign as signData, type KeyObject } from 'node:crypto';
import type { JsonWebKeySet } from '../../src/local/http-api/index.js';

export interface TestKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'PS256' | 'EdDSA';
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

export function generateTestKey(kid: string, alg: TestKey['alg'] = 'RS256'): TestKey {
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, alg, privateKey: pair.privateKey, jwk: { ...pair.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg } };
}

export function jwksOf(...keys: TestKey[]): JsonWebKeySet {
  return { keys: keys.map((k) => k.jwk) };
}

export interface SignOptions {
  /** Header overrides (e.g. another `kid`, `alg: 'none'`). */
  readonly header?: Record<string, unknown>;
}

/** A compact JWT with `claims`, signed by `key`. */
export function signJwt(key: TestKey, claims: Record<string, unknown>, options: SignOptions = {}): string {
  const header = { alg: key.alg, typ: 'JWT', kid: key.kid, ...options.header };
  const input = `${b64(header)}.${b64(claims)}`;
  let signature: Buffer;
  if (key.alg === 'RS256') signature = createSign('RSA-SHA256').update(input).sign(key.privateKey);
  else if (key.alg === 'PS256') signature = signData('sha256', Buffer.from(input), { key: key.privateKey, padding: 6, saltLength: 32 });
  else if (key.alg === 'ES256') signature = signData('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  else signature = signData(null, Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
