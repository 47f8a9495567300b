/** The HTTP request a view receives (also `app.currentRequest`). */
import { BadRequestError } from './errors.js';
import type { LambdaContext } from './lambda-context.js';
import { MultiDict } from './multi-dict.js';

export interface RequestInit {
  readonly method: string;
  readonly path: string;
  readonly queryParams: MultiDict | null;
  readonly headers: MultiDict;
  readonly uriParams: Readonly<Record<string, string>> | null;
  readonly rawBody: Buffer;
  readonly context: Readonly<Record<string, unknown>>;
  readonly stageVars: Readonly<Record<string, string>> | null;
  readonly lambdaContext: LambdaContext | null;
  /** The raw event the request came from, returned by `toOriginalEvent()`. */
  readonly event?: unknown;
}

/**
 * The query string as a plain object: a name sent once maps to its value, a repeated name to
 * all its values in order (`?tag=a&tag=b` → `{ tag: ['a', 'b'] }`); `{}` without a query string.
 */
export type QueryObject = Readonly<Record<string, string | readonly string[]>>;

/** Sets what a route's schemas produced; the REST entry point's only way in (see below). */
let setValidated: (request: Request, part: 'body' | 'query', value: unknown) => void;

/** @internal The REST entry point stores a route's validated body or query on the request. */
export function setValidatedInput(request: Request, part: 'body' | 'query', value: unknown): void {
  setValidated(request, part, value);
}

/**
 * `Body` and `Query` are the types of `jsonBody` and `query`: on a route with a `body` or
 * `query` schema, the schema's output (what validation produced), else the parsed values.
 */
export class Request<Body = unknown, Query = QueryObject> {
  readonly method: string;
  readonly path: string;
  /** `null` when the request had no query string, as in Chalice. */
  readonly queryParams: MultiDict | null;
  /** Case-insensitive: `request.headers.get('content-type')`. */
  readonly headers: MultiDict;
  readonly uriParams: Readonly<Record<string, string>> | null;
  readonly rawBody: Buffer;
  readonly context: Readonly<Record<string, unknown>>;
  readonly stageVars: Readonly<Record<string, string>> | null;
  readonly lambdaContext: LambdaContext | null;
  readonly #event: unknown;
  #jsonBody: { value: unknown } | undefined;
  #query: { value: unknown } | undefined;

  static {
    setValidated = (request, part, value) => {
      if (part === 'body') request.#jsonBody = { value };
      else request.#query = { value };
    };
  }

  constructor(init: RequestInit) {
    this.method = init.method;
    this.path = init.path;
    this.queryParams = init.queryParams;
    this.headers = init.headers;
    this.uriParams = init.uriParams;
    this.rawBody = init.rawBody;
    this.context = init.context;
    this.stageVars = init.stageVars;
    this.lambdaContext = init.lambdaContext;
    this.#event = init.event ?? null;
  }

  /** The raw Lambda event (API Gateway proxy event) this request was built from. */
  toOriginalEvent(): unknown {
    return this.#event;
  }

  /**
   * The body parsed as JSON when the request's Content-Type is `application/json` (any
   * parameters, such as `charset`, allowed), else `null`, as in Chalice: a body sent without
   * a Content-Type, or as `application/vnd.api+json`, is left to `rawBody`. A body that is
   * not JSON, an empty one included, throws `BadRequestError('Error Parsing JSON')` (400).
   * On a route with a `body` schema it is the schema's output.
   */
  get jsonBody(): Body {
    if (this.#jsonBody === undefined) {
      const contentType = this.headers.get('content-type');
      if (contentType === undefined || !isJsonContentType(contentType)) {
        this.#jsonBody = { value: null };
      } else {
        try {
          this.#jsonBody = { value: JSON.parse(this.rawBody.toString('utf8')) };
        } catch {
          throw new BadRequestError('Error Parsing JSON');
        }
      }
    }
    return this.#jsonBody.value as Body;
  }

  /**
   * The query string as a plain object (see `QueryObject`); on a route with a `query` schema,
   * the schema's output. `queryParams` keeps Chalice's MultiDict view.
   */
  get query(): Query {
    this.#query ??= { value: queryParamsToObject(this.queryParams) };
    return this.#query.value as Query;
  }

  /** JSON-serialisable view (lowerCamelCase keys, like the proxy event); handy to return from a view. */
  toJSON(): Record<string, unknown> {
    return {
      method: this.method,
      path: this.path,
      queryParams: this.queryParams?.toJSON() ?? null,
      headers: this.headers.toJSON(),
      uriParams: this.uriParams,
      context: this.context,
      stageVars: this.stageVars,
    };
  }
}

/** `?a=1&b=2&b=3` → `{ a: '1', b: ['2', '3'] }`: the value a `query` schema validates. */
export function queryParamsToObject(queryParams: MultiDict | null): QueryObject {
  if (queryParams === null) return {};
  // fromEntries defines own properties, so a name like `__proto__` stays a plain key.
  return Object.fromEntries([...queryParams.keys()].map((name) => {
    const values = queryParams.getList(name);
    return [name, values.length === 1 ? values[0] : values];
  }));
}

/** Whether a Content-Type header value names `application/json` (parameters ignored). */
export function isJsonContentType(headerValue: string): boolean {
  const semi = headerValue.indexOf(';');
  return (semi === -1 ? headerValue : headerValue.slice(0, semi)).trim().toLowerCase() === 'application/json';
}
