/**
 * An HTTP API has one CORS configuration for the whole API (API Gateway answers preflights and
 * adds the headers itself), where a REST API has one per route. The routes' CORS settings
 * (each route's own, or `app.api.cors`) are merged into it: every route that enables CORS must
 * enable the same configuration; its methods are the ones preflights allow.
 */
import { ChaliceTsError } from '../project/errors.js';
import type { RouteEntry } from '../runtime/index.js';
import type { HttpCorsConfiguration } from './resources.js';

/** @throws ChaliceTsError `cors_conflict` when two routes enable different CORS configurations. */
export function httpCorsConfiguration(entries: readonly RouteEntry[]): HttpCorsConfiguration | undefined {
  let first: { readonly entry: RouteEntry; readonly text: string; readonly headers: Readonly<Record<string, string>> } | undefined;
  const methods = new Set<string>();
  for (const entry of entries) {
    if (entry.cors === null) continue;
    // Duck-typed: the app's CORSConfig may come from another copy of the runtime.
    const headers = entry.cors.getAccessControlHeaders();
    const text = JSON.stringify(headers);
    if (first === undefined) {
      first = { entry, text, headers };
    } else if (first.text !== text) {
      throw new ChaliceTsError(
        `Routes ${first.entry.method} ${first.entry.path} (view ${first.entry.name}) and ${entry.method} ${entry.path} (view ${entry.name}) enable different CORS configurations, but an HTTP API (api_type "http") has one for the whole API; give every route the same CORSConfig (or set it once as app.api.cors)`,
        'cors_conflict',
      );
    }
    methods.add(entry.method);
  }
  if (first === undefined) return undefined;
  const { headers } = first;
  const list = (name: string): string[] => (headers[name] === undefined ? [] : headers[name].split(',').filter((item) => item !== ''));
  const maxAge = headers['Access-Control-Max-Age'];
  return {
    allowOrigins: [headers['Access-Control-Allow-Origin']],
    allowMethods: [...methods].sort(),
    allowHeaders: list('Access-Control-Allow-Headers'),
    exposeHeaders: list('Access-Control-Expose-Headers'),
    ...(maxAge === undefined ? {} : { maxAge: Number(maxAge) }),
    allowCredentials: headers['Access-Control-Allow-Credentials'] === 'true',
  };
}
