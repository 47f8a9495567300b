/**
 * Lambda proxy result → HTTP response, as API Gateway REST converts it:
 * - `body` is base64-decoded when `isBase64Encoded` is true, else sent as UTF-8 text.
 * - `headers` and `multiValueHeaders` are merged into one list per name; a name/value pair
 *   given in both appears once (from `multiValueHeaders`).
 * - a response without a Content-Type gets `application/json`, API Gateway's default.
 * - anything that is not a valid proxy result (no integer `statusCode`, wrong types) is a
 *   "malformed Lambda proxy response", answered 502 by the caller.
 */
import type { GatewayResponse } from './types.js';

export interface ProxyResultShape {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, unknown>> | null;
  readonly multiValueHeaders?: Readonly<Record<string, unknown>> | null;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

/** Whether a Lambda's return value is a well-formed proxy result. */
export function isProxyResult(value: unknown): value is ProxyResultShape {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  if (!Number.isInteger(r.statusCode) || (r.statusCode as number) < 100 || (r.statusCode as number) > 599) return false;
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return false;
  if (r.isBase64Encoded !== undefined && typeof r.isBase64Encoded !== 'boolean') return false;
  if (!isHeaderMap(r.headers, false) || !isHeaderMap(r.multiValueHeaders, true)) return false;
  return true;
}

function isHeaderMap(value: unknown, multi: boolean): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => (multi ? Array.isArray(v) && v.every(isScalar) : isScalar(v)));
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Converts a proxy result (check it with `isProxyResult` first). */
export function proxyResultToHttpResponse(result: ProxyResultShape): GatewayResponse {
  const headers: Record<string, string[]> = {};
  const nameOf = new Map<string, string>();
  const add = (name: string, value: unknown, dedupe: boolean) => {
    const key = nameOf.get(name.toLowerCase()) ?? name;
    nameOf.set(name.toLowerCase(), key);
    const values = (headers[key] ??= []);
    const text = String(value);
    if (!dedupe || !values.includes(text)) values.push(text);
  };
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    for (const value of values as unknown[]) add(name, value, false);
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) add(name, value, true);
  if (!nameOf.has('content-type')) headers['Content-Type'] = ['application/json'];
  const text = result.body ?? '';
  return {
    statusCode: result.statusCode,
    headers,
    body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
