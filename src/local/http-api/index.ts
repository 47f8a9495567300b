/**
 * API Gateway HTTP API emulation (`api_type: "http"`): `createHttpApiGateway(app, options)`
 * answers requests as a deployed HTTP API with payload format 2.0 would. Used by `chalice
 * local` and the test client; `httpRequestToV2Event` also builds Function URL events.
 */
export { createHttpApiGateway, HTTP_API_TIMEOUT_MS, type HttpApiGatewayOptions } from './gateway.js';
export { httpRequestToV2Event, isTextContentType, type V2EventSettings, type V2RequestDescription } from './v2-event.js';
export { v2ResultToHttpResponse, type V2ResultOutcome } from './v2-result.js';
export { verifyJwt, bearerToken, type JsonWebKeySet, type JwtAuthorizerConfig, type JwtOutcome } from './jwt-verify.js';
export { createJwksProvider, type JwksProvider, type JwksSource } from './jwks.js';
export { httpApiCorsOf, type HttpApiCors } from './cors.js';
