/**
 * Request path → API Gateway resource (route template), as API Gateway REST matches them:
 * segment by segment, a `{param}` matches any one non-empty segment, and where several
 * resources match, the one with a literal segment at the first differing position wins
 * (`/users/me` beats `/users/{id}`). A single trailing slash on the request is ignored
 * (`/users/` reaches `/users`). Path parameter values are NOT percent-decoded: API Gateway
 * hands them to the Lambda exactly as they appeared in the URL.
 */

export interface RouteMatch {
  /** The resource template, e.g. `/users/{id}`. */
  readonly resource: string;
  /** `null` when the template has no parameters (as in the proxy event). */
  readonly pathParameters: Record<string, string> | null;
}

interface CompiledTemplate {
  readonly resource: string;
  /** Literal segment text, or `{ param }`. */
  readonly segments: ReadonlyArray<string | { readonly param: string }>;
}

export interface RouteMatcher {
  match(path: string): RouteMatch | null;
}

/**
 * Compiles resource templates once; `match` then runs per request. A path that IS a
 * parameterless template is found with one map lookup: an exact literal match beats every
 * template with a parameter (it is literal wherever they differ). Only other paths scan the
 * templates that have parameters.
 */
export function createRouteMatcher(templates: Iterable<string>): RouteMatcher {
  const compiled: CompiledTemplate[] = [...templates].map((resource) => ({
    resource,
    segments: splitPath(resource).map((s) => (/^\{.+\}$/.test(s) ? { param: s.slice(1, -1) } : s)),
  }));
  /** Parameterless templates by their path (the same path a request for them has, sans trailing slash). */
  const literals = new Map<string, RouteMatch>();
  const scanned: CompiledTemplate[] = [];
  for (const template of compiled) {
    const literal = template.resource.startsWith('/') && template.segments.every((s) => typeof s === 'string');
    if (literal && !literals.has(template.resource)) literals.set(template.resource, Object.freeze({ resource: template.resource, pathParameters: null }));
    else if (!literal) scanned.push(template);
  }
  return {
    match(path: string): RouteMatch | null {
      const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
      const exact = literals.get(normalized);
      if (exact !== undefined) return exact;
      if (scanned.length === 0) return null;
      const segments = splitPath(normalized);
      let best: CompiledTemplate | null = null;
      for (const template of scanned) {
        if (!templateMatches(template, segments)) continue;
        if (best === null || moreSpecific(template, best)) best = template;
      }
      if (best === null) return null;
      let params: Record<string, string> | null = null;
      for (let i = 0; i < best.segments.length; i++) {
        const segment = best.segments[i];
        if (typeof segment !== 'string') (params ??= {})[segment.param] = segments[i];
      }
      return { resource: best.resource, pathParameters: params };
    },
  };
}

/** `/` → `[]`, `/a/b` → `['a', 'b']`, `/a//b` → `['a', '', 'b']`. */
function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.slice(1).split('/');
}

function templateMatches(template: CompiledTemplate, segments: readonly string[]): boolean {
  if (template.segments.length !== segments.length) return false;
  for (let i = 0; i < segments.length; i++) {
    const s = template.segments[i];
    if (typeof s === 'string' ? s !== segments[i] : segments[i] === '') return false;
  }
  return true;
}

/** Literal beats parameter at the first position where the two differ in kind. */
function moreSpecific(a: CompiledTemplate, b: CompiledTemplate): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const aLiteral = typeof a.segments[i] === 'string';
    const bLiteral = typeof b.segments[i] === 'string';
    if (aLiteral !== bLiteral) return aLiteral;
  }
  return false;
}

/**
 * The matcher of an app's route paths as they are now. Routes are registered when the app
 * module loads, but a test may add more later: the matcher is recompiled whenever the set of
 * paths grows (registration only ever adds).
 */
export function liveRouteMatcher(routes: { keys(): Iterable<string>; readonly size: number }): () => RouteMatcher {
  let matcher = createRouteMatcher(routes.keys());
  let size = routes.size;
  return () => {
    if (routes.size !== size) {
      matcher = createRouteMatcher(routes.keys());
      size = routes.size;
    }
    return matcher;
  };
}
