/**
 * The runtime's own HTTP error responses, all with Chalice's `{"Code", "Message"}` JSON
 * body (except the debug-mode stack trace, which is plain text so it reads well).
 */
import type { ChaliceViewError } from '../errors.js';
import { Response, type HeaderValue } from '../response.js';

const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

export function errorResponse(
  code: string,
  message: string,
  statusCode: number,
  headers?: Readonly<Record<string, HeaderValue>> | null,
): Response {
  return new Response({
    body: { Code: code, Message: message },
    statusCode,
    headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS,
  });
}

export function viewErrorToResponse(error: ChaliceViewError): Response {
  return errorResponse(error.code, error.message, error.statusCode);
}

/** 500 for an exception a view did not turn into an HTTP error; `debug` shows the stack. */
export function unhandledErrorToResponse(error: unknown, debug: boolean): Response {
  if (debug) {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    return new Response({ body: text, statusCode: 500, headers: { 'Content-Type': 'text/plain' } });
  }
  return errorResponse('InternalServerError', 'An internal server error occurred.', 500);
}

export function methodNotAllowedResponse(method: string, allowed: readonly string[]): Response {
  return errorResponse('MethodNotAllowedError', `Unsupported method: ${method}`, 405, { Allow: allowed.join(', ') });
}

export function unsupportedMediaTypeResponse(contentType: string): Response {
  return errorResponse('UnsupportedMediaType', `Unsupported media type: ${contentType}`, 415);
}

export function binaryNotAcceptedResponse(contentType: string, headers: Record<string, HeaderValue>): Response {
  return errorResponse(
    'BadRequest',
    `Request did not specify an Accept header with ${contentType}, The response has a Content-Type of ${contentType}. ` +
      'If a response has a binary Content-Type then the request must specify an Accept header that matches.',
    400,
    headers,
  );
}
