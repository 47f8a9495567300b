/**
 * `Chalice`: the one object a user's app registers everything on. It validates each
 * registration as it arrives (so mistakes fail at import time, naming the culprit) and
 * keeps the app model that every runner and generator reads.
 */
import { APIGateway } from './api-gateway.js';
import type { ChaliceAuthorizer } from './auth.js';
import { corsOptionToConfig } from './cors.js';
import { currentInvocationScope } from './invocation-scope.js';
import type { LambdaContext } from './lambda-context.js';
import { Logger, type LogSink } from './log.js';
import type { MiddlewareEntry } from './middleware.js';
import { Registrar, type Registration, type RouteOptions } from './registration.js';
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema.js';
import type { Request } from './request.js';
import {
  API_HANDLER_NAME,
  HTTP_METHODS,
  WEBSOCKET_HANDLER_NAMES,
  type EventSourceEntry,
  type HttpMethod,
  type LambdaFunctionEntry,
  type RouteEntry,
  type RouteSchemas,
  type WebsocketEntry,
  type WebsocketRoute,
} from './resources.js';
import { routeParamNames, routePathProblem } from './route-path.js';
import { WebsocketAPI } from './websocket-api.js';
import { getLambdaHandler, lambdaFunctionNames, type LambdaHandler } from './entrypoints/index.js';
import type { Blueprint } from './blueprint.js';

export interface ChaliceOptions {
  readonly appName: string;
  /** Errors include stack traces in responses and logs at DEBUG. @default false */
  readonly debug?: boolean;
  /** Where `app.log` writes. @default stderr */
  readonly logSink?: LogSink;
}

export interface RegisterBlueprintOptions {
  /** Prepended to every resource name in the blueprint. */
  readonly namePrefix?: string;
  /** Prepended to every route path in the blueprint, e.g. `'/users'`. */
  readonly urlPrefix?: string;
}

/** Anything whose name would collide with another resource's Lambda or view name. */
type NamedThing = { readonly kind: string; readonly handler: unknown };

export class Chalice extends Registrar {
  readonly appName: string;
  readonly api = new APIGateway();
  readonly websocketApi = new WebsocketAPI();
  readonly log: Logger;
  readonly experimentalFeatureFlags = new Set<string>();
  #debug = false;

  /** path → method → route. */
  readonly routes = new Map<string, Map<HttpMethod, RouteEntry>>();
  readonly builtinAuthHandlers: ChaliceAuthorizer[] = [];
  readonly eventSources: EventSourceEntry[] = [];
  readonly pureLambdaFunctions: LambdaFunctionEntry[] = [];
  readonly websocketHandlers: Partial<Record<WebsocketRoute, WebsocketEntry>> = {};
  readonly middlewareHandlers: MiddlewareEntry[] = [];
  readonly #names = new Map<string, NamedThing>();

  constructor(options: ChaliceOptions) {
    super();
    if (!options || typeof options.appName !== 'string' || !/^[A-Za-z0-9_-]+$/.test(options.appName)) {
      throw new TypeError(`new Chalice({ appName }): appName must be letters, digits, '_' or '-', got ${JSON.stringify(options?.appName)}`);
    }
    this.appName = options.appName;
    this.log = new Logger(options.appName, 'ERROR', options.logSink);
    this.debug = options.debug ?? false;
  }

  get debug(): boolean {
    return this.#debug;
  }

  /** Debug mode adds stack traces to 500 responses and sets `app.log` to DEBUG. */
  set debug(value: boolean) {
    this.#debug = value;
    this.log.setLevel(value ? 'DEBUG' : 'ERROR');
  }

  /** The request being handled by the current invocation (undefined outside one). */
  get currentRequest(): Request | undefined {
    return currentInvocationScope()?.request ?? undefined;
  }

  /** The Lambda context of the current invocation (undefined outside one). */
  get lambdaContext(): LambdaContext | undefined {
    return currentInvocationScope()?.lambdaContext ?? undefined;
  }

