/**
 * createApiGateway over a fake app: plain route records and fake Lambda entry points, so each
 * API Gateway behaviour is checked on its own (no runtime involved).
 */
import { describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../../src/runtime/index.js';
import { createApiGateway, type ApiGatewayOptions, type GatewayRequest } from '../../../src/local/gateway/index.js';
import { fakeApp, json, request, type Handler } from './fake-app.js';

describe('API Gateway emulation', () => {
  describe('routing and gateway responses', () => {
    it('invokes api_handler with the proxy event of the matched resource', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/users/{id}' });
      const response = await createApiGateway(app).handle(request('GET', '/users/a%20b?x=1'));
      expect(response.statusCode).toBe(200);
      expect(app.events).toHaveLength(1);
      expect(app.events[0].name).toBe('api_handler');
      expect(app.events[0].event).toMatchObject({ resource: '/users/{id}', path: '/users/a%20b', pathParameters: { id: 'a%20b' }, queryStringParameters: { x: '1' } });
    });

    it.each([
      ['GET', '/missing'],
      ['POST', '/users'],
      ['HEAD', '/users'],
      ['OPTIONS', '/users'],
      ['TRACE', '/users'],
    ])('%s %s → 403 Missing Authentication Token, without invoking anything', async (method, url) => {
      const app = fakeApp();
      app.addRoute({ path: '/users' });
      const response = await createApiGateway(app).handle(request(method, url));
      expect(response.statusCode).toBe(403);
      expect(response.headers['x-amzn-ErrorType']).toEqual(['MissingAuthenticationTokenException']);
      if (method !== 'HEAD') expect(json(response.body)).toEqual({ message: 'Missing Authentication Token' });
      expect(app.events).toHaveLength(0);
    });

    it.each(['/a%zz', '*', '/a?x=%C3%28'])('answers a malformed target %s with 400', async (url) => {
      const app = fakeApp();
      app.addRoute({ path: '/a' });
      const response = await createApiGateway(app).handle(request('GET', url));
      expect(response.statusCode).toBe(400);
      expect(json(response.body).message).toMatch(/^Bad request: /);
    });

    it('finds routes registered after the gateway was created', async () => {
      const app = fakeApp();
      const gateway = createApiGateway(app);
      expect((await gateway.handle(request('GET', '/late'))).statusCode).toBe(403);
      app.addRoute({ path: '/late' });
      expect((await gateway.handle(request('GET', '/late'))).statusCode).toBe(200);
    });

    it('strips the body of HEAD responses but keeps the headers', async () => {
      const app = fakeApp({ api_handler: async () => ({ statusCode: 200, headers: { 'X-A': 'b' }, body: 'content' }) });
      app.addRoute({ path: '/h', method: 'HEAD' });
      const response = await createApiGateway(app).handle(request('HEAD', '/h'));
      expect(response.statusCode).toBe(200);
      expect(response.headers['X-A']).toEqual(['b']);
      expect(response.body.length).toBe(0);
    });

    it('adds x-amzn-RequestId, the same id as requestContext.requestId', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/' });
      const response = await createApiGateway(app, { newRequestId: () => 'fixed-id' }).handle(request('GET', '/'));
      expect(response.headers['x-amzn-RequestId']).toEqual(['fixed-id']);
      expect(app.events[0].event.requestContext.requestId).toBe('fixed-id');
    });

    it('passes stage name and stage variables', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/s' });
      await createApiGateway(app, { stageName: 'prod', stageVariables: { v: '1' } }).handle(request('GET', '/s'));
      expect(app.events[0].event).toMatchObject({ stageVariables: { v: '1' }, requestContext: { stage: 'prod', path: '/prod/s' } });
    });
  });

  describe('invocation failures', () => {
    it.each<[string, Handler]>([
      ['the handler rejects', async () => Promise.reject(new Error('crash'))],
      ['the handler returns a malformed result', async () => ({ body: 'no status' })],
      ['the handler returns nothing', async () => undefined],
    ])('answers 502 when %s', async (_name, handler) => {
      const app = fakeApp({ api_handler: handler });
      app.addRoute({ path: '/' });
      const response = await createApiGateway(app).handle(request('GET', '/'));
      expect(response.statusCode).toBe(502);
      expect(json(response.body)).toEqual({ message: 'Internal server error' });
    });

    it('answers 502 when lambdaHandler itself throws', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/' });
      app.lambdaHandler = () => {
        throw new Error('not written yet');
      };
      expect((await createApiGateway(app).handle(request('GET', '/'))).statusCode).toBe(502);
    });

    it('answers 504 when the handler never settles', async () => {
      const app = fakeApp({ api_handler: () => new Promise(() => {}) });
      app.addRoute({ path: '/' });
      const response = await createApiGateway(app, { timeoutMs: 5 }).handle(request('GET', '/'));
      expect(response.statusCode).toBe(504);
      expect(json(response.body)).toEqual({ message: 'Endpoint request timed out' });
    });

    it.each([
      [{ timeoutMs: 50, lambdaTimeoutMs: 5 }, 502, { message: 'Internal server error' }],
      [{ timeoutMs: 5, lambdaTimeoutMs: 50 }, 504, { message: 'Endpoint request timed out' }],
      [{ timeoutMs: 5, lambdaTimeoutMs: 5 }, 504, { message: 'Endpoint request timed out' }],
    ])('answers a handler that never settles by whichever limit comes first (%o)', async (limits, status, body) => {
      const app = fakeApp({ api_handler: () => new Promise(() => {}) });
      app.addRoute({ path: '/' });
      const response = await createApiGateway(app, limits).handle(request('GET', '/'));
      expect(response.statusCode).toBe(status);
      expect(json(response.body)).toEqual(body);
    });

    it('never rejects, even for a request with no method', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/' });
      const response = await createApiGateway(app).handle({ url: '/', headers: {}, body: Buffer.alloc(0) } as unknown as GatewayRequest);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    });
  });

  describe('invocation plumbing', () => {
    it('builds a Lambda context and wraps the invocation per function', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/' });
      const wrapped: string[] = [];
      const options: ApiGatewayOptions = {
        lambdaContext: (name) => ({ functionName: `ctx-${name}` }) as LambdaContext,
        wrapInvocation: async (name, fn) => {
          wrapped.push(name);
          return fn();
        },
      };
      await createApiGateway(app, options).handle(request('GET', '/'));
      expect(wrapped).toEqual(['api_handler']);
      expect(app.events[0].context?.functionName).toBe('ctx-api_handler');
    });

    it('gives a default context named as deployed: <app>-<stage> for api_handler, <app>-<stage>-<name> otherwise', async () => {
      const auth = { kind: 'builtin' as const, name: 'auth', header: 'Authorization', scopes: [] };
      const policy = { principalId: 'p', policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } };
      const app = fakeApp({ auth: async () => policy });
      app.addRoute({ path: '/', authorizer: auth as never });
      await createApiGateway(app).handle(request('GET', '/', { Authorization: 't' }));
      expect(app.events.map((e) => [e.name, e.context?.functionName])).toEqual([
        ['auth', 'fake-dev-auth'],
        ['api_handler', 'fake-dev'],
      ]);
      expect(app.events[1].context?.getRemainingTimeInMillis()).toBeGreaterThan(0);
      const prod = fakeApp();
      prod.addRoute({ path: '/' });
      await createApiGateway(prod, { chaliceStage: 'prod' }).handle(request('GET', '/'));
      expect(prod.events[0].context?.functionName).toBe('fake-prod');
    });
  });

  describe('CORS preflight', () => {
    const cors = { allowOrigin: '*', allowHeaders: [], exposeHeaders: [] };

    it('answers OPTIONS on a CORS path without calling the Lambda', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/c', method: 'GET', cors });
      app.addRoute({ path: '/c', method: 'POST', cors });
      const response = await createApiGateway(app).handle(request('OPTIONS', '/c/'));
      expect(response.statusCode).toBe(200);
      expect(response.headers['Access-Control-Allow-Methods']).toEqual(['GET,POST,OPTIONS']);
      expect(app.events).toHaveLength(0);
    });

    it('routes OPTIONS to a view the app registered for it', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/c', method: 'GET', cors });
      app.addRoute({ path: '/c', method: 'OPTIONS', cors });
      const response = await createApiGateway(app).handle(request('OPTIONS', '/c'));
      expect(response.statusCode).toBe(200);
      expect(app.events.map((e) => e.event.httpMethod)).toEqual(['OPTIONS']);
    });
  });

  describe('API keys', () => {
    it.each([
      [undefined, {}, 403],
      [undefined, { 'X-Api-Key': '' }, 403],
      [undefined, { 'X-Api-Key': 'anything' }, 200],
      [['k1', 'k2'], { 'x-api-key': 'k2' }, 200],
      [['k1', 'k2'], { 'x-api-key': 'k3' }, 403],
    ])('apiKeys %j, headers %j → %i', async (apiKeys, headers, status) => {
      const app = fakeApp();
      app.addRoute({ path: '/k', apiKeyRequired: true });
      const response = await createApiGateway(app, apiKeys ? { apiKeys } : {}).handle(request('GET', '/k', headers));
      expect(response.statusCode).toBe(status);
      if (status === 403) expect(json(response.body)).toEqual({ message: 'Forbidden' });
      else expect(app.events[0].event.requestContext.identity.apiKey).toBe(Object.values(headers)[0]);
    });
  });
});
