/**
 * What `client.http.*` returns: the HTTP response as a client of the deployed API would see it,
 * Content-Length and x-amzn-RequestId included.
 *
 * `headers` reads like Node's `IncomingMessage.headers`: lower-case names, a repeated header
 * as ONE string joined with ', ' (HTTP allows that for every header but one), and `set-cookie`
 * always a list: cookies cannot be joined, since a cookie's Expires date has a comma of its own.
 */

/** Response headers by lower-case name (see the module comment). */
export interface ResponseHeaders {
  /** Every Set-Cookie header, in order; absent when there is none. Never joined. */
  readonly 'set-cookie'?: readonly string[];
  readonly 'content-type'?: string;
  readonly 'content-length'?: string;
  readonly location?: string;
  readonly 'cache-control'?: string;
  readonly 'content-disposition'?: string;
  readonly 'content-encoding'?: string;
  readonly etag?: string;
  readonly 'access-control-allow-origin'?: string;
  readonly 'access-control-allow-methods'?: string;
  readonly 'access-control-allow-headers'?: string;
  readonly 'access-control-expose-headers'?: string;
  readonly 'access-control-max-age'?: string;
  readonly 'access-control-allow-credentials'?: string;
  readonly 'x-amzn-requestid'?: string;
  readonly 'x-amzn-errortype'?: string;
  /** HTTP APIs (api_type "http") send this instead of x-amzn-RequestId. */
  readonly 'apigw-requestid'?: string;
  /** Why a JWT authorizer refused the token (HTTP APIs). */
  readonly 'www-authenticate'?: string;
  /** Any other header: one string (values joined with ', '). */
  readonly [name: string]: string | readonly string[] | undefined;
}

export class HTTPResponse {
  readonly statusCode: number;
  /** Lower-cased names; a repeated header's values joined with ', ', except `set-cookie`, always a list. */
  readonly headers: ResponseHeaders;
  /** Lower-cased names → every value, e.g. each `set-cookie` separately. */
  readonly multiValueHeaders: Readonly<Record<string, readonly string[]>>;
  /** The raw body (empty for HEAD requests). */
  readonly body: Buffer;

  constructor(statusCode: number, headers: Readonly<Record<string, readonly string[]>>, body: Buffer) {
    const multi: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(headers)) (multi[name.toLowerCase()] ??= []).push(...values);
    this.statusCode = statusCode;
    this.multiValueHeaders = multi;
    this.headers = Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, name === 'set-cookie' ? values : values.join(', ')]));
    this.body = body;
  }

  /** Every value of a header (case-insensitive); `[]` when absent. */
  headerValues(name: string): readonly string[] {
    return this.multiValueHeaders[name.toLowerCase()] ?? [];
  }
  /** The body decoded as UTF-8. */
  get text(): string {
    return this.body.toString('utf8');
  }

  /**
   * The body parsed as JSON.
   * @throws Error naming the status and content type when the body is not JSON.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads into it freely, like Chalice's json_body
  get json(): any {
    const text = this.text;
    try {
      return JSON.parse(text);
    } catch (error) {
      const preview = text.length > 200 ? `${text.slice(0, 200)}…` : text;
      throw new Error(
        `HTTPResponse.json: the body of this ${this.statusCode} response (content-type ${this.headers['content-type'] ?? 'not set'}) is not JSON: ${(error as Error).message}; body: ${JSON.stringify(preview)}. Use .text or .body instead`,
      );
    }
  }
}
