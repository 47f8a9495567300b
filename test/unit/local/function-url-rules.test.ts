/** Lambda's function URL rules, as data: result inference and the URL's CORS headers. */
import { describe, expect, it } from 'vitest';
import { isPreflight, preflightHeaders, withCorsHeaders } from '../../../src/local/function-url/url-cors.js';
import { functionUrlResult } from '../../../src/local/function-url/url-exchange.js';
import { splitFunctionUrlPath } from '../../../src/local/function-url/function-url-endpoint.js';
import type { FunctionUrlCors } from '../../../src/project/index.js';

describe('a function result becomes the URL answer by the 2.0 inference rules', () => {
  it.each([
    { name: 'object without statusCode → 200 JSON', result: { a: 1 }, status: 200, headers: { 'Content-Type': ['application/json'] }, body: '{"a":1}' },
    { name: 'string → 200, the string as it is', result: 'hi there', status: 200, headers: { 'Content-Type': ['application/json'] }, body: 'hi there' },
    { name: 'array → 200 JSON', result: [1, 2], status: 200, headers: { 'Content-Type': ['application/json'] }, body: '[1,2]' },
    { name: 'null → 200 "null"', result: null, status: 200, headers: { 'Content-Type': ['application/json'] }, body: 'null' },
    { name: 'statusCode shape with cookies', result: { statusCode: 201, headers: { 'x-a': 'b' }, cookies: ['c=1', 'd=2'], body: 'made' }, status: 201, headers: { 'x-a': ['b'], 'set-cookie': ['c=1', 'd=2'] }, body: 'made' },
    { name: 'base64 body decoded', result: { statusCode: 200, body: Buffer.from([0, 255]).toString('base64'), isBase64Encoded: true }, status: 200, headers: {}, body: Buffer.from([0, 255]).toString('latin1') },
    { name: 'statusCode without body → empty', result: { statusCode: 204 }, status: 204, headers: {}, body: '' },
  ])('$name', ({ result, status, headers, body }) => {
    const answer = functionUrlResult(result);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.response.statusCode).toBe(status);
    expect(answer.response.headers).toEqual(headers);
    expect(answer.response.body.toString('latin1')).toBe(body);
  });

  it.each([{ statusCode: '2x' }, { statusCode: 999 }, { statusCode: 200, body: { a: 1 } }])('%j cannot be sent (502)', (result) => {
    expect(functionUrlResult(result).ok).toBe(false);
  });
});

const CORS: FunctionUrlCors = { allowOrigins: ['https://a.example'], allowMethods: ['GET', 'POST'], allowHeaders: ['x-h'], exposeHeaders: ['x-e'], maxAge: 60, allowCredentials: false };
const index = (headers: Record<string, string>) => ({ last: (name: string) => headers[name] });

describe("a function URL's CORS", () => {
  it('a preflight needs OPTIONS, Origin and Access-Control-Request-Method', () => {
    expect(isPreflight('OPTIONS', index({ origin: 'o', 'access-control-request-method': 'GET' }))).toBe(true);
    expect(isPreflight('OPTIONS', index({ origin: 'o' }))).toBe(false);
    expect(isPreflight('GET', index({ origin: 'o', 'access-control-request-method': 'GET' }))).toBe(false);
  });

  it.each([
    { name: 'allowed origin and method', cors: CORS, origin: 'https://a.example', method: 'POST', allow: 'https://a.example' },
    { name: 'other origin', cors: CORS, origin: 'https://b.example', method: 'GET', allow: undefined },
    { name: 'method not allowed', cors: CORS, origin: 'https://a.example', method: 'DELETE', allow: undefined },
    { name: 'wildcard origin and method', cors: { ...CORS, allowOrigins: ['*'], allowMethods: ['*'] }, origin: 'https://b.example', method: 'DELETE', allow: '*' },
    { name: 'wildcard with credentials echoes the origin', cors: { ...CORS, allowOrigins: ['*'], allowCredentials: true }, origin: 'https://b.example', method: 'GET', allow: 'https://b.example' },
  ])('preflight: $name', ({ cors, origin, method, allow }) => {
    expect(preflightHeaders(cors, origin, method)['Access-Control-Allow-Origin']).toBe(allow);
  });

  it("responses get the URL's CORS headers in place of the function's", () => {
    const headers = { 'Access-Control-Allow-Origin': '*', 'access-control-max-age': '1', 'X-Own': 'kept' };
    expect(withCorsHeaders(headers, CORS, 'https://a.example')).toEqual({ 'X-Own': 'kept', 'Access-Control-Allow-Origin': 'https://a.example', 'Access-Control-Expose-Headers': 'x-e' });
    expect(withCorsHeaders(headers, CORS, undefined)).toEqual({ 'X-Own': 'kept' });
  });
});

describe('the local path of a function URL', () => {
  it.each([
    ['/_lambda-url/api_handler/items/1?x=1', 'api_handler', '/items/1?x=1'],
    ['/_lambda-url/api_handler', 'api_handler', '/'],
    ['/_lambda-url/api_handler?x=1', 'api_handler', '/?x=1'],
    ['/_lambda-url/my%20fn/', 'my fn', '/'],
  ])('%s → %s %s', (url, name, target) => {
    expect(splitFunctionUrlPath(url)).toEqual({ name, target });
  });
});
