/**
 * An HTTP API's CORS: ONE configuration for the whole API (there are no per-route settings),
 * built from the app's routes (each route's `cors`, which falls back to `app.api.cors`). Routes
 * that set different CORS configurations cannot be served by one HTTP API: that is refused
 * when the app loads, naming both routes.
 *
 * What API Gateway does with it, and this emulation too:
 * - a preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) is answered by API
 *   Gateway itself, 204, on any path, unless the app has its own OPTIONS route for the path;
 *   the Access-Control-* headers are sent only when the Origin is allowed;
 * - any other response to a request whose Origin is allowed gets Access-Control-Allow-Origin
 *   (and Expose-Headers, Allow-Credentials); the Access-Control-* headers the function set
 *   are dropped (API Gateway ignores the integration's CORS headers once CORS is configured).
 *   A request without an allowed Origin gets no CORS headers.
 */
import type { CorsSettings } from '../../project/config-types.js';
import { ChaliceTsError } from '../../project/errors.js';
import { corsToAccessControlHeaders } from '../gateway/cors-preflight.js';
import type { GatewayApp, GatewayResponse } from '../gateway/types.js';

/** `allowOrigins` is `*` or one origin (a Chalice CORSConfig has one `allowOrigin`). */
export type HttpApiCors = CorsSettings;

/** The API's CORS configuration, or `null` when no route enables CORS. @throws ChaliceTsError on conflicting route settings */
export function httpApiCorsOf(app: GatewayApp): HttpApiCors | null {
  let first: { where: string; headers: Record<string, string> } | undefined;
  const methods: string[] = [];
  for (const [path, byMethod] of app.routes) {
    for (const route of byMethod.values()) {
      if (route.cors === null) continue;
      const headers = corsToAccessControlHeaders(route.cors);
      const where = `${route.method} ${path}`;
      if (first === undefined) first = { where, headers };
      else if (JSON.stringify(first.headers) !== JSON.stringify(headers)) {
        throw new ChaliceTsError(
          `HTTP APIs have one CORS configuration for the whole API, but routes ${first.where} and ${where} set different CORS settings (${describeDifference(first.headers, headers)}); give every route the same CORSConfig, e.g. set app.api.cors once and drop the routes' own cors options`,
          'http_api_cors_conflict',
        );
      }
      if (!methods.includes(route.method)) methods.push(route.method);
    }
  }
  if (first === undefined) return null;
  const h = first.headers;
  return {
    allowOrigins: [h['Access-Control-Allow-Origin']],
    allowMethods: methods,
    allowHeaders: splitList(h['Access-Control-Allow-Headers']),
    exposeHeaders: splitList(h['Access-Control-Expose-Headers']),
    ...(h['Access-Control-Max-Age'] !== undefined ? { maxAge: Number(h['Access-Control-Max-Age']) } : {}),
    allowCredentials: h['Access-Control-Allow-Credentials'] === 'true',
  };
}

/** Whether the request is a CORS preflight. */
export function isPreflight(method: string, origin: string | undefined, requestMethod: string | undefined): boolean {
  return method === 'OPTIONS' && origin !== undefined && requestMethod !== undefined;
}

/** The value of Access-Control-Allow-Origin for this Origin, or undefined when it is not allowed. */
export function allowedOrigin(cors: HttpApiCors, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return '*';
  return cors.allowOrigins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** API Gateway's own answer to a preflight. */
export function preflightResponse(cors: HttpApiCors, origin: string | undefined): GatewayResponse {
  const headers: Record<string, string[]> = {};
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin !== undefined) {
    headers['access-control-allow-origin'] = [allowOrigin];
    headers['access-control-allow-methods'] = [cors.allowMethods.join(',')];
    headers['access-control-allow-headers'] = [cors.allowHeaders.join(',')];
    if (cors.maxAge !== undefined) headers['access-control-max-age'] = [String(cors.maxAge)];
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = ['true'];
  }
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

/** Replaces the response's Access-Control-* headers with the API's, for an allowed Origin (in place). */
export function applyCors(cors: HttpApiCors, origin: string | undefined, response: GatewayResponse): GatewayResponse {
  const headers = response.headers;
  for (const name of Object.keys(headers)) if (name.toLowerCase().startsWith('access-control-')) delete headers[name];
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin === undefined) return response;
  headers['access-control-allow-origin'] = [allowOrigin];
  if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = [cors.exposeHeaders.join(',')];
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = ['true'];
  return response;
}

function splitList(value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : value.split(',').map((s) => s.trim());
}

function describeDifference(a: Record<string, string>, b: Record<string, string>): string {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = names.find((name) => a[name] !== b[name]) ?? 'headers';
  return `${differing}: ${JSON.stringify(a[differing] ?? null)} vs ${JSON.stringify(b[differing] ?? null)}`;
}
