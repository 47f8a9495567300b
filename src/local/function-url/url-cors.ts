/**
 * A function URL's CORS, as Lambda applies it (pure): with `cors` configured, Lambda answers a
 * preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) itself, without
 * invoking the function, and sets the CORS headers of every other response from the
 * configuration, replacing any `Access-Control-*` header the function returned. Without
 * `cors`, requests (preflights included) go to the function and its headers pass unchanged.
 */
import type { FunctionUrlCors } from '../../project/index.js';

type Headers = Record<string, string | string[]>;

/** Whether `origin` may read responses, and the `Access-Control-Allow-Origin` value for it. */
function allowedOrigin(cors: FunctionUrlCors, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes(origin)) return origin;
  // A wildcard with credentials cannot be answered with `*`: browsers refuse that pair.
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return undefined;
}

export function isPreflight(method: string, headers: { last(name: string): string | undefined }): boolean {
  return method.toUpperCase() === 'OPTIONS' && headers.last('origin') !== undefined && headers.last('access-control-request-method') !== undefined;
}

/** Headers of the answer to a preflight (empty when the origin or method is not allowed: the browser then refuses). */
export function preflightHeaders(cors: FunctionUrlCors, origin: string | undefined, requestedMethod: string | undefined): Headers {
  const allowOrigin = allowedOrigin(cors, origin);
  const method = (requestedMethod ?? '').toUpperCase();
  if (allowOrigin === undefined || !(cors.allowMethods.includes('*') || cors.allowMethods.includes(method))) return {};
  return {
    'Access-Control-Allow-Origin': allowOrigin,
    ...(cors.allowMethods.length > 0 ? { 'Access-Control-Allow-Methods': cors.allowMethods.join(',') } : {}),
    ...(cors.allowHeaders.length > 0 ? { 'Access-Control-Allow-Headers': cors.allowHeaders.join(',') } : {}),
    ...(cors.maxAge === undefined ? {} : { 'Access-Control-Max-Age': String(cors.maxAge) }),
    ...(cors.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    Vary: 'Origin',
  };
}

/** The function's headers with the configured CORS headers in place of its own. */
export function withCorsHeaders(headers: Headers, cors: FunctionUrlCors, origin: string | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) if (!name.toLowerCase().startsWith('access-control-')) out[name] = value;
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin === undefined) return out;
  out['Access-Control-Allow-Origin'] = allowOrigin;
  if (cors.exposeHeaders.length > 0) out['Access-Control-Expose-Headers'] = cors.exposeHeaders.join(',');
  if (cors.allowCredentials) out['Access-Control-Allow-Credentials'] = 'true';
  return out;
}
