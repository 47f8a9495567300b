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
import { headersToIndex, isBinaryMediaType, mediaType, setOwn, upperCaseMethod, type HeaderIndex } from './headers.js';
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
  return proxyEventOf(request, target, match, settings, headersToIndex(request.headers));
}

/** `httpRequestToProxyEvent` with the request's headers already indexed (the gateway has them). */
export function proxyEventOf(
  request: GatewayRequest,
  target: RequestTarget,
  match: RouteMatch,
  settings: ProxyEventSettings,
  headers: HeaderIndex,
): APIGatewayProxyEvent {
  let multiValueQuery: Record<string, string[]> | null = null;
  let lastQuery: Record<string, string> | null = null;
  for (const [name, value] of target.query) {
    multiValueQuery ??= {};
    lastQuery ??= {};
    if (Object.hasOwn(multiValueQuery, name)) multiValueQuery[name].push(value);
    else setOwn(multiValueQuery, name, [value]);
    setOwn(lastQuery, name, value);
  }
  const hasBody = request.body.length > 0;
  const binary = hasBody && isBinaryMediaType(mediaType(headers.last('content-type')), settings.binaryTypes);
  const stageVariables = settings.stageVariables && Object.keys(settings.stageVariables).length > 0 ? { ...settings.stageVariables } : null;
  const method = upperCaseMethod(request.method);
  return {
    resource: match.resource,
    path: target.path,
    httpMethod: method,
    headers: headers.size === 0 ? null : lastValues(headers.multi),
    multiValueHeaders: headers.size === 0 ? null : headers.multi,
    queryStringParameters: lastQuery,
    multiValueQueryStringParameters: multiValueQuery,
    pathParameters: match.pathParameters ? { ...match.pathParameters } : null,
    stageVariables,
    requestContext: requestContextOf(request, method, target, match, settings, headers),
    body: hasBody ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: binary,
  };
}

/**
 * `JSON.stringify(proxyEventOf(…))`, built as text: a sandbox in another thread receives the
 * event as JSON anyway, so the object (a dozen maps and records per request) is never made.
 * Same fields, same order, same characters (a test holds the two to it).
 */
export function proxyEventJsonOf(
  request: GatewayRequest,
  target: RequestTarget,
  match: RouteMatch,
  settings: ProxyEventSettings,
  headers: HeaderIndex,
): string {
  let multiValueQuery = 'null';
  let lastQuery = 'null';
  if (target.query.length > 0) {
    // Names repeat rarely; the maps are small, so build them and let JSON.stringify write them.
    const multi: Record<string, string[]> = {};
    const last: Record<string, string> = {};
    for (const [name, value] of target.query) {
      if (Object.hasOwn(multi, name)) multi[name].push(value);
      else setOwn(multi, name, [value]);
      setOwn(last, name, value);
    }
    multiValueQuery = JSON.stringify(multi);
    lastQuery = JSON.stringify(last);
  }
  const hasBody = request.body.length > 0;
  const binary = hasBody && isBinaryMediaType(mediaType(headers.last('content-type')), settings.binaryTypes);
  const stageVariables = settings.stageVariables && Object.keys(settings.stageVariables).length > 0 ? JSON.stringify(settings.stageVariables) : 'null';
  const method = upperCaseMethod(request.method);
  const resource = JSON.stringify(match.resource);
  const path = JSON.stringify(target.path);
  const quotedMethod = JSON.stringify(method);
  const domainName = headers.last('host') ?? `${settings.apiId}.execute-api.${settings.region}.amazonaws.com`;
  const dot = domainName.indexOf('.');
  const requestId = JSON.stringify(settings.requestId);
  const userAgent = headers.last('user-agent');
  return (
    `{"resource":${resource},"path":${path},"httpMethod":${quotedMethod}` +
    `,"headers":${headers.size === 0 ? 'null' : lastValuesJson(headers.multi)}` +
    `,"multiValueHeaders":${headers.size === 0 ? 'null' : JSON.stringify(headers.multi)}` +
    `,"queryStringParameters":${lastQuery},"multiValueQueryStringParameters":${multiValueQuery}` +
    `,"pathParameters":${match.pathParameters ? JSON.stringify(match.pathParameters) : 'null'},"stageVariables":${stageVariables}` +
    `,"requestContext":{"resourceId":${JSON.stringify(resourceIdOf(match.resource))},"resourcePath":${resource},"httpMethod":${quotedMethod}` +
    `,"extendedRequestId":${requestId},"requestTime":"${clfTime(settings.requestTimeEpoch)}","path":${JSON.stringify(`/${settings.stageName}${target.path}`)}` +
    `,"accountId":${JSON.stringify(settings.accountId)},"protocol":"HTTP/1.1","stage":${JSON.stringify(settings.stageName)}` +
    `,"domainPrefix":${JSON.stringify(dot < 0 ? domainName : domainName.slice(0, dot))},"requestTimeEpoch":${JSON.stringify(settings.requestTimeEpoch)},"requestId":${requestId}` +
    `,"identity":{"cognitoIdentityPoolId":null,"accountId":null,"cognitoIdentityId":null,"caller":null` +
    `,"apiKey":${settings.apiKey === undefined ? 'null' : JSON.stringify(settings.apiKey)},"apiKeyId":${settings.apiKey === undefined ? 'null' : JSON.stringify(apiKeyIdOf(settings.apiKey))}` +
    `,"principalOrgId":null,"sourceIp":${JSON.stringify(request.sourceIp ?? '127.0.0.1')},"cognitoAuthenticationType":null,"cognitoAuthenticationProvider":null,"userArn":null` +
    `,"userAgent":${userAgent === undefined ? 'null' : JSON.stringify(userAgent)},"user":null}` +
    `,"domainName":${JSON.stringify(domainName)},"apiId":${JSON.stringify(settings.apiId)}` +
    `${settings.authorizer ? `,"authorizer":${JSON.stringify(settings.authorizer)}` : ''}}` +
    `,"body":${hasBody ? JSON.stringify(request.body.toString(binary ? 'base64' : 'utf8')) : 'null'},"isBase64Encoded":${binary}}`
  );
}

