/**
 * `client.functionUrl(name)`: HTTP requests to a function's Lambda function URL
 * (`lambda_functions.<name>.function_url`), answered exactly as `chalice local` answers them
 * at `/_lambda-url/<name>/` (the same url-exchange: payload format 2.0 event, result inference,
 * the URL's CORS, AWS_IAM needing a SigV4-shaped header) but in-process, with the function's
 * environment variables and fake Lambda context. The result goes through JSON as from Lambda.
 */
import type { FunctionUrlConfig } from '../project/index.js';
import { answerFunctionUrlRequest } from '../local/function-url/url-exchange.js';
import { HttpMethodShortcuts, requestBodyToBuffer, type RequestOptions } from './http-client.js';
import { HTTPResponse } from './http-response.js';

export interface FunctionUrlInvoker {
  readonly name: string;
  readonly config: FunctionUrlConfig;
  readonly urlId: string;
  readonly region: string;
  readonly accountId: string;
  readonly assertUsable: () => void;
  /** Runs the function in-process with its context and environment. */
  invoke(event: unknown): Promise<unknown>;
}

export class TestFunctionUrlClient extends HttpMethodShortcuts {
  readonly #invoker: FunctionUrlInvoker;

  /** @internal Created by `Client.functionUrl`. */
  constructor(invoker: FunctionUrlInvoker) {
    super();
    this.#invoker = invoker;
  }

  /** Sends `method path` to the URL (`/` is the URL's root; the path may carry a `?query`). */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<HTTPResponse> {
    this.#invoker.assertUsable();
    const headers: Record<string, string | readonly string[]> = { ...options.headers };
    const body = requestBodyToBuffer(options.body, headers);
    const invoker = this.#invoker;
    const answer = await answerFunctionUrlRequest(
      { method, url: path.startsWith('/') ? path : `/${path}`, headers, body, ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}) },
      {
        config: invoker.config,
        urlId: invoker.urlId,
        region: invoker.region,
        accountId: invoker.accountId,
        invoke: async (event) => JSON.parse(JSON.stringify((await invoker.invoke(event)) ?? null)) as unknown,
      },
    );
    const responseHeaders: Record<string, string[]> = { 'x-amzn-RequestId': [answer.requestId], 'Content-Length': [String(answer.body.length)] };
    for (const [name, value] of Object.entries(answer.headers)) responseHeaders[name] = typeof value === 'string' ? [value] : value;
    return new HTTPResponse(answer.statusCode, responseHeaders, method.toUpperCase() === 'HEAD' ? Buffer.alloc(0) : answer.body);
  }

}
