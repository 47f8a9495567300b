/**
 * Lambda proxy result → HTTP response, as API Gateway REST converts it:
 * - `body` is base64-decoded when `isBase64Encoded` is true AND the response is binary for this
 *   request: the FIRST media type of the request's Accept header and the response's
 *   Content-Type are both binary media types of the API. Otherwise the client gets the base64
 *   text itself (a browser's `Accept: text/html,…,*\/*;q=0.8` does), as from API Gateway.
 *   Without request details (`binary` omitted) a base64 body is always decoded.
 * - `headers` and `multiValueHeaders` are merged into one list per name; a name/value pair
 *   given in both appears once (from `multiValueHeaders`).
 * - a response without a Content-Type gets `application/json`, API Gateway's default.
 * - anything that is not a valid proxy result (no integer `statusCode`, wrong types, a header
 *   name or value HTTP cannot carry) is a "malformed Lambda proxy response", answered 502 by
 *   the caller: a header value with a character outside ISO-8859-1 or a control character
 *   cannot be put on the wire, so no client could receive the Lambda's answer as given.
 */
import { caseInsensitiveLists, isBinaryMediaType, mediaType } from './headers.js';
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
  return proxyResultProblem(value) === null;
}

/** Why a Lambda's return value is not a well-formed proxy result (one line), or `null` when it is. */
export function proxyResultProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `the result is ${describe(value)}, not a proxy result object`;
  const r = value as Record<string, unknown>;
  if (!Number.isInteger(r.statusCode) || (r.statusCode as number) < 100 || (r.statusCode as number) > 599) {
    return `statusCode is ${describe(r.statusCode)}, not an integer from 100 to 599`;
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return `body is ${describe(r.body)}, not a string`;
  if (r.isBase64Encoded !== undefined && typeof r.isBase64Encoded !== 'boolean') return `isBase64Encoded is ${describe(r.isBase64Encoded)}, not a boolean`;
  return headerMapProblem(r.headers, 'headers', false) ?? headerMapProblem(r.multiValueHeaders, 'multiValueHeaders', true);
}

function headerMapProblem(value: unknown, field: string, multi: boolean): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return `${field} is ${describe(value)}, not an object`;
  const map = value as Record<string, unknown>;
  for (const name of Object.keys(map)) {
    if (!HEADER_NAME.test(name)) return `${field} has the header name ${JSON.stringify(name)}, which is not a valid HTTP header name`;
    const v = map[name];
    const values: unknown[] = multi && Array.isArray(v) ? v : [v];
    if (multi && !Array.isArray(v)) return `${field}.${name} is ${describe(v)}, not a list`;
    for (const item of values) {
      if (!isScalar(item)) return `${field}.${name} holds ${describe(item)}, not a string, number or boolean`;
      if (typeof item === 'string' && UNSENDABLE_VALUE.test(item)) {
        return `header ${name} has a character HTTP cannot carry (outside ISO-8859-1, or a control character) in ${JSON.stringify(item)}; percent-encode such values (e.g. RFC 5987 filename*=UTF-8''…)`;
      }
    }
  }
  return null;
}

/** An HTTP token (RFC 9110 field-name). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters no HTTP field value can hold: controls other than tab, DEL, and anything past ISO-8859-1. */
const UNSENDABLE_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'object' ? 'an object' : String(value);
}

/** What decides whether a base64 body goes back to the client as bytes. */
export interface BinaryResponseContext {
  /** The request's Accept header (its first media type is the one API Gateway reads). */
  readonly accept: string | undefined;
  /** The API's binary media types. */
  readonly binaryTypes: readonly string[];
}

/** API Gateway's rule: the FIRST Accept media type and the response Content-Type are binary types. */
function isBinaryForRequest(contentType: string | undefined, binary: BinaryResponseContext): boolean {
  if (binary.accept === undefined) return false;
  const comma = binary.accept.indexOf(',');
  const first = mediaType(comma < 0 ? binary.accept : binary.accept.slice(0, comma));
  return isBinaryMediaType(first, binary.binaryTypes) && isBinaryMediaType(mediaType(contentType), binary.binaryTypes);
}

/**
 * Converts a proxy result (check it with `isProxyResult` first). `binary` (the request's
 * Accept header and the API's binary types) decides whether a base64 body is decoded.
 */
export function proxyResultToHttpResponse(result: ProxyResultShape, binary?: BinaryResponseContext): GatewayResponse {
  const headers: Record<string, string[]> = {};
  const { listFor, lowerNames, lists } = caseInsensitiveLists(headers);
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
  const contentTypeAt = lowerNames.indexOf('content-type');
  if (contentTypeAt < 0) headers['Content-Type'] = ['application/json'];
  const text = result.body ?? '';
  const decode =
    result.isBase64Encoded === true &&
    (binary === undefined || isBinaryForRequest(contentTypeAt < 0 ? 'application/json' : lists[contentTypeAt].at(-1), binary));
  return {
    statusCode: result.statusCode,
    headers,
    body: decode ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
