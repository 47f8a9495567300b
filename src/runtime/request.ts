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
   * The body parsed as JSON when the content type is JSON (the default), else `undefined`.
   * A malformed body throws `BadRequestError` (400), as Chalice does.
   */
  get jsonBody(): unknown {
    if (this.#jsonBody === undefined) {
      const contentType = (this.headers.get('content-type') ?? 'application/json').split(';')[0].trim().toLowerCase();
      if (!isJsonContentType(contentType)) {
        this.#jsonBody = { value: undefined };
      } else if (this.rawBody.length === 0) {
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

export function isJsonContentType(contentType: string): boolean {
  return contentType === 'application/json' || (contentType.startsWith('application/') && contentType.endsWith('+json'));
}
