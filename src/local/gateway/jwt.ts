/**
 * Reading a Cognito JWT locally.
 *
 * SECURITY: this only DECODES the token payload; it does NOT verify the signature, the issuer
 * or the audience (that needs the user pool's keys, which are in AWS). Any well-formed token
 * is accepted locally. It exists so that views reading
 * `request.context.authorizer.claims` can be exercised without AWS; never use it to protect
 * anything.
 */

/** The payload of a compact JWT (`header.payload.signature`), or `null` if it is not one. */
export function jwtToClaims(token: string): Record<string, unknown> | null {
  const parts = token.trim().replace(/^bearer\s+/i, '').split('.');
  if (parts.length !== 3 || parts[1] === '') return null;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(parts[1])) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Claims as API Gateway REST passes them in `requestContext.authorizer.claims`: every value
 * a string (numbers and booleans stringified, lists and objects as JSON).
 */
export function claimsToStringMap(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    out[name] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
