/** What a view may return when it wants full control of the HTTP response. */

export type HeaderValue = string | readonly string[];

export interface ResponseOptions {
  /** A string, a Buffer (binary), or any JSON-serialisable value. */
  readonly body?: unknown;
  /** A value may be a list: each item becomes its own header line (e.g. `Set-Cookie`). */
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  /** @default 200 */
  readonly statusCode?: number;
}

export class Response {
  readonly body: unknown;
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly statusCode: number;

  constructor(options: ResponseOptions = {}) {
    // `null` is a body (JSON `null`); only a missing body means empty.
    this.body = options.body === undefined ? '' : options.body;
    this.headers = options.headers ?? {};
    this.statusCode = options.statusCode ?? 200;
  }
}

export function isResponse(value: unknown): value is Response {
  return value instanceof Response;
}
