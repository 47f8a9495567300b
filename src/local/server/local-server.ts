/**
 * `chalice local`: a `node:http` server in front of the API Gateway emulation, with the
 * websocket API on the same port (`/ws`) and reload on change.
 *
 *   socket → node:http (keep-alive, 400 for unparsable requests, 413 over 10 MB)
 *          → http-exchange → current target (app-host) → gateway → Lambda sandbox (worker)
 *   upgrade /ws → websocket-endpoint → Lambda sandbox of 'websocket_*'
 *   /_lambda-url/<fn>/… → ../function-url/ → Lambda sandbox of <fn> (payload format 2.0)
 *   fs change → reload-watcher → app-host.load() → next request uses the new app
 *
 * The user's code runs only in the sandboxes (../sandbox/), so whatever it does (exit, crash,
 * spin) fails that invocation alone; this thread keeps serving.
 *
 * Start-up loads the app before binding, so a project that cannot be served at all (no
 * project, no config, no app file, unknown stage) fails the command instead of serving
 * errors. Shutdown lets requests in flight finish for a grace period, then answers the rest
 * 503. Events go to `onEvent`; this module never prints.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ChaliceTsError } from '../../project/errors.js';
import { createScheduler, type Scheduler, type SchedulerClock } from '../schedule/scheduler.js';
import { scheduledEventFor } from '../schedule/scheduled-event.js';
import { createAppHost, projectRelative, type FailedTarget, type HostEvent, type ReadyTarget, type Target } from './app-host.js';
import { handleInvoke, INVOKE_PATH_PREFIX, isInvokeRequest, type InvokeEvent } from './lambda-invoke-endpoint.js';
import { answerShuttingDown, declaresTooLargeBody, handleExchange, refuseBody, type ExchangeOptions } from './http-exchange.js';
import { InFlightResponses } from './in-flight-responses.js';
import { createReloadWatcher, type ReloadWatcher } from './reload-watcher.js';
import { createWebsocketEndpoint, WEBSOCKET_PATH } from './websocket-endpoint.js';
// Function URLs.
import { createFunctionUrlService, type FunctionUrlServerEvent } from '../function-url/function-url-endpoint.js';

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
  /** JWKS file or http(s) URL for JWT authorizers (`api_type: "http"`); a relative path is read from the current directory. */
  readonly jwks?: string;
  /** Emit a 'request' event per answered request (costs a little per request). @default false */
  readonly reportRequests?: boolean;
  /** How long shutdown waits for requests in flight before answering them 503. @default 5000 */
  readonly shutdownGraceMs?: number;
  /** Sandboxes per Lambda function at most. @default 10 */
  readonly maxSandboxesPerFunction?: number;
  /** Run the app on the server's thread, without sandboxes (see `AppHostOptions.inProcess`). @default false */
  readonly inProcess?: boolean;
  /** How often to check that the project directory still exists. @default 1000 */
  readonly projectCheckMs?: number;
  /** Fire the app's `app.schedule` handlers on time. @default true */
  readonly schedules?: boolean;
  /** The clock schedules run on (tests step a fake one). @default the system clock */
  readonly schedulerClock?: SchedulerClock;
  readonly onEvent?: (event: LocalServerEvent) => void;
}

