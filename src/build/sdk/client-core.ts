/**
 * The fixed part of every client `chalice generate-sdk --typescript` writes: options, the error
 * classes and the one `fetch`-based request function the generated route methods call. It is
 * text, pasted verbatim into each generated `client.ts`, so a generated client has no imports
 * and runs wherever `fetch` does (browsers, Node.js 20+, Deno, workers).
 *
 * Rules for this text (it is type-checked as part of every generated client in the tests, under
 * the DOM library and under Node's types alone): no backquotes or dollar-brace sequences (it
 * lives in a template literal), only globals both environments declare (`fetch`, `Headers`,
 * `Blob`, `URLSearchParams`, `AbortSignal`), and `private` rather than `#` fields so older
 * compiler targets still accept it.
 */

/** Chalice's error codes that get their own exception class: the runtime's HTTP errors plus its unhandled-error answer. */
export const CHALICE_ERROR_CODES: readonly string[] = [
  'BadRequestError',
  'UnauthorizedError',
  'ForbiddenError',
  'NotFoundError',
  'MethodNotAllowedError',
  'RequestTimeoutError',
  'ConflictError',
  'UnprocessableEntityError',
  'TooManyRequestsError',
  'ChaliceViewError',
  'InternalServerError',
];

export const CLIENT_CORE_HEAD = `/** A query string value; arrays repeat the key (\`?tag=a&tag=b\`), undefined and null leave it out. */
export type QueryValue = string | number | boolean;
export type QueryParams = Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined | null>>;
export type HeaderMap = Readonly<Record<string, string>>;
/** A body sent as is, with the route's content type (routes that do not accept JSON). */
export type RawBody = string | Blob | ArrayBuffer | Uint8Array | URLSearchParams;

export interface ClientOptions {
  /**
   * Where the API is served, with the stage for a deployed API:
   * \`http://127.0.0.1:8000\` for \`chalice local\`, \`https://{id}.execute-api.{region}.amazonaws.com/api\`
   * once deployed (\`chalice url\`), or \`''\` for the page's own origin.
   */
  readonly baseUrl: string;
  /** Sent as \`x-api-key\` (routes registered with \`apiKeyRequired\`). */
  readonly apiKey?: string;
  /** Sent as \`Authorization\`; a function is called before every request (so a token can be refreshed). */
  readonly authorization?: string | (() => string | undefined | Promise<string | undefined>);
  /** Headers for every request; a function is called before every request. */
  readonly headers?: HeaderMap | (() => HeaderMap | Promise<HeaderMap>);
  /** The fetch to use, e.g. one that signs requests (SigV4 for IAM-authorized routes). @default globalThis.fetch */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export interface RequestOptions {
  readonly query?: QueryParams;
  /** Headers for this request only; they win over the client's. */
  readonly headers?: HeaderMap;
  readonly signal?: AbortSignal;
}

export interface SendOptions extends RequestOptions {
  /** Path parameters, filled into \`{name}\` placeholders of the path (URL-encoded). */
  readonly params?: Readonly<Record<string, string | number>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is; \`contentType\` says what it is. */
  readonly body?: RawBody;
  readonly contentType?: string;
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON for JSON responses, text for text responses, otherwise an ArrayBuffer; undefined when empty. */
  readonly body: T;
}

export interface ApiErrorInit {
  readonly status: number;
  readonly code: string | undefined;
  readonly message: string;
  readonly body: unknown;
  readonly headers: Headers;
  readonly method: string;
  readonly url: string;
}

/**
 * An answer outside 2xx. \`code\` and \`message\` are Chalice's \`{"Code", "Message"}\` body;
 * \`code\` is undefined for answers that are not Chalice errors (API Gateway's own, such as
 * \`403 {"message": "Missing Authentication Token"}\`, whose message becomes \`message\`).
 */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly body: unknown;
  readonly headers: Headers;
  readonly method: string;
  readonly url: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.headers = init.headers;
    this.method = init.method;
    this.url = init.url;
  }
}
`;

/** One exception class per Chalice error code (`name` set explicitly: minifiers rename classes). */
export function errorClassesText(codes: readonly string[] = CHALICE_ERROR_CODES): string {
  const classes = codes.map((code) => `export class ${code} extends ApiError {\n  override readonly name: string = '${code}';\n}\n`);
  const table = codes.map((code) => `  ${code},\n`).join('');
  return `${classes.join('')}
/** Chalice error code → exception class; other codes become a plain ApiError. */
export const ERROR_CLASSES: Readonly<Record<string, new (init: ApiErrorInit) => ApiError>> = {
${table}};
`;
}

