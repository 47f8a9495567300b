import { describe, expect, it } from 'vitest';
import { AuthRequest, AuthResponse, AuthRoute, Chalice, ForbiddenError, UnauthorizedError } from '../../../../src/runtime/index.js';
import { createAuthorizerHandler } from '../../../../src/runtime/entrypoints/authorizer.js';
import { ANY_API_BASE, methodArnBase } from '../../../../src/runtime/http/auth-policy.js';
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
    { name: "Error('Unauthorized')", error: new Error('Unauthorized') },
    { name: 'an UnauthorizedError', error: new UnauthorizedError('bad token') },
    { name: 'an UnauthorizedError without a message', error: new UnauthorizedError() },
  ])('a function that throws $name denies: the invocation fails with "Unauthorized" (API Gateway 401)', async ({ error }) => {
    const { handler, logs } = createApp(() => {
      throw error;
    });
    await expect(handler(tokenAuthorizerEvent('x'), null)).rejects.toThrow(/^Unauthorized$/);
    expect(logs).toEqual([]);
  });

  it.each([
    { name: 'an ordinary error', error: new Error('db down') as unknown },
    { name: 'another HTTP error', error: new ForbiddenError('no') },
    { name: 'a thrown string', error: 'oops' },
    { name: "an error whose message only contains 'Unauthorized'", error: new Error('Unauthorized: expired') },
  ])('a function that throws $name fails with that error, logged (API Gateway 500, not a denial)', async ({ error }) => {
    const { handler, logs } = createApp(() => {
      throw error;
    });
    const outcome = await handler(tokenAuthorizerEvent('x'), null).then(
      () => 'resolved',
      (e: unknown) => e,
    );
    expect(outcome).toBe(error);
    expect(logs.join('\n')).toMatch(/Authorizer myauth failed/);
  });

  it.each([
    { name: 'nothing', value: undefined, says: 'returned nothing' },
    { name: 'null', value: null, says: 'returned null' },
    { name: 'a string', value: 'allow', says: 'returned string' },
    { name: 'a boolean', value: true, says: 'returned boolean' },
  ])('a function that returns $name fails (API Gateway 500), saying what to return', async ({ value, says }) => {
    const { handler } = createApp(() => value as unknown as AuthResponse);
    const failure = handler(tokenAuthorizerEvent('x'), null);
    await expect(failure).rejects.toThrow(says);
    await expect(failure).rejects.toThrow(/return an AuthResponse \(or a policy object\), or throw new UnauthorizedError\(\) to deny/);
    await expect(failure).rejects.not.toThrow(/^Unauthorized$/);
  });

  it.each([
    { name: 'not an ARN at all', arn: 'not-an-arn' },
    { name: 'an empty string', arn: '' },
    { name: 'another service', arn: 'arn:aws:lambda:us-west-2:123:function:f' },
    { name: 'no stage', arn: 'arn:aws:execute-api:us-west-2:123:api1' },
  ])('runs the function for a method ARN it cannot read ($name) and builds the policy on wildcards', async ({ arn }) => {
    let seen: string | undefined;
    const { handler } = createApp((auth) => {
      seen = auth.methodArn;
      return new AuthResponse({ routes: [new AuthRoute('/orders/{id}', ['GET']), '/public'], principalId: 'p' });
    });
    const result = await handler(tokenAuthorizerEvent('x', arn), null);
    expect(seen).toBe(arn);
    expect(result).toMatchObject({
      principalId: 'p',
      policyDocument: { Statement: [{ Effect: 'Allow', Resource: ['arn:*:execute-api:*:*:*/*/GET/orders/*', 'arn:*:execute-api:*:*:*/*/*/public'] }] },
    });
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

  it.each(['not-an-arn', '', 'arn:aws:execute-api:us-west-2:123:api1', 'arn:aws:execute-api:us-west-2::api1/dev/GET/', 'arn:aws:s3:::bucket/key'])(
    'uses wildcards for what is not an execute-api method ARN: %j',
    (arn) => {
      expect(methodArnBase(arn)).toBe(ANY_API_BASE);
    },
  );

  it('keeps a colon inside the path of a method ARN', () => {
    expect(methodArnBase('arn:aws:execute-api:us-west-2:123:api1/dev/GET/a:b')).toBe('arn:aws:execute-api:us-west-2:123:api1/dev');
  });
});
