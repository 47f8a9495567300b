/**
 * The `api_handler` entry with payload format 2.0 events (HTTP API, Function URL): the same
 * app answers v1 and v2 events; v2 conversion rules are table-driven.
 */
import { describe, expect, it } from 'vitest';
import { AuthResponse, Chalice, CORSConfig, Response, type APIGatewayProxyEventV2, type APIGatewayProxyResultV2, type AuthRequest } from '../../../../src/runtime/index.js';
import { lambdaContext, proxyEvent } from './events.js';

function v2Event(method: string, rawPath: string, overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  const routeKey = overrides.routeKey ?? '$default';
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { host: 'abc.execute-api.us-west-2.amazonaws.com', 'user-agent': 'vitest' },
    isBase64Encoded: false,
    ...overrides,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc',
      domainName: 'abc.execute-api.us-west-2.amazonaws.com',
      domainPrefix: 'abc',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'r1',
      routeKey,
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: 1584039838000,
      ...overrides.requestContext,
    },
  };
}

function echoApp(): Chalice {
  const app = new Chalice({ appName: 'v2app' });
  app.route('/users/{id}', { methods: ['GET', 'POST'], name: 'user' }, ({ id }, request) => ({
    id,
    method: request.method,
    path: request.path,
    query: request.queryParams?.toJSON() ?? null,
    tags: request.queryParams?.getList('tag') ?? [],
    cookie: request.headers.get('cookie') ?? null,
    multi: request.headers.get('x-multi') ?? null,
    body: request.rawBody.toString('utf8'),
    stageVars: request.stageVars,
    routeKey: (request.context as { routeKey?: string }).routeKey,
  }));
  app.route('/users/me', { name: 'me' }, () => ({ me: true }));
  app.route('/cookies', { name: 'cookies' }, () => new Response({ body: 'ok', headers: { 'Set-Cookie': ['a=1; Path=/', 'b=2'], 'X-Many': ['x', 'y'], 'Content-Type': 'text/plain' } }));
  app.route('/nothing', { name: 'nothing' }, () => undefined);
  app.route('/image', { name: 'image' }, () => new Response({ body: Buffer.from([0x89, 0x50]), headers: { 'Content-Type': 'image/png' } }));
  return app;
}

async function call(app: Chalice, event: unknown): Promise<APIGatewayProxyResultV2> {
  return (await app.lambdaHandler('api_handler')(event, lambdaContext())) as APIGatewayProxyResultV2;
}

describe('api_handler with payload format 2.0 events', () => {
  it.each([
    {
      name: 'routeKey names the route; the stage prefix leaves the path',
      event: v2Event('GET', '/api/users/7', { routeKey: 'GET /users/{id}', pathParameters: { id: '7' }, requestContext: { stage: 'api' } as never }),
      expected: { id: '7', method: 'GET', path: '/users/7', routeKey: 'GET /users/{id}' },
    },
    {
      name: '$default route: the raw path is matched and gives the params',
      event: v2Event('GET', '/users/42'),
      expected: { id: '42', path: '/users/42' },
    },
    {
      name: 'a literal route beats a parameter one',
      event: v2Event('GET', '/users/me'),
      expected: { me: true },
    },
    {
      name: 'rawQueryString → multi-value, decoded query params',
      event: v2Event('GET', '/users/1', { rawQueryString: 'tag=a&tag=b%20c&x=1', queryStringParameters: { tag: 'a,b c', x: '1' } }),
      expected: { tags: ['a', 'b c'], query: { tag: 'b c', x: '1' } },
    },
    {
      name: 'cookies become one cookie header; repeated headers stay comma-joined',
      event: v2Event('GET', '/users/1', { cookies: ['a=1', 'b=2'], headers: { 'x-multi': '1,2' } }),
      expected: { cookie: 'a=1; b=2', multi: '1,2' },
    },
    {
      name: 'a base64 body is decoded; stage variables pass through',
      event: v2Event('POST', '/users/1', { body: Buffer.from('héllo').toString('base64'), isBase64Encoded: true, stageVariables: { env: 'dev' } }),
      expected: { body: 'héllo', method: 'POST', stageVars: { env: 'dev' } },
    },
  ])('$name', async ({ event, expected }) => {
    const result = await call(echoApp(), event);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject(expected);
  });

  it('answers the same route for a REST (v1) event', async () => {
    const result = (await echoApp().lambdaHandler('api_handler')(proxyEvent('GET', '/users/{id}', { pathParameters: { id: '9' } }), lambdaContext())) as { statusCode: number; body: string; multiValueHeaders: unknown };
    expect(result).toHaveProperty('multiValueHeaders');
    expect(JSON.parse(result.body)).toMatchObject({ id: '9', path: '/users/9' });
  });

  it.each([
    {
      name: 'Set-Cookie values move to cookies; other repeated headers are joined',
      path: '/cookies',
      expected: { statusCode: 200, headers: { 'X-Many': 'x, y', 'Content-Type': 'text/plain' }, cookies: ['a=1; Path=/', 'b=2'], body: 'ok', isBase64Encoded: false },
    },
    {
      name: 'a view returning nothing is JSON null',
      path: '/nothing',
      expected: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, cookies: [], body: 'null', isBase64Encoded: false },
    },
    {
      name: 'unknown path: the Chalice 404',
      path: '/nope',
      expected: { statusCode: 404, cookies: [], isBase64Encoded: false },
    },
  ])('$name', async ({ path, expected }) => {
    const result = await call(echoApp(), v2Event('GET', path));
    expect(result).toMatchObject(expected);
    expect(result).not.toHaveProperty('multiValueHeaders');
  });

  it('routes $default events through middleware too (the route is resolved from the path)', async () => {
    const app = echoApp();
    const seen: string[] = [];
    app.middleware('http', async function record(request, next) {
      seen.push(`${request.method} ${request.path}`);
      return next(request);
    });
    const result = await call(app, v2Event('GET', '/users/5'));
    expect(JSON.parse(result.body)).toMatchObject({ id: '5' });
    expect(seen).toEqual(['GET /users/5']);
  });

  it('binary responses follow the Accept rule as for REST', async () => {
    const app = echoApp();
    const accepted = await call(app, v2Event('GET', '/image', { headers: { accept: 'image/png' } }));
    expect(accepted).toMatchObject({ statusCode: 200, isBase64Encoded: true, body: Buffer.from([0x89, 0x50]).toString('base64') });
    const refused = await call(app, v2Event('GET', '/image', { headers: { accept: 'text/html' } }));
    expect(refused.statusCode).toBe(400);
  });

  it('an undeclared method is 405 with the route CORS headers, like REST', async () => {
    const app = new Chalice({ appName: 'cors' });
    app.route('/x', { name: 'x', cors: new CORSConfig({ allowOrigin: 'https://a.example' }) }, () => ({}));
    const result = await call(app, v2Event('DELETE', '/x'));
    expect(result.statusCode).toBe(405);
    expect(result.headers['Access-Control-Allow-Origin']).toBe('https://a.example');
  });
});

