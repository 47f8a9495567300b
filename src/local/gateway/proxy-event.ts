/**
 * HTTP request → Lambda proxy event (REST API, payload format 1.0), field for field as API
 * Gateway builds it:
 * - `headers` / `queryStringParameters` hold the LAST value of a repeated name, the
 *   `multiValue*` maps hold all of them; each is `null` when there are none.
 * - `path` and `pathParameters` stay percent-encoded; query parameters are decoded.
 * - the body is base64 with `isBase64Encoded: true` when the request Content-Type is one of
 *   the API's binary media types, else UTF-8 text; an empty body is `null`.
 * - `requestContext.path` carries the stage prefix (`/api/users/1`), `resourcePath` the template.
 */
import type { APIGatewayProxyEvent, APIGatewayRequestContext } from '../../runtime/index.js';
import { headerValue, headersToMultiValue, isBinaryMediaType, mediaType } from './headers.js';
import type { RequestTarget } from './request-target.js';
import type { RouteMatch } from './route-matcher.js';
import type { GatewayRequest } from './types.js';

/** Everything about the API and this invocation that is not in the HTTP request itself. */
export interface ProxyEventSettings {
  readonly stageName: string;
  readonly stageVariables: Readonly<Record<string, string>> | null;
  readonly accountId: string;
  readonly apiId: string;
  readonly region: string;
  readonly binaryTypes: readonly string[];
  readonly requestId: string;
  /** Milliseconds since the epoch. */
  readonly requestTimeEpoch: number;
  /** `requestContext.authorizer`, when the route has an authorizer. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
  /** The API key the request presented, for `identity.apiKey`. */
  readonly apiKey?: string;
}

export function httpRequestToProxyEvent(
  request: GatewayRequest,
  target: RequestTarget,
  match: RouteMatch,
  settings: ProxyEventSettings,
): APIGatewayProxyEvent {
  const multiValueHeaders = headersToMultiValue(request.headers);
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of target.query) (multiValueQuery[name] ??= []).push(value);
  const binary = isBinaryMediaType(mediaType(headerValue(multiValueHeaders, 'content-type')), settings.binaryTypes);
  const hasBody = request.body.length > 0;
  const stageVariables = settings.stageVariables && Object.keys(settings.stageVariables).length > 0 ? { ...settings.stageVariables } : null;
  return {
    resource: match.resource,
    path: target.path,
    httpMethod: request.method.toUpperCase(),
    headers: lastValues(multiValueHeaders),
    multiValueHeaders: nullIfEmpty(multiValueHeaders),
    queryStringParameters: lastValues(multiValueQuery),
    multiValueQueryStringParameters: nullIfEmpty(multiValueQuery),
    pathParameters: match.pathParameters ? { ...match.pathParameters } : null,
    stageVariables,
    requestContext: requestContextOf(request, target, match, settings, multiValueHeaders),
    body: hasBody ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: hasBody && binary,
  };
}

function requestContextOf(
  request: GatewayRequest,
  target: RequestTarget,
  match: RouteMatch,
  settings: ProxyEventSettings,
  headers: Record<string, string[]>,
): APIGatewayRequestContext {
  const domainName = headerValue(headers, 'host') ?? `${settings.apiId}.execute-api.${settings.region}.amazonaws.com`;
  return {
    resourceId: resourceIdOf(match.resource),
    resourcePath: match.resource,
    httpMethod: request.method.toUpperCase(),
    extendedRequestId: settings.requestId,
    requestTime: clfTime(settings.requestTimeEpoch),
    path: `/${settings.stageName}${target.path}`,
    accountId: settings.accountId,
    protocol: 'HTTP/1.1',
    stage: settings.stageName,
    domainPrefix: domainName.split('.')[0],
    requestTimeEpoch: settings.requestTimeEpoch,
    requestId: settings.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      apiKey: settings.apiKey ?? null,
      apiKeyId: settings.apiKey === undefined ? null : apiKeyIdOf(settings.apiKey),
      principalOrgId: null,
      sourceIp: request.sourceIp ?? '127.0.0.1',
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: headerValue(headers, 'user-agent') ?? null,
      user: null,
    },
    domainName,
    apiId: settings.apiId,
    ...(settings.authorizer ? { authorizer: { ...settings.authorizer } } : {}),
  };
}

function lastValues(multi: Record<string, string[]>): Record<string, string> | null {
  const entries = Object.entries(multi);
  return entries.length === 0 ? null : Object.fromEntries(entries.map(([k, v]) => [k, v[v.length - 1]]));
}

function nullIfEmpty(multi: Record<string, string[]>): Record<string, string[]> | null {
  return Object.keys(multi).length === 0 ? null : multi;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Common Log Format time, as in `requestContext.requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A stable, API Gateway-looking id (lower-case base-36) for a string. */
export function stableId(seed: string, length: number): string {
  let hash = 2166136261;
  let out = '';
  for (let round = 0; out.length < length; round++) {
    for (const ch of `${round}:${seed}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += hash.toString(36);
  }
  return out.slice(0, length);
}

function resourceIdOf(resource: string): string {
  return stableId(`resource:${resource}`, 6);
}

function apiKeyIdOf(apiKey: string): string {
  return stableId(`apikey:${apiKey}`, 10);
}
