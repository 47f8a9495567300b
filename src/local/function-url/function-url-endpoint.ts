/**
 * Function URLs on `chalice local`'s port: `/_lambda-url/<function>/<path>` is the URL of
 * `<function>` (`lambda_functions.<function>.function_url` in the stage's config), and
 * `<path>` with the query is what the function sees as `rawPath`/`rawQueryString`.
 *
 *   request → (AWS_IAM: a SigV4 Authorization header, else 403) → (CORS preflight answered
 *   here) → payload format 2.0 event (../http-api/v2-event.ts, routeKey and stage `$default`)
 *   → the function's Lambda sandbox (the same invoke path as the Invoke API and schedules)
 *   → result inference (url-result.ts) → CORS headers (url-cors.ts) → answer
 *
 * As Lambda answers: a body over 6 MB is 413, a function that throws, times out or crashes
 * (or returns what a URL cannot send) is 502 `Internal Server Error`. AWS_IAM URLs are not
 * signed-checked locally: a request needs an `Authorization: AWS4-HMAC-SHA256 Credential=…,
 * SignedHeaders=…, Signature=…` header and an `X-Amz-Date` (or `Date`), like REST's IAM
 * emulation; without one it is refused 403 `{"Message":"Forbidden"}`, as Lambda refuses it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headersToIndex } from '../gateway/headers.js';
import { missingSigV4Parts } from '../gateway/sigv4-header.js';
import { httpRequestToV2Event } from '../http-api/v2-event.js';
import type { ReadyTarget, Target } from '../server/app-host.js';
import { isPreflight, preflightHeaders, withCorsHeaders } from './url-cors.js';
import { FUNCTION_URL_PATH_PREFIX, localFunctionUrls, type LocalFunctionUrl } from './url-config.js';
import { v2ResultToUrlAnswer } from './url-result.js';

/** Lambda's synchronous invocation payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

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
  const requestId = randomUUID();
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    serve(req, res, options, requestId, size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)).catch((error: unknown) => {
      options.onEvent({ kind: 'function-url-failed', functionName: '?', message: `chalice local failed to serve the function URL: ${(error as Error | null)?.stack ?? String(error)}` });
      answer(res, requestId, 502, { 'Content-Type': 'text/plain' }, Buffer.from('Internal Server Error'));
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, options: FunctionUrlEndpointOptions, requestId: string, body: Buffer | undefined): Promise<void> {
  const rest = (req.url ?? '').slice(FUNCTION_URL_PATH_PREFIX.length);
  const cut = rest.search(/[/?]/);
  const encodedName = cut < 0 ? rest : rest.slice(0, cut);
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    name = encodedName;
  }
  const after = cut < 0 ? '' : rest.slice(cut);
  const url = after.startsWith('?') || after === '' ? `/${after}` : after;
  const target = options.target();
  if (target === undefined || target.kind !== 'ready') {
    return void answer(res, requestId, 502, { 'Content-Type': 'text/plain' }, Buffer.from('Internal Server Error'));
  }
  const config = functionUrlsOf(target, options.projectDir).find((u) => u.name === name);
  if (config === undefined) {
    const served = functionUrlsOf(target, options.projectDir).map((u) => u.name);
    const message = `No function URL for "${name}": set lambda_functions.${name}.function_url in .chalice/config.json (chalice local serves function URLs for: ${served.join(', ') || 'none'})`;
    return void answer(res, requestId, 404, { 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify({ Message: message })));
  }
  if (body === undefined) return void answer(res, requestId, 413, { 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify({ Message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' })));
  const headers = headersToIndex(req.headers as Record<string, string | string[] | undefined>);
  if (config.authType === 'AWS_IAM') {
    const authorization = headers.last('authorization');
    if (authorization === undefined || !authorization.startsWith('AWS4-HMAC-SHA256 ') || missingSigV4Parts(authorization, headers).length > 0) {
      return void answer(res, requestId, 403, { 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify({ Message: 'Forbidden' })));
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const origin = headers.last('origin');
  if (config.cors !== undefined && isPreflight(method, headers)) {
    return void answer(res, requestId, 200, preflightHeaders(config.cors, origin, headers.last('access-control-request-method')), Buffer.alloc(0));
  }
  const event = httpRequestToV2Event(
    { method, url, headers: req.headers as Record<string, string | string[] | undefined>, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
    {
      routeKey: '$default',
      stage: '$default',
      accountId: ACCOUNT,
      apiId: config.urlId,
      region: REGION,
      domainName: `${config.urlId}.lambda-url.${REGION}.on.aws`,
      requestId,
      timeEpoch: Date.now(),
    },
  );
  let result: unknown;
  try {
    result = await target.invoke(name, JSON.stringify(event));
  } catch (error) {
    // Sandbox failures (timeouts, crashes) were reported by the sandbox; a thrown error is reported here.
    if ((error as { name?: unknown } | null)?.name !== 'SandboxFailure') {
      options.onEvent({ kind: 'function-url-failed', functionName: name, message: `failed: ${(error as Error | null)?.stack ?? String(error)} (answered 502)` });
    }
    return void answer(res, requestId, 502, { 'Content-Type': 'text/plain' }, Buffer.from('Internal Server Error'));
  }
  const converted = v2ResultToUrlAnswer(result);
  if (!converted.ok) {
    options.onEvent({ kind: 'function-url-failed', functionName: name, message: `returned a result its function URL cannot send: ${converted.reason} (answered 502)` });
    return void answer(res, requestId, 502, { 'Content-Type': 'text/plain' }, Buffer.from('Internal Server Error'));
  }
  const out = config.cors === undefined ? converted.headers : withCorsHeaders(converted.headers, config.cors, origin);
  if (!answer(res, requestId, converted.statusCode, out, converted.body)) {
    options.onEvent({ kind: 'function-url-failed', functionName: name, message: 'returned a header HTTP cannot carry (answered 502)' });
    answer(res, requestId, 502, { 'Content-Type': 'text/plain' }, Buffer.from('Internal Server Error'));
  }
}

/** Writes the answer; false when a header cannot be sent (nothing was written then). */
function answer(res: ServerResponse, requestId: string, status: number, headers: Record<string, string | string[]>, body: Buffer): boolean {
  if (res.headersSent || res.destroyed) return true;
  try {
    res.writeHead(status, { ...headers, 'x-amzn-RequestId': requestId, 'Content-Length': body.length });
  } catch {
    return false;
  }
  res.end(body);
  return true;
}
