/**
 * The registration API shared by `Chalice` and `Blueprint`. Each method turns its arguments
 * into a plain `Registration` record and hands it to `record()`: the app validates and stores
 * it at once, a blueprint keeps it until `app.registerBlueprint` replays it with prefixes.
 */
import { ChaliceAuthorizer, type Authorizer, type BuiltinAuthorizerFunction } from './auth.js';
import type { CORSConfig } from './cors.js';
import type { CloudWatchEvent, DynamoDBEvent, KinesisEvent, S3Event, SNSEvent, SQSEvent, WebsocketEvent } from './events/index.js';
import { ConvertToMiddleware, MIDDLEWARE_EVENT_TYPES, type MiddlewareEventType, type MiddlewareFunction } from './middleware.js';
import type { ParamsOf } from './route-path.js';
import type { Request, QueryObject } from './request.js';
import type {
  Awaitable,
  EventSourceEntry,
  HttpMethod,
  PureLambdaHandler,
  RouteSchemas,
  StartingPosition,
  StreamErrorHandling,
  ViewFunction,
  WebsocketRoute,
} from './resources.js';
import type { Response } from './response.js';
import type { InferSchemaInput, InferSchemaOutput, StandardSchemaV1 } from './standard-schema.js';
import { scheduleExpressionToString, type ScheduleExpression } from './schedule.js';

/**
 * Route options. `body`, `query` and `response` take Standard Schema validators (zod, valibot,
 * arktype…); the view's `request.jsonBody` / `request.query` are then typed from the schemas'
 * outputs and its return value from the response schema's input.
 */
export interface RouteOptions extends RouteSchemas {
  /** @default ['GET'] */
  readonly methods?: readonly (HttpMethod | Lowercase<HttpMethod>)[];
  readonly name?: string;
  /** `true` for the default CORSConfig; unset uses `app.api.cors`. */
  readonly cors?: boolean | CORSConfig;
  readonly authorizer?: Authorizer;
  /** @default ['application/json'] */
  readonly contentTypes?: readonly string[];
  /** @default false */
  readonly apiKeyRequired?: boolean;
}

export interface NameOption {
  readonly name?: string;
}
export interface AuthorizerOptions extends NameOption {
  /** How long API Gateway caches a result. @default 300 */
  readonly ttlSeconds?: number;
  readonly executionRole?: string;
  /** @default 'Authorization' */
  readonly header?: string;
  /**
   * HTTP APIs (`api_type: "http"`) only: API Gateway takes the simple response format
   * (`{ isAuthorized, context }`) from this authorizer. @default false
   */
  readonly simpleResponses?: boolean;
}
export interface ScheduleOptions extends NameOption {
  readonly description?: string;
}
export interface CwEventOptions extends NameOption {
  /** The EventBridge event bus the rule listens on: a name in the app's account and region, or an ARN. @default the default bus */
  readonly eventBus?: string;
}
export interface S3EventOptions extends NameOption {
  /** @default ['s3:ObjectCreated:*'] */
  readonly events?: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
}
export interface SqsOptions extends NameOption {
  /** @default 1 */
  readonly batchSize?: number;
  /** @default 0 */
  readonly maximumBatchingWindowInSeconds?: number;
  /** How many instances of the function SQS may invoke at once: 2 to 1000. @default no limit */
  readonly maximumConcurrency?: number;
  /**
   * The handler reports which messages failed (`event.processRecords(fn)` or a returned
   * `{ batchItemFailures }`); only those return to the queue. @default false
   */
  readonly reportBatchItemFailures?: boolean;
}
export interface StreamOptions extends NameOption {
  /** @default 100 */
  readonly batchSize?: number;
  /** @default 'LATEST' */
  readonly startingPosition?: StartingPosition;
  /** @default 0 */
  readonly maximumBatchingWindowInSeconds?: number;
  /**
   * The handler reports the first record that failed (`event.processRecords(fn)` or a returned
   * `{ batchItemFailures }`); Lambda retries from it. @default false
   */
  readonly reportBatchItemFailures?: boolean;
  /** Split a failing batch in two and retry each half. @default false */
  readonly bisectOnError?: boolean;
  /** Retries of a failing batch: -1 (until the record expires) to 10000. @default -1 */
  readonly maximumRetryAttempts?: number;
  /** Skip records older than this: -1 (no limit) or 60 to 604800 seconds. @default -1 */
  readonly maximumRecordAgeInSeconds?: number;
  /** ARN of an SQS queue, SNS topic or S3 bucket that gets the details of a batch that is given up on. */
  readonly onFailure?: string;
}