  /**
   * The Lambda entry point for the function called `name` (`api_handler`, an authorizer,
   * an event handler, a pure function, `websocket_connect`…). Tools outside the runtime call
   * this rather than importing entry points themselves, so the handler always uses the same
   * copy of the runtime as the app (class identity for `instanceof Response` and friends).
   */
  lambdaHandler(name: string): LambdaHandler {
    return getLambdaHandler(this, name);
  }

  /** Every Lambda function the app needs, in a stable order (`api_handler` first when routes exist). */
  lambdaFunctionNames(): string[] {
    return lambdaFunctionNames(this);
  }

  registerBlueprint(blueprint: Blueprint, options: RegisterBlueprintOptions = {}): void {
    blueprint.replayOnto(this, (registration) => this.record(registration), options);
  }

  /** Every route in registration order. */
  *routeEntries(): IterableIterator<RouteEntry> {
    for (const byMethod of this.routes.values()) yield* byMethod.values();
  }

  protected record(registration: Registration): void {
    switch (registration.kind) {
      case 'route':
        return this.#addRoute(registration);
      case 'authorizer':
        this.#claimName(registration.authorizer.name, { kind: 'authorizer', handler: registration.authorizer.handler });
        this.builtinAuthHandlers.push(registration.authorizer);
        return;
      case 'event-source':
        this.#claimName(registration.entry.name, registration.entry);
        this.eventSources.push(registration.entry);
        return;
      case 'lambda-function': {
        const entry: LambdaFunctionEntry = { kind: 'lambda-function', name: registration.name, handler: registration.handler };
        this.#claimName(entry.name, entry);
        this.pureLambdaFunctions.push(entry);
        return;
      }
      case 'websocket': {
        const existing = this.websocketHandlers[registration.route];
        if (existing) {
          throw new TypeError(`onWs${capitalize(registration.route)}: a ${registration.route} handler is already registered (${existing.name}); an app has at most one`);
        }
        const entry: WebsocketEntry = { kind: 'websocket', route: registration.route, name: registration.name, handler: registration.handler };
        this.#claimName(entry.name, entry);
        this.websocketHandlers[registration.route] = entry;
        return;
      }
      case 'middleware':
        this.middlewareHandlers.push({ eventType: registration.eventType, fn: registration.fn });
        return;
      default: {
        const never: never = registration;
        throw new TypeError(`unknown registration ${JSON.stringify(never)}`);
      }
    }
  }

