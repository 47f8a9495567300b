/**
 * Per-route data the REST entry point needs on every call, computed once per `RouteEntry`:
 * the CORS headers, the content-type matcher and the allowed methods of its path.
 */
import type { RouteEntry } from '../resources.js';
import { Response, type HeaderValue } from '../response.js';
import { contentTypeMatches, createContentTypeMatcher, type ContentTypeMatcher } from './content-type.js';

export interface CompiledRoute {
  readonly entry: RouteEntry;
  /** `null` when the route has no CORS configuration. */
  readonly corsHeaders: Readonly<Record<string, string>> | null;
  readonly contentTypes: ContentTypeMatcher;
  /** Whether a request without Content-Type (taken as `application/json`) is accepted. */
  readonly acceptsDefaultContentType: boolean;
}

export function compileRoute(entry: RouteEntry): CompiledRoute {
  const contentTypes = createContentTypeMatcher(entry.contentTypes);
  return {
    entry,
    corsHeaders: entry.cors ? entry.cors.getAccessControlHeaders() : null,
    contentTypes,
    acceptsDefaultContentType: contentTypeMatches(contentTypes, 'application/json'),
  };
}

/** A cache that follows the app's routes even when routes are added after it was made. */
export function createRouteCompiler(): (entry: RouteEntry) => CompiledRoute {
  const compiled = new WeakMap<RouteEntry, CompiledRoute>();
  return (entry) => {
    let route = compiled.get(entry);
    if (route === undefined) {
      route = compileRoute(entry);
      compiled.set(entry, route);
    }
    return route;
  };
}

/** `response` plus each of `extra` it does not already set (names compared case-insensitively). */
export function withDefaultHeaders(response: Response, extra: Readonly<Record<string, HeaderValue>>): Response {
  const present = new Set(Object.keys(response.headers).map((name) => name.toLowerCase()));
  const headers: Record<string, HeaderValue> = { ...response.headers };
  let added = false;
  for (const name in extra) {
    if (Object.hasOwn(extra, name) && !present.has(name.toLowerCase())) {
      headers[name] = extra[name];
      added = true;
    }
  }
  return added ? new Response({ body: response.body, headers, statusCode: response.statusCode }) : response;
}
