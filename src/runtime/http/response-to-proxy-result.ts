/**
 * A view's return value (a `Response` or any plain value) → API Gateway proxy result.
 *
 * Rules, in order:
 * - Headers: a string value goes to `headers`, a list to `multiValueHeaders` (API Gateway
 *   merges the two maps, so each header lives in exactly one). No Content-Type means
 *   `application/json`, the type API Gateway assumes.
 * - Binary: a Content-Type in `binaryTypes` makes the body base64 with `isBase64Encoded`,
 *   but only if the request's Accept header asks for a binary type; otherwise API Gateway
 *   would hand the client base64 text, so the result is a 400 instead.
 * - Binary body: a Buffer or a string (as UTF-8); any other value is an error (500), as in
 *   Chalice, unless the binary type is a JSON one, whose value is serialised.
 * - Body: a string as-is, a Buffer as UTF-8 text, anything else as JSON.
 *
 * Who decodes: this side only base64-encodes and sets `isBase64Encoded`. API Gateway (and
 * the local gateway) turns that back into bytes only when the FIRST type of the request's
 * Accept header is a binary media type; otherwise the client receives the base64 text (a
 * browser sending `text/html,…,*\/*;q=0.8` does).
 */
import type { APIGatewayProxyResult } from '../aws-events.js';
import type { Request } from '../request.js';
import { isResponse, type HeaderValue } from '../response.js';
import { acceptsBinary, isBinaryContentType, mediaTypeOf } from './content-type.js';
import { binaryNotAcceptedResponse } from './error-responses.js';

const DEFAULT_CONTENT_TYPE = 'application/json';

export function responseToProxyResult(
  response: unknown,
  request: Request | null,
  binaryTypes: readonly string[],
): APIGatewayProxyResult {
  if (!isResponse(response)) {
    return {
      statusCode: 200,
      headers: { 'Content-Type': DEFAULT_CONTENT_TYPE },
      multiValueHeaders: {},
      body: bodyToText(response === undefined ? null : response),
      isBase64Encoded: false,
    };
  }
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  let contentType: string | undefined;
  const source = response.headers;
  for (const name in source) {
    if (!Object.hasOwn(source, name)) continue;
    const value = source[name];
    if (Array.isArray(value)) {
      multiValueHeaders[name] = value.map((v) => headerText(name, v));
      if (contentType === undefined && name.toLowerCase() === 'content-type') contentType = multiValueHeaders[name].at(-1);
    } else {
      headers[name] = headerText(name, value);
      if (contentType === undefined && name.toLowerCase() === 'content-type') contentType = headers[name];
    }
  }
  if (contentType === undefined) {
    contentType = DEFAULT_CONTENT_TYPE;
    headers['Content-Type'] = DEFAULT_CONTENT_TYPE;
  }
  if (binaryTypes.length > 0 && isBinaryContentType(contentType, binaryTypes)) {
    if (request !== null && !acceptsBinary(request.headers.get('accept'), binaryTypes)) {
      return responseToProxyResult(binaryNotAcceptedResponse(contentType, accessControlHeaders(source)), null, []);
    }
    return { statusCode: response.statusCode, headers, multiValueHeaders, body: binaryBody(response.body, contentType).toString('base64'), isBase64Encoded: true };
  }
  return { statusCode: response.statusCode, headers, multiValueHeaders, body: bodyToText(response.body), isBase64Encoded: false };
}

function bodyToText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  // `undefined` (a view that returns nothing) serialises like `null`, as Chalice's None does.
  return JSON.stringify(body) ?? 'null';
}

/**
 * The bytes of a binary response. Bytes and text are sent as they are; any other value is
 * a mistake (an object meant as JSON under an image type, say), so it fails like Chalice's
 * "Expected bytes type" error, a 500, rather than going out as JSON labelled binary. A
 * JSON content type the app lists as binary is the exception: its value is serialised.
 */
function binaryBody(body: unknown, contentType: string): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'string' || isJsonMediaType(contentType)) return Buffer.from(bodyToText(body), 'utf8');
  const kind = body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body;
  throw new TypeError(
    `Expected bytes type for body with binary Content-Type. Got ${kind} type body instead. ` +
      `(The response's Content-Type ${contentType} is in app.api.binaryTypes: return a Buffer body, or use a Content-Type that is not binary.)`,
  );
}

function isJsonMediaType(contentType: string): boolean {
  const mediaType = mediaTypeOf(contentType);
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/** A header value must be one line: a newline would split the HTTP response. */
function headerText(name: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  if (text.includes('\n') || text.includes('\r')) {
    throw new TypeError(`Bad value for header '${name}': ${JSON.stringify(text)} (header values must not contain line breaks)`);
  }
  return text;
}

/** CORS headers survive when a response is replaced by an error, so browsers can read it. */
function accessControlHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, HeaderValue> {
  const out: Record<string, HeaderValue> = {};
  for (const name in headers) {
    if (Object.hasOwn(headers, name) && name.toLowerCase().startsWith('access-control-')) out[name] = headers[name];
  }
  return out;
}
