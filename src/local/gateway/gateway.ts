/**
 * The API Gateway REST emulation shared by `chalice local` and the test client.
 *
 * One request flows through the same steps as in a deployed API:
 *   request target → resource match (403 "Missing Authentication Token" when none)
 *   → method on the resource (else: CORS preflight by the mock OPTIONS method, or 403)
 *   → authorizer (authorizers.ts) → API key check → proxy event (proxy-event.ts)
 *   → `app.lambdaHandler('api_handler')` with a fake Lambda context, under a timeout
 *   → proxy result → HTTP response (proxy-result.ts); HEAD responses lose their body.
 * Lambda entry points are only reached through `app.lambdaHandler(name)`, with plain JSON in
 * and out, so an app loaded from a bundle with its own copy of the runtime works the same.
 * `handle` never rejects and `answer` (the same, delivered to a callback, for the local server)
 * always answers: every failure becomes the HTTP response API Gateway would send.
 *
 * Per request this does only what the request needs: route tables are compiled per app load,
 * headers are indexed once, nothing before the Lambda call is asynchronous, and the call
 * itself costs one `then` plus a link in the shared timeout list (invoker.ts).
 *
 * API Gateway facts this follows: an unknown path AND a known path without the method both
 * answer 403 "Missing Authentication Token" (not 404/405), or IncompleteSignatureException
 * when they carry an Authorization header that is not SigV4 (sigv4-header.ts); REST APIs do
 * not derive HEAD from GET, so HEAD without a HEAD view is that same 403; the authorizer runs
 * before the API key check; the preflight OPTIONS needs neither. Lambda's 6 MB payload limits
 * apply to the event and the result (payload-limits.ts); a result HTTP cannot carry (a header
 * value outside ISO-8859-1) is a malformed proxy response, 502; every answer carries
 * Content-Length, as API Gateway's do.
 */
import { randomUUID } from 'node:crypto';
import { createAuthorizerRunner, warnAboutUnsupportedAuthorizers, type InvocationOutcome } from './authorizers.js';
import { corsToPreflightResponse } from './cors-preflight.js';
import { badGateway, badRequest, forbidden, gatewayTimeout, incompleteSignature, missingAuthenticationToken, requestTooLong } from './gateway-responses.js';
import { headersToIndex, upperCaseMethod, type HeaderIndex } from './headers.js';
import { createGatewayInvoker } from './invoker.js';
import { isEventJsonTooLarge, isEventTooLarge, isResultTooLarge, MAX_RESULT_BYTES } from './payload-limits.js';
import { proxyEventJsonOf, proxyEventOf, stableId } from './proxy-event.js';
import { proxyResultProblem, proxyResultToHttpResponse, type BinaryResponseContext, type ProxyResultShape } from './proxy-result.js';
import { urlToRequestTarget, type RequestTarget } from './request-target.js';
import { liveRouteMatcher, type RouteMatch } from './route-matcher.js';
import { missingSigV4Parts } from './sigv4-header.js';
import {
  systemClock,
  type ApiGateway,
  type ApiGatewayOptions,
  type GatewayApp,
  type GatewayRequest,
  type GatewayResponse,
  type GatewayRoute,
} from './types.js';

/** Name of the Lambda function behind every route. */
const REST_API_FUNCTION = 'api_handler';
/** API Gateway's maximum integration timeout for REST APIs. */
const DEFAULT_TIMEOUT_MS = 29_000;

