/**
 * `chalice local`: a `node:http` server in front of the API Gateway emulation, with the
 * websocket API on the same port (`/ws`) and reload on change.
 *
 *   socket → node:http (keep-alive, 400 for unparsable requests, 413 over 10 MB)
 *          → http-exchange → current target (app-host) → gateway → app.lambdaHandler
 *   upgrade /ws → websocket-endpoint → app.lambdaHandler('websocket_*')
 *   fs change → reload-watcher → app-host.load() → next request uses the new app
 *
 * Start-up loads the app before binding, so a project that cannot be served at all (no
 * project, no config, no app file, unknown stage) fails the command instead of serving
 * errors. Events go to `onEvent`; this module never prints.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ChaliceTsError } from '../../project/errors.js';
import { createAppHost, type FailedTarget, type HostEvent, type ReadyTarget } from './app-host.js';
import { declaresTooLargeBody, handleExchange, refuseBody, type ExchangeOptions } from './http-exchange.js';
import { createReloadWatcher, type ReloadWatcher } from './reload-watcher.js';
import { createWebsocketEndpoint, WEBSOCKET_PATH } from './websocket-endpoint.js';

export interface LocalServerOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** `0` picks a free port. @default 8000 */
  readonly port?: number;
  /** @default true */
  readonly autoreload?: boolean;
  /** @default 'refuse' */
  readonly unsupportedAuthorizers?: 'refuse' | 'allow';
  readonly apiKeys?: readonly string[];
  /** Emit a 'request' event per answered request (costs a little per request). @default false */
  readonly reportRequests?: boolean;
  /** How long shutdown waits for requests in flight before closing their connections. @default 3000 */
  readonly shutdownGraceMs?: number;
  readonly onEvent?: (event: LocalServerEvent) => void;
}

export type LocalServerEvent =
  | { readonly kind: 'listening'; readonly url: string; readonly websocketUrl: string; readonly target: ReadyTarget | FailedTarget }
  /** After 'listening' and anything the start-up load reported (warnings). */
  | { readonly kind: 'ready'; readonly autoreload: boolean }
  | { readonly kind: 'reloading'; readonly file: string }
  | { readonly kind: 'request'; readonly method: string; readonly url: string; readonly statusCode: number; readonly ms: number }
  | { readonly kind: 'handler-error'; readonly error: unknown; readonly where: string }
  /** Reloads, their failures and gateway warnings (the start-up load is reported by 'listening'). */
  | HostEvent;

export interface LocalServer {
  /** `http://host:port` actually bound. */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Errors no edit of app.ts can fix while the server runs: fail the command instead. */
const FATAL_LOAD_ERRORS = new Set(['project_not_found', 'config_not_found', 'app_not_found', 'stage_unknown']);

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const autoreload = options.autoreload ?? true;
  // Until the URL is known, host events are held back so "Serving on …" is the first thing said.
  let held: LocalServerEvent[] | undefined = [];
  const emit = (event: LocalServerEvent): void => {
    if (held) held.push(event);
    else options.onEvent?.(event);
  };

  const endpoint = createWebsocketEndpoint({
    target: () => host.current,
    onError: (error, where) => emit({ kind: 'handler-error', error, where }),
  });
  const host = createAppHost({
    projectDir: options.projectDir,
    stage: options.stage,
    unsupportedAuthorizers: options.unsupportedAuthorizers,
    apiKeys: options.apiKeys,
    websocketClientFactory: endpoint.clientFactory,
    onEvent: (event) => {
      if (event.kind === 'loaded' && !event.reload) return; // reported with 'listening'
      emit(event);
    },
  });

  const initial = await host.load();
  if (initial.kind === 'failed' && (!autoreload || isFatal(initial))) {
    host.close();
    throw initialLoadError(initial);
  }

  const server = createServer({ keepAlive: true }, (req, res) => onRequest(req, res));
  // One options object for every exchange: nothing is allocated per request for it.
  const exchangeOptions: ExchangeOptions = {
    target: () => host.current,
    onError: (error, req) => emit({ kind: 'handler-error', error, where: `${req.method} ${req.url}` }),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (options.reportRequests) {
      const started = performance.now();
      res.once('finish', () => {
        emit({ kind: 'request', method: req.method ?? '', url: req.url ?? '', statusCode: res.statusCode, ms: Math.round(performance.now() - started) });
      });
    }
    handleExchange(req, res, exchangeOptions);
  };
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    // Refuse an oversized upload before the client sends it.
    if (declaresTooLargeBody(req)) return refuseBody(req, res);
    res.writeContinue();
    onRequest(req, res);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket as Socket));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === WEBSOCKET_PATH) return endpoint.handleUpgrade(req, socket, head);
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    host.close();
    if (error.code === 'EADDRINUSE') {
      throw new ChaliceTsError(`Port ${options.port} on ${options.host ?? '127.0.0.1'} is already in use; pass another with --port`, 'port_in_use');
    }
    if (error.code === 'EACCES') throw new ChaliceTsError(`No permission to listen on port ${options.port}; use a port above 1023`, 'port_denied');
    throw error;
  });

  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostName}:${address.port}`;
  const backlog = held;
  held = undefined;
  emit({ kind: 'listening', url, websocketUrl: `ws://${hostName}:${address.port}${WEBSOCKET_PATH}`, target: initial });
  for (const event of backlog) emit(event);
  emit({ kind: 'ready', autoreload });

  let watcher: ReloadWatcher | undefined;
  if (autoreload) {
    watcher = createReloadWatcher({
      onChange: (file) => {
        emit({ kind: 'reloading', file });
        void host.load().then((target) => watcher?.setFiles(target.watchFiles));
      },
    });
    watcher.setFiles(initial.watchFiles);
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    close() {
      closing ??= (async () => {
        watcher?.close();
        watcher = undefined;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 3000);
        await endpoint.close();
        await closed;
        clearTimeout(grace);
        host.close();
      })();
      return closing;
    },
  };
}

function isFatal(target: FailedTarget): boolean {
  const code = (target.error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FATAL_LOAD_ERRORS.has(code);
}

/** The app's own exception becomes a user error carrying its stack; tool errors stay as they are. */
function initialLoadError(target: FailedTarget): unknown {
  const error = target.error as { fault?: unknown } | null;
  if (typeof error?.fault === 'string') return target.error;
  return new ChaliceTsError(target.message, 'app_load_failed');
}

const CLIENT_ERROR_STATUS: Readonly<Record<string, [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

/** Requests Node cannot parse: answer 400 (431 / 408 where they apply) and hang up. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const inResponse = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || inResponse) {
    socket.destroy();
    return;
  }
  const [status, text] = CLIENT_ERROR_STATUS[error.code ?? ''] ?? [400, 'Bad Request'];
  const body = JSON.stringify({ message: `${text}: the request could not be parsed (${error.code ?? error.message})` });
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
