/**
 * Lambda entry points by function name. Every Lambda the app deploys runs
 * `app.lambdaHandler(name)`; the local server, the test client and `chalice invoke` call the
 * same function, so all of them run exactly what a deployed Lambda runs.
 *
 * Names: `api_handler` (every route), each built-in authorizer's name, each event source's
 * and pure function's name, and `websocket_connect` / `websocket_message` /
 * `websocket_disconnect`. Created handlers are cached per app.
 */
import type { Chalice } from '../app.js';
import type { APIGatewayProxyEvent } from '../aws-events.js';
import type { LambdaContext } from '../lambda-context.js';
import { API_HANDLER_NAME, WEBSOCKET_HANDLER_NAMES, type WebsocketRoute } from '../resources.js';
import { createAuthorizerHandler } from './authorizer.js';
import { createEventSourceHandler } from './event-source.js';
import { createPureLambdaHandler } from './pure-lambda.js';
import { isV2Event } from '../http/v2-event-to-request.js';
import { createHttpApiHandler } from './http-api.js';
import { createApiDispatcher, createRestApiHandler } from './rest-api.js';
import { createWebsocketHandler } from './websocket.js';

export { createRestApiHandler, type RestApiHandler } from './rest-api.js';
export { createHttpApiHandler, type HttpApiHandler } from './http-api.js';

/** Any Lambda entry point: the raw AWS event and context in, the raw result out. */
export type LambdaHandler = (event: unknown, context?: LambdaContext | null) => Promise<unknown>;

/** `app.lambdaHandler(name)` for a name the app does not define. */
export class UnknownLambdaFunctionError extends Error {
  constructor(
    readonly functionName: string,
    readonly knownNames: readonly string[],
    appName: string,
  ) {
    super(
      `App ${JSON.stringify(appName)} has no Lambda function named ${JSON.stringify(functionName)}; ` +
        (knownNames.length > 0 ? `its functions are: ${knownNames.join(', ')}` : 'it defines no Lambda functions yet'),
    );
    this.name = 'UnknownLambdaFunctionError';
  }
}

const WEBSOCKET_ROUTES: readonly WebsocketRoute[] = ['connect', 'message', 'disconnect'];
const cache = new WeakMap<Chalice, Map<string, LambdaHandler>>();

/** The entry point of the Lambda function called `name` (created once per app and name). */
export function getLambdaHandler(app: Chalice, name: string): LambdaHandler {
  let handlers = cache.get(app);
  if (handlers === undefined) {
    handlers = new Map();
    cache.set(app, handlers);
  }
  let handler = handlers.get(name);
  if (handler === undefined) {
    handler = createLambdaHandler(app, name);
    handlers.set(name, handler);
  }
  return handler;
}

function createLambdaHandler(app: Chalice, name: string): LambdaHandler {
  // `api_handler` resolves even without routes: the REST handler still answers (403/404 as
  // API Gateway would), which the local server relies on. It is deployed only with routes.
  // One function serves a REST API (payload 1.0), an HTTP API or a Function URL (2.0).
  if (name === API_HANDLER_NAME) {
    const dispatcher = createApiDispatcher(app);
    const rest = createRestApiHandler(app, dispatcher);
    const http = createHttpApiHandler(app, dispatcher);
    return (event, context) => (isV2Event(event) ? http(event, context ?? null) : rest(event as APIGatewayProxyEvent, context ?? null));
  }
  const authorizer = app.builtinAuthHandlers.find((a) => a.name === name);
  if (authorizer) {
    const auth = createAuthorizerHandler(app, authorizer);
    return (event, context) => auth(event as Parameters<typeof auth>[0], context ?? null);
  }
  const route = WEBSOCKET_ROUTES.find((r) => WEBSOCKET_HANDLER_NAMES[r] === name);
  const websocket = route && app.websocketHandlers[route];
  if (websocket) return createWebsocketHandler(app, websocket);
  const source = app.eventSources.find((e) => e.name === name);
  if (source) return createEventSourceHandler(app, source);
  const pure = app.pureLambdaFunctions.find((f) => f.name === name);
  if (pure) return createPureLambdaHandler(app, pure);
  throw new UnknownLambdaFunctionError(name, lambdaFunctionNames(app), app.appName);
}

/**
 * Every Lambda function the app deploys, in a stable order: `api_handler` (if there are
 * routes), built-in authorizers, websocket handlers (connect, message, disconnect), event
 * sources, then pure functions, each group in registration order.
 */
export function lambdaFunctionNames(app: Chalice): string[] {
  const names: string[] = [];
  if (app.routes.size > 0) names.push(API_HANDLER_NAME);
  for (const authorizer of app.builtinAuthHandlers) names.push(authorizer.name);
  for (const route of WEBSOCKET_ROUTES) if (app.websocketHandlers[route]) names.push(WEBSOCKET_HANDLER_NAMES[route]);
  for (const source of app.eventSources) names.push(source.name);
  for (const fn of app.pureLambdaFunctions) names.push(fn.name);
  return [...new Set(names)];
}