export function createApiGateway(app: GatewayApp, options: ApiGatewayOptions = {}): ApiGateway {
  const clock = options.clock ?? systemClock;
  const stageName = options.stageName ?? 'api';
  const stageVariables = options.stageVariables ?? null;
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const apiId = options.apiId ?? stableId(`api:${app.appName}`, 10);
  const apiKeys = options.apiKeys;
  const onWarning = options.onWarning ?? (() => {});
  const unsupported = options.unsupportedAuthorizers ?? 'refuse';
  const newRequestId = options.newRequestId ?? randomUUID;
  const methodArnPrefix = `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stageName}/`;
  // A Lambda that times out first fails the invocation (502); API Gateway's own timeout answers 504.
  const { invoker, lambdaTimesOutFirst } = createGatewayInvoker(app, options, { region, accountId, clock, defaultTimeoutMs: DEFAULT_TIMEOUT_MS });
  const outcomeToResponse = (outcome: InvocationOutcome, binary: BinaryResponseContext): GatewayResponse =>
    outcome.kind === 'timed-out' && lambdaTimesOutFirst ? badGateway() : invocationToResponse(outcome, binary, onWarning);

  warnAboutUnsupportedAuthorizers(app, unsupported, onWarning, options.unsupportedAuthorizersHint);
  const authorizers = createAuthorizerRunner({
    clock,
    unsupportedAuthorizers: unsupported,
    unsupportedAuthorizersHint: options.unsupportedAuthorizersHint,
    onWarning,
    invoke: invoker.invoke,
  });

  const currentMatcher = liveRouteMatcher(app.routes);

  /**
   * Everything up to the Lambda call runs synchronously; only an authorizer or the
   * invocation defers the answer. `deliver` is called once, as the last thing done.
   */
  function routeRequest(request: GatewayRequest, requestId: string, deliver: Deliver): void {
    const parsed = urlToRequestTarget(request.url);
    if (!parsed.ok) return deliver(badRequest(`Bad request: ${parsed.reason}`));
    const target = parsed.target;
    const match = currentMatcher().match(target.path);
    if (match === null) return deliver(noSuchMethod(request));
    const byMethod = app.routes.get(match.resource);
    const method = upperCaseMethod(request.method);
    const route = byMethod?.get(method as never);
    if (!byMethod || !route) {
      if (method === 'OPTIONS' && byMethod) {
        // Only the methods with CORS are listed; they share one config (the app enforces it).
        const withCors = [...byMethod.values()].filter((r) => r.cors !== null);
        if (withCors.length > 0) return deliver(corsToPreflightResponse(withCors.map((r) => r.method), withCors[0].cors!));
      }
      return deliver(noSuchMethod(request));
    }
    const routed: RoutedRequest = { request, requestId, target, match, route, method, headers: headersToIndex(request.headers) };
    if (!route.authorizer) return invokeRoute(routed, undefined, deliver);
    const path = target.path;
    const methodArn = `${methodArnPrefix}${method}${path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path}`;
    authorizers.authorize(route.authorizer, { headers: routed.headers.multi, methodArn }).then(
      (outcome) => {
        if (!outcome.ok) return deliver(outcome.response);
        try {
          invokeRoute(routed, outcome.authorizerContext, deliver);
        } catch {
          deliver(badGateway()); // only reached when nothing was delivered yet
        }
      },
      () => deliver(badGateway()),
    );
  }

  /** API key check, proxy event, `api_handler`. */
  function invokeRoute(routed: RoutedRequest, authorizerContext: Record<string, unknown> | undefined, deliver: Deliver): void {
    const { request, headers } = routed;
    const apiKey = headers.last('x-api-key');
    if (routed.route.apiKeyRequired && (!apiKey || (apiKeys !== undefined && !apiKeys.includes(apiKey)))) return deliver(forbidden());
    const settings = {
      stageName,
      stageVariables,
      accountId,
      apiId,
      region,
      binaryTypes: app.api.binaryTypes,
      requestId: routed.requestId,
      requestTimeEpoch: clock.now(),
      authorizer: authorizerContext,
      apiKey,
    };
    const binary: BinaryResponseContext = { accept: headers.last('accept'), binaryTypes: app.api.binaryTypes };
    if (app.lambdaJsonHandler !== undefined) {
      const eventJson = proxyEventJsonOf(request, routed.target, routed.match, settings, headers);
      // Lambda refuses an event over its payload limit before running anything.
      if (isEventJsonTooLarge(eventJson)) return deliver(requestTooLong());
      return invoker.runJson(REST_API_FUNCTION, eventJson, (outcome) => deliver(outcomeToResponse(outcome, binary)));
    }
    const event = proxyEventOf(request, routed.target, routed.match, settings, headers);
    if (isEventTooLarge(event)) return deliver(requestTooLong());
    invoker.run(REST_API_FUNCTION, event, (outcome) => deliver(outcomeToResponse(outcome, binary)));
  }

  function answer(request: GatewayRequest, onResponse: (response: GatewayResponse) => void): void {
    let requestId = '';
    let answered = false;
    const deliver: Deliver = (response) => {
      if (answered) return;
      answered = true;
      onResponse(finishResponse(request, response, requestId));
    };
    try {
      requestId = newRequestId();
      routeRequest(request, requestId, deliver);
    } catch {
      // Only a bug in the emulation itself (or a wrapInvocation that throws) gets here; answer
      // as API Gateway's own failure would.
      deliver(badGateway());
    }
  }

  return {
    answer,
    handle: (request) => new Promise((resolve) => answer(request, resolve)),
  };
}

