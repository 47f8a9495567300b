/**
 * Responses API Gateway produces itself (its "gateway responses"), with the exact bodies a
 * deployed API returns, so clients and tests see the same status and JSON locally.
 */
import type { GatewayResponse } from './types.js';

function gatewayResponse(statusCode: number, body: unknown, errorType?: string): GatewayResponse {
  return rawGatewayResponse(statusCode, JSON.stringify(body), errorType);
}

/** A gateway response whose JSON text is given verbatim (some of API Gateway's have a space after the colon). */
function rawGatewayResponse(statusCode: number, jsonText: string, errorType?: string): GatewayResponse {
  const headers: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  if (errorType) headers['x-amzn-ErrorType'] = [errorType];
  return { statusCode, headers, body: Buffer.from(jsonText, 'utf8') };
}

/** No resource matches the path, or the resource has no such method (a 403, not a 404). */
export const missingAuthenticationToken = (): GatewayResponse =>
  gatewayResponse(403, { message: 'Missing Authentication Token' }, 'MissingAuthenticationTokenException');

/**
 * No resource or method matches, and the request carries an `Authorization` header that is not
 * a complete SigV4 signature: API Gateway tries to read it as one (a request that reaches no
 * method is treated as IAM-authenticated) and lists what is missing, echoing the header.
 */
export const incompleteSignature = (missing: readonly string[], authorization: string): GatewayResponse =>
  gatewayResponse(403, { message: `${missing.join(' ')} Authorization=${authorization}` }, 'IncompleteSignatureException');

/**
 * The proxy event is over Lambda's synchronous payload limit: Lambda refuses the invocation
 * (RequestEntityTooLargeException) and API Gateway answers 413 with this exact body.
 */
export const requestTooLong = (): GatewayResponse => rawGatewayResponse(413, '{"message": "Request Too Long"}', 'BadRequestException');

/** Missing token, or the authorizer rejected it (threw 'Unauthorized'). */
export const unauthorized = (message = 'Unauthorized'): GatewayResponse => gatewayResponse(401, { message }, 'UnauthorizedException');

/** The authorizer's policy does not allow this method ARN. Note the capital `Message`. */
export const accessDenied = (explicitDeny: boolean): GatewayResponse =>
  gatewayResponse(
    403,
    { Message: explicitDeny ? 'User is not authorized to access this resource with an explicit deny' : 'User is not authorized to access this resource' },
    'AccessDeniedException',
  );

/** An `apiKeyRequired` method called without a valid `x-api-key`. */
export const forbidden = (): GatewayResponse => gatewayResponse(403, { message: 'Forbidden' }, 'ForbiddenException');

// API Gateway's integration-failure bodies are written with a space after the colon, unlike
// its routing and auth ones above; kept byte for byte.

/** The authorizer crashed or returned something that is not a policy. */
export const authorizerConfigurationError = (): GatewayResponse => rawGatewayResponse(500, '{"message": null}', 'AuthorizerConfigurationException');

/** The Lambda crashed, failed (e.g. over its payload limit) or returned a malformed proxy result. */
export const badGateway = (): GatewayResponse => rawGatewayResponse(502, '{"message": "Internal server error"}', 'InternalServerErrorException');

/** The integration ran past the timeout. */
export const gatewayTimeout = (): GatewayResponse => rawGatewayResponse(504, '{"message": "Endpoint request timed out"}');

/** The request target could not be parsed. */
export const badRequest = (message: string): GatewayResponse => gatewayResponse(400, { message }, 'BadRequestException');
