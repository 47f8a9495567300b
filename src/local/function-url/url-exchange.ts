/**
 * One request to a function URL, answered as Lambda answers it, without a socket: shared by
 * `chalice local` (function-url-endpoint.ts) and the test client (`client.functionUrl(name)`).
 *
 *   (AWS_IAM: a SigV4-shaped Authorization header, else 403 {"Message":"Forbidden"})
 *   → (CORS configured and a preflight: answered from the config, the function is not invoked)
 *   → payload format 2.0 event (../http-api/v2-event.ts; routeKey and stage `$default`)
 *   → `invoke` → result inference (`functionUrlResult`) → the URL's CORS headers (url-cors.ts)
 *
 * A function that throws, times out or crashes (`invoke` rejects) answers 502
 * `Internal Server Error`, as Lambda does. The signature of an AWS_IAM request is not
 * verified (there are no credentials to check it against locally), like REST's IAM emulation.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionUrlConfig } from '../../project/index.js';
import { headersToIndex } from '../gateway/headers.js';
import { missingSigV4Parts } from '../gateway/sigv4-header.js';
import { httpRequestToV2Event, type V2RequestDescription } from '../http-api/v2-event.js';
import { v2ResultToHttpResponse, type V2ResultOutcome } from '../http-api/v2-result.js';
import { isPreflight, preflightHeaders, withCorsHeaders } from './url-cors.js';

export interface UrlResponse {
  readonly statusCode: number;
  /** A list value is sent as one header per item (Set-Cookie). */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

export interface UrlExchangeSettings {
  readonly config: FunctionUrlConfig;
  /** `requestContext.apiId` and the first label of `domainName`. */
  readonly urlId: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** @default Date.now */
  readonly now?: () => number;
  /** Runs the function with the event; rejects when it fails. */
  invoke(event: unknown): Promise<unknown>;
  /** Told why a request answered 502 (a thrown error, a result a URL cannot send). */
  onFailure?(message: string, error?: unknown): void;
}

const INTERNAL_ERROR: UrlResponse = { statusCode: 502, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('Internal Server Error') };

export async function answerFunctionUrlRequest(request: V2RequestDescription, settings: UrlExchangeSettings): Promise<UrlResponse & { readonly requestId: string }> {
  const requestId = randomUUID();
  const { config } = settings;
  const headers = headersToIndex(request.headers);
  if (config.authType === 'AWS_IAM') {
    const authorization = headers.last('authorization');
    if (authorization === undefined || !authorization.startsWith('AWS4-HMAC-SHA256 ') || missingSigV4Parts(authorization, headers).length > 0) {
      return { requestId, statusCode: 403, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ Message: 'Forbidden' })) };
    }
  }
  const method = request.method.toUpperCase();
  const origin = headers.last('origin');
  if (config.cors !== undefined && isPreflight(method, headers)) {
    return { requestId, statusCode: 200, headers: preflightHeaders(config.cors, origin, headers.last('access-control-request-method')), body: Buffer.alloc(0) };
  }
  const region = settings.region ?? 'us-east-1';
  const event = httpRequestToV2Event(request, {
    routeKey: '$default',
    stage: '$default',
    accountId: settings.accountId ?? '123456789012',
    apiId: settings.urlId,
    region,
    domainName: `${settings.urlId}.lambda-url.${region}.on.aws`,
    requestId,
    timeEpoch: (settings.now ?? Date.now)(),
  });
  let result: unknown;
  try {
    result = await settings.invoke(event);
  } catch (error) {
    settings.onFailure?.('failed (answered 502)', error);
    return { requestId, ...INTERNAL_ERROR };
  }
  const converted = functionUrlResult(result);
  if (!converted.ok) {
    settings.onFailure?.(`returned a result its function URL cannot send: ${converted.problem} (answered 502)`);
    return { requestId, ...INTERNAL_ERROR };
  }
  const { statusCode, headers: resultHeaders, body } = converted.response;
  return { requestId, statusCode, headers: config.cors === undefined ? resultHeaders : withCorsHeaders(resultHeaders, config.cors, origin), body };
}

/** A function's result → the URL's HTTP response, by payload format 2.0's inference rules (shared with HTTP APIs). */
export const functionUrlResult: (result: unknown) => V2ResultOutcome = v2ResultToHttpResponse;

export { INTERNAL_ERROR as FUNCTION_URL_INTERNAL_ERROR };
