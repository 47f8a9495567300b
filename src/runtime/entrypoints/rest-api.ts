/**
 * The REST API entry point: one Lambda (`api_handler`) serves every route of the app.
 *
 *   proxy event → Request → invocation scope (app.currentRequest) → 'http' middleware
 *   → dispatch: route by resource template + method (405), content type (415), the view,
 *     HTTP errors → {"Code","Message"}, anything else → 500, CORS headers
 *   → Response → proxy result (headers, JSON/text/base64 body, binary Accept rule)
 *
 * Middleware sees a `Request` and gets a `Response` back from `next`; errors a view throws
 * are already responses by then, except `ChaliceUnhandledError`, which propagates so that
 * middleware can handle it. Whatever escapes the chain becomes a 500 here, so the Lambda
 * never fails on a view's error (API Gateway would turn that into a bare 502).
 *
 * Cost matters (this runs on every request): per-route data is compiled once, the
 * middleware chain is rebuilt only when middleware is registered, and the per-call path
 * allocates little beyond the Request and the result.
 */
import type { Chalice } from '../app.js';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from '../aws-events.js';
import { ChaliceUnhandledError, isChaliceViewError } from '../errors.js';
import { createRouteCompiler, withDefaultHeaders } from '../http/compiled-route.js';
import { contentTypeMatches } from '../http/content-type.js';
import {
  errorResponse,
  methodNotAllowedResponse,
  unhandledErrorToResponse,
  unsupportedMediaTypeResponse,
  viewErrorToResponse,
} from '../http/error-responses.js';
import { proxyEventToRequest } from '../http/proxy-event-to-request.js';
import { responseToProxyResult } from '../http/response-to-proxy-result.js';
import { currentInvocationScope, runInInvocationScope } from '../invocation-scope.js';
import type { LambdaContext } from '../lambda-context.js';
import { composeMiddleware } from '../middleware.js';
import type { Request } from '../request.js';
import type { HttpMethod, RouteEntry } from '../resources.js';
import { isResponse, Response } from '../response.js';

export type RestApiHandler = (event: APIGatewayProxyEvent, context?: LambdaContext | null) => Promise<APIGatewayProxyResult>;

export function createRestApiHandler(app: Chalice): RestApiHandler {
  const compile = createRouteCompiler();
  let chain: (request: Request) => Promise<unknown> = dispatch;
  let chainSize = 0;

  function unhandled(error: unknown, request: Request): Response {
    app.log.error(`Caught exception for path ${request.path}`, error);
    return unhandledErrorToResponse(error, app.debug);
  }

  /** CORS headers of the request's path (every method of a path shares one config). */
  function pathCorsHeaders(request: Request): Readonly<Record<string, string>> | null {
    const resourcePath = resourcePathOf(request);
    const byMethod = resourcePath === undefined ? undefined : app.routes.get(resourcePath);
    const first = byMethod?.values().next().value;
    return first === undefined ? null : compile(first).corsHeaders;
  }

  async function dispatch(request: Request): Promise<Response> {
    const resourcePath = resourcePathOf(request);
    if (resourcePath === undefined) return errorResponse('InternalServerError', 'Unknown request.', 500);
    const byMethod = app.routes.get(resourcePath);
    if (byMethod === undefined) return errorResponse('NotFoundError', `No route is registered for ${resourcePath}`, 404);
    const entry = byMethod.get(request.method as HttpMethod);
    if (entry === undefined) {
      const response = methodNotAllowedResponse(request.method, [...byMethod.keys()]);
      const cors = pathCorsHeaders(request);
      return cors ? withDefaultHeaders(response, cors) : response;
    }
    const route = compile(entry);
    // Middleware may hand on a different Request; app.currentRequest follows what the view gets.
    const scope = currentInvocationScope();
    if (scope !== undefined && scope.request !== request) scope.request = request;
    const contentType = request.headers.get('content-type');
    if (contentType === undefined ? !route.acceptsDefaultContentType : !contentTypeMatches(route.contentTypes, contentType)) {
      const response = unsupportedMediaTypeResponse(contentType ?? 'application/json');
      return route.corsHeaders ? withDefaultHeaders(response, route.corsHeaders) : response;
    }
    let response: Response;
    try {
      const value = await entry.handler(viewParams(entry, request), request);
      response = isResponse(value) ? value : new Response({ body: value === undefined ? null : value });
    } catch (error) {
      // Left to middleware, which may turn it into a response (see the module comment).
      if (error instanceof ChaliceUnhandledError) throw error;
      response = isChaliceViewError(error) ? viewErrorToResponse(error) : unhandled(error, request);
    }
    return route.corsHeaders ? withDefaultHeaders(response, route.corsHeaders) : response;
  }

  async function invoke(request: Request): Promise<APIGatewayProxyResult> {
    // Middleware registered after this handler was made still applies (registration only appends).
    if (chainSize !== app.middlewareHandlers.length) {
      chainSize = app.middlewareHandlers.length;
      chain = chainSize === 0 ? dispatch : composeMiddleware(app.middlewareHandlers, 'http', dispatch);
    }
    let response: unknown;
    try {
      response = await chain(request);
    } catch (error) {
      // Thrown by middleware, or a ChaliceUnhandledError no middleware handled.
      const cors = pathCorsHeaders(request);
      const errorResult = isChaliceViewError(error) ? viewErrorToResponse(error) : unhandled(error, request);
      response = cors ? withDefaultHeaders(errorResult, cors) : errorResult;
    }
    try {
      return responseToProxyResult(response, request, app.api.binaryTypes);
    } catch (error) {
      // An unserialisable body (BigInt, cycle) or a bad header value.
      const cors = pathCorsHeaders(request);
      const errorResult = unhandled(error, request);
      return responseToProxyResult(cors ? withDefaultHeaders(errorResult, cors) : errorResult, request, []);
    }
  }

  return function restApiHandler(event, context = null) {
    let request: Request;
    try {
      request = proxyEventToRequest(event, context);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return runInInvocationScope({ request, lambdaContext: context }, () => invoke(request));
  };
}

/** The route template the request matched: API Gateway puts it in both places. */
function resourcePathOf(request: Request): string | undefined {
  const fromContext = (request.context as { resourcePath?: unknown }).resourcePath;
  if (typeof fromContext === 'string') return fromContext;
  const fromEvent = (request.toOriginalEvent() as { resource?: unknown } | null)?.resource;
  return typeof fromEvent === 'string' ? fromEvent : undefined;
}

/** The view's `params`: exactly the template's names, like Chalice's view arguments. */
function viewParams(entry: RouteEntry, request: Request): Record<string, string> {
  const params: Record<string, string> = {};
  const uriParams = request.uriParams;
  if (uriParams !== null) for (const name of entry.paramNames) params[name] = uriParams[name];
  return params;
}