export type Registration =
  | { readonly kind: 'route'; readonly path: string; readonly name: string; readonly options: RouteOptions; readonly handler: ViewFunction }
  | { readonly kind: 'authorizer'; readonly authorizer: ChaliceAuthorizer }
  | { readonly kind: 'event-source'; readonly entry: EventSourceEntry }
  | { readonly kind: 'lambda-function'; readonly name: string; readonly handler: PureLambdaHandler }
  | { readonly kind: 'websocket'; readonly route: WebsocketRoute; readonly name: string; readonly handler: (event: WebsocketEvent) => Awaitable<unknown> }
  | { readonly kind: 'middleware'; readonly eventType: MiddlewareEventType; readonly fn: MiddlewareFunction };

/** The schema under `key` in route options `O`, if declared. */
type SchemaAt<O, K extends keyof RouteSchemas> = O extends { readonly [P in K]: infer S extends StandardSchemaV1 } ? S : never;

/** The `request` a view of a route with options `O` receives. */
export type RouteRequest<O> = Request<
  [SchemaAt<O, 'body'>] extends [never] ? unknown : InferSchemaOutput<SchemaAt<O, 'body'>>,
  [SchemaAt<O, 'query'>] extends [never] ? QueryObject : InferSchemaOutput<SchemaAt<O, 'query'>>
>;

/** What a view of a route with options `O` may return: anything, or with a `response` schema, its input or a `Response`. */
export type RouteResult<O> = [SchemaAt<O, 'response'>] extends [never] ? unknown : InferSchemaInput<SchemaAt<O, 'response'>> | Response;

/** Options object `O` without keys `RouteOptions` does not know (keeps misspellings compile errors). */
type KnownRouteOptions<O> = O & { readonly [K in Exclude<keyof O, keyof RouteOptions>]: never };

/** `[handler]` or `[options, handler]`: the options object is optional, the handler last. */
type WithOptions<O, H> = [handler: H] | [options: O, handler: H];

function splitArgs<O extends NameOption, H>(args: WithOptions<O, H>): [O, H] {
  return args.length === 1 ? [{} as O, args[0]] : [args[0] ?? ({} as O), args[1]];
}

/** The resource name: `options.name`, else the function's own name. */
export function resourceName(what: string, options: NameOption, handler: unknown): string {
  if (typeof handler !== 'function') {
    throw new TypeError(`${what}: the handler must be a function, got ${typeof handler}`);
  }
  const name = options.name ?? handler.name;
  if (!name) {
    throw new TypeError(
      `${what}: the handler is an anonymous function; pass { name: '...' } or use a named function`,
    );
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new TypeError(`${what}: name ${JSON.stringify(name)} may only contain letters, digits, '_' and '-'`);
  }
  return name;
}

function positiveInt(what: string, key: string, value: number | undefined, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new RangeError(`${what}: ${key} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return v;
}

function batchingWindow(what: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!Number.isInteger(v) || v < 0 || v > 300) {
    throw new RangeError(`${what}: maximumBatchingWindowInSeconds must be an integer from 0 to 300, got ${String(value)}`);
  }
  return v;
}

function optionalBoolean(what: string, key: string, value: boolean | undefined): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${what}: ${key} must be true or false, got ${String(value)}`);
  return value ?? false;
}

