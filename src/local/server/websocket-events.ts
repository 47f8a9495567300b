/**
 * API Gateway websocket events for `chalice local`, shaped as API Gateway delivers them to the
 * `websocket_connect` / `websocket_message` / `websocket_disconnect` Lambdas: route keys
 * `$connect` / `$default` / `$disconnect`, event types CONNECT / MESSAGE / DISCONNECT, headers
 * only on connect (as API Gateway does), the message text in `body`.
 */
import { randomUUID } from 'node:crypto';
import { clfTime, stableId } from '../gateway/proxy-event.js';

/** What every event of one connection shares. */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly connectedAt: number;
  /** The Host the client connected to, e.g. `127.0.0.1:8000`. */
  readonly domainName: string;
  /** API Gateway stage name. */
  readonly stage: string;
  readonly appName: string;
  readonly sourceIp: string;
  readonly userAgent: string | null;
}

export interface WebsocketEventOptions {
  /** @default Date.now() */
  readonly now?: number;
  /** @default a random UUID */
  readonly requestId?: string;
}

type Json = Record<string, unknown>;

function requestContextOf(facts: ConnectionFacts, routeKey: string, eventType: string, options: WebsocketEventOptions): Json {
  const now = options.now ?? Date.now();
  const requestId = options.requestId ?? randomUUID();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: clfTime(now),
    messageDirection: 'IN',
    stage: facts.stage,
    connectedAt: facts.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: facts.sourceIp, ...(facts.userAgent === null ? {} : { userAgent: facts.userAgent }) },
    requestId,
    domainName: facts.domainName,
    connectionId: facts.connectionId,
    apiId: stableId(`${facts.appName}-websocket`, 10),
  };
}

/** `$connect`: the upgrade request's headers and query string. */
export function upgradeToConnectEvent(
  facts: ConnectionFacts,
  headers: Readonly<Record<string, readonly string[]>>,
  query: ReadonlyArray<readonly [string, string]>,
  options: WebsocketEventOptions = {},
): Json {
  const lastOf = (map: Readonly<Record<string, readonly string[]>>): Record<string, string> =>
    Object.fromEntries(Object.entries(map).map(([name, values]) => [name, values[values.length - 1]]));
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of query) (multiQuery[name] ??= []).push(value);
  const hasQuery = query.length > 0;
  return {
    headers: lastOf(headers),
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, [...values]])),
    ...(hasQuery ? { queryStringParameters: lastOf(multiQuery), multiValueQueryStringParameters: multiQuery } : {}),
    requestContext: requestContextOf(facts, '$connect', 'CONNECT', options),
    isBase64Encoded: false,
  };
}

/** `$default`: a text frame arrives as text; a binary frame as base64 with `isBase64Encoded`. */
export function frameToMessageEvent(facts: ConnectionFacts, data: Buffer, isBinary: boolean, options: WebsocketEventOptions = {}): Json {
  const requestContext = requestContextOf(facts, '$default', 'MESSAGE', options);
  return {
    requestContext: { ...requestContext, messageId: stableId(`${String(requestContext.requestId)}`, 12) },
    body: isBinary ? data.toString('base64') : data.toString('utf8'),
    isBase64Encoded: isBinary,
  };
}

/** `$disconnect`, with the close code and reason the client (or server) gave. */
export function closeToDisconnectEvent(facts: ConnectionFacts, code: number, reason: string, options: WebsocketEventOptions = {}): Json {
  return {
    headers: { Host: facts.domainName },
    multiValueHeaders: { Host: [facts.domainName] },
    requestContext: { ...requestContextOf(facts, '$disconnect', 'DISCONNECT', options), disconnectStatusCode: code, disconnectReason: reason },
    isBase64Encoded: false,
  };
}
