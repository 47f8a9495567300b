/**
 * API Gateway REST emulation: `createApiGateway(app, options).handle(request)` answers an HTTP
 * request the way a deployed Chalice API would. Used by the `chalice local` server and by the
 * test client (`chalice-ts/test`); the pure converters are exported for both and for tests.
 */
export { createApiGateway } from './gateway.js';
export type {
  ApiGateway,
  ApiGatewayOptions,
  Clock,
  GatewayApp,
  GatewayCors,
  GatewayRequest,
  GatewayResponse,
  GatewayRoute,
  InvocationWrapper,
} from './types.js';
export { systemClock } from './types.js';
export { httpRequestToProxyEvent, clfTime, type ProxyEventSettings } from './proxy-event.js';
export { isProxyResult, proxyResultToHttpResponse, type ProxyResultShape } from './proxy-result.js';
export { urlToRequestTarget, queryStringToPairs, type RequestTarget, type RequestTargetResult } from './request-target.js';
export { createRouteMatcher, type RouteMatch, type RouteMatcher } from './route-matcher.js';
export { corsToAccessControlHeaders, corsToPreflightHeaders, corsToPreflightResponse } from './cors-preflight.js';
export { arnMatches, arnPatternToRegExp, evaluatePolicy, type PolicyDecision } from './policy.js';
export { createAuthorizerCache, type AuthorizerCache } from './authorizer-cache.js';
export { authorizerResultToPolicy } from './authorizers.js';
export { jwtToClaims, claimsToStringMap } from './jwt.js';
export { createFakeLambdaContext, createFakeLambdaContextFactory, type FakeLambdaContextFactory, type FakeLambdaContextOptions } from './lambda-context.js';
export { headersToIndex, headersToMultiValue, isBinaryMediaType, mediaType, type HeaderIndex } from './headers.js';
