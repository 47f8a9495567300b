/**
 * API Gateway REST proxy event → `Request`. Pure; runs once per invocation, so it reads the
 * event's maps directly rather than through generic helpers.
 */
import type { APIGatewayProxyEvent } from '../aws-events.js';
import type { LambdaContext } from '../lambda-context.js';
import { MultiDict } from '../multi-dict.js';
import { Request } from '../request.js';

const EMPTY_BODY = Buffer.alloc(0);

export function proxyEventToRequest(event: APIGatewayProxyEvent, context: LambdaContext | null): Request {
  const requestContext = (event.requestContext ?? {}) as APIGatewayProxyEvent['requestContext'];
  return new Request({
    method: (requestContext.httpMethod ?? event.httpMethod ?? '').toUpperCase(),
    path: event.path ?? requestContext.resourcePath ?? event.resource,
    queryParams: hasEntries(event.multiValueQueryStringParameters) || hasEntries(event.queryStringParameters)
      ? MultiDict.fromRecords(event.multiValueQueryStringParameters, event.queryStringParameters)
      : null,
    // Headers arrive in both maps; the multi-value one is complete (repeated Cookie, Accept…).
    headers: MultiDict.fromRecords(event.multiValueHeaders, event.headers, { caseInsensitive: true }),
    uriParams: hasEntries(event.pathParameters) ? event.pathParameters : null,
    rawBody: bodyToBuffer(event.body, event.isBase64Encoded),
    context: requestContext,
    stageVars: event.stageVariables ?? null,
    lambdaContext: context,
    event,
  });
}

function bodyToBuffer(body: string | null | undefined, isBase64Encoded: boolean | undefined): Buffer {
  if (body === null || body === undefined || body === '') return EMPTY_BODY;
  return Buffer.from(body, isBase64Encoded === true ? 'base64' : 'utf8');
}

/** API Gateway sends `null` for "none", but hand-written events often carry `{}`. */
function hasEntries(record: object | null | undefined): record is Record<string, unknown> {
  if (record === null || record === undefined) return false;
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}
