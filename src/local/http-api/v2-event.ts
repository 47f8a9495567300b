/**
 * HTTP request → Lambda event, payload format 2.0, as an API Gateway HTTP API (and a Lambda
 * Function URL) builds it:
 * - header names lower-cased; a repeated header's values joined with `,`; Cookie headers are
 *   not in `headers` but split into `cookies` (one entry per cookie);
 * - `rawPath` and `requestContext.http.path` are the path as received (percent-encoded), with
 *   `/{stage}` in front for a named stage (none for `$default` and Function URLs);
 *   `rawQueryString` is the query as received; `queryStringParameters` are decoded, a repeated
 *   name's values joined with `,`; both maps are left out when empty, as are `cookies`,
 *   `pathParameters`, `stageVariables` and an empty `body`;
 * - HTTP APIs have no binary media types: a body whose Content-Type is text (see
 *   `isTextContentType`) is passed as UTF-8 text, any other body (none given included) as
 *   base64 with `isBase64Encoded: true`.
 * Pure: takes a plain description of the request and the settings of this API and invocation.
 */
import type { APIGatewayProxyEventV2, APIGatewayV2RequestContext } from '../../runtime/aws-events-v2.js';
import { clfTime } from '../gateway/proxy-event.js';
import { headersToIndex, setOwn, upperCaseMethod } from '../gateway/headers.js';
import { queryStringToPairs } from '../gateway/request-target.js';

/** The HTTP request as received (the same shape as the REST gateway's `GatewayRequest`). */
export interface V2RequestDescription {
  readonly method: string;
  /** Request target as received: path plus optional `?query`, still percent-encoded. */
  readonly url: string;
  /** Header names in any case; a repeated header is an array. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
  /** @default '127.0.0.1' */
  readonly sourceIp?: string;
}

/** What the event carries beyond the HTTP request. */
export interface V2EventSettings {
  /** `GET /users/{id}` for a matched route, `$default` for a catch-all route or a Function URL. */
  readonly routeKey: string;
  /** `$default` (no path prefix) or a named stage (its name prefixes `rawPath`). */
  readonly stage: string;
  readonly pathParameters?: Readonly<Record<string, string>> | null;
  readonly stageVariables?: Readonly<Record<string, string>> | null;
  readonly accountId: string;
  /** The API id (for a Function URL, its url id). */
  readonly apiId: string;
  readonly region: string;
  /** @default `${apiId}.execute-api.${region}.amazonaws.com` */
  readonly domainName?: string;
  readonly requestId: string;
  /** Milliseconds since the epoch. */
  readonly timeEpoch: number;
  /** `requestContext.authorizer`, when the route has an authorizer. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
}

/** Builds the event; throws nothing for any request the HTTP server accepted. */
export function httpRequestToV2Event(request: V2RequestDescription, settings: V2EventSettings): APIGatewayProxyEventV2 {
  const { path, rawQueryString } = splitTarget(request.url);
  const index = headersToIndex(request.headers);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const name of Object.keys(index.multi)) {
    const lower = name.toLowerCase();
    const values = index.multi[name];
    if (lower === 'cookie') {
      for (const value of values) for (const cookie of value.split(';')) if (cookie.trim() !== '') (cookies ??= []).push(cookie.trim());
      continue;
    }
    setOwn(headers, lower, values.join(','));
  }
  const rawPath = settings.stage === '$default' ? path : `/${settings.stage}${path}`;
  const domainName = settings.domainName ?? `${settings.apiId}.execute-api.${settings.region}.amazonaws.com`;
  const dot = domainName.indexOf('.');
  const requestContext: APIGatewayV2RequestContext = {
    accountId: settings.accountId,
    apiId: settings.apiId,
    ...(settings.authorizer ? { authorizer: { ...settings.authorizer } } : {}),
    domainName,
    domainPrefix: dot < 0 ? domainName : domainName.slice(0, dot),
    http: {
      method: upperCaseMethod(request.method),
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp ?? '127.0.0.1',
      userAgent: index.last('user-agent') ?? '',
    },
    requestId: settings.requestId,
    routeKey: settings.routeKey,
    stage: settings.stage,
    time: clfTime(settings.timeEpoch),
    timeEpoch: settings.timeEpoch,
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: settings.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    requestContext,
    isBase64Encoded: false,
  };
  const query = queryParametersOf(rawQueryString);
  if (query !== undefined) event.queryStringParameters = query;
  if (request.body.length > 0) {
    const text = isTextContentType(index.last('content-type'));
    event.body = request.body.toString(text ? 'utf8' : 'base64');
    event.isBase64Encoded = !text;
  }
  if (settings.pathParameters && Object.keys(settings.pathParameters).length > 0) event.pathParameters = { ...settings.pathParameters };
  if (settings.stageVariables && Object.keys(settings.stageVariables).length > 0) event.stageVariables = { ...settings.stageVariables };
  return event;
}

/**
 * Whether a body of this Content-Type reaches the function as text: `text/*`, and JSON, XML,
 * JavaScript and YAML types (`+json`/`+xml` suffixes included). Anything else — form posts,
 * images, a body without a Content-Type — arrives base64-encoded.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('text/')) return true;
  const slash = type.indexOf('/');
  if (slash < 0) return false;
  const subtype = type.slice(slash + 1);
  return (
    subtype === 'json' || subtype.endsWith('+json') || subtype === 'xml' || subtype.endsWith('+xml') ||
    subtype === 'javascript' || subtype === 'yaml' || subtype === 'x-yaml'
  );
}

function splitTarget(url: string): { path: string; rawQueryString: string } {
  const hash = url.indexOf('#');
  const target = hash >= 0 ? url.slice(0, hash) : url;
  const mark = target.indexOf('?');
  return mark < 0 ? { path: target || '/', rawQueryString: '' } : { path: target.slice(0, mark) || '/', rawQueryString: target.slice(mark + 1) };
}

/** Decoded parameters, a repeated name's values joined with `,`; undefined when there are none. */
function queryParametersOf(rawQueryString: string): Record<string, string> | undefined {
  const pairs = queryStringToPairs(rawQueryString) ?? [];
  if (pairs.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) setOwn(out, name, Object.hasOwn(out, name) ? `${out[name]},${value}` : value);
  return out;
}