function maximumConcurrency(what: string, value: number | undefined): number | undefined {
  // Lambda's ScalingConfig accepts 2 to 1000 concurrent invocations per SQS mapping.
  if (value !== undefined && (!Number.isInteger(value) || value < 2 || value > 1000)) {
    throw new RangeError(`${what}: maximumConcurrency must be an integer from 2 to 1000, got ${String(value)}`);
  }
  return value;
}

/** The failure options of a stream mapping, checked against Lambda's ranges. */
function streamErrorHandling(what: string, options: StreamOptions): StreamErrorHandling {
  const { bisectOnError, maximumRetryAttempts: retries, maximumRecordAgeInSeconds: age, onFailure } = options;
  if (bisectOnError !== undefined) optionalBoolean(what, 'bisectOnError', bisectOnError);
  if (retries !== undefined && (!Number.isInteger(retries) || retries < -1 || retries > 10000)) {
    throw new RangeError(`${what}: maximumRetryAttempts must be an integer from -1 (retry until the record expires) to 10000, got ${String(retries)}`);
  }
  if (age !== undefined && (!Number.isInteger(age) || (age !== -1 && (age < 60 || age > 604800)))) {
    throw new RangeError(`${what}: maximumRecordAgeInSeconds must be -1 (no limit) or an integer from 60 to 604800, got ${String(age)}`);
  }
  if (onFailure !== undefined && !/^arn:[^:]+:(sqs|sns|s3):/.test(String(onFailure))) {
    throw new TypeError(`${what}: onFailure must be the ARN of an SQS queue, SNS topic or S3 bucket (arn:aws:sqs:…), got ${JSON.stringify(onFailure)}`);
  }
  return {
    ...(bisectOnError === undefined ? {} : { bisectOnError }),
    ...(retries === undefined ? {} : { maximumRetryAttempts: retries }),
    ...(age === undefined ? {} : { maximumRecordAgeInSeconds: age }),
    ...(onFailure === undefined ? {} : { onFailure }),
  };
}

function startingPosition(what: string, value: StartingPosition | undefined): StartingPosition {
  const v = value ?? 'LATEST';
  if (v !== 'LATEST' && v !== 'TRIM_HORIZON') {
    throw new RangeError(`${what}: startingPosition must be 'LATEST' or 'TRIM_HORIZON', got ${String(value)}`);
  }
  return v;
}

export abstract class Registrar {
  /** Validates and stores (app) or defers (blueprint) one registration. */
  protected abstract record(registration: Registration): void;

  route<P extends string, const O extends RouteOptions = {}>(
    path: P,
    ...args: WithOptions<KnownRouteOptions<O>, ViewFunction<ParamsOf<P>, RouteRequest<O>, RouteResult<O>>>
  ): ViewFunction<ParamsOf<P>, RouteRequest<O>, RouteResult<O>> {
    const [options, handler] = splitArgs<RouteOptions, ViewFunction<ParamsOf<P>, RouteRequest<O>, RouteResult<O>>>(args);
    const name = resourceName(`route ${path}`, options, handler);
    // Stored untyped: the entry point calls it with the request it validated.
    this.record({ kind: 'route', path, name, options, handler: handler as ViewFunction });
    return handler;
  }

