/**
 * What a function returned to an HTTP API (payload format 2.0) → the HTTP response, with the
 * format's inference rules:
 * - an object with a `statusCode` is a response: `statusCode`, `headers` (values as strings),
 *   `cookies` (each one Set-Cookie header), `body` (base64-decoded when `isBase64Encoded`;
 *   HTTP APIs always decode, there is no Accept rule);
 * - a string is a 200 whose body is that string as it is (the AWS documentation's example:
 *   `"Hello from Lambda!"` is answered `Hello from Lambda!`), Content-Type `application/json`;
 * - anything else that is valid JSON (an object without `statusCode`, a number, `null`) is a
 *   200 whose JSON body is that value, with Content-Type `application/json`.
 * A response API Gateway cannot use (a bad status, a header value HTTP cannot carry) is a
 * problem: the client gets 500 and the reason goes to the console.
 */
import type { GatewayResponse } from '../gateway/types.js';

/** A Lambda's synchronous response payload limit, in bytes of JSON. */
export const MAX_RESULT_BYTES = 6_291_556;

export type V2ResultOutcome = { readonly ok: true; readonly response: GatewayResponse } | { readonly ok: false; readonly problem: string };

// Latin-1 only, no line breaks: what an HTTP header value can carry.
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export function v2ResultToHttpResponse(value: unknown): V2ResultOutcome {
  if (typeof value === 'string') return { ok: true, response: { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: Buffer.from(value, 'utf8') } };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('statusCode' in value)) {
    let json: string;
    try {
      json = JSON.stringify(value === undefined ? null : value);
    } catch (error) {
      return { ok: false, problem: `the result is not JSON (${(error as Error).message})` };
    }
    return { ok: true, response: { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: Buffer.from(json, 'utf8') } };
  }
  const result = value as { statusCode: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return { ok: false, problem: `statusCode ${JSON.stringify(result.statusCode)} is not an HTTP status` };
  const headers: Record<string, string[]> = {};
  if (result.headers !== undefined && result.headers !== null) {
    if (typeof result.headers !== 'object' || Array.isArray(result.headers)) return { ok: false, problem: 'headers is not an object of strings' };
    for (const [name, raw] of Object.entries(result.headers)) {
      if (raw === null || raw === undefined) continue;
      const text = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
      if (BAD_HEADER_VALUE.test(text)) return { ok: false, problem: `header ${name} has a value HTTP cannot carry: ${JSON.stringify(text)}` };
      headers[name] = [text];
    }
  }
  if (result.cookies !== undefined && result.cookies !== null) {
    if (!Array.isArray(result.cookies)) return { ok: false, problem: 'cookies is not a list of strings' };
    const cookies = result.cookies.map(String);
    const bad = cookies.find((c) => BAD_HEADER_VALUE.test(c));
    if (bad !== undefined) return { ok: false, problem: `cookie ${JSON.stringify(bad)} cannot be sent as a Set-Cookie header` };
    if (cookies.length > 0) headers['set-cookie'] = [...(headers['set-cookie'] ?? []), ...cookies];
  }
  let body: Buffer;
  if (result.body === undefined || result.body === null) body = Buffer.alloc(0);
  else if (typeof result.body === 'string') body = Buffer.from(result.body, result.isBase64Encoded === true ? 'base64' : 'utf8');
  else return { ok: false, problem: `body is a ${Array.isArray(result.body) ? 'list' : typeof result.body}, not a string` };
  return { ok: true, response: { statusCode: status, headers, body } };
}

/** Whether a result is over Lambda's response payload limit (measured only when it could be). */
export function isV2ResultTooLarge(value: unknown): boolean {
  const body = (value as { body?: unknown } | null)?.body;
  if (typeof body === 'string' && body.length * 6 + 65_536 <= MAX_RESULT_BYTES) return false;
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') > MAX_RESULT_BYTES;
  } catch {
    return false;
  }
}
