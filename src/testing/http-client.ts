/**
 * `client.http`: HTTP requests to the app's REST API through the API Gateway emulation,
 * exactly as `chalice local` serves them (routing, CORS preflight, authorizers, binary
 * types, API Gateway's own error responses) but without a socket.
 */
import type { ApiGateway } from '../local/gateway/index.js';
import { HTTPResponse } from './http-response.js';

/** A body: text, bytes, or any other value sent as JSON (with `content-type: application/json`). */
export type RequestBody = string | Buffer | Uint8Array | Record<string, unknown> | readonly unknown[] | number | boolean | null;

export interface RequestOptions {
  /** A list value sends the header once per item. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: RequestBody;
  /** `requestContext.identity.sourceIp`. @default '127.0.0.1' */
  readonly sourceIp?: string;
}

/** `request(method, …)` plus one shortcut per HTTP method; the test clients extend it. */
export abstract class HttpMethodShortcuts {
  /** Sends `method path` (the path may carry a `?query`, percent-encoded as on the wire). */
  abstract request(method: string, path: string, options?: RequestOptions): Promise<HTTPResponse>;

  get(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('GET', path, options);
  }
  post(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('POST', path, options);
  }
  put(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('PUT', path, options);
  }
  patch(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('PATCH', path, options);
  }
  delete(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('DELETE', path, options);
  }
  head(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('HEAD', path, options);
  }
  options(path: string, options?: RequestOptions): Promise<HTTPResponse> {
    return this.request('OPTIONS', path, options);
  }
}

export class TestHTTPClient extends HttpMethodShortcuts {
  readonly #gateway: ApiGateway;
  readonly #assertUsable: () => void;

  /** @internal Created by `Client`. */
  constructor(gateway: ApiGateway, assertUsable: () => void) {
    super();
    this.#gateway = gateway;
    this.#assertUsable = assertUsable;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<HTTPResponse> {
    this.#assertUsable();
    const headers: Record<string, string | readonly string[]> = { ...options.headers };
    const body = requestBodyToBuffer(options.body, headers);
    const response = await this.#gateway.handle({
      method: method.toUpperCase(),
      url: path,
      headers,
      body,
      ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}),
    });
    return new HTTPResponse(response.statusCode, response.headers, response.body);
  }

}

/** Encodes the body; a JSON body gets `content-type: application/json` unless one is given. */
export function requestBodyToBuffer(body: RequestBody | undefined, headers: Record<string, string | readonly string[]>): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return Buffer.from(JSON.stringify(body), 'utf8');
}
