/**
 * chalice-ts runtime — the `chalice-ts` entry point.
 *
 * Everything reachable from this file ships inside every deployed Lambda bundle and runs on
 * every cold start. It therefore imports nothing outside `src/runtime/` except `node:*`
 * built-ins and (lazily, left external) the AWS SDK v3 that Lambda's Node.js runtime
 * provides. `test/unit/runtime/bundle-edge.test.ts` enforces this.
 */
export { Chalice, type ChaliceOptions, type RegisterBlueprintOptions } from './app.js';
export { Blueprint } from './blueprint.js';
export type {
  RouteOptions,
  RouteRequest,
  RouteResult,
  AuthorizerOptions,
  NameOption,
  ScheduleOptions,
  CwEventOptions,
  S3EventOptions,
  SqsOptions,
  StreamOptions,
} from './registration.js';
export type { ParamsOf } from './route-path.js';
export {
  HTTP_METHODS,
  API_HANDLER_NAME,
  WEBSOCKET_HANDLER_NAMES,
  type HttpMethod,
  type RouteEntry,
  type EventSourceEntry,
  type EventSourceKind,
  type LambdaFunctionEntry,
  type WebsocketEntry,
  type WebsocketRoute,
  type ViewFunction,
  type RouteSchemas,
  type StartingPosition,
  type StreamErrorHandling,
} from './resources.js';
export { Request, type RequestInit, type QueryObject } from './request.js';
export { isStandardSchema, type StandardSchemaV1, type InferSchemaInput, type InferSchemaOutput } from './standard-schema.js';
export { Response, type ResponseOptions, type HeaderValue } from './response.js';
export { MultiDict } from './multi-dict.js';
export type { LambdaContext } from './lambda-context.js';
export {
  ChaliceViewError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  MethodNotAllowedError,
  RequestTimeoutError,
  ConflictError,
  UnprocessableEntityError,
  TooManyRequestsError,
  ChaliceUnhandledError,
  WebsocketDisconnectedError,
  ALL_ERRORS,
} from './errors.js';
export { CORSConfig, DEFAULT_CORS_ALLOW_HEADERS, type CORSConfigOptions } from './cors.js';
export {
  AuthRequest,
  AuthResponse,
  AuthRoute,
  ChaliceAuthorizer,
  CognitoUserPoolAuthorizer,
  CustomAuthorizer,
  IAMAuthorizer,
  JWTAuthorizer,
  type JWTAuthorizerOptions,
  type SimpleAuthorizerResponse,
  type Authorizer,
  type AuthorizerKind,
} from './auth.js';
export { APIGateway, DEFAULT_BINARY_TYPES } from './api-gateway.js';
export { Rate, Cron, type ScheduleExpression } from './schedule.js';
export { ConvertToMiddleware, MIDDLEWARE_EVENT_TYPES, type MiddlewareEventType, type MiddlewareFunction } from './middleware.js';
export { Logger, type LogLevel } from './log.js';
export { WebsocketAPI, type WebsocketConnectionClient, type WebsocketClientFactory, type WebsocketConnectionInfo } from './websocket-api.js';
export * from './events/index.js';
export * from './aws-events.js';
export * from './aws-events-v2.js';
export * from './entrypoints/index.js';
