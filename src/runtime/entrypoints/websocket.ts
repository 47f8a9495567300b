/**
 * Entry point of the websocket Lambdas (`websocket_connect`, `websocket_message`,
 * `websocket_disconnect`): raw API Gateway event → `WebsocketEvent` → `websocket`
 * middleware → handler, with `app.websocketApi` configured first so handlers can send.
 *
 * API Gateway wants `{ statusCode }` back; on `$connect` a non-2xx status rejects the
 * connection, so a `ChaliceViewError` (e.g. `UnauthorizedError`) maps to its status.
 * Other errors propagate and Lambda reports the invocation as failed.
 */
import type { Chalice } from '../app.js';
import { isJsonObject } from '../events/base-event.js';
import { WebsocketEvent, type WebsocketEventPayload } from '../events/websocket-event.js';
import { isChaliceViewError } from '../errors.js';
import type { LambdaContext } from '../lambda-context.js';
import type { WebsocketEntry } from '../resources.js';
import { isResponse, type Response } from '../response.js';
import { createMiddlewareChain, runInLambdaScope } from './middleware-chain.js';

export interface WebsocketResult {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly [extra: string]: unknown;
}

export type WebsocketEntryPoint = (event: unknown, context?: LambdaContext | null) => Promise<WebsocketResult>;

export function createWebsocketHandler(app: Chalice, entry: WebsocketEntry): WebsocketEntryPoint {
  const run = createMiddlewareChain(app, 'websocket', entry.handler);
  return (raw, context) =>
    runInLambdaScope(context, async () => {
      const event = new WebsocketEvent(raw as WebsocketEventPayload, context ?? null);
      app.websocketApi.configure(managementDomainName(event, process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION), event.stage);
      try {
        return handlerResultToWebsocketResult(await run(event));
      } catch (error) {
        if (isChaliceViewError(error)) return { statusCode: error.statusCode, body: JSON.stringify(error.toResponseBody()) };
        throw error;
      }
    });
}

/**
 * The domain the management API is reached on. A client that connected through a custom
 * domain arrives with that domain in `domainName`, but `@connections` is only served on the
 * API's own execute-api domain (with the stage as the path), so rebuild that from the API id.
 */
export function managementDomainName(event: WebsocketEvent, region: string | undefined): string {
  const { domainName } = event;
  const apiId = (event.toJSON().requestContext as { apiId?: unknown }).apiId;
  const isExecuteApi = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(domainName);
  const isLocal = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(domainName);
  if (isExecuteApi || isLocal || typeof apiId !== 'string' || apiId === '' || !region) return domainName;
  return `${apiId}.execute-api.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** What API Gateway gets back: a `Response` as a proxy result, a plain object with `statusCode` 200 filled in. */
export function handlerResultToWebsocketResult(result: unknown): WebsocketResult {
  if (isResponse(result)) return responseToWebsocketResult(result);
  if (isJsonObject(result)) return typeof result.statusCode === 'number' ? (result as WebsocketResult) : { statusCode: 200, ...result };
  return { statusCode: 200 };
}

function responseToWebsocketResult(response: Response): WebsocketResult {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers[name] = value;
    else multiValueHeaders[name] = [...value];
  }
  const { body } = response;
  const binary = body instanceof Uint8Array;
  return {
    statusCode: response.statusCode,
    headers,
    ...(Object.keys(multiValueHeaders).length > 0 ? { multiValueHeaders } : {}),
    body: binary ? Buffer.from(body).toString('base64') : typeof body === 'string' ? body : JSON.stringify(body),
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}
