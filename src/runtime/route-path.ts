/** Route paths: the typed params of a template, and Chalice's registration-time validation. */

type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** `ParamsOf<'/a/{first}/b/{second}'>` is `{ first: string; second: string }`. */
export type ParamsOf<P extends string> = { [K in ParamNames<P>]: string };

const SEGMENT = /^(?:[a-zA-Z0-9._\-~]+|\{[a-zA-Z_][a-zA-Z0-9_]*\})$/;

/**
 * Returns why a route path is invalid, or null. Mirrors what API Gateway accepts for
 * resource paths and what Chalice checks at registration.
 */
export function routePathProblem(path: string): string | null {
  if (path === '/') return null;
  if (!path.startsWith('/')) return `must start with '/'`;
  if (path.endsWith('/')) return `must not end with '/' (remove the trailing slash)`;
  const seen = new Set<string>();
  for (const segment of path.slice(1).split('/')) {
    if (segment === '') return `must not contain an empty segment ('//')`;
    if (!SEGMENT.test(segment)) {
      return `segment ${JSON.stringify(segment)} may only contain [a-zA-Z0-9._-~] or be a whole {param}`;
    }
    if (segment.startsWith('{')) {
      if (seen.has(segment)) return `repeats the parameter ${segment}`;
      seen.add(segment);
    }
  }
  return null;
}

/** Parameter names of a template in order: `'/a/{x}/{y}'` → `['x', 'y']`. */
export function routeParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** `'/a/{x}'` and `'/a/{y}'` are the same API Gateway resource shape only if names match. */
export function joinPaths(prefix: string | undefined, path: string): string {
  if (!prefix) return path;
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === '/' ? trimmed || '/' : `${trimmed}${path}`;
}
