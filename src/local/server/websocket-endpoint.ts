/**
 * The websocket API of `chalice local`, on the HTTP server's port at `/ws`.
 *
 * Each client connection runs the app's websocket Lambdas the way API Gateway would:
 * `websocket_connect` before the upgrade completes (a non-2xx result or an error refuses the
 * connection with that status), `websocket_message` per frame (one at a time per connection,
 * in order), `websocket_disconnect` after the socket closes. The handlers run on the app that
 * is current at that moment, so connections survive reloads.
 *
 * The connection registry lives here, in the server's thread: `client` is what
 * `app.websocketApi` in every sandbox talks to (by message), so `send` / `close` / `info`
 * reach these local connections. As with API Gateway's management
 * API, a connection that is gone (or never existed) answers 410 `GoneException`, which the
 * runtime turns into `WebsocketDisconnectedError`.
 */
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { WebsocketConnectionClient, WebsocketConnectionInfo } from '../../runtime/websocket-api.js';
import { headersToMultiValue } from '../gateway/headers.js';
import { queryStringToPairs } from '../gateway/request-target.js';
import type { ReadyTarget, Target } from './app-host.js';
import { closeToDisconnectEvent, frameToMessageEvent, upgradeToConnectEvent, type ConnectionFacts } from './websocket-events.js';

export const WEBSOCKET_PATH = '/ws';

/** API Gateway's websocket message limit. */
const MAX_MESSAGE_BYTES = 128 * 1024;

export interface WebsocketEndpointOptions {
  readonly target: () => Target | undefined;
  /** A websocket handler failed (the client is told as API Gateway tells it). */
  readonly onError?: (error: unknown, handlerName: string) => void;
}

export interface WebsocketEndpoint {
  /** The management API over these connections (postToConnection, deleteConnection, getConnection). */
  readonly client: WebsocketConnectionClient;
  /** Takes over an `upgrade` request for `/ws`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly connectionCount: number;
  /** Closes every connection (1001 Going Away) and waits for the disconnect handlers. */
  close(): Promise<void>;
}

interface Connection {
  readonly facts: ConnectionFacts;
  readonly ws: WebSocket;
  lastActiveAt: Date;
  /** Messages are handled one after another. */
  queue: Promise<void>;
  /** Set by a server-side close: from then on the connection counts as gone. */
  closing: boolean;
  /** Settles when the socket has closed. */
  readonly closed: Promise<void>;
}

