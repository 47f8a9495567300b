/**
 * The request target (`/path?query` as received) → path and query, the way API Gateway reads
 * them: the path stays percent-encoded (path parameters are not decoded), the query string is
 * form-decoded (`+` is a space, `%XX` is decoded) into multi-value parameters. Anything that is
 * not a valid origin-form target or carries broken percent-encoding is a 400, never a throw.
 */

export interface RequestTarget {
  /** Raw (still encoded) path, always starting with '/'. */
  readonly path: string;
  /** Decoded query parameters in order of appearance; empty when there is no query. */
  readonly query: ReadonlyArray<readonly [string, string]>;
}

export type RequestTargetResult = { readonly ok: true; readonly target: RequestTarget } | { readonly ok: false; readonly reason: string };

const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;
const CONTROL_OR_SPACE = /[\s\x00-\x1f\x7f]/;

/** Splits and validates a raw request target. */
export function urlToRequestTarget(url: string): RequestTargetResult {
  let rest = url;
  // Absolute-form (`http://host/path`), which proxies may send: keep only the path and query.
  // (An origin-form target, starting with '/', cannot match: skip the regex for it.)
  const absolute = rest.startsWith('/') ? null : ABSOLUTE_FORM.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  if (!rest.startsWith('/')) return { ok: false, reason: `request target ${JSON.stringify(url)} does not start with '/'` };
  const mark = rest.indexOf('?');
  const path = mark >= 0 ? rest.slice(0, mark) : rest;
  const rawQuery = mark >= 0 ? rest.slice(mark + 1) : '';
  // Only a '%' can make percent-decoding fail.
  if (path.includes('%') && (BAD_PERCENT.test(path) || !decodes(path))) return { ok: false, reason: 'malformed percent-encoding in the request path' };
  if (CONTROL_OR_SPACE.test(path)) return { ok: false, reason: 'whitespace or control characters in the request path' };
  const query = queryStringToPairs(rawQuery);
  if (query === null) return { ok: false, reason: 'malformed percent-encoding in the query string' };
  return { ok: true, target: { path, query } };
}

/** Form-decodes `a=1&b=x+y&a=2` into pairs; `null` when a component has broken percent-encoding. */
export function queryStringToPairs(rawQuery: string): Array<[string, string]> | null {
  const pairs: Array<[string, string]> = [];
  if (rawQuery === '') return pairs;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = formDecode(eq >= 0 ? part.slice(0, eq) : part);
    const value = formDecode(eq >= 0 ? part.slice(eq + 1) : '');
    if (name === null || value === null) return null;
    pairs.push([name, value]);
  }
  return pairs;
}

function formDecode(component: string): string | null {
  // Without '%' or '+' there is nothing to decode (and nothing that can fail).
  if (!component.includes('%') && !component.includes('+')) return component;
  if (BAD_PERCENT.test(component)) return null;
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return null; // valid hex but not UTF-8 (e.g. %C3%28)
  }
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
