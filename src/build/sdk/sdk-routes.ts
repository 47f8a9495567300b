/**
 * The routes of an app as a typed client sees them: one entry per path and method, with the
 * method name the client gives it, its path parameters, what body it takes and what it needs
 * from the caller (API key, authorization header). Pure: app model in, sorted data out, so the
 * generated client is the same for the same routes whatever order they were registered in.
 *
 * Method names follow API Gateway's generated SDKs (`/hello/{name}` GET → `helloNameGet`,
 * `/` → `rootGet`), so code moves easily between `--sdk-type javascript` and `--typescript`.
 */
import type { AppModel } from '../../graph/index.js';
import type { RouteEntry } from '../../runtime/index.js';

export type SdkBody =
  /** No body parameter (GET, HEAD, OPTIONS, DELETE). */
  | { readonly kind: 'none' }
  /** A JSON body (the route accepts `application/json`). */
  | { readonly kind: 'json' }
  /** A body sent as is with `contentType`, the route's first accepted type. */
  | { readonly kind: 'raw'; readonly contentType: string };

export interface SdkRoute {
  /** The client method, unique within the client. */
  readonly methodName: string;
  readonly httpMethod: string;
  readonly path: string;
  readonly paramNames: readonly string[];
  readonly body: SdkBody;
  readonly viewName: string;
  readonly contentTypes: readonly string[];
  readonly apiKeyRequired: boolean;
  /** The header an authorizer reads (`Authorization` unless configured), and the authorizer's kind. */
  readonly authorization?: { readonly kind: string; readonly name: string; readonly header?: string };
  /** JSON Schemas of the route's validators (`chalice openapi`'s input side for body/query, output for the response); typed client only. */
  readonly schemas?: SdkRouteSchemas;
}

export interface SdkRouteSchemas {
  readonly body?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly response?: Record<string, unknown>;
}

export interface SdkModel {
  readonly appName: string;
  /** PascalCase, for the client class: `hello` → `HelloClient`. */
  readonly className: string;
  readonly routes: readonly SdkRoute[];
}

/** The methods that carry a request body in the client. DELETE can, but rarely does: use `send` for that. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const METHOD_ORDER = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function appToSdkModel(app: Pick<AppModel, 'appName' | 'routes'>): SdkModel {
  const entries: RouteEntry[] = [];
  for (const byMethod of app.routes.values()) entries.push(...byMethod.values());
  entries.sort((a, b) => compareText(a.path, b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
  const used = new Set<string>();
  const routes = entries.map((entry) => {
    const methodName = uniqueName(baseMethodName(entry.path, entry.method), used);
    return routeEntryToSdkRoute(entry, methodName);
  });
  return { appName: app.appName, className: `${pascalCase(app.appName) || 'Api'}Client`, routes };
}

function routeEntryToSdkRoute(entry: RouteEntry, methodName: string): SdkRoute {
  const auth = entry.authorizer as { kind: string; name: string; header?: string } | null;
  return {
    methodName,
    httpMethod: entry.method,
    path: entry.path,
    paramNames: [...entry.paramNames],
    body: bodyOf(entry),
    viewName: entry.name,
    contentTypes: [...entry.contentTypes],
    apiKeyRequired: entry.apiKeyRequired,
    ...(auth === null ? {} : { authorization: { kind: auth.kind, name: auth.name, ...(auth.kind === 'iam' ? {} : { header: auth.header ?? 'Authorization' }) } }),
  };
}

function bodyOf(entry: RouteEntry): SdkBody {
  if (!BODY_METHODS.has(entry.method)) return { kind: 'none' };
  const types = entry.contentTypes.map((type) => type.toLowerCase());
  if (types.length === 0 || types.some((type) => type === 'application/json' || type.endsWith('+json'))) return { kind: 'json' };
  return { kind: 'raw', contentType: entry.contentTypes[0] };
}

/** `/users/{user_id}` + PUT → `usersUserIdPut`; `/` → `rootGet`. */
export function baseMethodName(path: string, method: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const stem = words.length === 0 ? 'root' : camelCase(words);
  const name = stem + method.charAt(0) + method.slice(1).toLowerCase();
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Paths that differ only in punctuation (`/a-b` and `/aB`) would share a name: later ones get `2`, `3`… */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate) || RESERVED_NAMES.has(candidate); n++) candidate = `${name}${n}`;
  used.add(candidate);
  return candidate;
}

/** Members of the client's base class, which a route method must not shadow. */
const RESERVED_NAMES = new Set(['send', 'options', 'fetchFn', 'constructor']);

function camelCase(words: readonly string[]): string {
  return words.map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1)).join('');
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')
    .replace(/^[0-9]/, (digit) => `_${digit}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
