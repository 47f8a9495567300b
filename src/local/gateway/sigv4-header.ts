/**
 * What API Gateway finds missing in an `Authorization` header it reads as a SigV4 signature.
 *
 * A request that reaches no method (unknown path, or a method the resource lacks) is treated
 * as if it needed IAM authentication: without an `Authorization` header API Gateway answers
 * 403 "Missing Authentication Token"; with one that is not a complete SigV4 header (a Bearer
 * token, say) it answers 403 IncompleteSignatureException listing, in this order, each
 * missing part:
 *   Authorization header requires 'Credential' parameter.
 *   Authorization header requires 'Signature' parameter.
 *   Authorization header requires 'SignedHeaders' parameter.
 *   Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.
 * A header with every part is a signature the emulation cannot verify; the caller keeps the
 * plain "Missing Authentication Token" for it.
 */
import type { HeaderIndex } from './headers.js';

const REQUIRED_PARAMETERS = ['Credential', 'Signature', 'SignedHeaders'] as const;

/**
 * The sentences API Gateway would list for this header; `[]` when it is a complete SigV4
 * header. `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`: the parameters
 * follow the algorithm, separated by commas and/or spaces.
 */
export function missingSigV4Parts(authorization: string, headers: HeaderIndex): string[] {
  const space = authorization.indexOf(' ');
  const names = new Set<string>();
  if (space >= 0) {
    for (const part of authorization.slice(space + 1).split(/[\s,]+/)) {
      const eq = part.indexOf('=');
      if (eq > 0) names.add(part.slice(0, eq));
    }
  }
  const missing: string[] = [];
  for (const name of REQUIRED_PARAMETERS) {
    if (!names.has(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  if (headers.last('x-amz-date') === undefined && headers.last('date') === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  return missing;
}
