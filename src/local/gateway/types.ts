/**
 * The shapes the API Gateway emulation exchanges with its callers (the `chalice local` HTTP
 * server and the test client) and the part of the app model it reads.
 *
 * The app is read structurally (`GatewayApp`), never through runtime classes: an app loaded
 * from a bundle carries its own copy of the runtime, so only properties and plain JSON cross
 * this boundary.
 */
import type { Authorizer, HttpMethod, LambdaContext } from '../../runtime/index.js';

/** An HTTP request as received by the server (or built by the test client). */
export interface GatewayRequest {
  readonly method: string;
  /** Raw request target as received: path plus optional `?query`, still percent-encoded. */
  readonly url: string;
  /** Header names as received; a repeated header is an array. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
  /** @default '127.0.0.1' */
  readonly sourceIp?: string;
}

/** What API Gateway sends back to the client. Header names as the Lambda (or gateway) set them. */
export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: Buffer;
}

/** The route fields the gateway needs (a subset of the runtime's RouteEntry). */
export interface GatewayRoute {
  readonly path: string;
  readonly method: HttpMethod;
  readonly name: string;
  readonly cors: GatewayCors | null;
  readonly authorizer: Authorizer | null;
  readonly apiKeyRequired: boolean;
}

/** CORS settings, read by property (a CORSConfig from any copy of the runtime fits). */
export interface GatewayCors {
  readonly allowOrigin: string;
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number | undefined;
  readonly allowCredentials?: boolean | undefined;
  getAccessControlHeaders?(): Record<string, string>;
}

/** The part of a `Chalice` app the gateway reads. */
export interface GatewayApp {
  readonly appName: string;
  readonly api: { readonly binaryTypes: readonly string[] };
  readonly routes: ReadonlyMap<string, ReadonlyMap<HttpMethod, GatewayRoute>>;
  lambdaHandler(name: string): (event: unknown, context?: LambdaContext | null) => Promise<unknown>;
  /**
   * The same entry points taking the event as JSON text, for an app that runs elsewhere (a
   * sandbox thread receives text anyway): the gateway then writes the REST proxy event as text
   * and never builds the object. The Lambda context is the app's own business then. `onDone`
   * is called once, with `(true, result)` or `(false, error)`; no promise per request.
   */
  lambdaJsonHandler?(name: string): (eventJson: string, onDone: (ok: boolean, valueOrError: unknown) => void) => void;
}

/** Milliseconds since the epoch; injectable so caches and timestamps are testable. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Runs one Lambda invocation; lets the caller wrap it (e.g. to set that function's env vars). */
export type InvocationWrapper = <T>(functionName: string, invoke: () => Promise<T>) => Promise<T>;

export interface ApiGatewayOptions {
  /** API Gateway stage name (`requestContext.stage`, the `/<stage>` of `requestContext.path`). @default 'api' */
  readonly stageName?: string;
  /** `event.stageVariables`; `null` or empty means none. @default null */
  readonly stageVariables?: Readonly<Record<string, string>> | null;
  /** Fake region used in ARNs and the domain name. @default 'us-east-1' */
  readonly region?: string;
  /** Fake account id. @default '123456789012' */
  readonly accountId?: string;
  /** Fake REST API id. @default derived from the app name (stable across runs) */
  readonly apiId?: string;
  /**
   * Integration timeout: an invocation still running after this many milliseconds is answered
   * 504 like API Gateway's 29-second limit. `0` or `Infinity` disables it. @default 29000
   */
  readonly timeoutMs?: number;
  /**
   * The REST Lambda's own timeout (its `lambda_timeout`). When it is shorter than `timeoutMs`,
   * an invocation still running after it has failed as Lambda would, and is answered 502
   * `Internal server error` like API Gateway answers a failed integration. @default none
   */
  readonly lambdaTimeoutMs?: number;
  /** What 401 answers for IAM/custom authorizers tell the user to do. @default names the `unsupportedAuthorizers` option */
  readonly unsupportedAuthorizersHint?: string;
  /** @default the system clock */
  readonly clock?: Clock;
  /** Valid API keys for `apiKeyRequired` routes; unset accepts any non-empty `x-api-key`. */
  readonly apiKeys?: readonly string[];
  /**
   * IAM and custom (ARN) authorizers cannot run locally. 'refuse' answers 401 saying so;
   * 'allow' lets requests through unauthenticated. Both warn through `onWarning`. @default 'refuse'
   */
  readonly unsupportedAuthorizers?: 'refuse' | 'allow';
  /**
   * Receives warnings: unsupported authorizers, and why an authorizer or the REST handler
   * failed or returned something API Gateway cannot use (the client only sees API Gateway's
   * generic answer). @default ignore
   */
  readonly onWarning?: (message: string) => void;
  /** The chalice stage the app runs as (the default Lambda context's function names). @default 'dev' */
  readonly chaliceStage?: string;
  /** The Lambda context handed to `functionName`. @default a fake context named as deployed in `chaliceStage` */
  readonly lambdaContext?: (functionName: string) => LambdaContext;
  /** Wraps every Lambda invocation (the REST handler and authorizers). @default calls it directly */
  readonly wrapInvocation?: InvocationWrapper;
  /** `requestContext.requestId` generator. @default crypto.randomUUID */
  readonly newRequestId?: () => string;
}

export interface ApiGateway {
  /** Answers one request like API Gateway REST + Lambda proxy would. Never rejects. */
  handle(request: GatewayRequest): Promise<GatewayResponse>;
  /**
   * `handle` for a caller that needs no promise (the local server, once per request):
   * `onResponse` is called exactly once with the same answer, synchronously when no Lambda
   * runs. `onResponse` must not throw.
   */
  answer(request: GatewayRequest, onResponse: (response: GatewayResponse) => void): void;
}
