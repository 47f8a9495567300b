/** Authorizers in the API Gateway emulation: built-in (cache, policy), Cognito, IAM/custom. */
import { describe, expect, it } from 'vitest';
import type { Authorizer } from '../../../src/runtime/index.js';
import { createApiGateway } from '../../../src/local/gateway/index.js';
import { fakeApp, fakeClock, json, request, type Handler } from './fake-app.js';

describe('authorizers', () => {
  const builtin = (overrides: Partial<Authorizer & { ttlSeconds: number }> = {}) =>
    ({ kind: 'builtin', name: 'auth', header: 'Authorization', scopes: [], ttlSeconds: 300, ...overrides }) as Authorizer;
  const policy = (effect: string, resource: string, context?: Record<string, unknown>) => ({
    principalId: 'user-1',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: [resource] }] },
    ...(context ? { context } : {}),
  });

  describe('built-in', () => {
    it('sends a TOKEN event with the method ARN and passes principal and context on', async () => {
      const app = fakeApp({ auth: async () => policy('Allow', '*', { role: 'admin', n: 3, ok: true }) });
      app.addRoute({ path: '/p/{id}', method: 'PUT', authorizer: builtin() });
      const gateway = createApiGateway(app, { region: 'eu-west-1', accountId: '111122223333', apiId: 'myapi', stageName: 'dev' });
      const response = await gateway.handle(request('PUT', '/p/7', { authorization: 'tok' }));
      expect(response.statusCode).toBe(200);
      expect(app.events[0]).toMatchObject({
        name: 'auth',
        event: { type: 'TOKEN', authorizationToken: 'tok', methodArn: 'arn:aws:execute-api:eu-west-1:111122223333:myapi/dev/PUT/p/7' },
      });
      expect(app.events[1].event.requestContext.authorizer).toEqual({ principalId: 'user-1', role: 'admin', n: '3', ok: 'true' });
    });

    it.each([
      ['/', 'GET/'],
      ['/a/b/', 'GET/a/b'],
    ])('method ARN for %s ends in %s', async (url, suffix) => {
      const app = fakeApp({ auth: async () => policy('Allow', '*') });
      app.addRoute({ path: url === '/' ? '/' : '/a/b', authorizer: builtin() });
      await createApiGateway(app, { apiId: 'x', stageName: 'api' }).handle(request('GET', url, { Authorization: 't' }));
      expect(app.events[0].event.methodArn).toBe(`arn:aws:execute-api:us-east-1:123456789012:x/api/${suffix}`);
    });

    it('reads the token from a custom header and answers 401 when it is missing, without invoking', async () => {
      const app = fakeApp({ auth: async () => policy('Allow', '*') });
      app.addRoute({ path: '/p', authorizer: builtin({ header: 'X-Token' }) });
      const gateway = createApiGateway(app);
      const missing = await gateway.handle(request('GET', '/p', { Authorization: 'tok' }));
      expect(missing.statusCode).toBe(401);
      expect(json(missing.body)).toEqual({ message: 'Unauthorized' });
      expect(app.events).toHaveLength(0);
      expect((await gateway.handle(request('GET', '/p', { 'x-token': 'tok' }))).statusCode).toBe(200);
    });

    it.each<[string, Handler, number, unknown]>([
      ['Deny policy', async () => policy('Deny', '*'), 403, { Message: 'User is not authorized to access this resource with an explicit deny' }],
      ['policy for another route', async () => policy('Allow', 'arn:aws:execute-api:*:*:*/*/GET/other'), 403, { Message: 'User is not authorized to access this resource' }],
      ["failure 'Unauthorized'", async () => Promise.reject(new Error('Unauthorized')), 401, { message: 'Unauthorized' }],
      ['other failure', async () => Promise.reject(new Error('boom')), 500, { message: null }],
      ['no principalId', async () => ({ policyDocument: { Statement: [] } }), 500, { message: null }],
      ['no policy', async () => ({ principalId: 'x' }), 500, { message: null }],
      ['object context value', async () => policy('Allow', '*', { nested: { a: 1 } }), 500, { message: null }],
    ])('%s → %i', async (_name, handler, status, body) => {
      const app = fakeApp({ auth: handler });
      app.addRoute({ path: '/p', authorizer: builtin() });
      const response = await createApiGateway(app).handle(request('GET', '/p', { Authorization: 'tok' }));
      expect(response.statusCode).toBe(status);
      expect(json(response.body)).toEqual(body);
      expect(app.events.filter((e) => e.name === 'api_handler')).toHaveLength(0);
    });

    it('answers 504 when the authorizer never settles', async () => {
      const app = fakeApp({ auth: () => new Promise(() => {}) });
      app.addRoute({ path: '/p', authorizer: builtin() });
      expect((await createApiGateway(app, { timeoutMs: 5 }).handle(request('GET', '/p', { Authorization: 't' }))).statusCode).toBe(504);
    });

    it('caches the policy per token for ttlSeconds and re-evaluates it per method ARN', async () => {
      const clock = fakeClock();
      let calls = 0;
      const app = fakeApp({
        auth: async (event) => {
          calls++;
          return policy('Allow', `arn:aws:execute-api:*:*:*/*/GET/a`, { token: event.authorizationToken });
        },
      });
      app.addRoute({ path: '/a', authorizer: builtin({ ttlSeconds: 60 }) });
      app.addRoute({ path: '/b', authorizer: builtin({ ttlSeconds: 60 }) });
      const gateway = createApiGateway(app, { clock });
      const get = (path: string, token: string) => gateway.handle(request('GET', path, { Authorization: token })).then((r) => r.statusCode);

      expect(await get('/a', 't1')).toBe(200);
      expect(await get('/a', 't1')).toBe(200);
      expect(calls).toBe(1);
      expect(await get('/b', 't1')).toBe(403); // cached policy, other ARN
      expect(calls).toBe(1);
      expect(await get('/a', 't2')).toBe(200); // other token
      expect(calls).toBe(2);
      clock.advance(60_000);
      expect(await get('/a', 't1')).toBe(200);
      expect(calls).toBe(3);
    });

    it('calls the authorizer every time with ttlSeconds 0 and does not cache failures', async () => {
      let calls = 0;
      const app = fakeApp({
        auth: async () => {
          calls++;
          return calls === 1 ? Promise.reject(new Error('Unauthorized')) : policy('Allow', '*');
        },
      });
      app.addRoute({ path: '/a', authorizer: builtin({ ttlSeconds: 0 }) });
      const gateway = createApiGateway(app, { clock: fakeClock() });
      expect((await gateway.handle(request('GET', '/a', { Authorization: 't' }))).statusCode).toBe(401);
      expect((await gateway.handle(request('GET', '/a', { Authorization: 't' }))).statusCode).toBe(200);
      expect((await gateway.handle(request('GET', '/a', { Authorization: 't' }))).statusCode).toBe(200);
      expect(calls).toBe(3);
    });
  });

  describe('Cognito user pools', () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = (claims: unknown) => `${b64({ alg: 'none' })}.${b64(claims)}.sig`;
    const cognito = (scopes: string[] = []) => ({ kind: 'cognito_user_pools', name: 'pool', header: 'Authorization', scopes, providerArns: [] }) as Authorizer;
    const NOW = Date.UTC(2024, 0, 1);

    it.each([
      ['no header', {}, 401, 'Unauthorized'],
      ['not a JWT', { Authorization: 'abc' }, 401, 'Unauthorized'],
      ['expired', { Authorization: token({ sub: 'u', exp: NOW / 1000 - 1 }) }, 401, 'The incoming token has expired'],
    ])('%s → %i', async (_name, headers, status, message) => {
      const app = fakeApp();
      app.addRoute({ path: '/c', authorizer: cognito() });
      const response = await createApiGateway(app, { clock: fakeClock(NOW) }).handle(request('GET', '/c', headers));
      expect(response.statusCode).toBe(status);
      expect(json(response.body)).toEqual({ message });
    });

    it('decodes the claims into requestContext.authorizer.claims', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/c', authorizer: cognito() });
      const claims = { sub: 'u-1', email: 'a@b.c', exp: NOW / 1000 + 60 };
      const response = await createApiGateway(app, { clock: fakeClock(NOW) }).handle(request('GET', '/c', { Authorization: token(claims) }));
      expect(response.statusCode).toBe(200);
      expect(app.events[0].event.requestContext.authorizer).toEqual({ claims: { sub: 'u-1', email: 'a@b.c', exp: String(NOW / 1000 + 60) } });
    });

    it.each([
      ['read write', 200],
      ['write', 401],
      [undefined, 401],
    ])('route scopes [read]: token scope %s → %i', async (scope, status) => {
      const app = fakeApp();
      app.addRoute({ path: '/c', authorizer: cognito(['read']) });
      const response = await createApiGateway(app).handle(request('GET', '/c', { Authorization: token({ sub: 'u', ...(scope ? { scope } : {}) }) }));
      expect(response.statusCode).toBe(status);
    });
  });

  describe('IAM and custom authorizers', () => {
    const iam = { kind: 'iam', name: 'sigv4', header: 'Authorization', scopes: [] } as Authorizer;
    const custom = { kind: 'custom', name: 'external', header: 'Authorization', scopes: [] } as Authorizer;

    it('refuses by default with a 401 that says why, warning once per authorizer and once per request', async () => {
      const warnings: string[] = [];
      const app = fakeApp();
      app.addRoute({ path: '/i', authorizer: iam });
      app.addRoute({ path: '/i2', authorizer: iam });
      app.addRoute({ path: '/c', authorizer: custom });
      const gateway = createApiGateway(app, { onWarning: (m) => warnings.push(m) });
      expect(warnings).toHaveLength(2);
      const response = await gateway.handle(request('GET', '/i'));
      expect(response.statusCode).toBe(401);
      expect(json(response.body).message).toContain('IAM authorizer sigv4 cannot be emulated locally');
      expect(json(response.body).message).toContain("unsupportedAuthorizers: 'allow'");
      expect(warnings).toHaveLength(3);
      expect(app.events).toHaveLength(0);
    });

    it("lets requests through with unsupportedAuthorizers: 'allow'", async () => {
      const warnings: string[] = [];
      const app = fakeApp();
      app.addRoute({ path: '/c', authorizer: custom });
      const gateway = createApiGateway(app, { unsupportedAuthorizers: 'allow', onWarning: (m) => warnings.push(m) });
      const response = await gateway.handle(request('GET', '/c'));
      expect(response.statusCode).toBe(200);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('Custom authorizer external');
      expect(app.events[0].event.requestContext).not.toHaveProperty('authorizer');
    });
  });
});
