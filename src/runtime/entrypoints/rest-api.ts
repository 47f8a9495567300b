/**
 * The REST API entry point: one Lambda (`api_handler`) serves every route of the app.
 *
 *   proxy event → Request → invocation scope (app.currentRequest) → 'http' middleware
 *   → dispatch: route by resource template + method (405), content type (415), the route's
 *     body/query schemas (400, see http/route-validation.ts), the view, its response schema,
 *     HTTP errors → {"Code","Message"}, anything else → 500, CORS headers (per method: a
 *     path may enable CORS on some methods only)
 *   → Response → proxy result (headers, JSON/text/base64 body, binary Accept rule)
 *
 * Middleware sees a `Request` and gets a `Response` back from `next`; errors a view throws
 * are already responses by then, except `ChaliceUnhandledError`, which propagates so that
 * middleware can handle it. Whatever escapes the chain becomes a 500 here, so the Lambda
 * never fails on a view's error (API Gateway would turn that into a bare 502).
 *
 * Cost matters (this runs on every request): per-route data is compiled once, the
 * middleware chain is rebuilt only when middleware is registered, and the per-call path
 * allocates little beyond the Request and the result. When there is no middleware and the
 * view is not an `async` function, the whole invocation is synchronous, so it runs in the
 * synchronous invocation scope and never turns on the AsyncLocalStorage (whose async hooks
 * slow down every promise in the process). A plain function that returns a promise still
 * works, but `app.currentRequest` is only set until its first `await`; declaring it `async`
 * keeps it set throughout.
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
import { checkViewResult, isThenable, validateRequestInput } from '../http/route-validation.js';
import { responseToProxyResult } from '../http/response-to-proxy-result.js';
import { createTemplateMatcher, type TemplateMatcher } from '../http/route-template-matcher.js';
import { routeKeyTemplate } from '../http/v2-event-to-request.js';
import { currentInvocationScope, runInInvocationScope, runInSyncInvocationScope } from '../invocation-scope.js';
import type { LambdaContext } from '../lambda-context.js';
import { composeMiddleware } from '../middleware.js';
import type { Request } from '../request.js';
import type { HttpMethod, RouteEntry } from '../resources.js';
import { isResponse, Response } from '../response.js';

export type RestApiHandler = (event: APIGatewayProxyEvent, context?: LambdaContext | null) => Promise<APIGatewayProxyResult>;

/** A `Response` (or a view's plain value) → the result shape of one payload format. May throw (bad header, unserialisable body). */
export type ResultConverter<R> = (response: unknown, request: Request | null, binaryTypes: readonly string[]) => R;

/**
 * Routing, middleware, the view and error handling, shared by every payload format: the REST
 * proxy event (1.0) and the HTTP API / Function URL event (2.0, see http-api.ts) differ only
 * in how the Request is built and how the result is shaped.
 */
export interface ApiDispatcher {
  /** Answers `request`; resolves to `convert`'s result, never rejects for a view's error. */
  handle<R>(request: Request, context: LambdaContext | null, convert: ResultConverter<R>): Promise<R>;
  /** The path parameters of the route `path` matches, for events that name no route. */
  uriParamsOf(path: string): Readonly<Record<string, string>> | null;
}

