import { describe, expect, it } from 'vitest';
import {
  clfTime,
  httpRequestToProxyEvent,
  isProxyResult,
  proxyResultToHttpResponse,
  urlToRequestTarget,
  type GatewayRequest,
  type ProxyEventSettings,
  type RouteMatch,
} from '../../../src/local/gateway/index.js';

const SETTINGS: ProxyEventSettings = {
  stageName: 'api',
  stageVariables: null,
  accountId: '123456789012',
  apiId: 'abc123defg',
  region: 'us-east-1',
  binaryTypes: ['application/octet-stream', 'image/*'],
  requestId: 'req-1',
  requestTimeEpoch: Date.UTC(2024, 1, 3, 4, 5, 6),
};

function eventFor(request: Partial<GatewayRequest> & { url: string }, match: RouteMatch = { resource: '/x/{id}', pathParameters: { id: '1' } }, settings = SETTINGS) {
  const full: GatewayRequest = { method: 'GET', headers: {}, body: Buffer.alloc(0), ...request };
  const parsed = urlToRequestTarget(full.url);
  if (!parsed.ok) throw new Error(parsed.reason);
  return httpRequestToProxyEvent(full, parsed.target, match, settings);
}

describe('HTTP request → proxy event', () => {
  it('fills every top-level field', () => {
    const event = eventFor({
      method: 'post',
      url: '/x/1?a=1&a=2&b=x+y',
      headers: { Host: 'localhost:8000', 'User-Agent': 'tests', 'X-Multi': ['1', '2'], accept: '*/*' },
      body: Buffer.from('{"k":1}'),
      sourceIp: '10.0.0.9',
    });
    expect(event).toMatchObject({
      resource: '/x/{id}',
      path: '/x/1',
      httpMethod: 'POST',
      headers: { Host: 'localhost:8000', 'User-Agent': 'tests', 'X-Multi': '2', accept: '*/*' },
      multiValueHeaders: { Host: ['localhost:8000'], 'User-Agent': ['tests'], 'X-Multi': ['1', '2'], accept: ['*/*'] },
      queryStringParameters: { a: '2', b: 'x y' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x y'] },
      pathParameters: { id: '1' },
      stageVariables: null,
      body: '{"k":1}',
      isBase64Encoded: false,
    });
  });

  it('fills the request context', () => {
    const event = eventFor({ url: '/x/1', headers: { host: 'localhost:8000', 'user-agent': 'ua' }, sourceIp: '10.1.2.3' });
    expect(event.requestContext).toMatchObject({
      resourcePath: '/x/{id}',
      httpMethod: 'GET',
      path: '/api/x/1',
      stage: 'api',
      requestId: 'req-1',
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName: 'localhost:8000',
      protocol: 'HTTP/1.1',
      requestTime: '03/Feb/2024:04:05:06 +0000',
      requestTimeEpoch: Date.UTC(2024, 1, 3, 4, 5, 6),
      identity: { sourceIp: '10.1.2.3', userAgent: 'ua', apiKey: null },
    });
    expect(event.requestContext.resourceId).toMatch(/^[a-z0-9]{6}$/);
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('uses nulls when there are no headers, query or body, and the API domain without Host', () => {
    const event = eventFor({ url: '/', headers: {} }, { resource: '/', pathParameters: null });
    expect(event).toMatchObject({ headers: null, multiValueHeaders: null, queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, body: null, isBase64Encoded: false });
    expect(event.requestContext.domainName).toBe('abc123defg.execute-api.us-east-1.amazonaws.com');
    expect(event.requestContext.path).toBe('/api/');
    expect(event.requestContext.identity).toMatchObject({ sourceIp: '127.0.0.1', userAgent: null });
  });

  it('merges repeated header names of different case under the first spelling', () => {
    const event = eventFor({ url: '/x/1', headers: { 'X-A': '1', 'x-a': '2' } });
    expect(event.multiValueHeaders).toEqual({ 'X-A': ['1', '2'] });
    expect(event.headers).toEqual({ 'X-A': '2' });
  });

  it.each([
    ['application/octet-stream', true],
    ['image/png', true],
    ['IMAGE/JPEG; q=1', true],
    ['application/json', false],
    ['text/plain', false],
    [undefined, false],
  ])('Content-Type %s → base64 body: %s', (contentType, binary) => {
    const bytes = Buffer.from([0xff, 0x00, 0x41]);
    const event = eventFor({ method: 'POST', url: '/x/1', headers: contentType ? { 'Content-Type': contentType } : {}, body: bytes });
    expect(event.isBase64Encoded).toBe(binary);
    expect(event.body).toBe(bytes.toString(binary ? 'base64' : 'utf8'));
  });

  it('passes stage variables and authorizer context and the API key', () => {
    const event = eventFor({ url: '/x/1' }, undefined, { ...SETTINGS, stageVariables: { a: 'b' }, authorizer: { principalId: 'p' }, apiKey: 'k' });
    expect(event.stageVariables).toEqual({ a: 'b' });
    expect(event.requestContext.authorizer).toEqual({ principalId: 'p' });
    expect(event.requestContext.identity.apiKey).toBe('k');
    expect(event.requestContext.identity.apiKeyId).toMatch(/^[a-z0-9]{10}$/);
  });

  it('formats request times in Common Log Format', () => {
    expect(clfTime(Date.UTC(2015, 3, 9, 12, 34, 56))).toBe('09/Apr/2015:12:34:56 +0000');
  });
});

describe('proxy result → HTTP response', () => {
  it.each([
    [{ statusCode: 200, body: 'x' }, true],
    [{ statusCode: 204 }, true],
    [{ statusCode: 200, body: null, headers: null, multiValueHeaders: null }, true],
    [{ statusCode: 200, headers: { a: 1, b: true } }, true],
    [{ statusCode: '200', body: '' }, false],
    [{ statusCode: 200.5 }, false],
    [{ statusCode: 99 }, false],
    [{ statusCode: 600 }, false],
    [{ body: 'no status' }, false],
    [{ statusCode: 200, body: { not: 'a string' } }, false],
    [{ statusCode: 200, isBase64Encoded: 'yes' }, false],
    [{ statusCode: 200, headers: { a: ['list'] } }, false],
    [{ statusCode: 200, multiValueHeaders: { a: 'not a list' } }, false],
    [null, false],
    ['200', false],
    [[200], false],
  ])('%j is a proxy result: %s', (value, expected) => {
    expect(isProxyResult(value)).toBe(expected);
  });

  it('merges headers and multiValueHeaders, de-duplicating identical pairs', () => {
    const response = proxyResultToHttpResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Both': 'b', 'x-same': 'same', 'X-Num': 1 as unknown as string },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'X-Both': ['a'], 'X-Same': ['same'] },
      body: 'hi',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'Set-Cookie': ['a=1', 'b=2'],
      'X-Both': ['a', 'b'],
      'X-Same': ['same'],
      'Content-Type': ['text/plain'],
      'X-Num': ['1'],
    });
    expect(response.body.toString()).toBe('hi');
  });

  it('decodes a base64 body', () => {
    const bytes = Buffer.from([0, 1, 254, 255]);
    const response = proxyResultToHttpResponse({ statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true, headers: { 'content-type': 'image/png' } });
    expect(Buffer.compare(response.body, bytes)).toBe(0);
  });

  it('defaults Content-Type to application/json and the body to empty', () => {
    expect(proxyResultToHttpResponse({ statusCode: 204 })).toEqual({ statusCode: 204, headers: { 'Content-Type': ['application/json'] }, body: Buffer.alloc(0) });
  });
});
