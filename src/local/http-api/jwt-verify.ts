/**
 * A JWT authorizer's checks, as an HTTP API makes them before the route runs:
 * - the token is the authorizer's header, `Bearer ` prefix removed; missing → 401;
 * - its signature is checked against the JSON Web Key Set the user points `chalice local` (or
 *   the test client) at — the keys API Gateway would fetch from the issuer's `jwks_uri`:
 *   the key with the token's `kid` (or the only key, for a token without one); RS*, PS*, ES*
 *   and EdDSA through node:crypto; `none` and HMAC algorithms are refused (API Gateway needs
 *   a public key);
 * - `iss` must equal the authorizer's issuer; `aud` (or, only when there is no `aud`,
 *   `client_id`) must be one of its audiences; `exp` must be present and in the future,
 *   `nbf` and `iat` not in the future;
 * - a route with scopes needs at least one of them in the token's `scope` (space-separated)
 *   or `scp` claim, else 403.
 * Failures are 401 `{"message":"Unauthorized"}` (403 `{"message":"Forbidden"}` for scopes)
 * with a `www-authenticate` header saying why, as API Gateway sends. A success gives the
 * view `request.context.authorizer.jwt` = `{ claims, scopes }` (claim values as strings).
 */
import { createPublicKey, verify as verifySignature, constants, type KeyObject } from 'node:crypto';

export interface JwtAuthorizerConfig {
  readonly name: string;
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Scopes the route requires (any one). */
  readonly scopes: readonly string[];
}

export interface JsonWebKeySet {
  readonly keys: ReadonlyArray<Record<string, unknown>>;
}

export type JwtOutcome =
  | { readonly ok: true; readonly jwt: { readonly claims: Record<string, string>; readonly scopes: string[] | null } }
  | { readonly ok: false; readonly status: 401 | 403; readonly wwwAuthenticate: string; readonly reason: string };

const HASHES: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

/** The token of an Authorization-style header value: `Bearer x` → `x`. */
export function bearerToken(headerValue: string | undefined): string | undefined {
  if (headerValue === undefined) return undefined;
  const token = headerValue.trim().replace(/^bearer(?:\s+|$)/i, '');
  return token === '' ? undefined : token;
}

export function verifyJwt(token: string, config: JwtAuthorizerConfig, jwks: JsonWebKeySet, nowMs: number): JwtOutcome {
  const invalid = (description: string): JwtOutcome => ({
    ok: false,
    status: 401,
    wwwAuthenticate: `Bearer scope="${config.scopes.join(' ')}" error="invalid_token" error_description="${description}"`,
    reason: description,
  });
  const parts = token.split('.');
  if (parts.length !== 3) return invalid('the token is not a well-formed JWT');
  const header = decodeJson(parts[0]);
  const claims = decodeJson(parts[1]);
  if (header === null || claims === null) return invalid('the token is not a well-formed JWT');
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const key = keyFor(jwks, typeof header.kid === 'string' ? header.kid : undefined);
  if (key === null) return invalid(`no key in the JWKS matches the token's kid ${JSON.stringify(header.kid ?? null)}`);
  let signatureOk: boolean;
  try {
    signatureOk = checkSignature(alg, key, Buffer.from(`${parts[0]}.${parts[1]}`), Buffer.from(parts[2], 'base64url'));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return invalid(alg === '' || alg === 'none' || alg.startsWith('HS') ? `signing method ${alg || 'none'} is invalid` : 'signature is invalid');
  if (claims.iss !== config.issuer) return invalid('the token does not have a valid issuer');
  const audiences = claims.aud !== undefined ? (Array.isArray(claims.aud) ? claims.aud : [claims.aud]) : claims.client_id !== undefined ? [claims.client_id] : [];
  if (!audiences.some((a) => typeof a === 'string' && config.audience.includes(a))) return invalid('the token does not have a valid audience');
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number') return invalid('the token does not have an expiry (exp)');
  if (claims.exp <= now) return invalid('the token has expired');
  if (typeof claims.nbf === 'number' && claims.nbf > now) return invalid('the token is not valid yet');
  if (typeof claims.iat === 'number' && claims.iat > now + 1) return invalid('the token was issued in the future');
  const scopes = tokenScopes(claims);
  if (config.scopes.length > 0 && !config.scopes.some((s) => scopes?.includes(s))) {
    return {
      ok: false,
      status: 403,
      wwwAuthenticate: `Bearer scope="${config.scopes.join(' ')}" error="insufficient_scope" error_description="the token does not have the required scope"`,
      reason: `the token has none of the scopes the route requires (${config.scopes.join(', ')})`,
    };
  }
  return { ok: true, jwt: { claims: claimsToStrings(claims), scopes } };
}

function decodeJson(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function keyFor(jwks: JsonWebKeySet, kid: string | undefined): KeyObject | null {
  const candidates = jwks.keys.filter((k) => k.use === undefined || k.use === 'sig');
  const jwk = kid === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates.find((k) => k.kid === kid);
  if (jwk === undefined) return null;
  try {
    return createPublicKey({ key: jwk as never, format: 'jwk' });
  } catch {
    return null;
  }
}

function checkSignature(alg: string, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  const family = alg.slice(0, 2);
  const hash = HASHES[alg.slice(2)];
  if (alg === 'EdDSA') return key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? verifySignature(null, data, key, signature) : false;
  if (hash === undefined) return false;
  if (family === 'RS' && key.asymmetricKeyType === 'rsa') return verifySignature(hash, data, key, signature);
  if (family === 'PS' && (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss')) {
    return verifySignature(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
  }
  if (family === 'ES' && key.asymmetricKeyType === 'ec') return verifySignature(hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  return false;
}

function tokenScopes(claims: Record<string, unknown>): string[] | null {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return null;
}

/** Claims as an HTTP API passes them: strings; a list as `[a b]`, an object as JSON. */
function claimsToStrings(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    out[name] = typeof value === 'string' ? value : Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
