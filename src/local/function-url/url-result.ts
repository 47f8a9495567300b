/**
 * A function's result → the HTTP answer of its function URL (pure), by Lambda's rules for
 * payload format 2.0 results:
 * - an object with `statusCode`: that status, its `headers`, one `Set-Cookie` per `cookies`
 *   entry, its `body` (a string; base64-decoded when `isBase64Encoded`);
 * - anything else is the body of a 200 with `content-type: application/json`: a string as it
 *   is, any other value as JSON (an object without `statusCode`, an array, a number, null).
 * A result Lambda cannot use (a `statusCode` that is not an HTTP status, a body that is not a
 * string, a header value that is not text) answers 502, with the reason for the console.
 */

export type UrlAnswer =
  | { readonly ok: true; readonly statusCode: number; readonly headers: Record<string, string | string[]>; readonly body: Buffer }
  | { readonly ok: false; readonly reason: string };

export function v2ResultToUrlAnswer(result: unknown): UrlAnswer {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
    return { ok: true, statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(body) };
  }
  const r = result as { statusCode: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
  if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode) || r.statusCode < 100 || r.statusCode > 599) {
    return { ok: false, reason: `statusCode ${JSON.stringify(r.statusCode)} is not an HTTP status` };
  }
  const headers: Record<string, string | string[]> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object') return { ok: false, reason: 'headers must be an object of strings' };
    for (const [name, value] of Object.entries(r.headers)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return { ok: false, reason: `header ${name} is not a string` };
      headers[name] = String(value);
    }
  }
  if (Array.isArray(r.cookies) && r.cookies.length > 0) headers['Set-Cookie'] = r.cookies.map(String);
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return { ok: false, reason: 'body must be a string' };
  const text = (r.body as string | undefined) ?? '';
  return { ok: true, statusCode: r.statusCode, headers, body: r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text) };
}
