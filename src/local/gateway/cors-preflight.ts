/**
 * CORS preflight. For a path whose routes enable CORS, the deployed API has an extra OPTIONS
 * method backed by a MOCK integration (no Lambda call) that answers 200 with the
 * Access-Control-* headers. The emulation answers it the same way, unless the app registered
 * its own OPTIONS view for the path, which then handles the request like any other method.
 */
import type { GatewayCors, GatewayResponse } from './types.js';

/** Headers the API Gateway CORS support always allows (in the order a CORSConfig sorts them). */
const DEFAULT_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Api-Key'];

/** The Access-Control-* headers of a CORS config, read by property when it has no method. */
export function corsToAccessControlHeaders(cors: GatewayCors): Record<string, string> {
  if (typeof cors.getAccessControlHeaders === 'function') return cors.getAccessControlHeaders();
  const allowHeaders = [...new Set([...DEFAULT_ALLOW_HEADERS, ...cors.allowHeaders])].sort();
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': cors.allowOrigin,
    'Access-Control-Allow-Headers': allowHeaders.join(','),
  };
  if (cors.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = cors.exposeHeaders.join(',');
  if (cors.maxAge !== undefined) headers['Access-Control-Max-Age'] = String(cors.maxAge);
  if (cors.allowCredentials === true) headers['Access-Control-Allow-Credentials'] = 'true';
  return headers;
}

/**
 * The preflight headers for a path: `Access-Control-Allow-Methods` lists the path's methods in
 * registration order followed by OPTIONS (as the generated OpenAPI mock integration does, so
 * the deployed API answers the same), then the config's own Access-Control-* headers.
 */
export function corsToPreflightHeaders(methods: readonly string[], cors: GatewayCors): Record<string, string> {
  const allowed = [...new Set(methods.filter((m) => m !== 'OPTIONS'))];
  return { 'Access-Control-Allow-Methods': [...allowed, 'OPTIONS'].join(','), ...corsToAccessControlHeaders(cors) };
}

/** The mock integration's 200 response (empty body, JSON content type like API Gateway's). */
export function corsToPreflightResponse(methods: readonly string[], cors: GatewayCors): GatewayResponse {
  const headers: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  for (const [name, value] of Object.entries(corsToPreflightHeaders(methods, cors))) headers[name] = [value];
  return { statusCode: 200, headers, body: Buffer.alloc(0) };
}
