/**
 * Lambda's synchronous invocation payload limits, as API Gateway meets them.
 *
 * Lambda measures the JSON it receives and returns, not the HTTP body: the proxy event with
 * its headers (twice: single and multi-value), query and a base64 body (a third larger than the
 * bytes), and the proxy result as serialised. The two limits differ by 100 bytes:
 * - request: an event over 6,291,456 bytes is refused (RequestEntityTooLargeException,
 *   "Request must be smaller than 6291456 bytes for the InvokeFunction operation") and API
 *   Gateway answers 413 `{"message": "Request Too Long"}`;
 * - response: a result over 6,291,556 bytes fails the invocation (Function.ResponseSizeTooLarge,
 *   "Response payload size exceeded maximum allowed payload size (6291556 bytes)") and API
 *   Gateway answers 502 `{"message": "Internal server error"}`.
 *
 * Serialising every event and result to measure it would cost each request a JSON.stringify,
 * so an upper bound comes first: JSON escapes a UTF-16 code unit into at most 6 bytes, so a
 * payload whose strings are short enough cannot be over the limit. Only a payload whose bound
 * is over it (megabytes of body) is serialised and measured exactly.
 */
import type { APIGatewayProxyEvent } from '../../runtime/index.js';
import type { ProxyResultShape } from './proxy-result.js';

/** Lambda's limit on a synchronous invocation's event, in bytes of JSON. */
export const MAX_EVENT_BYTES = 6_291_456;
/** Lambda's limit on a synchronous invocation's result, in bytes of JSON. */
export const MAX_RESULT_BYTES = 6_291_556;

/** The most bytes JSON can spend on one UTF-16 code unit (`\u001f`). */
const MAX_JSON_BYTES_PER_UNIT = 6;
/** Room for the fixed fields, punctuation and the request context's own strings. */
const FIXED_ALLOWANCE = 16 * 1024;

/** Whether the REST proxy event is over Lambda's request limit. */
export function isEventTooLarge(event: APIGatewayProxyEvent): boolean {
  // Headers appear in `headers` and `multiValueHeaders` (and the request context copies a few); the path in `path`, `resource`,
  // `requestContext.path`/`resourcePath` and `pathParameters`; the query twice.
  let units = (event.body?.length ?? 0) + 4 * event.path.length + 2 * event.resource.length;
  units += 3 * stringMapUnits(event.multiValueHeaders) + 2 * stringMapUnits(event.multiValueQueryStringParameters);
  const authorizer = event.requestContext.authorizer;
  if (authorizer) units += JSON.stringify(authorizer).length;
  if (units * MAX_JSON_BYTES_PER_UNIT + FIXED_ALLOWANCE <= MAX_EVENT_BYTES) return false;
  return jsonBytes(event) > MAX_EVENT_BYTES;
}

/** Whether an event already serialised is over Lambda's request limit (UTF-8 spends at most 3 bytes per UTF-16 unit). */
export function isEventJsonTooLarge(eventJson: string): boolean {
  return eventJson.length * 3 > MAX_EVENT_BYTES && Buffer.byteLength(eventJson, 'utf8') > MAX_EVENT_BYTES;
}

/** Whether a (well-formed) proxy result is over Lambda's response limit. */
export function isResultTooLarge(result: ProxyResultShape): boolean {
  const units = (result.body?.length ?? 0) + stringMapUnits(result.headers) + stringMapUnits(result.multiValueHeaders);
  if (units * MAX_JSON_BYTES_PER_UNIT + FIXED_ALLOWANCE <= MAX_RESULT_BYTES) return false;
  return jsonBytes(result) > MAX_RESULT_BYTES;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * Code units of a header/query map's names and values, plus a few per entry for quotes and
 * separators (counted as units, so the per-unit bound covers them too).
 */
function stringMapUnits(map: Readonly<Record<string, unknown>> | null | undefined): number {
  if (!map) return 0;
  let units = 0;
  for (const name of Object.keys(map)) {
    units += name.length + 4;
    const value = map[name];
    if (Array.isArray(value)) for (const item of value) units += String(item).length + 3;
    else units += String(value).length + 3;
  }
  return units;
}
