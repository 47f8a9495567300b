/**
 * The API Gateway HTTP API emulation (`api_type: "http"`), shared by `chalice local` and the
 * test client; the REST one is ../gateway/gateway.ts. Same `ApiGateway` interface, same
 * invoker (so `chalice local` keeps each invocation in its Lambda sandbox), different rules:
 *
 *   request target → preflight? (API Gateway answers it itself, cors.ts)
 *   → route by method + path (none: 404 {"message":"Not Found"}; HEAD is not GET)
 *   → authorizer (authorizers.ts: JWT, Lambda payload 2.0, IAM)
 *   → payload format 2.0 event (v2-event.ts) → `api_handler`, under the integration timeout
 *   → 2.0 result with its inference rules (v2-result.ts) → CORS headers for an allowed Origin
 *   → `apigw-requestid`, Content-Length; HEAD answers lose their body.
 *
 * Failures as an HTTP API reports them: the function failed or returned something unusable
 * → 500 {"message":"Internal Server Error"} (the reason goes to `onWarning`); the integration
 * timed out → 503 {"message":"Service Unavailable"}; an event over Lambda's 6 MB limit → 413.
 * What an HTTP API cannot serve (API keys, Cognito/custom authorizers, conflicting CORS) is
 * refused when the gateway is created (validate.ts, cors.ts).
 */
import { randomUUID } from 'node:crypto';
import { headersToIndex, upperCaseMethod } from '../gateway/headers.js';
import { createGatewayInvoker } from '../gateway/invoker.js';
import type { InvocationOutcome } from '../gateway/authorizers.js';
import { stableId } from '../gateway/proxy-event.js';
import { urlToRequestTarget } from '../gateway/request-target.js';
import { liveRouteMatcher } from '../gateway/route-matcher.js';
import { systemClock, type ApiGateway, type ApiGatewayOptions, type GatewayApp, type GatewayRequest, type GatewayResponse } from '../gateway/types.js';
import { createHttpAuthorizerRunner } from './authorizers.js';
import { applyCors, httpApiCorsOf, isPreflight, preflightResponse } from './cors.js';
import { createJwksProvider, type JwksSource } from './jwks.js';
import { badRequest, internalServerError, notFound, requestEntityTooLarge, serviceUnavailable } from './responses.js';
import { checkHttpApiApp, jwtAuthorizerNames } from './validate.js';
import { httpRequestToV2Event, type V2EventSettings } from './v2-event.js';
import { isV2ResultTooLarge, MAX_RESULT_BYTES, v2ResultToHttpResponse } from './v2-result.js';

const API_HANDLER = 'api_handler';
/** An HTTP API's maximum (and default) integration timeout. */
export const HTTP_API_TIMEOUT_MS = 30_000;
/** Lambda's limit on a synchronous invocation's event, in bytes of JSON. */
const MAX_EVENT_BYTES = 6_291_456;

export interface HttpApiGatewayOptions extends Omit<ApiGatewayOptions, 'apiKeys'> {
  /**
   * The JSON Web Key Set JWT authorizers check signatures against: a file path, an http(s)
   * URL, or the key set itself. Without it, requests to JWT-protected routes are 401.
   */
  readonly jwks?: JwksSource;
  /** Directory a relative `jwks` path is read from. @default process.cwd() */
  readonly jwksBaseDir?: string;
  /** How the start-up warning tells the user to provide a JWKS. @default names the `jwks` option */
  readonly jwksHint?: string;
}