export const CLIENT_CORE_TAIL = `
/** Whether \`value\` is an ApiError, also one thrown by another copy of this client. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (value instanceof Error && typeof (value as { status?: unknown }).status === 'number' && 'code' in value && 'body' in value);
}

function fillPath(template: string, params: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\\{([A-Za-z_][A-Za-z0-9_]*)\\}/g, (_match, name: string) => {
    const value = params === undefined ? undefined : params[name];
    if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError('Missing path parameter "' + name + '" for ' + template);
    const text = String(value);
    // URLs resolve these as dot segments (encoded too), so no request can carry them.
    if (text === '.' || text === '..') throw new TypeError('Path parameter "' + name + '" cannot be "' + text + '" for ' + template + ': URLs resolve it as a dot segment');
    return encodeURIComponent(text);
  });
}

function queryString(query: QueryParams | undefined): string {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue];
    for (const item of values) search.append(key, String(item));
  }
  const text = search.toString();
  return text === '' ? '' : '?' + text;
}

async function readBody(response: Response, method: string): Promise<unknown> {
  if (method === 'HEAD' || response.status === 204 || response.status === 304) return undefined;
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('json')) {
    const text = await response.text();
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type === '' || type.startsWith('text/') || type.includes('xml') || type.includes('urlencoded')) {
    const text = await response.text();
    return text === '' ? undefined : text;
  }
  const bytes = await response.arrayBuffer();
  return bytes.byteLength === 0 ? undefined : bytes;
}

function toApiError(status: number, body: unknown, headers: Headers, method: string, url: string): ApiError {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.Code === 'string' ? fields.Code : undefined;
  const message =
    typeof fields.Message === 'string' ? fields.Message
    : typeof fields.message === 'string' ? fields.message
    : typeof body === 'string' && body !== '' ? body
    : method + ' ' + url + ' answered ' + status;
  const ErrorClass = (code !== undefined && Object.prototype.hasOwnProperty.call(ERROR_CLASSES, code) ? ERROR_CLASSES[code] : undefined) ?? ApiError;
  return new ErrorClass({ status, code, message, body, headers, method, url });
}

/** The transport every route method uses; call \`send\` yourself for requests the routes do not describe. */
export class BaseClient {
  protected readonly options: ClientOptions;
  private readonly fetchFn: (url: string, init: RequestInit) => Promise<Response>;

  constructor(options: ClientOptions) {
    if (typeof options.baseUrl !== 'string') throw new TypeError('ClientOptions.baseUrl must be a string such as "http://127.0.0.1:8000"');
    this.options = options;
    const given: ((url: string, init: RequestInit) => Promise<Response>) | undefined = options.fetch ?? globalThis.fetch;
    if (typeof given !== 'function') throw new TypeError('No fetch available: use Node.js 20+ or a browser, or pass ClientOptions.fetch');
    // A detached fetch throws "Illegal invocation" in browsers: call it as a plain function.
    this.fetchFn = (url, init) => given(url, init);
  }

  /** Sends one request; resolves with the decoded answer, rejects with an ApiError outside 2xx. */
  async send<T = unknown>(method: string, path: string, options: SendOptions = {}): Promise<ApiResponse<T>> {
    const url = this.options.baseUrl.replace(/\\/+$/, '') + fillPath(path, options.params) + queryString(options.query);
    const headers = new Headers();
    const shared = typeof this.options.headers === 'function' ? await this.options.headers() : this.options.headers;
    for (const [name, value] of Object.entries(shared ?? {})) headers.set(name, value);
    if (this.options.apiKey !== undefined) headers.set('x-api-key', this.options.apiKey);
    const authorization = typeof this.options.authorization === 'function' ? await this.options.authorization() : this.options.authorization;
    if (authorization !== undefined) headers.set('authorization', authorization);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    let body: RawBody | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    } else if (options.body !== undefined) {
      body = options.body;
      if (!headers.has('content-type') && options.contentType !== undefined) headers.set('content-type', options.contentType);
    }
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = body as NonNullable<RequestInit['body']>;
    if (options.signal !== undefined) init.signal = options.signal;
    const response = await this.fetchFn(url, init);
    const decoded = await readBody(response, method);
    if (!response.ok) throw toApiError(response.status, decoded, response.headers, method, url);
    return { status: response.status, headers: response.headers, body: decoded as T };
  }
}
`;
