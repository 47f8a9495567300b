/**
 * Lambda proxy result → HTTP response, as API Gateway REST converts it:
 * - `body` is base64-decoded when `isBase64Encoded` is true, else sent as UTF-8 text.
 * - `headers` and `multiValueHeaders` are merged into one list per name; a name/value pair
 *   given in both appears once (from `multiValueHeaders`).
 * - a response without a Content-Type gets `application/json`, API Gateway's default.
 * - anything that is not a valid proxy result (no integer `statusCode`, wrong types) is a
 *   "malformed Lambda proxy response", answered 502 by the caller.
 */
import { caseInsensitiveLists } from './headers.js';
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
  const map = value as Record<string, unknown>;
  for (const name of Object.keys(map)) {
    const v = map[name];
    if (!multi) {
      if (!isScalar(v)) return false;
    } else {
      if (!Array.isArray(v) || !v.every(isScalar)) return false;
    }
  }
  return true;
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Converts a proxy result (check it with `isProxyResult` first). */
export function proxyResultToHttpResponse(result: ProxyResultShape): GatewayResponse {
  const headers: Record<string, string[]> = {};
  const { listFor, lowerNames } = caseInsensitiveLists(headers);
  const add = (name: string, value: unknown, dedupe: boolean): void => {
    const values = listFor(name);
    const text = String(value);
    if (!dedupe || !values.includes(text)) values.push(text);
  };
  const multiValueHeaders = result.multiValueHeaders;
  if (multiValueHeaders) {
    for (const name of Object.keys(multiValueHeaders)) {
      for (const value of multiValueHeaders[name] as unknown[]) add(name, value, false);
    }
  }
  const single = result.headers;
  if (single) for (const name of Object.keys(single)) add(name, single[name], true);
  if (!lowerNames.includes('content-type')) headers['Content-Type'] = ['application/json'];
  const text = result.body ?? '';
  return {
    statusCode: result.statusCode,
    headers,
    body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
