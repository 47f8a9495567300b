/**
 * One HTTP exchange of `chalice local`: Node request → `GatewayRequest` → the current target
 * → Node response. Converters are pure; `handleExchange` only moves bytes.
 *
 * Limits as API Gateway applies them: a body over 10 MB is refused with 413 — from the
 * Content-Length before reading anything, or as soon as a chunked body crosses the limit —
 * without keeping more than the limit in memory. Nothing the app does can crash the server:
 * the gateway turns handler failures into 502/504, and anything left over becomes a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayRequest, GatewayResponse } from '../gateway/types.js';
import type { Target } from './app-host.js';

/** API Gateway's maximum payload size. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Bodies up to this size are sent in the same write as the response head. */
const SINGLE_WRITE_MAX_BYTES = 64 * 1024;

/** After refusing a body, how much more of it we read and discard before hanging up. */
const DRAIN_LIMIT_BYTES = MAX_BODY_BYTES;

export interface ExchangeOptions {
  readonly target: () => Target | undefined;
  /** @default MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
  /** Called with errors that escaped the gateway (they are answered with 500). */
  readonly onError?: (error: unknown) => void;
}

type BodyResult = { readonly ok: true; readonly body: Buffer } | { readonly ok: false };

export async function handleExchange(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions): Promise<void> {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const body = await readBody(req, limit);
  if (!body.ok) {
    refuseBody(req, res);
    return;
  }
  const target = options.target();
  if (target === undefined || target.kind === 'failed') {
    const text = target === undefined ? 'The app is still loading; try again.' : `chalice local could not load the app; fix the error and save to reload.\n\n${target.message}\n`;
    writeResponse(req, res, textResponse(target === undefined ? 503 : 500, text));
    return;
  }
  let response: GatewayResponse;
  try {
    response = await target.gateway.handle(incomingMessageToGatewayRequest(req, body.body));
  } catch (error) {
    options.onError?.(error);
    response = jsonResponse(500, { message: 'Internal server error' });
  }
  try {
    writeResponse(req, res, response);
  } catch (error) {
    // E.g. a header value with a newline: Node refuses to write it.
    options.onError?.(error);
    if (!res.headersSent) writeResponse(req, res, jsonResponse(502, { message: `Internal server error: the response could not be sent (${(error as Error).message})` }));
    else res.destroy();
  }
}

/** Header names as received (first spelling wins), repeated headers as arrays. */
export function incomingMessageToGatewayRequest(req: IncomingMessage, body: Buffer): GatewayRequest {
  const headers: Record<string, string | string[]> = {};
  const names = new Map<string, string>();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    const name = names.get(lower) ?? raw[i];
    names.set(lower, name);
    const existing = headers[name];
    if (existing === undefined) headers[name] = raw[i + 1];
    else headers[name] = [...(typeof existing === 'string' ? [existing] : existing), raw[i + 1]];
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

function writeResponse(req: IncomingMessage, res: ServerResponse, response: GatewayResponse): void {
  let hasLength = false;
  for (const [name, values] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    // Framing is the server's job: a handler's own transfer-encoding or connection header would
    // corrupt the connection for the next keep-alive request.
    if (lower === 'transfer-encoding' || lower === 'connection' || lower === 'keep-alive') continue;
    if (lower === 'content-length') hasLength = true;
    res.setHeader(name, values.length === 1 ? values[0] : values);
  }
  if (!hasLength) res.setHeader('Content-Length', response.body.length);
  res.writeHead(response.statusCode);
  // HEAD answers carry the headers a GET would have, never a body.
  if (req.method === 'HEAD' || response.body.length === 0) res.end();
  // Node sends the head and a string body in ONE write, but a Buffer body in a second one; for
  // the small bodies APIs mostly send, a latin1 string (byte for byte the same) halves the
  // syscalls per response.
  else if (response.body.length <= SINGLE_WRITE_MAX_BYTES) res.end(response.body.toString('latin1'), 'latin1');
  else res.end(response.body);
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
  writeResponse(req, res, jsonResponse(413, { message: 'Request Too Long: the body exceeds the 10 MB API Gateway payload limit' }));
}
