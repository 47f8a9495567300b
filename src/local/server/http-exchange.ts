/**
 * One HTTP exchange of `chalice local`: Node request → `GatewayRequest` → the current target
 * → Node response. Converters are pure; `handleExchange` only moves bytes.
 *
 * Limits as API Gateway applies them: a body over 10 MB is refused with 413 — from the
 * Content-Length before reading anything, or as soon as a chunked body crosses the limit —
 * without keeping more than the limit in memory. Nothing the app does can crash the server:
 * the gateway turns handler failures into 502/504, and anything left over becomes a 500.
 */
import { validateHeaderName, validateHeaderValue, type IncomingMessage, type OutgoingHttpHeader, type ServerResponse } from 'node:http';
import { badGateway } from '../gateway/gateway-responses.js';
import { setOwn } from '../gateway/headers.js';
import type { GatewayRequest, GatewayResponse } from '../gateway/types.js';
import type { Target } from './app-host.js';
import type { InFlightResponses } from './in-flight-responses.js';

/** API Gateway's maximum payload size. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Bodies up to this size are sent in the same write as the response head. */
const SINGLE_WRITE_MAX_BYTES = 64 * 1024;

/** After refusing a body, how much more of it we read and discard before hanging up. */
const DRAIN_LIMIT_BYTES = MAX_BODY_BYTES;

/** The body of every request that has none (zero bytes: nothing to share by mistake). */
const NO_BODY = Buffer.alloc(0);

export interface ExchangeOptions {
  readonly target: () => Target | undefined;
  /** Holds every response not yet finished (for a graceful shutdown). */
  readonly inFlight?: InFlightResponses;
  /** @default MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
  /**
   * Called with errors that escaped the gateway (they are answered with 500) and with
   * failures to answer at all (the connection is then destroyed).
   */
  readonly onError?: (error: unknown, req: IncomingMessage) => void;
}

type BodyResult = { readonly ok: true; readonly body: Buffer } | { readonly ok: false };

/**
 * Answers one request; never throws or rejects. A request without a body (no Content-Length
 * or `0`, no Transfer-Encoding) goes to the gateway at once, without waiting for its stream.
 */
export function handleExchange(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions): void {
  const inFlight = options.inFlight;
  if (inFlight !== undefined) {
    inFlight.add(res);
    res.on('close', forgetterOf(inFlight));
  }
  try {
    if (!mayHaveBody(req)) return exchange(req, res, options, NO_BODY);
    readBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES)
      .then((body) => (body.ok ? exchange(req, res, options, body.body) : refuseBody(req, res)))
      .catch((error: unknown) => fail(req, res, options, error));
  } catch (error) {
    fail(req, res, options, error);
  }
}

/** One 'close' listener per registry (not a closure per request): a finished response leaves it. */
const forgetters = new WeakMap<InFlightResponses, (this: ServerResponse) => void>();
function forgetterOf(inFlight: InFlightResponses): (this: ServerResponse) => void {
  let forget = forgetters.get(inFlight);
  if (forget === undefined) {
    forget = function (this: ServerResponse) {
      inFlight.delete(this);
    };
    forgetters.set(inFlight, forget);
  }
  return forget;
}

function exchange(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions, body: Buffer): void {
  const target = options.target();
  if (target === undefined || target.kind === 'failed') {
    const text = target === undefined ? 'The app is still loading; try again.' : `chalice local could not load the app; fix the error and save to reload.\n\n${target.message}\n`;
    writeResponse(req, res, textResponse(target === undefined ? 503 : 500, text));
    return;
  }
  let request: GatewayRequest;
  try {
    request = incomingMessageToGatewayRequest(req, body);
  } catch (error) {
    return escaped(req, res, options, error);
  }
  // The gateway never fails and answers exactly once (at once when no Lambda runs).
  target.gateway.answer(request, (response) => send(req, res, options, response));
}

/** An error that escaped the gateway: 500. */
function escaped(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions, error: unknown): void {
  report(options, error, req);
  send(req, res, options, jsonResponse(500, { message: 'Internal server error' }));
}

function send(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions, response: GatewayResponse): void {
  // Already answered (503 at the end of a shutdown's grace period) or the client is gone.
  if (res.headersSent || res.destroyed) return;
  try {
    writeResponse(req, res, response);
  } catch (error) {
    // E.g. a header value with a newline: Node refuses to write it.
    report(options, error, req);
    try {
      if (!res.headersSent) writeResponse(req, res, badGateway()); // the reason went to the console above, never to the client
      else res.destroy();
    } catch (failure) {
      fail(req, res, options, failure);
    }
  }
}

/** Nothing could be answered: report it and hang up. */
function fail(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions, error: unknown): void {
  report(options, error, req);
  res.destroy();
}

function report(options: ExchangeOptions, error: unknown, req: IncomingMessage): void {
  try {
    options.onError?.(error, req);
  } catch {
    // The reporter itself failed; answering the client still goes on.
  }
}

