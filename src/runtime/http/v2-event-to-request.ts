/**
 * HTTP API / Function URL event (payload format 2.0) → `Request`. Pure.
 *
 * - method and path from `requestContext.http` / `rawPath`; a named stage's `/{stage}` prefix
 *   is removed, so `request.path` is the same behind a REST API, an HTTP API or a Function URL;
 * - `queryParams` from `rawQueryString` (multi-value, form-decoded), falling back to
 *   `queryStringParameters` for hand-written events without it;
 * - `cookies` become one `cookie` header joined with `; `; other headers as sent (a repeated
 *   header is one comma-joined value in format 2.0);
 * - `uriParams` from `pathParameters`, or from the matched template when the event names no
 *   route (a `$default` route, a Function URL);
 * - `context` is the event's `requestContext`.
 */
import type { APIGatewayProxyEventV2, APIGatewayV2RequestContext } from '../aws-events-v2.js';
import type { LambdaContext } from '../lambda-context.js';
import { MultiDict } from '../multi-dict.js';
import { Request } from '../request.js';

const EMPTY_BODY = Buffer.alloc(0);

/** Whether a Lambda event is payload format 2.0 (an HTTP API or a Function URL). */
export function isV2Event(event: unknown): event is APIGatewayProxyEventV2 {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as { version?: unknown; requestContext?: { http?: unknown } | null };
  return e.version === '2.0' && typeof e.requestContext?.http === 'object' && e.requestContext.http !== null;
}

/** The path without the stage prefix: what routes are matched against. */
export function v2RequestPath(event: Pick<APIGatewayProxyEventV2, 'rawPath' | 'requestContext'>): string {
  const context = event.requestContext as Partial<APIGatewayV2RequestContext>;
  const raw = event.rawPath ?? context.http?.path ?? '/';
  const stage = context.stage;
  if (stage === undefined || stage === '$default' || stage === '') return raw || '/';
  const prefix = `/${stage}`;
  if (raw === prefix) return '/';
  return raw.startsWith(`${prefix}/`) ? raw.slice(prefix.length) : raw || '/';
}

/** The route template a `routeKey` names (`GET /users/{id}` → `/users/{id}`), or undefined for `$default`. */
export function routeKeyTemplate(routeKey: unknown): string | undefined {
  if (typeof routeKey !== 'string') return undefined;
  const space = routeKey.indexOf(' ');
  return space < 0 ? undefined : routeKey.slice(space + 1);
}

export function v2EventToRequest(
  event: APIGatewayProxyEventV2,
  context: LambdaContext | null,
  uriParamsOf: (path: string) => Readonly<Record<string, string>> | null,
): Request {
  const requestContext = event.requestContext;
  const path = v2RequestPath(event);
  let headerRecord: Readonly<Record<string, string>> = event.headers ?? {};
  if (Array.isArray(event.cookies) && event.cookies.length > 0) headerRecord = { ...headerRecord, cookie: event.cookies.join('; ') };
  const headers = MultiDict.fromRecords(undefined, headerRecord, { caseInsensitive: true });
  return new Request({
    method: (requestContext.http.method ?? '').toUpperCase(),
    path,
    queryParams: queryParamsOf(event),
    headers,
    uriParams: hasEntries(event.pathParameters) ? event.pathParameters : uriParamsOf(path),
    rawBody: event.body === undefined || event.body === null || event.body === '' ? EMPTY_BODY : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
    context: requestContext,
    stageVars: hasEntries(event.stageVariables) ? event.stageVariables : null,
    lambdaContext: context,
    event,
  });
}

function queryParamsOf(event: APIGatewayProxyEventV2): MultiDict | null {
  if (typeof event.rawQueryString === 'string') {
    if (event.rawQueryString === '') return null;
    const pairs: [string, string][] = [];
    for (const part of event.rawQueryString.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      pairs.push([formDecode(eq < 0 ? part : part.slice(0, eq)), formDecode(eq < 0 ? '' : part.slice(eq + 1))]);
    }
    return pairs.length === 0 ? null : new MultiDict(pairs);
  }
  return hasEntries(event.queryStringParameters) ? MultiDict.fromRecords(undefined, event.queryStringParameters) : null;
}

function formDecode(component: string): string {
  if (!component.includes('%') && !component.includes('+')) return component;
  const spaced = component.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // broken percent-encoding: kept as sent
  }
}

function hasEntries(record: object | null | undefined): record is Record<string, string> {
  if (record === null || record === undefined) return false;
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}
