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

export class Request {
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
   */
  get jsonBody(): unknown {
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
    return this.#jsonBody.value;
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

/** Whether a Content-Type header value names `application/json` (parameters ignored). */
export function isJsonContentType(headerValue: string): boolean {
  const semi = headerValue.indexOf(';');
  return (semi === -1 ? headerValue : headerValue.slice(0, semi)).trim().toLowerCase() === 'application/json';
}