/** Whether the request announces a body (RFC 9112: a request without these headers has none). */
function mayHaveBody(req: IncomingMessage): boolean {
  // Node has already built `req.headers` while parsing, so these are plain property reads.
  const { 'content-length': length, 'transfer-encoding': encoding } = req.headers;
  return encoding !== undefined || (length !== undefined && length !== '0');
}

/** Header names as received (first spelling wins), repeated headers as arrays. */
export function incomingMessageToGatewayRequest(req: IncomingMessage, body: Buffer): GatewayRequest {
  const headers: Record<string, string | string[]> = {};
  // First spelling of each lower-case name; requests carry a handful of headers, so a scan.
  const lowerNames: string[] = [];
  const names: string[] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    const at = lowerNames.indexOf(lower);
    if (at < 0) {
      lowerNames.push(lower);
      names.push(raw[i]);
      setOwn<string | string[]>(headers, raw[i], raw[i + 1]);
      continue;
    }
    const name = names[at];
    const existing = headers[name];
    if (typeof existing === 'string') headers[name] = [existing, raw[i + 1]];
    else existing.push(raw[i + 1]);
  }
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers, body, sourceIp: normaliseIp(req.socket.remoteAddress) };
}

function normaliseIp(address: string | undefined): string {
  if (address === undefined) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export function jsonResponse(statusCode: number, body: unknown): GatewayResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: Buffer.from(JSON.stringify(body)) };
}

function textResponse(statusCode: number, text: string): GatewayResponse {
  return { statusCode, headers: { 'Content-Type': ['text/plain; charset=utf-8'] }, body: Buffer.from(text) };
}

/**
 * The response in one `writeHead` (headers as a flat name/value list) and one `end`. Header
 * names are merged case-insensitively as `setHeader` would (the later value, at the first
 * one's place) and validated first, so a header Node refuses throws before anything changed.
 */
function writeResponse(req: IncomingMessage, res: ServerResponse, response: GatewayResponse): void {
  const flat: OutgoingHttpHeader[] = [];
  const lowerNames: string[] = [];
  let hasLength = false;
  const headers = response.headers;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    // Framing is the server's job: a handler's own transfer-encoding or connection header would
    // corrupt the connection for the next keep-alive request.
    if (lower === 'transfer-encoding' || lower === 'connection' || lower === 'keep-alive') continue;
    if (lower === 'content-length') hasLength = true;
    const values = headers[name];
    const value = values.length === 1 ? values[0] : values;
    validateHeaderName(name);
    validateHeaderValue(name, value as string); // (accepts a list too, as setHeader does)
    const at = lowerNames.indexOf(lower);
    if (at >= 0) {
      flat[2 * at] = name;
      flat[2 * at + 1] = value;
    } else {
      lowerNames.push(lower);
      flat.push(name, value);
    }
  }
  if (!hasLength) flat.push('Content-Length', response.body.length);
  res.writeHead(response.statusCode, flat);
  // HEAD answers carry the headers a GET would have, never a body.
  if (req.method === 'HEAD' || response.body.length === 0) res.end();
  // Node sends the head and a string body in ONE write, but a Buffer body in a second one; for
  // the small bodies APIs mostly send, a latin1 string (byte for byte the same) halves the
  // syscalls per response.
  else if (response.body.length <= SINGLE_WRITE_MAX_BYTES) res.end(response.body.toString('latin1'), 'latin1');
  else res.end(response.body);
}

/** 503 with `Connection: close`: the server is shutting down (a new request, or one the grace period ran out on). */
export function answerShuttingDown(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.shouldKeepAlive = false;
  writeResponse(req, res, jsonResponse(503, { message: 'Service Unavailable: chalice local is shutting down' }));
}

/**
 * Reads the whole body, or stops keeping it once it exceeds `limit` (the rest is discarded
 * by `refuseBody`). A declared Content-Length over the limit is refused before reading.
 */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (declaresTooLargeBody(req, limit)) return Promise.resolve({ ok: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        cleanup();
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    };
    // An aborted request has no one to answer; resolve so nothing waits forever.
    const onClose = (): void => {
      if (!req.complete) {
        cleanup();
        resolve({ ok: false });
      }
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

export function declaresTooLargeBody(req: IncomingMessage, limit = MAX_BODY_BYTES): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * 413 and close the connection. The client may still be sending; reading (and dropping) a
 * bounded amount more lets it receive the 413 instead of a connection reset, and the limit
 * keeps a client from streaming forever.
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.destroyed || res.destroyed) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
  res.setHeader('Connection', 'close');
  // API Gateway's own words and content type for a body over its 10 MB limit.
  writeResponse(req, res, { statusCode: 413, headers: { 'Content-Type': ['text; charset=utf-8'] }, body: Buffer.from('HTTP content length exceeded 10485760 bytes.') });
}