/** `JSON.stringify(lastValues(multi))` without the intermediate record. */
function lastValuesJson(multi: Record<string, string[]>): string {
  let json = '{';
  for (const name of Object.keys(multi)) {
    const values = multi[name];
    json += `${json.length === 1 ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(values[values.length - 1])}`;
  }
  return `${json}}`;
}

function requestContextOf(
  request: GatewayRequest,
  method: string,
  target: RequestTarget,
  match: RouteMatch,
  settings: ProxyEventSettings,
  headers: HeaderIndex,
): APIGatewayRequestContext {
  const domainName = headers.last('host') ?? `${settings.apiId}.execute-api.${settings.region}.amazonaws.com`;
  const dot = domainName.indexOf('.');
  return {
    resourceId: resourceIdOf(match.resource),
    resourcePath: match.resource,
    httpMethod: method,
    extendedRequestId: settings.requestId,
    requestTime: clfTime(settings.requestTimeEpoch),
    path: `/${settings.stageName}${target.path}`,
    accountId: settings.accountId,
    protocol: 'HTTP/1.1',
    stage: settings.stageName,
    domainPrefix: dot < 0 ? domainName : domainName.slice(0, dot),
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
      userAgent: headers.last('user-agent') ?? null,
      user: null,
    },
    domainName,
    apiId: settings.apiId,
    ...(settings.authorizer ? { authorizer: { ...settings.authorizer } } : {}),
  };
}

/** The last value of each name (the single-value view of a multi-value map). */
function lastValues(multi: Record<string, string[]>): Record<string, string> {
  const last: Record<string, string> = {};
  for (const name of Object.keys(multi)) {
    const values = multi[name];
    setOwn(last, name, values[values.length - 1]);
  }
  return last;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let clfSecond = Number.NaN;
let clfText = '';

/** Common Log Format time, as in `requestContext.requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function clfTime(epochMs: number): string {
  // Requests arrive many per second: format each second once.
  const second = Math.floor(epochMs / 1000);
  if (second === clfSecond) return clfText;
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  clfText = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  clfSecond = second;
  return clfText;
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

/** Resource ids by template; an app has few resources, so this stays small. */
const resourceIds = new Map<string, string>();

function resourceIdOf(resource: string): string {
  let id = resourceIds.get(resource);
  if (id === undefined) {
    if (resourceIds.size >= 1000) resourceIds.clear();
    id = stableId(`resource:${resource}`, 6);
    resourceIds.set(resource, id);
  }
  return id;
}

function apiKeyIdOf(apiKey: string): string {
  return stableId(`apikey:${apiKey}`, 10);
}