export type LocalServerEvent =
  | { readonly kind: 'listening'; readonly url: string; readonly websocketUrl: string; readonly target: ReadyTarget | FailedTarget }
  /** After 'listening' and anything the start-up load reported (warnings). */
  | { readonly kind: 'ready'; readonly autoreload: boolean }
  | { readonly kind: 'reloading'; readonly file: string }
  | { readonly kind: 'request'; readonly method: string; readonly url: string; readonly statusCode: number; readonly ms: number }
  | { readonly kind: 'handler-error'; readonly error: unknown; readonly where: string }
  /** The project directory is gone: the server cannot serve it any more and should stop. */
  | { readonly kind: 'project-removed'; readonly projectDir: string }
  /** Shutdown began; `inFlight` requests get until the grace period ends. */
  | { readonly kind: 'draining'; readonly inFlight: number; readonly graceMs: number }
  /** The grace period ended with requests still running; they were answered 503. */
  | { readonly kind: 'drain-timeout'; readonly unfinished: number }
  /** A schedule came due and its function was invoked (a failure follows as 'invocation-failed'). */
  | { readonly kind: 'schedule-fired'; readonly name: string; readonly expression: string; readonly at: number }
  /** The schedules of the app just loaded (empty when none or turned off). */
  | { readonly kind: 'schedules'; readonly schedules: readonly { readonly name: string; readonly expression: string; readonly next?: number }[] }
  /** The Lambda Invoke API ran a function ('invoked'), or the function threw ('invoke-failed'). */
  | InvokeEvent
  | FunctionUrlServerEvent
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

  const functionUrls = createFunctionUrlService({
    projectDir: options.projectDir,
    target: () => host.current,
    onEvent: (event) => emit({ ...event, message: projectRelative(options.projectDir, event.message) }),
    emit: (event) => emit(event),
  });
  const endpoint = createWebsocketEndpoint({
    target: () => host.current,
    onError: (error, where) => emit({ kind: 'handler-error', error, where }),
  });
  const host = createAppHost({
    projectDir: options.projectDir,
    stage: options.stage,
    unsupportedAuthorizers: options.unsupportedAuthorizers,
    apiKeys: options.apiKeys,
    ...(options.jwks !== undefined ? { jwks: options.jwks } : {}),
    websocketClient: () => endpoint.client,
    ...(options.maxSandboxesPerFunction !== undefined ? { maxSandboxesPerFunction: options.maxSandboxesPerFunction } : {}),
    ...(options.inProcess ? { inProcess: true } : {}),
    onEvent: (event) => {
      if (event.kind === 'loaded' && event.target.routes.some((route) => route.path.startsWith(INVOKE_PATH_PREFIX.slice(0, -1)))) {
        emit({ kind: 'warning', message: `The app declares a route under ${INVOKE_PATH_PREFIX}: chalice local answers POST …/invocations there with the Lambda Invoke API, not the app` });
      }
      if ((event.kind === 'loaded' || event.kind === 'load-failed') && event.reload) startSchedules(event.target);
      if (event.kind === 'loaded' && event.reload) functionUrls.announce(event.target);
      // The start-up load is reported once, by 'listening' (or by the command's error).
      if ((event.kind === 'loaded' || event.kind === 'load-failed') && !event.reload) return;
      emit(event);
    },
  });

  let scheduler: Scheduler | undefined;
  /** Schedules follow the app: each load replaces them with the ones the new app declares. */
  const startSchedules = (target: Target): void => {
    scheduler?.stop();
    scheduler = undefined;
    if (options.schedules === false || target.kind !== 'ready') return;
    scheduler = createScheduler({
      schedules: target.schedules,
      ...(options.schedulerClock ? { clock: options.schedulerClock } : {}),
      fire: (entry, at) => {
        emit({ kind: 'schedule-fired', name: entry.name, expression: entry.expression, at });
        const event = scheduledEventFor(target.app.appName, target.stage, entry.name, at);
        target.invoke(entry.name, JSON.stringify(event)).catch((error: unknown) => {
          // Sandbox failures (timeouts, crashes) are reported by the sandbox itself.
          if ((error as { name?: unknown } | null)?.name === 'SandboxFailure') return;
          const stack = (error as Error | null)?.stack ?? String(error);
          emit({ kind: 'invocation-failed', functionName: entry.name, message: `failed: ${projectRelative(options.projectDir, stack)}` });
        });
      },
      onInvalid: (entry, message) => emit({ kind: 'warning', message: `Schedule ${entry.name} will not fire: ${message}` }),
    });
    const next = scheduler.nextFireTimes();
    emit({ kind: 'schedules', schedules: target.schedules.map((entry) => ({ ...entry, ...(next.has(entry.name) ? { next: next.get(entry.name)! } : {}) })) });
  };

  const initial = await host.load();
  if (initial.kind === 'failed' && (!autoreload || isFatal(initial))) {
    await host.close();
    throw initialLoadError(initial);
  }

  const server = createServer({ keepAlive: true }, (req, res) => onRequest(req, res));
  /** Requests not answered yet (shutdown answers those left at the end of the grace period). */
  const inFlight = new InFlightResponses();
  let shuttingDown = false;
  // One options object for every exchange: nothing is allocated per request for it.
  const exchangeOptions: ExchangeOptions = {
    target: () => host.current,
    inFlight,
    onError: (error, req) => emit({ kind: 'handler-error', error, where: `${req.method} ${req.url}` }),
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (shuttingDown) return answerShuttingDown(req, res);
    if (options.reportRequests) {
      const started = performance.now();
      res.once('finish', () => {
        emit({ kind: 'request', method: req.method ?? '', url: req.url ?? '', statusCode: res.statusCode, ms: Math.round(performance.now() - started) });
      });
    }
    if (functionUrls.handle(req, res)) {
      inFlight.add(res);
      return void res.once('close', () => inFlight.delete(res));
    }
    if (isInvokeRequest(req)) {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
      return handleInvoke(req, res, invokeOptions);
    }
    handleExchange(req, res, exchangeOptions);
  };
  const invokeOptions = {
    target: () => host.current,
    onEvent: (event: InvokeEvent) => emit(event.kind === 'invoke-failed' ? { ...event, message: projectRelative(options.projectDir, event.message) } : event),
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
  }).catch(async (error: NodeJS.ErrnoException) => {
    await host.close();
    throw listenError(error, options.host ?? '127.0.0.1', options.port ?? 8000);
  });

  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostName}:${address.port}`;
  const backlog = held;
  held = undefined;
  emit({ kind: 'listening', url, websocketUrl: `ws://${hostName}:${address.port}${WEBSOCKET_PATH}`, target: initial });
  for (const event of backlog) emit(event);
  emit({ kind: 'ready', autoreload });
  startSchedules(initial);
  functionUrls.serverUrl = url;
  functionUrls.announce(initial);

  let watcher: ReloadWatcher | undefined;
  if (autoreload) {
    watcher = createReloadWatcher({
      onChange: (file) => {
        if (!existsSync(options.projectDir)) return projectRemoved();
        emit({ kind: 'reloading', file });
        void host.load().then((target) => watcher?.setFiles(target.watchFiles));
      },
    });
    watcher.setFiles(initial.watchFiles);
  }
  // Without its directory nothing can be loaded (nor a new sandbox started): say so once and
  // let the command stop, rather than answer every request with an error.
  let removed = false;
  const projectRemoved = (): void => {
    if (removed) return;
    removed = true;
    clearInterval(projectCheck);
    emit({ kind: 'project-removed', projectDir: options.projectDir });
  };
  const projectCheck = setInterval(() => {
    if (!existsSync(options.projectDir)) projectRemoved();
  }, options.projectCheckMs ?? 1000);
  projectCheck.unref();

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        scheduler?.stop();
        scheduler = undefined;
        clearInterval(projectCheck);
        watcher?.close();
        watcher = undefined;
        const graceMs = options.shutdownGraceMs ?? 5000;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight.size > 0) {
          emit({ kind: 'draining', inFlight: inFlight.size, graceMs });
          await drained(inFlight, graceMs);
          if (inFlight.size > 0) {
            emit({ kind: 'drain-timeout', unfinished: inFlight.size });
            for (const res of [...inFlight]) answerShuttingDown(res.req, res);
          }
        }
        // Whatever is left (connections mid-request, slow clients) is cut off.
        server.closeAllConnections();
        await endpoint.close();
        await closed;
        await host.close();
      })();
      return closing;
    },
  };
}

/** Resolves when no request is in flight any more, or after `graceMs`. */
function drained(inFlight: InFlightResponses, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const check = setInterval(() => {
      if (inFlight.size === 0 || performance.now() - started >= graceMs) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
}

/** Listening failed: a user error naming the host or port and what to do. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): unknown {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ChaliceTsError(`Port ${port} on ${host} is already in use; pass another with --port (or --port 0 for any free one)`, 'port_in_use');
    case 'EACCES':
      return new ChaliceTsError(`No permission to listen on port ${port}; use a port above 1023`, 'port_denied');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new ChaliceTsError(`--host ${host} is neither an IP address nor a name that resolves; pass an address of this machine such as 127.0.0.1 or 0.0.0.0`, 'host_invalid');
    case 'EADDRNOTAVAIL':
      return new ChaliceTsError(`--host ${host} is not an address of this machine; pass one of its addresses such as 127.0.0.1 or 0.0.0.0`, 'host_invalid');
    case 'ERR_SOCKET_BAD_PORT':
      return new ChaliceTsError(`--port ${port} is not a port number; pass one from 0 to 65535`, 'port_invalid');
    default:
      return error;
  }
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
