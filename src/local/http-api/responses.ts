/**
 * Responses an API Gateway HTTP API produces itself. Unlike a REST API's, its bodies are
 * always `{"message":"…"}` with no space, and every one is a plain HTTP status text:
 * no route → 404 Not Found (never a 403 "Missing Authentication Token"), a failed or
 * malformed integration → 500, an integration timeout → 503.
 */
import type { GatewayResponse } from '../gateway/types.js';

function message(statusCode: number, text: string, extra: Record<string, string> = {}): GatewayResponse {
  const headers: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  for (const [name, value] of Object.entries(extra)) headers[name] = [value];
  return { statusCode, headers, body: Buffer.from(JSON.stringify({ message: text }), 'utf8') };
}

/** No route matches the method and path. */
export const notFound = (): GatewayResponse => message(404, 'Not Found');

/**
 * Missing or rejected credentials. A JWT authorizer says why in `www-authenticate`
 * (`Bearer scope="" error="invalid_token" error_description="the token has expired"`).
 */
export const unauthorized = (wwwAuthenticate?: string): GatewayResponse =>
  message(401, 'Unauthorized', wwwAuthenticate === undefined ? {} : { 'www-authenticate': wwwAuthenticate });

/** An authorizer denied the request, or a JWT lacks every scope the route requires. */
export const forbidden = (wwwAuthenticate?: string): GatewayResponse =>
  message(403, 'Forbidden', wwwAuthenticate === undefined ? {} : { 'www-authenticate': wwwAuthenticate });

/** The function or its authorizer failed, or returned something API Gateway cannot use. */
export const internalServerError = (): GatewayResponse => message(500, 'Internal Server Error');

/** The integration ran past its timeout. */
export const serviceUnavailable = (): GatewayResponse => message(503, 'Service Unavailable');

/** The event is over Lambda's invocation payload limit. */
export const requestEntityTooLarge = (): GatewayResponse => message(413, 'Request Entity Too Large');

/** The request target could not be parsed. */
export const badRequest = (): GatewayResponse => message(400, 'Bad Request');