/** @throws ChaliceTsError when the app uses what HTTP APIs lack (see validate.ts, cors.ts) or the JWKS file is unusable */
export function createHttpApiGateway(app: GatewayApp, options: HttpApiGatewayOptions = {}): ApiGateway {
  checkHttpApiApp(app);
  const cors = httpApiCorsOf(app);
  const clock = options.clock ?? systemClock;
  const stage = options.stageName ?? 'api';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const apiId = options.apiId ?? stableId(`http-api:${app.appName}`, 10);
  const onWarning = options.onWarning ?? (() => {});
  const newRequestId = options.newRequestId ?? randomUUID;
  const jwks = options.jwks === undefined ? undefined : createJwksProvider(options.jwks, options.jwksBaseDir, () => clock.now());
  const jwtNames = jwtAuthorizerNames(app);
  if (jwks === undefined && jwtNames.length > 0) {
    onWarning(
      `JWT authorizer${jwtNames.length > 1 ? 's' : ''} ${jwtNames.join(', ')} cannot check tokens without the issuer's keys, so their routes answer 401; ${options.jwksHint ?? 'pass the jwks option (a JWKS file, an http(s) URL or the key set)'}`,
    );
  }
  const { invoker, lambdaTimesOutFirst } = createGatewayInvoker(app, options, { region, accountId, clock, defaultTimeoutMs: HTTP_API_TIMEOUT_MS });
  const authorizers = createHttpAuthorizerRunner({
    clock,
    jwks,
    unsupportedAuthorizers: options.unsupportedAuthorizers ?? 'refuse',
    onWarning,
    invoke: invoker.invoke,
  });

  const currentMatcher = liveRouteMatcher(app.routes);

  const outcomeToResponse = (outcome: InvocationOutcome): GatewayResponse => {
    if (outcome.kind === 'timed-out') return lambdaTimesOutFirst ? internalServerError() : serviceUnavailable();
    if (outcome.kind === 'failed') return internalServerError();
    if (isV2ResultTooLarge(outcome.value)) {
      onWarning(`${API_HANDLER} returned more than Lambda's ${MAX_RESULT_BYTES}-byte response payload limit, so the invocation fails and the HTTP API answers 500; return large content from S3 (e.g. a presigned URL) instead`);
      return internalServerError();
    }
    const converted = v2ResultToHttpResponse(outcome.value);
    if (!converted.ok) {
      onWarning(`${API_HANDLER} returned a response the HTTP API cannot use, so it answers 500: ${converted.problem}`);
      return internalServerError();
    }
    return converted.response;
  };

  /** `deliver(response, true)`: API Gateway's own preflight answer, whose CORS headers are final. */
  function route(request: GatewayRequest, requestId: string, deliver: (response: GatewayResponse, preflight?: boolean) => void): void {
    const parsed = urlToRequestTarget(request.url);
    if (!parsed.ok) return deliver(badRequest());
    const path = parsed.target.path;
    const headers = headersToIndex(request.headers);
    const method = upperCaseMethod(request.method);
    const match = currentMatcher().match(path);
    const routeEntry = match === null ? undefined : app.routes.get(match.resource)?.get(method as never);
    if (routeEntry === undefined || match === null) {
      if (cors !== null && isPreflight(method, headers.last('origin'), headers.last('access-control-request-method'))) {
        return deliver(preflightResponse(cors, headers.last('origin')), true);
      }
      return deliver(notFound());
    }
    const settings: V2EventSettings = {
      routeKey: `${method} ${match.resource}`,
      stage,
      pathParameters: match.pathParameters,
      stageVariables: options.stageVariables ?? null,
      accountId,
      apiId,
      region,
      requestId,
      timeEpoch: clock.now(),
    };
    const invoke = (authorizer: Record<string, unknown> | undefined): void => {
      const event = httpRequestToV2Event(request, authorizer === undefined ? settings : { ...settings, authorizer });
      if (request.body.length > 1024 * 1024 && Buffer.byteLength(JSON.stringify(event), 'utf8') > MAX_EVENT_BYTES) return deliver(requestEntityTooLarge());
      invoker.run(API_HANDLER, event, (outcome) => deliver(outcomeToResponse(outcome)));
    };
    if (!routeEntry.authorizer) return invoke(undefined);
    const routePath = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const routeArn = `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}${routePath}`;
    authorizers
      .authorize(routeEntry.authorizer, { headers: headers.multi, routeArn, event: () => httpRequestToV2Event(request, settings) as unknown as Record<string, unknown> })
      .then(
        (outcome) => (outcome.ok ? invoke(outcome.authorizer) : deliver(outcome.response)),
        () => deliver(internalServerError()),
      );
  }

  function answer(request: GatewayRequest, onResponse: (response: GatewayResponse) => void): void {
    let requestId = '';
    let answered = false;
    const deliver = (response: GatewayResponse, preflight = false): void => {
      if (answered) return;
      answered = true;
      const withCors = cors === null || preflight ? response : applyCors(cors, headersToIndex(request.headers).last('origin'), response);
      onResponse(finishResponse(request, withCors, requestId));
    };
    try {
      requestId = newRequestId();
      route(request, requestId, deliver);
    } catch (error) {
      onWarning(`The HTTP API emulation failed: ${(error as Error)?.stack ?? String(error)}`);
      deliver(internalServerError());
    }
  }

  return { answer, handle: (request) => new Promise((resolve) => answer(request, resolve)) };
}

/** Content-Length (the body's real length), `apigw-requestid`, and no body for HEAD. In place. */
function finishResponse(request: GatewayRequest, response: GatewayResponse, requestId: string): GatewayResponse {
  const headers = response.headers;
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-length') delete headers[name];
  headers['Content-Length'] = [String(response.body.length)];
  headers['apigw-requestid'] = [requestId];
  const isHead = typeof request.method === 'string' && upperCaseMethod(request.method) === 'HEAD';
  return { statusCode: response.statusCode, headers, body: isHead ? Buffer.alloc(0) : response.body };
}