export function createRestApiHandler(app: Chalice, dispatcher: ApiDispatcher = createApiDispatcher(app)): RestApiHandler {
  return function restApiHandler(event, context = null) {
    let request: Request;
    try {
      request = proxyEventToRequest(event, context);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return dispatcher.handle(request, context, responseToProxyResult);
  };
}

export function createApiDispatcher(app: Chalice): ApiDispatcher {
  const compile = createRouteCompiler();
  let matcher: TemplateMatcher | undefined;
  let matcherSize = -1;
  const matchTemplate: TemplateMatcher = (path) => {
    if (matcher === undefined || matcherSize !== app.routes.size) {
      matcher = createTemplateMatcher(app.routes.keys());
      matcherSize = app.routes.size;
    }
    return matcher(path);
  };

  /**
   * The route template the request matched: API Gateway REST puts it in the context (and the
   * event); a 2.0 event names it in `routeKey`, unless it came through a `$default` route or a
   * Function URL, whose path is matched here (an unmatched path is its own, unknown, template).
   */
  function resourcePathOf(request: Request): string | undefined {
    const context = request.context as { resourcePath?: unknown; routeKey?: unknown; http?: unknown };
    if (typeof context.resourcePath === 'string') return context.resourcePath;
    if (typeof context.http === 'object' && context.http !== null) {
      const named = routeKeyTemplate(context.routeKey);
      if (named !== undefined && app.routes.has(named)) return named;
      return matchTemplate(request.path)?.template ?? request.path;
    }
    const fromEvent = (request.toOriginalEvent() as { resource?: unknown } | null)?.resource;
    return typeof fromEvent === 'string' ? fromEvent : undefined;
  }
  let chain: (request: Request) => Promise<unknown> = async (request) => dispatch(request);
  let chainSize = 0;

  function unhandled(error: unknown, request: Request): Response {
    app.log.error(`Caught exception for path ${request.path}`, error);
    return unhandledErrorToResponse(error, app.debug);
  }

  /**
   * CORS headers for a response to `request` when its view is not the one answering (an
   * error raised outside the view, a 405): those of the method's own route, or, for a
   * method the path lacks, the path's shared CORS config if any of its methods has one.
   */
  function pathCorsHeaders(request: Request): Readonly<Record<string, string>> | null {
    const resourcePath = resourcePathOf(request);
    const byMethod = resourcePath === undefined ? undefined : app.routes.get(resourcePath);
    if (byMethod === undefined) return null;
    const own = byMethod.get(request.method as HttpMethod);
    if (own !== undefined) return compile(own).corsHeaders;
    for (const entry of byMethod.values()) if (entry.cors !== null) return compile(entry).corsHeaders;
    return null;
  }

  /** The route a request is for, or the response that answers it without a view. */
  function routeOf(request: Request): RouteEntry | Response {
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
    return entry;
  }

  /** Synchronous unless the view returns a promise. `found` is `routeOf(request)` when known. */
  function dispatch(request: Request, found?: RouteEntry | Response): Response | Promise<Response> {
    const entry = found ?? routeOf(request);
    if (isResponse(entry)) return entry;
    const route = compile(entry);
    // Middleware may hand on a different Request; app.currentRequest follows what the view gets.
    const scope = currentInvocationScope();
    if (scope !== undefined && scope.request !== request) scope.request = request;
    const contentType = request.headers.get('content-type');
    if (contentType === undefined ? !route.acceptsDefaultContentType : !contentTypeMatches(route.contentTypes, contentType)) {
      const response = unsupportedMediaTypeResponse(contentType ?? 'application/json');
      return route.corsHeaders ? withDefaultHeaders(response, route.corsHeaders) : response;
    }
    const finish = (response: Response): Response => (route.corsHeaders ? withDefaultHeaders(response, route.corsHeaders) : response);
    const fail = (error: unknown): Response => {
      // Left to middleware, which may turn it into a response (see the module comment).
      if (error instanceof ChaliceUnhandledError) throw error;
      return finish(isChaliceViewError(error) ? viewErrorToResponse(error) : unhandled(error, request));
    };
    const schemas = entry.schemas;
    const responseSchema = schemas?.response;
    const respond = (value: unknown): Response | Promise<Response> => {
      if (responseSchema === undefined) return finish(valueToResponse(value));
      let checked: unknown;
      try {
        checked = checkViewResult(responseSchema, entry.name, value);
      } catch (error) {
        return fail(error);
      }
      return isThenable(checked) ? Promise.resolve(checked).then((v) => finish(valueToResponse(v)), fail) : finish(valueToResponse(checked));
    };
    const runView = (): Response | Promise<Response> => {
      let value: unknown;
      try {
        value = entry.handler(viewParams(entry, request), request);
      } catch (error) {
        return fail(error);
      }
      if (isThenable(value)) return Promise.resolve(value).then(respond, fail);
      return respond(value);
    };
    if (schemas === undefined || (schemas.body === undefined && schemas.query === undefined)) return runView();
    let validated: void | Promise<void>;
    try {
      validated = validateRequestInput(schemas, request);
    } catch (error) {
      return fail(error);
    }
    if (!isThenable(validated)) return runView();
    // An async validator: the view runs after an await, past the synchronous invocation
    // scope, so it gets the AsyncLocalStorage one (app.currentRequest keeps working).
    return validated.then(() => (scope === undefined ? runView() : runInInvocationScope(scope, runView)), fail);
  }

  /** What escaped the chain (middleware errors, an unhandled ChaliceUnhandledError), as a response. */
  function chainErrorToResponse(error: unknown, request: Request): Response {
    const cors = pathCorsHeaders(request);
    const errorResult = isChaliceViewError(error) ? viewErrorToResponse(error) : unhandled(error, request);
    return cors ? withDefaultHeaders(errorResult, cors) : errorResult;
  }

  function toResult<R>(response: unknown, request: Request, convert: ResultConverter<R>): R {
    try {
      return convert(response, request, app.api.binaryTypes);
    } catch (error) {
      // An unserialisable body (BigInt, cycle) or a bad header value.
      const cors = pathCorsHeaders(request);
      const errorResult = unhandled(error, request);
      return convert(cors ? withDefaultHeaders(errorResult, cors) : errorResult, request, []);
    }
  }

  /** No middleware, a view that is not `async`: no await until the view returns. */
  function invokeDirect<R>(request: Request, found: RouteEntry | Response, convert: ResultConverter<R>): R | Promise<R> {
    let response: Response | Promise<Response>;
    try {
      response = dispatch(request, found);
    } catch (error) {
      response = chainErrorToResponse(error, request);
    }
    if (isThenable(response)) {
      return response.then(
        (r) => toResult(r, request, convert),
        (error: unknown) => toResult(chainErrorToResponse(error, request), request, convert),
      );
    }
    return toResult(response, request, convert);
  }

  async function invoke<R>(request: Request, convert: ResultConverter<R>): Promise<R> {
    // Middleware registered after this handler was made still applies (registration only appends).
    if (chainSize !== app.middlewareHandlers.length) {
      chainSize = app.middlewareHandlers.length;
      chain = chainSize === 0 ? async (r) => dispatch(r) : composeMiddleware(app.middlewareHandlers, 'http', (r: Request) => dispatch(r));
    }
    let response: unknown;
    try {
      response = await chain(request);
    } catch (error) {
      response = chainErrorToResponse(error, request);
    }
    return toResult(response, request, convert);
  }

  return {
    handle(request, context, convert) {
      const scope = { request, lambdaContext: context };
      if (app.middlewareHandlers.length === 0) {
        const found = routeOf(request);
        if (isResponse(found) || !isAsyncFunction(found.handler)) {
          try {
            return Promise.resolve(runInSyncInvocationScope(scope, () => invokeDirect(request, found, convert)));
          } catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
        }
      }
      return runInInvocationScope(scope, () => invoke(request, convert));
    },
    uriParamsOf(path) {
      const match = matchTemplate(path);
      return match === null || Object.keys(match.params).length === 0 ? null : match.params;
    },
  };
}

/** The view's `params`: exactly the template's names, like Chalice's view arguments. */
function viewParams(entry: RouteEntry, request: Request): Record<string, string> {
  const params: Record<string, string> = {};
  const uriParams = request.uriParams;
  if (uriParams !== null) for (const name of entry.paramNames) params[name] = uriParams[name];
  return params;
}

function valueToResponse(value: unknown): Response {
  return isResponse(value) ? value : new Response({ body: value === undefined ? null : value });
}

const AsyncFunction = (async () => {}).constructor;

/** Declared `async`: it may await, so it needs the AsyncLocalStorage scope. */
function isAsyncFunction(fn: unknown): boolean {
  return fn instanceof AsyncFunction;
}
