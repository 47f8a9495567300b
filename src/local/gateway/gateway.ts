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
 * `handle` never rejects: every failure becomes the HTTP response API Gateway would send.
 *
 * API Gateway facts this follows: an unknown path AND a known path without the method both
 * answer 403 "Missing Authentication Token" (not 404/405); REST APIs do not derive HEAD from
 * GET, so HEAD without a HEAD view is that same 403; the authorizer runs before the API key
 * check; the preflight OPTIONS needs neither.
 */
import { randomUUID } from 'node:crypto';
import type { LambdaContext } from '../../runtime/index.js';
import { createAuthorizerRunner, warnAboutUnsupportedAuthorizers, type InvocationOutcome } from './authorizers.js';
import { corsToPreflightResponse } from './cors-preflight.js';
import { badGateway, badRequest, forbidden, gatewayTimeout, missingAuthenticationToken } from './gateway-responses.js';
import { headerValue, headersToMultiValue } from './headers.js';
import { createFakeLambdaContext } from './lambda-context.js';
import { httpRequestToProxyEvent, stableId } from './proxy-event.js';
import { isProxyResult, proxyResultToHttpResponse } from './proxy-result.js';
import { urlToRequestTarget } from './request-target.js';
import { createRouteMatcher, type RouteMatcher } from './route-matcher.js';
import { systemClock, type ApiGateway, type ApiGatewayOptions, type GatewayApp, type GatewayRequest, type GatewayResponse } from './types.js';

/** Name of the Lambda function behind every route. */
const REST_API_FUNCTION = 'api_handler';
/** API Gateway's maximum integration timeout for REST APIs. */
const DEFAULT_TIMEOUT_MS = 29_000;

export function createApiGateway(app: GatewayApp, options: ApiGatewayOptions = {}): ApiGateway {
  const clock = options.clock ?? systemClock;
  const stageName = options.stageName ?? 'api';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const apiId = options.apiId ?? stableId(`api:${app.appName}`, 10);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const onWarning = options.onWarning ?? (() => {});
  const unsupported = options.unsupportedAuthorizers ?? 'refuse';
  const newRequestId = options.newRequestId ?? randomUUID;
  const lambdaContext =
    options.lambdaContext ??
    ((functionName: string): LambdaContext => createFakeLambdaContext({ appName: app.appName, stage: 'dev', functionName, region, accountId, clock }));

  const handlers = new Map<string, (event: unknown, context?: LambdaContext | null) => Promise<unknown>>();
  /** Calls one Lambda entry point; failures and timeouts are reported, never thrown. */
  async function invoke(functionName: string, event: unknown): Promise<InvocationOutcome> {
    const run = async (): Promise<unknown> => {
      let handler = handlers.get(functionName);
      if (handler === undefined) {
        handler = app.lambdaHandler(functionName);
        handlers.set(functionName, handler);
      }
      return handler(event, lambdaContext(functionName));
    };
    const invocation = options.wrapInvocation ? options.wrapInvocation(functionName, run) : run();
    return withTimeout(invocation, timeoutMs);
  }

  warnAboutUnsupportedAuthorizers(app, unsupported, onWarning);
  const authorizers = createAuthorizerRunner({ clock, unsupportedAuthorizers: unsupported, onWarning, invoke });

  // Routes are registered when the app module loads, but a test may add more later: recompile
  // the matcher whenever the set of paths grows (registration only ever adds).
  let matcher: RouteMatcher = createRouteMatcher(app.routes.keys());
  let matcherSize = app.routes.size;
  const currentMatcher = (): RouteMatcher => {
    if (app.routes.size !== matcherSize) {
      matcher = createRouteMatcher(app.routes.keys());
      matcherSize = app.routes.size;
    }
    return matcher;
  };

  async function respond(request: GatewayRequest, requestId: string): Promise<GatewayResponse> {
    const parsed = urlToRequestTarget(request.url);
    if (!parsed.ok) return badRequest(`Bad request: ${parsed.reason}`);
    const target = parsed.target;
    const match = currentMatcher().match(target.path);
    if (match === null) return missingAuthenticationToken();
    const byMethod = app.routes.get(match.resource);
    const method = request.method.toUpperCase();
    const route = byMethod?.get(method as never);
    if (!byMethod || !route) {
      if (method === 'OPTIONS' && byMethod) {
        const cors = [...byMethod.values()].find((r) => r.cors !== null)?.cors;
        if (cors) return corsToPreflightResponse([...byMethod.keys()], cors);
      }
      return missingAuthenticationToken();
    }

    const headers = headersToMultiValue(request.headers);
    let authorizerContext: Record<string, unknown> | undefined;
    if (route.authorizer) {
      const methodPath = target.path.length > 1 && target.path.endsWith('/') ? target.path.slice(0, -1) : target.path;
      const methodArn = `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stageName}/${method}${methodPath}`;
      const outcome = await authorizers.authorize(route.authorizer, { headers, methodArn });
      if (!outcome.ok) return outcome.response;
      authorizerContext = outcome.authorizerContext;
    }
    const apiKey = headerValue(headers, 'x-api-key');
    if (route.apiKeyRequired && (!apiKey || (options.apiKeys !== undefined && !options.apiKeys.includes(apiKey)))) return forbidden();

    const event = httpRequestToProxyEvent(request, target, match, {
      stageName,
      stageVariables: options.stageVariables ?? null,
      accountId,
      apiId,
      region,
      binaryTypes: app.api.binaryTypes,
      requestId,
      requestTimeEpoch: clock.now(),
      ...(authorizerContext ? { authorizer: authorizerContext } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
    });
    const outcome = await invoke(REST_API_FUNCTION, event);
    if (outcome.kind === 'timed-out') return gatewayTimeout();
    if (outcome.kind === 'failed' || !isProxyResult(outcome.value)) return badGateway();
    return proxyResultToHttpResponse(outcome.value);
  }

  return {
    async handle(request: GatewayRequest): Promise<GatewayResponse> {
      let requestId = '';
      let response: GatewayResponse;
      try {
        requestId = newRequestId();
        response = await respond(request, requestId);
      } catch {
        // Only a bug in the emulation itself gets here; answer as API Gateway's own failure would.
        response = badGateway();
      }
      const headers = { ...response.headers, 'x-amzn-RequestId': [requestId] };
      const isHead = typeof request.method === 'string' && request.method.toUpperCase() === 'HEAD';
      return { statusCode: response.statusCode, headers, body: isHead ? Buffer.alloc(0) : response.body };
    },
  };
}

/** Resolves to the invocation's outcome, or 'timed-out' after `ms` (0 or Infinity: never). */
async function withTimeout(invocation: Promise<unknown>, ms: number): Promise<InvocationOutcome> {
  const settled = invocation.then(
    (value): InvocationOutcome => ({ kind: 'returned', value }),
    (error: unknown): InvocationOutcome => ({ kind: 'failed', error }),
  );
  if (!(ms > 0) || ms === Infinity) return settled;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out' }), ms);
  });
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
