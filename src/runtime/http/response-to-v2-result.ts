/**
 * A view's return value → payload format 2.0 result (HTTP API, Function URL).
 *
 * The REST rules apply first (responseToProxyResult: default Content-Type, JSON/text body,
 * binary types and the Accept rule, header value checks); then the result takes the 2.0
 * shape, which has no `multiValueHeaders`: every Set-Cookie value goes to `cookies` (each
 * becomes one Set-Cookie header), any other repeated header is joined with `, `.
 */
import type { APIGatewayProxyResultV2 } from '../aws-events-v2.js';
import type { Request } from '../request.js';
import { responseToProxyResult } from './response-to-proxy-result.js';

export function responseToV2Result(response: unknown, request: Request | null, binaryTypes: readonly string[]): APIGatewayProxyResultV2 {
  const v1 = responseToProxyResult(response, request, binaryTypes);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  const put = (name: string, values: readonly string[]): void => {
    if (name.toLowerCase() === 'set-cookie') {
      cookies.push(...values);
      return;
    }
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) headers[name] = values.join(', ');
    else headers[existing] = [headers[existing], ...values].join(', ');
  };
  for (const name in v1.headers) if (Object.hasOwn(v1.headers, name)) put(name, [v1.headers[name]]);
  for (const name in v1.multiValueHeaders) if (Object.hasOwn(v1.multiValueHeaders, name)) put(name, v1.multiValueHeaders[name]);
  return { statusCode: v1.statusCode, headers, cookies, body: v1.body, isBase64Encoded: v1.isBase64Encoded };
}
