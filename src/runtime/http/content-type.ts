/**
 * Media-type rules shared by request routing and response conversion: which request
 * Content-Types a route accepts, which types API Gateway treats as binary, and whether an
 * Accept header asks for a binary response.
 *
 * API Gateway's binary handling keys on two headers: a request whose Content-Type is a
 * binary media type reaches Lambda base64-encoded, and a base64 response body is decoded
 * back to bytes only when the request's Accept header names a binary media type. A binary
 * response to a client that did not ask for one would arrive as base64 text, so the
 * runtime answers 400 instead (as the seeds describe).
 */

/** `'Text/HTML; charset=utf-8'` → `'text/html'`. */
export function mediaTypeOf(headerValue: string): string {
  const semi = headerValue.indexOf(';');
  return (semi === -1 ? headerValue : headerValue.slice(0, semi)).trim().toLowerCase();
}

/** `type/subtype` against a pattern that may be `*\/*` or `type/*`. */
function mediaTypeMatches(pattern: string, mediaType: string): boolean {
  if (pattern === mediaType || pattern === '*/*') return true;
  if (pattern.endsWith('/*')) return mediaType.startsWith(pattern.slice(0, -1));
  return false;
}

/** A route's accepted request types, compiled once per route. */
export interface ContentTypeMatcher {
  readonly types: ReadonlySet<string>;
  /** Set when a pattern has a wildcard (`*\/*`, `image/*`): the slow path. */
  readonly patterns: readonly string[];
}

export function createContentTypeMatcher(contentTypes: readonly string[]): ContentTypeMatcher {
  const normalized = contentTypes.map(mediaTypeOf);
  return { types: new Set(normalized), patterns: normalized.filter((t) => t.includes('*')) };
}

/** Whether a request Content-Type header value (parameters ignored) is accepted. */
export function contentTypeMatches(matcher: ContentTypeMatcher, headerValue: string): boolean {
  const mediaType = mediaTypeOf(headerValue);
  if (matcher.types.has(mediaType)) return true;
  for (const pattern of matcher.patterns) if (mediaTypeMatches(pattern, mediaType)) return true;
  return false;
}

/** `app.api.binaryTypes` normalised, cached per list and re-checked item by item (it is mutable). */
interface BinaryTypes {
  readonly snapshot: readonly string[];
  readonly all: readonly string[];
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly string[];
}

const binaryTypesCache = new WeakMap<readonly string[], BinaryTypes>();

function compileBinaryTypes(binaryTypes: readonly string[]): BinaryTypes {
  const cached = binaryTypesCache.get(binaryTypes);
  if (cached !== undefined && sameItems(cached.snapshot, binaryTypes)) return cached;
  const all = binaryTypes.map(mediaTypeOf);
  const compiled = { snapshot: [...binaryTypes], all, exact: new Set(all), patterns: all.filter((t) => t.includes('*')) };
  binaryTypesCache.set(binaryTypes, compiled);
  return compiled;
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a Content-Type is one of `app.api.binaryTypes` (wildcards such as `*\/*` allowed). */
export function isBinaryContentType(contentType: string, binaryTypes: readonly string[]): boolean {
  const types = compileBinaryTypes(binaryTypes);
  const mediaType = mediaTypeOf(contentType);
  if (types.exact.has(mediaType)) return true;
  for (const pattern of types.patterns) if (mediaTypeMatches(pattern, mediaType)) return true;
  return false;
}

/** One media range of an Accept header with its quality. */
export interface AcceptRange {
  readonly mediaType: string;
  readonly q: number;
}

/** `'image/png;q=0.8, *\/*;q=0.1'` → ranges in header order; malformed q counts as 1. */
export function parseAccept(headerValue: string): AcceptRange[] {
  const ranges: AcceptRange[] = [];
  for (const part of headerValue.split(',')) {
    const [type, ...params] = part.split(';');
    const mediaType = type.trim().toLowerCase();
    if (mediaType === '') continue;
    let q = 1;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const value = Number(param.slice(eq + 1).trim());
      if (Number.isFinite(value)) q = Math.min(Math.max(value, 0), 1);
    }
    ranges.push({ mediaType, q });
  }
  return ranges;
}

/**
 * Whether the Accept header asks for (or allows) a binary response: some range with q > 0
 * matches a binary type, in either direction of wildcards (`*\/*` accepts anything binary;
 * a binary type `image/*` covers `Accept: image/png`). `q=0` means "not acceptable".
 */
export function acceptsBinary(acceptHeader: string | undefined, binaryTypes: readonly string[]): boolean {
  if (acceptHeader === undefined) return false;
  const types = compileBinaryTypes(binaryTypes);
  for (const range of parseAccept(acceptHeader)) {
    if (range.q <= 0) continue;
    if (isBinaryContentType(range.mediaType, binaryTypes)) return true;
    if (range.mediaType.includes('*') && types.all.some((binary) => mediaTypeMatches(range.mediaType, binary))) return true;
  }
  return false;
}
