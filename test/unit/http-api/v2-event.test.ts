import { describe, expect, it } from 'vitest';
import { httpRequestToV2Event, isTextContentType, type V2EventSettings } from '../../../src/local/http-api/v2-event.js';

const SETTINGS: V2EventSettings = {
  routeKey: 'GET /users/{id}',
  stage: 'api',
  pathParameters: { id: '42' },
  accountId: '123456789012',
  apiId: 'abc123',
  region: 'eu-west-1',
  requestId: 'req-1',
  timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58),
};

describe('httpRequestToV2Event', () => {
  it('builds a payload format 2.0 event as an HTTP API does', () => {
    const event = httpRequestToV2Event(
      {
        method: 'GET',
        url: '/users/42?tag=a&tag=b&q=x%20y',
        headers: { Host: 'localhost:8000', 'X-Multi': ['1', '2'], Cookie: ['a=1; b=2', 'c=3'], 'User-Agent': 'curl/8' },
        body: Buffer.alloc(0),
        sourceIp: '10.0.0.1',
      },
      SETTINGS,
    );
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /users/{id}',
      rawPath: '/api/users/42',
      rawQueryString: 'tag=a&tag=b&q=x%20y',
      cookies: ['a=1', 'b=2', 'c=3'],
      headers: { host: 'localhost:8000', 'x-multi': '1,2', 'user-agent': 'curl/8' },
      queryStringParameters: { tag: 'a,b', q: 'x y' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123',
        domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
        domainPrefix: 'abc123',
        http: { method: 'GET', path: '/api/users/42', protocol: 'HTTP/1.1', sourceIp: '10.0.0.1', userAgent: 'curl/8' },
        requestId: 'req-1',
        routeKey: 'GET /users/{id}',
        stage: 'api',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58),
      },
    });
  });

  it('leaves the stage out of the path for $default (Function URLs) and omits empty maps', () => {
    const event = httpRequestToV2Event(
      { method: 'post', url: '/', headers: {}, body: Buffer.alloc(0) },
      { ...SETTINGS, routeKey: '$default', stage: '$default', pathParameters: null, domainName: 'u1.lambda-url.eu-west-1.on.aws' },
    );
    expect(event.rawPath).toBe('/');
    expect(event.requestContext.http.method).toBe('POST');
    expect(event.requestContext.domainPrefix).toBe('u1');
    for (const key of ['cookies', 'queryStringParameters', 'pathParameters', 'stageVariables', 'body']) expect(event).not.toHaveProperty(key);
  });

  it.each([
    ['application/json', 'text'],
    ['text/plain; charset=utf-8', 'text'],
    ['application/vnd.api+json', 'text'],
    ['application/xml', 'text'],
    ['application/x-www-form-urlencoded', 'base64'],
    ['image/png', 'base64'],
    [undefined, 'base64'],
  ])('a %s body arrives as %s', (contentType, expected) => {
    const body = Buffer.from('{"a":1}');
    const event = httpRequestToV2Event({ method: 'POST', url: '/x', headers: contentType ? { 'content-type': contentType } : {}, body }, SETTINGS);
    expect(isTextContentType(contentType)).toBe(expected === 'text');
    expect(event.isBase64Encoded).toBe(expected === 'base64');
    expect(Buffer.from(event.body!, expected === 'text' ? 'utf8' : 'base64')).toEqual(body);
  });

  it('passes the authorizer context and stage variables', () => {
    const event = httpRequestToV2Event(
      { method: 'GET', url: '/x', headers: {}, body: Buffer.alloc(0) },
      { ...SETTINGS, authorizer: { jwt: { claims: { sub: 'u' }, scopes: null } }, stageVariables: { env: 'dev' } },
    );
    expect(event.requestContext.authorizer).toEqual({ jwt: { claims: { sub: 'u' }, scopes: null } });
    expect(event.stageVariables).toEqual({ env: 'dev' });
  });
});