describe('built-in authorizer with a payload format 2.0 REQUEST event', () => {
  const routeArn = 'arn:aws:execute-api:us-west-2:123456789012:abc/api/GET/users/1';
  const authEvent = (headers: Record<string, string>) => ({
    version: '2.0',
    type: 'REQUEST',
    routeArn,
    identitySource: ['from-identity-source'],
    routeKey: 'GET /users/{id}',
    rawPath: '/api/users/1',
    rawQueryString: '',
    headers,
    requestContext: v2Event('GET', '/api/users/1').requestContext,
  });

  it.each([
    { name: 'token from the configured header', headers: { 'x-token': 'tok' } as Record<string, string>, token: 'tok' },
    { name: 'else the first identity source', headers: {} as Record<string, string>, token: 'from-identity-source' },
  ])('$name; methodArn is the routeArn', async ({ headers, token }) => {
    let seen: AuthRequest | undefined;
    const app = new Chalice({ appName: 'a' });
    app.authorizer({ name: 'auth', header: 'X-Token' }, (auth) => {
      seen = auth;
      return new AuthResponse({ routes: ['*'], principalId: 'p' });
    });
    const result = await app.lambdaHandler('auth')(authEvent(headers), null);
    expect(seen).toMatchObject({ authType: 'REQUEST', token, methodArn: routeArn });
    expect(result).toMatchObject({ principalId: 'p', policyDocument: { Statement: [{ Effect: 'Allow' }] } });
  });

  it('simple responses are returned as they are', async () => {
    const app = new Chalice({ appName: 'a' });
    app.authorizer({ name: 'simple', simpleResponses: true }, (auth) => ({ isAuthorized: auth.token === 'good', context: { user: 'u1', n: 1 } }));
    expect(await app.lambdaHandler('simple')(authEvent({ authorization: 'good' }), null)).toEqual({ isAuthorized: true, context: { user: 'u1', n: 1 } });
    expect(await app.lambdaHandler('simple')(authEvent({ authorization: 'bad' }), null)).toEqual({ isAuthorized: false, context: { user: 'u1', n: 1 } });
  });

  it('an AuthResponse from a simple-responses authorizer fails, saying what to return', async () => {
    const app = new Chalice({ appName: 'a', logSink: () => {} });
    app.authorizer({ name: 'simple', simpleResponses: true }, () => new AuthResponse({ routes: ['*'], principalId: 'p' }));
    await expect(app.lambdaHandler('simple')(authEvent({ authorization: 'x' }), null)).rejects.toThrow(/must return \{ isAuthorized: boolean, context\? \}, not an AuthResponse/);
  });
});