export function createWebsocketEndpoint(options: WebsocketEndpointOptions): WebsocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const connections = new Map<string, Connection>();
  const pendingDisconnects = new Set<Promise<void>>();
  const onError = options.onError ?? (() => {});
  // A sandbox that failed (timeout, crash) was reported by the host as it happened.
  const reportError = (error: unknown, handlerName: string): void => {
    if ((error as { name?: unknown } | null)?.name !== 'SandboxFailure') onError(error, handlerName);
  };

  /** The handler runs in one of the app's sandboxes; only the event and the result cross. */
  const invoke = async (target: ReadyTarget, handlerName: string, event: unknown): Promise<{ statusCode?: unknown } | undefined> =>
    (await target.app.lambdaHandler(handlerName)(event)) as { statusCode?: unknown } | undefined;

  const live = (connectionId: string): Connection => {
    const connection = connections.get(connectionId);
    if (connection === undefined || connection.closing || connection.ws.readyState !== WebSocket.OPEN) throw goneException(connectionId);
    return connection;
  };

  const client: WebsocketConnectionClient = {
    async postToConnection({ ConnectionId, Data }) {
      const connection = live(ConnectionId);
      const data = Buffer.from(Data.buffer, Data.byteOffset, Data.byteLength);
      await new Promise<void>((resolve, reject) => {
        connection.ws.send(data, { binary: !isUtf8(data) }, (error) => (error ? reject(goneException(ConnectionId)) : resolve()));
      });
      return {};
    },
    async deleteConnection({ ConnectionId }) {
      const connection = live(ConnectionId);
      connection.closing = true;
      connection.ws.close(1000, 'Closed by the server');
      return {};
    },
    async getConnection({ ConnectionId }): Promise<WebsocketConnectionInfo> {
      const { facts, lastActiveAt } = live(ConnectionId);
      return {
        ConnectedAt: new Date(facts.connectedAt),
        Identity: { SourceIp: facts.sourceIp, ...(facts.userAgent === null ? {} : { UserAgent: facts.userAgent }) },
        LastActiveAt: lastActiveAt,
      };
    },
  };

  const accept = (facts: ConnectionFacts, ws: WebSocket): void => {
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    const connection: Connection = { facts, ws, lastActiveAt: new Date(), queue: Promise.resolve(), closing: false, closed };
    connections.set(facts.connectionId, connection);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      connection.lastActiveAt = new Date();
      const buffer = rawDataToBuffer(data);
      connection.queue = connection.queue.then(() => onMessage(connection, buffer, isBinary));
    });
    ws.on('close', (code: number, reason: Buffer) => {
      connections.delete(facts.connectionId);
      const done = connection.queue.then(() => onDisconnect(facts, code, reason.toString('utf8')));
      pendingDisconnects.add(done);
      void done.finally(() => pendingDisconnects.delete(done));
    });
    ws.on('error', () => {
      // Protocol errors close the socket; 'close' follows and runs the disconnect handler.
    });
  };

  const onMessage = async (connection: Connection, data: Buffer, isBinary: boolean): Promise<void> => {
    const target = options.target();
    if (target?.kind !== 'ready' || !target.app.websocketHandlers?.message) return;
    const event = frameToMessageEvent({ ...connection.facts, stage: target.apiGatewayStage }, data, isBinary);
    try {
      await invoke(target, 'websocket_message', event);
    } catch (error) {
      reportError(error, 'websocket_message');
      // What API Gateway sends the client when the integration fails.
      const requestContext = event.requestContext as { requestId: string };
      if (connection.ws.readyState === WebSocket.OPEN) {
        connection.ws.send(JSON.stringify({ message: 'Internal server error', connectionId: connection.facts.connectionId, requestId: requestContext.requestId }));
      }
    }
  };

  const onDisconnect = async (facts: ConnectionFacts, code: number, reason: string): Promise<void> => {
    const target = options.target();
    if (target?.kind !== 'ready' || !target.app.websocketHandlers?.disconnect) return;
    try {
      await invoke(target, 'websocket_disconnect', closeToDisconnectEvent({ ...facts, stage: target.apiGatewayStage }, code, reason));
    } catch (error) {
      reportError(error, 'websocket_disconnect');
    }
  };

  const handleUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const target = options.target();
    if (target?.kind !== 'ready') {
      return refuseUpgrade(socket, target === undefined ? 503 : 500, target === undefined ? 'The app is still loading' : target.message);
    }
    if (!target.hasWebsocket) return refuseUpgrade(socket, 404, 'This app has no websocket handlers (onWsConnect/onWsMessage/onWsDisconnect)');
    const facts: ConnectionFacts = {
      connectionId: newConnectionId(),
      connectedAt: Date.now(),
      domainName: req.headers.host ?? 'localhost',
      stage: target.apiGatewayStage,
      appName: target.app.appName,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      userAgent: req.headers['user-agent'] ?? null,
    };
    if (target.app.websocketHandlers?.connect) {
      const url = req.url ?? '/';
      const query = queryStringToPairs(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '') ?? [];
      const headers = headersToMultiValue(rawHeadersToRecord(req.rawHeaders));
      try {
        const result = await invoke(target, 'websocket_connect', upgradeToConnectEvent(facts, headers, query));
        const status = typeof result?.statusCode === 'number' ? result.statusCode : 200;
        if (status < 200 || status > 299) return refuseUpgrade(socket, status, 'The connect handler refused the connection');
      } catch (error) {
        reportError(error, 'websocket_connect');
        return refuseUpgrade(socket, 500, 'Internal server error');
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(facts, ws));
  };

  return {
    client,
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      handleUpgrade(req, socket, head).catch((error: unknown) => {
        reportError(error, 'websocket_connect');
        socket.destroy();
      });
    },
    get connectionCount() {
      return connections.size;
    },
    async close() {
      const open = [...connections.values()];
      for (const connection of open) {
        connection.closing = true;
        connection.ws.close(1001, 'Server shutting down');
      }
      // Clients that do not answer the close handshake are cut off.
      const deadline = setTimeout(() => {
        for (const connection of open) connection.ws.terminate();
      }, 1000);
      await Promise.all(open.map((connection) => connection.closed));
      clearTimeout(deadline);
      await Promise.allSettled([...pendingDisconnects]);
      wss.close();
    },
  };
}

/** An error shaped like the SDK's `GoneException` (HTTP 410). */
function goneException(connectionId: string): Error {
  const error = new Error(`Connection ${connectionId} is gone`) as Error & { $metadata: { httpStatusCode: number }; $fault: string };
  error.name = 'GoneException';
  error.$metadata = { httpStatusCode: 410 };
  error.$fault = 'client';
  return error;
}

/** API Gateway connection ids look like `L0SM9cOFvHcCIhw=`. */
function newConnectionId(): string {
  return randomBytes(10).toString('base64');
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${statusText(status)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function statusText(status: number): string {
  const texts: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  return texts[status] ?? 'Error';
}

function rawHeadersToRecord(raw: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) (out[raw[i]] ??= []).push(raw[i + 1]);
  return out;
}

function rawDataToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
