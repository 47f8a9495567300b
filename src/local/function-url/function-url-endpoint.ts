/**
 * Function URLs on `chalice local`'s port: `/_lambda-url/<function>/<path>` is the URL of
 * `<function>` (`lambda_functions.<function>.function_url` in the stage's config), and
 * `<path>` with the query is what the function sees as `rawPath`/`rawQueryString`. Each
 * request runs in the function's Lambda sandbox (the invoke path of the Invoke API and the
 * schedules) and is answered as Lambda answers it (url-exchange.ts); a body over Lambda's
 * 6 MB payload limit is 413, a header HTTP cannot carry 502.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadyTarget, Target } from '../server/app-host.js';
import { FUNCTION_URL_PATH_PREFIX, localFunctionUrlAddress, localFunctionUrls, type LocalFunctionUrl } from './url-config.js';
import { answerFunctionUrlRequest, FUNCTION_URL_INTERNAL_ERROR } from './url-exchange.js';

/** Lambda's synchronous invocation payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export type FunctionUrlEvent = { readonly kind: 'function-url-failed'; readonly functionName: string; readonly message: string };

export interface FunctionUrlEndpointOptions {
  readonly projectDir: string;
  readonly target: () => Target | undefined;
  readonly onEvent: (event: FunctionUrlEvent) => void;
}

export function isFunctionUrlRequest(req: IncomingMessage): boolean {
  return req.url !== undefined && req.url.startsWith(FUNCTION_URL_PATH_PREFIX);
}

/** The URLs of a loaded app, computed once per load. */
const urlsByTarget = new WeakMap<ReadyTarget, readonly LocalFunctionUrl[]>();

export function functionUrlsOf(target: ReadyTarget, projectDir: string): readonly LocalFunctionUrl[] {
  let urls = urlsByTarget.get(target);
  if (urls === undefined) {
    urls = localFunctionUrls(projectDir, target.stage, target.functions, target.app.appName);
    urlsByTarget.set(target, urls);
  }
  return urls;
}

/** Answers one function URL request; never throws. */
export function handleFunctionUrl(req: IncomingMessage, res: ServerResponse, options: FunctionUrlEndpointOptions): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    serve(req, res, options, size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)).catch((error: unknown) => {
      options.onEvent({ kind: 'function-url-failed', functionName: '?', message: `chalice local failed to serve the function URL: ${(error as Error | null)?.stack ?? String(error)}` });
      write(res, FUNCTION_URL_INTERNAL_ERROR);
    });
  });
}

/** `/_lambda-url/<name>/<rest>?q` → the function's name and the request target it sees. */
export function splitFunctionUrlPath(url: string): { name: string; target: string } {
  const rest = url.slice(FUNCTION_URL_PATH_PREFIX.length);
  const cut = rest.search(/[/?]/);
  const encoded = cut < 0 ? rest : rest.slice(0, cut);
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    name = encoded;
  }
  const after = cut < 0 ? '' : rest.slice(cut);
  return { name, target: after === '' || after.startsWith('?') ? `/${after}` : after };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: FunctionUrlEndpointOptions, body: Buffer | undefined): Promise<void> {
  const { name, target: url } = splitFunctionUrlPath(req.url ?? '');
  const target = options.target();
  if (target === undefined || target.kind !== 'ready') return void write(res, FUNCTION_URL_INTERNAL_ERROR);
  const urls = functionUrlsOf(target, options.projectDir);
  const config = urls.find((u) => u.name === name);
  if (config === undefined) {
    const message = `No function URL for "${name}": set lambda_functions.${name}.function_url in .chalice/config.json (chalice local serves function URLs for: ${urls.map((u) => u.name).join(', ') || 'none'})`;
    return void write(res, { statusCode: 404, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ Message: message })) });
  }
  if (body === undefined) {
    return void write(res, { statusCode: 413, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ Message: `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation` })) });
  }
  const answer = await answerFunctionUrlRequest(
    { method: req.method ?? 'GET', url, headers: req.headers as Record<string, string | string[] | undefined>, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
    {
      config,
      urlId: config.urlId,
      invoke: (event) => target.invoke(name, JSON.stringify(event)),
      onFailure: (message, error) => {
        // Sandbox failures (timeouts, crashes) were reported by the sandbox itself.
        if ((error as { name?: unknown } | null)?.name === 'SandboxFailure') return;
        const stack = error === undefined ? '' : `: ${(error as Error | null)?.stack ?? String(error)}`;
        options.onEvent({ kind: 'function-url-failed', functionName: name, message: `${message}${stack}` });
      },
    },
  );
  if (!write(res, answer)) {
    options.onEvent({ kind: 'function-url-failed', functionName: name, message: 'returned a header HTTP cannot carry (answered 502)' });
    write(res, FUNCTION_URL_INTERNAL_ERROR);
  }
}

/** Writes the answer; false when a header cannot be sent (nothing was written then). */
function write(res: ServerResponse, answer: { statusCode: number; headers: Record<string, string | string[]>; body: Buffer; requestId?: string }): boolean {
  if (res.headersSent || res.destroyed) return true;
  try {
    res.writeHead(answer.statusCode, { ...answer.headers, ...(answer.requestId ? { 'x-amzn-RequestId': answer.requestId } : {}), 'Content-Length': answer.body.length });
  } catch {
    return false;
  }
  res.end(answer.body);
  return true;
}

/** What `chalice local` reports about function URLs. */
export type FunctionUrlServerEvent =
  /** The function URLs of the app just loaded (after 'listening', and after each reload). */
  | { readonly kind: 'function-urls'; readonly urls: readonly { readonly name: string; readonly authType: string; readonly url: string }[] }
  | FunctionUrlEvent;

/** The function URL side of `chalice local`: the request handler and the start-up/reload listing. */
export interface FunctionUrlService {
  /** Answers the request when it is for a function URL; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Lists the URLs of a loaded app (once `serverUrl` is set). */
  announce(target: Target): void;
  serverUrl?: string;
}

export function createFunctionUrlService(options: FunctionUrlEndpointOptions & { readonly emit: (event: FunctionUrlServerEvent) => void }): FunctionUrlService {
  const service: FunctionUrlService = {
    handle(req, res) {
      if (!isFunctionUrlRequest(req)) return false;
      handleFunctionUrl(req, res, options);
      return true;
    },
    announce(target) {
      if (service.serverUrl === undefined || target.kind !== 'ready') return;
      const urls = functionUrlsOf(target, options.projectDir);
      if (urls.length > 0) options.emit({ kind: 'function-urls', urls: urls.map((u) => ({ name: u.name, authType: u.authType, url: localFunctionUrlAddress(service.serverUrl!, u.name) })) });
    },
  };
  return service;
}
