/**
 * What the app graph reads from a user's `Chalice` app, stated as a structural type.
 *
 * An app loaded from a bundle carries its own copy of the runtime, so nothing here relies on
 * class identity: authorizers and CORS configs are read by their properties (`kind`, `name`…).
 */
import type {
  EventSourceEntry,
  HttpMethod,
  LambdaFunctionEntry,
  RouteEntry,
  WebsocketEntry,
  WebsocketRoute,
} from '../runtime/index.js';

/** A built-in authorizer as registered with `app.authorizer(...)`. */
export interface BuiltinAuthorizerModel {
  readonly kind: 'builtin';
  readonly name: string;
  readonly ttlSeconds: number;
  readonly executionRole: string | undefined;
  readonly header: string;
}

export interface AppModel {
  readonly appName: string;
  readonly api: { readonly binaryTypes: readonly string[] };
  readonly experimentalFeatureFlags: ReadonlySet<string>;
  /** path → method → route, in registration order. */
  readonly routes: ReadonlyMap<string, ReadonlyMap<HttpMethod, RouteEntry>>;
  readonly builtinAuthHandlers: readonly BuiltinAuthorizerModel[];
  readonly eventSources: readonly EventSourceEntry[];
  readonly pureLambdaFunctions: readonly LambdaFunctionEntry[];
  readonly websocketHandlers: Readonly<Partial<Record<WebsocketRoute, WebsocketEntry>>>;
}

/** The flag an app must set (`app.experimentalFeatureFlags.add('WEBSOCKETS')`) to use websockets. */
export const WEBSOCKETS_FEATURE_FLAG = 'WEBSOCKETS';
