/**
 * Request path → route template, for events that name no route (an HTTP API `$default` route,
 * a Function URL): segment by segment, a `{param}` matches one non-empty segment, and where
 * several templates match, the one with a literal segment at the first differing position wins
 * (`/users/me` beats `/users/{id}`), as API Gateway picks routes. A single trailing slash is
 * ignored. Parameter values stay as they appear in the path (percent-encoded), as API Gateway
 * passes `pathParameters`.
 */

export interface TemplateMatch {
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
}

export type TemplateMatcher = (path: string) => TemplateMatch | null;

type Segment = string | { readonly param: string };

export function createTemplateMatcher(templates: Iterable<string>): TemplateMatcher {
  const literal = new Map<string, TemplateMatch>();
  const withParams: { template: string; segments: Segment[] }[] = [];
  for (const template of templates) {
    const segments: Segment[] = splitPath(template).map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : s));
    if (segments.every((s) => typeof s === 'string')) literal.set(template, { template, params: {} });
    else withParams.push({ template, segments });
  }
  return (path) => {
    const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const exact = literal.get(normalized);
    if (exact !== undefined) return exact;
    const parts = splitPath(normalized);
    let best: { template: string; segments: Segment[] } | null = null;
    for (const candidate of withParams) {
      if (!segmentsMatch(candidate.segments, parts)) continue;
      if (best === null || moreSpecific(candidate.segments, best.segments)) best = candidate;
    }
    if (best === null) return null;
    const params: Record<string, string> = {};
    best.segments.forEach((s, i) => {
      if (typeof s !== 'string') params[s.param] = parts[i];
    });
    return { template: best.template, params };
  };
}

function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.slice(1).split('/');
}

function segmentsMatch(segments: readonly Segment[], parts: readonly string[]): boolean {
  if (segments.length !== parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    const s = segments[i];
    if (typeof s === 'string' ? s !== parts[i] : parts[i] === '') return false;
  }
  return true;
}

function moreSpecific(a: readonly Segment[], b: readonly Segment[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const aLiteral = typeof a[i] === 'string';
    if (aLiteral !== (typeof b[i] === 'string')) return aLiteral;
  }
  return false;
}