  /** One namespace for every resource; the same view on several routes is fine. */
  #claimName(name: string, thing: NamedThing): void {
    if (RESERVED_NAMES.has(name) && !(thing.kind === 'websocket' && (WEBSOCKET_HANDLER_NAMES as Record<string, string>)[(thing as WebsocketEntry).route] === name)) {
      throw new TypeError(`Resource name ${JSON.stringify(name)} is reserved for the function chalice-ts creates itself; give this ${thing.kind} another { name }`);
    }
    const existing = this.#names.get(name);
    if (existing && !(existing.kind === 'route' && thing.kind === 'route' && existing.handler === thing.handler)) {
      throw new TypeError(
        `Duplicate resource name ${JSON.stringify(name)}: already used by a ${existing.kind}; give one of them a different { name }`,
      );
    }
    this.#names.set(name, thing);
  }

  #addRoute(reg: Extract<Registration, { kind: 'route' }>): void {
    const { path, name, options, handler } = reg;
    const problem = routePathProblem(path);
    if (problem) throw new TypeError(`route ${JSON.stringify(path)} (view ${name}): path ${problem}`);
    const methods = (options.methods ?? ['GET']).map((m) => String(m).toUpperCase());
    if (methods.length === 0) throw new TypeError(`route ${path} (view ${name}): methods must not be empty`);
    for (const method of methods) {
      if (!(HTTP_METHODS as readonly string[]).includes(method)) {
        throw new TypeError(`route ${path} (view ${name}): unknown method ${JSON.stringify(method)}; use ${HTTP_METHODS.join(', ')}`);
      }
    }
    this.#checkSiblingParams(path, name);
    const cors = corsOptionToConfig(options.cors, corsOptionToConfig(this.api.cors, null));
    const byMethod = this.routes.get(path) ?? new Map<HttpMethod, RouteEntry>();
    // CORS may be on for some methods of a path and off for others (the preflight lists only
    // the CORS ones). The methods that have it share one config: API Gateway answers the
    // preflight of a path with one set of headers.
    for (const existing of byMethod.values()) {
      if (cors !== null && existing.cors !== null && !cors.equals(existing.cors)) {
        throw new TypeError(
          `route ${path}: view ${name} has a different CORS configuration than view ${existing.name} on the same path; the methods of a path that enable CORS share one preflight, so give them the same CORSConfig (or cors: false)`,
        );
      }
    }
    for (const method of methods as HttpMethod[]) {
      const existing = byMethod.get(method);
      if (existing) {
        throw new TypeError(`route ${path}: method ${method} is already handled by view ${existing.name}; view ${name} cannot register it again`);
      }
    }
    const contentTypes = options.contentTypes ?? ['application/json'];
    if (contentTypes.length === 0) throw new TypeError(`route ${path} (view ${name}): contentTypes must not be empty`);
    const schemas = routeSchemas(path, name, options);
    this.#claimName(name, { kind: 'route', handler });
    for (const method of methods as HttpMethod[]) {
      byMethod.set(method, {
        kind: 'route',
        path,
        method,
        name,
        handler,
        paramNames: routeParamNames(path),
        cors,
        authorizer: options.authorizer ?? null,
        contentTypes,
        apiKeyRequired: options.apiKeyRequired ?? false,
        ...(schemas === undefined ? {} : { schemas }),
      });
    }
    this.routes.set(path, byMethod);
  }

  /** API Gateway cannot have `/a/{x}` and `/a/{y}` side by side. */
  #checkSiblingParams(path: string, name: string): void {
    const segments = path.split('/');
    for (const other of this.routes.keys()) {
      const theirs = other.split('/');
      const n = Math.min(segments.length, theirs.length);
      for (let i = 0; i < n; i++) {
        const a = segments[i];
        const b = theirs[i];
        if (a === b) continue;
        if (a.startsWith('{') && b.startsWith('{')) {
          throw new TypeError(
            `route ${path} (view ${name}): parameter ${a} conflicts with ${b} at the same position in route ${other}; API Gateway needs one name per position`,
          );
        }
        break;
      }
    }
  }
}

/** The route's declared schemas, each checked to be a Standard Schema; undefined when none. */
function routeSchemas(path: string, name: string, options: RouteOptions): RouteSchemas | undefined {
  let schemas: { body?: StandardSchemaV1; query?: StandardSchemaV1; response?: StandardSchemaV1 } | undefined;
  for (const key of ['body', 'query', 'response'] as const) {
    const schema: unknown = options[key];
    if (schema === undefined) continue;
    if (!isStandardSchema(schema)) {
      throw new TypeError(
        `route ${path} (view ${name}): ${key} must be a Standard Schema validator (zod ≥3.24, valibot ≥1, arktype ≥2 or any library implementing '~standard' version 1), got ${describeValue(schema)}`,
      );
    }
    (schemas ??= {})[key] = schema;
  }
  return schemas;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return `${typeof value} ${JSON.stringify(value)}`;
  return `${typeof value} without a '~standard' property of version 1`;
}

/** Lambda names chalice-ts gives its own shared functions. */
const RESERVED_NAMES = new Set<string>([API_HANDLER_NAME, ...Object.values(WEBSOCKET_HANDLER_NAMES)]);

function capitalize(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}


