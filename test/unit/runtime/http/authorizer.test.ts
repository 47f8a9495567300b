import { describe, expect, it } from 'vitest';
import { AuthRequest, AuthResponse, AuthRoute, Chalice, UnauthorizedError } from '../../../../src/runtime/index.js';
import { createAuthorizerHandler } from '../../../../src/runtime/entrypoints/authorizer.js';
import { methodArnBase } from '../../../../src/runtime/http/auth-policy.js';
import { lambdaContext, methodArn, requestAuthorizerEvent, tokenAuthorizerEvent } from './events.js';

const BASE = 'arn:aws:execute-api:us-west-2:123456789012:abc123defg/api';

function createApp(auth: (request: AuthRequest) => AuthResponse | Promise<AuthResponse>) {
  const logs: string[] = [];
  const app = new Chalice({ appName: 'authapp', logSink: (line) => logs.push(line) });
  const authorizer = app.authorizer({ name: 'myauth' }, auth);
  return { app, logs, handler: createAuthorizerHandler(app, authorizer) };
}

describe('built-in authorizer entry point', () => {
  it('passes the TOKEN event to the function as an AuthRequest', async () => {
    let seen: AuthRequest | undefined;
    const { handler } = createApp((auth) => {
      seen = auth;
      return new AuthResponse({ routes: ['*'], principalId: 'user' });
    });
    const arn = methodArn('POST', '/orders/7');
    await handler(tokenAuthorizerEvent('Bearer abc', arn), lambdaContext());
    expect(seen).toMatchObject({ authType: 'TOKEN', token: 'Bearer abc', methodArn: arn });
  });

  it.each([
    { name: "'*' allows everything", routes: ['*'], resources: [`${BASE}/*/*`] },
    { name: 'a string route allows all its methods', routes: ['/foo/bar'], resources: [`${BASE}/*/foo/bar`] },
    { name: 'the root route', routes: ['/'], resources: [`${BASE}/*/`] },
    { name: 'path parameters become wildcards', routes: ['/users/{id}/posts/{post}'], resources: [`${BASE}/*/users/*/posts/*`] },
    { name: 'an AuthRoute allows its methods', routes: [new AuthRoute('/orders/{id}', ['get', 'PUT'])], resources: [`${BASE}/GET/orders/*`, `${BASE}/PUT/orders/*`] },
    { name: 'a mix, in order', routes: ['/a', new AuthRoute('/b', ['DELETE'])], resources: [`${BASE}/*/a`, `${BASE}/DELETE/b`] },
    { name: 'no routes (allows nothing, so API Gateway answers 403)', routes: [], resources: [] },
  ])('$name', async ({ routes, resources }) => {
    const { handler } = createApp(() => new AuthResponse({ routes, principalId: 'user-1' }));
    const result = await handler(tokenAuthorizerEvent('allow'), null);
    expect(result).toEqual({
      principalId: 'user-1',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources }] },
      context: {},
    });
  });

  it('returns the context for request.context.authorizer', async () => {
    const { handler } = createApp(async () => new AuthResponse({ routes: ['*'], principalId: 'p', context: { tenant: 't1', level: 3, admin: false } }));
    expect(await handler(tokenAuthorizerEvent('x'), null)).toMatchObject({ context: { tenant: 't1', level: 3, admin: false } });
  });

  it('rejects a context value API Gateway would refuse, naming the key', async () => {
    const { handler } = createApp(() => new AuthResponse({ routes: ['*'], principalId: 'p', context: { nested: { a: 1 } as unknown as string } }));
    await expect(handler(tokenAuthorizerEvent('x'), null)).rejects.toThrow(/context\.nested is object/);
  });

  it('returns a hand-built policy unchanged', async () => {
    const policy = { principalId: 'raw', policyDocument: { Version: '2012-10-17', Statement: [] } };
    const { handler } = createApp(() => policy as unknown as AuthResponse);
    expect(await handler(tokenAuthorizerEvent('x'), null)).toBe(policy);
  });

  it.each([
    { name: 'an ordinary error (logged)', error: new Error('db down'), logged: true },
    { name: "Error('Unauthorized') itself", error: new Error('Unauthorized'), logged: false },
    { name: 'an UnauthorizedError', error: new UnauthorizedError('bad token'), logged: true },
  ])('a function that throws $name fails with "Unauthorized" (API Gateway 401)', async ({ error, logged }) => {
    const { handler, logs } = createApp(() => {
      throw error;
    });
    await expect(handler(tokenAuthorizerEvent('x'), null)).rejects.toThrow(/^Unauthorized$/);
    expect(logs.length > 0).toBe(logged);
  });

  it('a function that returns nothing fails with "Unauthorized"', async () => {
    const { handler } = createApp(() => undefined as unknown as AuthResponse);
    await expect(handler(tokenAuthorizerEvent('x'), null)).rejects.toThrow(/^Unauthorized$/);
  });

  it('takes the token from the configured header of a REQUEST event', async () => {
    const app = new Chalice({ appName: 'req' });
    const tokens: string[] = [];
    const authorizer = app.authorizer({ name: 'hdr', header: 'X-Token' }, (auth) => {
      tokens.push(`${auth.authType}:${auth.token}`);
      return new AuthResponse({ routes: ['/needs-auth'], principalId: 'p' });
    });
    const handler = createAuthorizerHandler(app, authorizer);
    await handler(requestAuthorizerEvent({ 'x-token': 'tok', Authorization: 'other' }), null);
    await handler(requestAuthorizerEvent({}), null);
    expect(tokens).toEqual(['REQUEST:tok', 'REQUEST:']);
  });

  it("runs 'all' middleware around the function, but not 'http' middleware", async () => {
    const { app, handler } = createApp((auth) => new AuthResponse({ routes: [auth.token], principalId: 'p' }));
    const calls: string[] = [];
    app.middleware('all', async function rewrite(event: AuthRequest, next) {
      calls.push(`all:${event.token}`);
      return next(new AuthRequest(event.authType, '/rewritten', event.methodArn));
    });
    app.middleware('http', function httpOnly() {
      calls.push('http');
      throw new Error('http middleware must not run for authorizers');
    });
    const result = await handler(tokenAuthorizerEvent('/original'), lambdaContext());
    expect(calls).toEqual(['all:/original']);
    expect(result).toMatchObject({ policyDocument: { Statement: [{ Resource: [`${BASE}/*/rewritten`] }] } });
  });

  it('exposes the Lambda context as app.lambdaContext while the function runs', async () => {
    let requestId: string | undefined;
    const { app, handler } = createApp(() => {
      requestId = app.lambdaContext?.awsRequestId;
      return new AuthResponse({ routes: [], principalId: 'p' });
    });
    await handler(tokenAuthorizerEvent('x'), lambdaContext('auth-ctx'));
    expect(requestId).toBe('auth-ctx');
  });
});

describe('method ARN base', () => {
  it.each([
    ['arn:aws:execute-api:us-west-2:123:api1/dev/GET/needs/auth', 'arn:aws:execute-api:us-west-2:123:api1/dev'],
    ['arn:aws-cn:execute-api:cn-north-1:123:api1/prod/POST/', 'arn:aws-cn:execute-api:cn-north-1:123:api1/prod'],
  ])('%s → %s', (arn, base) => {
    expect(methodArnBase(arn)).toBe(base);
  });

  it('rejects something that is not a method ARN', () => {
    expect(() => methodArnBase('not-an-arn')).toThrow(/not an execute-api method ARN/);
  });
});