  /** Registers a built-in authorizer; pass the result as a route's `authorizer`. */
  authorizer(...args: WithOptions<AuthorizerOptions, BuiltinAuthorizerFunction>): ChaliceAuthorizer {
    const [options, handler] = splitArgs(args);
    const name = resourceName('authorizer', options, handler);
    const ttl = options.ttlSeconds ?? 300;
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
      throw new RangeError(`authorizer ${name}: ttlSeconds must be an integer from 0 to 3600, got ${String(options.ttlSeconds)}`);
    }
    const authorizer = new ChaliceAuthorizer(name, handler, ttl, options.executionRole, options.header ?? 'Authorization', [], options.simpleResponses ?? false);
    this.record({ kind: 'authorizer', authorizer });
    return authorizer;
  }

  schedule(expression: ScheduleExpression, ...args: WithOptions<ScheduleOptions, (event: CloudWatchEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const name = resourceName('schedule', options, handler);
    const text = scheduleExpressionToString(expression);
    this.record({ kind: 'event-source', entry: { kind: 'schedule', name, expression: text, description: options.description, handler } });
    return handler;
  }

  onCwEvent(eventPattern: Readonly<Record<string, unknown>>, ...args: WithOptions<CwEventOptions, (event: CloudWatchEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const name = resourceName('onCwEvent', options, handler);
    if (eventPattern === null || typeof eventPattern !== 'object' || Object.keys(eventPattern).length === 0) {
      throw new TypeError(`onCwEvent ${name}: the event pattern must be a non-empty object such as { source: ['aws.ec2'] }`);
    }
    const { eventBus } = options;
    // EventBridge bus names: 1 to 256 of letters, digits and . - _ / ; an ARN names a bus of any account.
    if (eventBus !== undefined && !/^[A-Za-z0-9._/-]{1,256}$/.test(eventBus) && !/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/[A-Za-z0-9._/-]{1,256}$/.test(eventBus)) {
      throw new TypeError(`onCwEvent ${name}: eventBus ${JSON.stringify(eventBus)} is not an event bus name or ARN; pass a name such as 'orders' or 'arn:aws:events:<region>:<account>:event-bus/orders'`);
    }
    this.record({ kind: 'event-source', entry: { kind: 'cloudwatch-event', name, eventPattern, ...(eventBus === undefined || eventBus === 'default' ? {} : { eventBus }), handler } });
    return handler;
  }

  onS3Event(bucket: string, ...args: WithOptions<S3EventOptions, (event: S3Event) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const name = resourceName(`onS3Event ${bucket}`, options, handler);
    const events = options.events ?? ['s3:ObjectCreated:*'];
    for (const event of events) {
      if (!/^s3:[A-Za-z]+(:[A-Za-z*]+)*$/.test(event)) {
        throw new TypeError(`onS3Event ${name}: ${JSON.stringify(event)} is not an S3 event type such as 's3:ObjectCreated:*'`);
      }
    }
    this.record({
      kind: 'event-source',
      entry: { kind: 's3', name, bucket, events, prefix: options.prefix, suffix: options.suffix, handler },
    });
    return handler;
  }

  onSnsMessage(topic: string, ...args: WithOptions<NameOption, (event: SNSEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const name = resourceName(`onSnsMessage ${topic}`, options, handler);
    this.record({ kind: 'event-source', entry: { kind: 'sns', name, topic, handler } });
    return handler;
  }

  onSqsMessage(queue: string, ...args: WithOptions<SqsOptions, (event: SQSEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const what = `onSqsMessage ${queue}`;
    const name = resourceName(what, options, handler);
    const window = batchingWindow(what, options.maximumBatchingWindowInSeconds);
    // SQS allows more than 10 messages per batch only with a batching window.
    const batchSize = positiveInt(what, 'batchSize', options.batchSize, 1, window > 0 ? 10000 : 10);
    const entry: EventSourceEntry = {
      kind: 'sqs',
      name,
      queue,
      batchSize,
      maximumBatchingWindowInSeconds: window,
      maximumConcurrency: maximumConcurrency(what, options.maximumConcurrency),
      reportBatchItemFailures: optionalBoolean(what, 'reportBatchItemFailures', options.reportBatchItemFailures),
      handler,
    };
    this.record({ kind: 'event-source', entry });
    return handler;
  }

  onKinesisRecord(stream: string, ...args: WithOptions<StreamOptions, (event: KinesisEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const what = `onKinesisRecord ${stream}`;
    const name = resourceName(what, options, handler);
    this.record({
      kind: 'event-source',
      entry: {
        kind: 'kinesis',
        name,
        stream,
        batchSize: positiveInt(what, 'batchSize', options.batchSize, 100, 10000),
        startingPosition: startingPosition(what, options.startingPosition),
        maximumBatchingWindowInSeconds: batchingWindow(what, options.maximumBatchingWindowInSeconds),
        reportBatchItemFailures: optionalBoolean(what, 'reportBatchItemFailures', options.reportBatchItemFailures),
        onError: streamErrorHandling(what, options),
        handler,
      },
    });
    return handler;
  }

  onDynamodbRecord(streamArn: string, ...args: WithOptions<StreamOptions, (event: DynamoDBEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    const what = `onDynamodbRecord ${streamArn}`;
    const name = resourceName(what, options, handler);
    this.record({
      kind: 'event-source',
      entry: {
        kind: 'dynamodb',
        name,
        streamArn,
        batchSize: positiveInt(what, 'batchSize', options.batchSize, 100, 10000),
        startingPosition: startingPosition(what, options.startingPosition),
        maximumBatchingWindowInSeconds: batchingWindow(what, options.maximumBatchingWindowInSeconds),
        reportBatchItemFailures: optionalBoolean(what, 'reportBatchItemFailures', options.reportBatchItemFailures),
        onError: streamErrorHandling(what, options),
        handler,
      },
    });
    return handler;
  }

  /** A plain Lambda function invoked with the raw event and context. */
  lambdaFunction(...args: WithOptions<NameOption, PureLambdaHandler>): PureLambdaHandler {
    const [options, handler] = splitArgs(args);
    this.record({ kind: 'lambda-function', name: resourceName('lambdaFunction', options, handler), handler });
    return handler;
  }

  onWsConnect(...args: WithOptions<NameOption, (event: WebsocketEvent) => Awaitable<unknown>>) {
    return this.#websocket('connect', args);
  }
  onWsMessage(...args: WithOptions<NameOption, (event: WebsocketEvent) => Awaitable<unknown>>) {
    return this.#websocket('message', args);
  }
  onWsDisconnect(...args: WithOptions<NameOption, (event: WebsocketEvent) => Awaitable<unknown>>) {
    return this.#websocket('disconnect', args);
  }

  #websocket(route: WebsocketRoute, args: WithOptions<NameOption, (event: WebsocketEvent) => Awaitable<unknown>>) {
    const [options, handler] = splitArgs(args);
    this.record({ kind: 'websocket', route, name: resourceName(`onWs${route[0].toUpperCase()}${route.slice(1)}`, options, handler), handler });
    return handler;
  }

  /** `middleware(fn)` or `middleware(eventType, fn)`; `fn(event, next)`. */
  middleware<F extends MiddlewareFunction>(...args: [fn: F] | [eventType: MiddlewareEventType, fn: F]): F {
    const [eventType, fn] = args.length === 1 ? (['all', args[0]] as const) : args;
    this.registerMiddleware(fn, eventType);
    return fn;
  }

  registerMiddleware(fn: MiddlewareFunction | ConvertToMiddleware, eventType: MiddlewareEventType = 'all'): void {
    if (!MIDDLEWARE_EVENT_TYPES.includes(eventType)) {
      throw new TypeError(`middleware: unknown event type ${JSON.stringify(eventType)}; use one of ${MIDDLEWARE_EVENT_TYPES.join(', ')}`);
    }
    const middleware = fn instanceof ConvertToMiddleware ? convertedMiddleware(fn) : fn;
    if (typeof middleware !== 'function') throw new TypeError('middleware: expected a function (event, next) => result');
    this.record({ kind: 'middleware', eventType, fn: middleware });
  }
}

/**
 * A Lambda wrapper `(handler) => (event, context) => …` sees the original Lambda event and
 * context of any kind of invocation; calling the wrapped handler continues the chain.
 */
function convertedMiddleware(converted: ConvertToMiddleware): MiddlewareFunction {
  return (event, next) => {
    const wrapped = converted.wrapper(() => next(event));
    const raw = typeof event?.toOriginalEvent === 'function' ? event.toOriginalEvent() : typeof event?.toJSON === 'function' ? event.toJSON() : event;
    const context = event?.lambdaContext ?? event?.context ?? null;
    return wrapped(raw, context) as Promise<unknown>;
  };
}