/** Hands a response on to be finished and sent (once per request). */
type Deliver = (response: GatewayResponse) => void;

/** A request that reached a route, with what the later steps need. */
interface RoutedRequest {
  readonly request: GatewayRequest;
  readonly requestId: string;
  readonly target: RequestTarget;
  readonly match: RouteMatch;
  readonly route: GatewayRoute;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly headers: HeaderIndex;
}

/**
 * A request that reaches no method: 403 "Missing Authentication Token", or, when it carries
 * an Authorization header that is not a complete SigV4 signature, API Gateway's
 * IncompleteSignatureException saying what the header lacks.
 */
function noSuchMethod(request: GatewayRequest): GatewayResponse {
  const headers = headersToIndex(request.headers);
  const authorization = headers.last('authorization');
  if (authorization === undefined || authorization === '') return missingAuthenticationToken();
  const missing = missingSigV4Parts(authorization, headers);
  return missing.length === 0 ? missingAuthenticationToken() : incompleteSignature(missing, authorization);
}

/**
 * The Lambda's answer as API Gateway sends it: its proxy result, or 502/504. Why a result was
 * refused goes to `onWarning` (the client only ever sees API Gateway's generic body).
 */
function invocationToResponse(outcome: InvocationOutcome, binary: BinaryResponseContext, onWarning: (message: string) => void): GatewayResponse {
  if (outcome.kind === 'timed-out') return gatewayTimeout();
  if (outcome.kind === 'failed') return badGateway();
  const problem = proxyResultProblem(outcome.value);
  if (problem !== null) {
    onWarning(`${REST_API_FUNCTION} returned a malformed Lambda proxy response, which API Gateway answers 502: ${problem}`);
    return badGateway();
  }
  const result = outcome.value as ProxyResultShape;
  if (isResultTooLarge(result)) {
    onWarning(`${REST_API_FUNCTION} returned more than Lambda's ${MAX_RESULT_BYTES}-byte response payload limit, so the invocation fails and API Gateway answers 502; return large content from S3 (e.g. a presigned URL) instead`);
    return badGateway();
  }
  try {
    return proxyResultToHttpResponse(result, binary);
  } catch {
    return badGateway();
  }
}

/**
 * Adds `x-amzn-RequestId` and `Content-Length` (the body's real length, replacing any the
 * Lambda set, as API Gateway does) and drops the body of a HEAD answer, whose Content-Length
 * stays the one a GET would get. Every response reaching here was built for this request, so
 * its header map is changed in place rather than copied.
 */
function finishResponse(request: GatewayRequest, response: GatewayResponse, requestId: string): GatewayResponse {
  const headers = response.headers;
  for (const name of Object.keys(headers)) {
    if (name.length === 14 && name.toLowerCase() === 'content-length') delete headers[name];
  }
  headers['Content-Length'] = [String(response.body.length)];
  headers['x-amzn-RequestId'] = [requestId];
  const isHead = typeof request.method === 'string' && upperCaseMethod(request.method) === 'HEAD';
  return { statusCode: response.statusCode, headers, body: isHead ? Buffer.alloc(0) : response.body };
}
