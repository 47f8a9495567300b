/**
 * The HTTP API behaviour suite: what a client of a chalice-ts app served with
 * `api_type: "http"` observes, written once and run against the test client and a real
 * `chalice local` process (test/contract/http-api-*.test.ts). The app is
 * test/fixtures/apps/http-api/ (stage `dev`). Signing keys are made per run; the target is
 * given their JWKS (the test client's `jwks` option, `chalice local --jwks <file>`).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonWebKeySet } from '../../src/local/http-api/index.js';
import { ALLOWED_ORIGIN, AUDIENCE, ISSUER } from '../fixtures/apps/http-api/app.js';
import { generateTestKey, jwksOf, signJwt } from '../helpers/jwt-keys.js';
import type { HttpTarget, Observed } from './http-behaviour-suite.js';
import { observe } from './http-behaviour-suite.js';

export const HTTP_API_APP_DIR = fileURLToPath(new URL('../fixtures/apps/http-api/', import.meta.url));

const NOT_FOUND = { message: 'Not Found' };

export function defineHttpApiBehaviourSuite(name: string, makeTarget: (jwks: JsonWebKeySet) => Promise<HttpTarget> | HttpTarget): void {
  describe(`HTTP API behaviour: ${name}`, () => {
    const key = generateTestKey('key-1');
    const stranger = generateTestKey('key-1');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', exp: now + 3600, iat: now - 5 };
    let target: HttpTarget | undefined;
    beforeAll(async () => {
      target = await makeTarget(jwksOf(key));
    });
    afterAll(async () => {
      await target?.close();
    });

    const send = async (method: string, path: string, options: { headers?: Record<string, string | readonly string[]>; body?: string | Buffer } = {}): Promise<Observed> => {
      if (!target) throw new Error('the target did not start');
      const body = typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
      return observe(await target.request(method, path, { headers: options.headers ?? {}, body }));
    };
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

    describe('routing', () => {
      it('answers a route with JSON and an apigw-requestid', async () => {
        const r = await send('GET', '/');
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ hello: 'world' });
        expect(r.header('content-type')).toBe('application/json');
        expect(r.header('apigw-requestid')).toMatch(/.+/);
        expect(r.header('x-amzn-requestid')).toBeUndefined();
      });

      it.each([
        ['/users/42', { user: '42' }],
        ['/users/me', { user: 'me' }],
      ])('matches %s', async (path, expected) => {
        expect((await send('GET', path)).json()).toEqual(expected);
      });

      it.each([
        ['GET', '/no/such/route'],
        ['DELETE', '/users/1'],
        ['POST', '/'],
        ['HEAD', '/'],
        ['OPTIONS', '/users/1'],
      ])('answers %s %s 404 Not Found (no route for the method and path)', async (method, path) => {
        const r = await send(method, path);
        expect(r.status).toBe(404);
        if (method !== 'HEAD') expect(r.json()).toEqual(NOT_FOUND);
      });
    });

    describe('payload format 2.0', () => {
      it('passes the query, cookies, repeated headers, route key and stage', async () => {
        const r = await send('GET', '/request?tag=a&tag=b%20c&x=1', { headers: { Cookie: ['s=1; t=2', 'u=3'], 'X-Multi': ['1', '2'] } });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({
          path: '/request',
          query: { tag: 'b c', x: '1' },
          tags: ['a', 'b c'],
          cookie: 's=1; t=2; u=3',
          multi: '1,2',
          routeKey: 'GET /request',
          stage: 'api',
          rawPath: '/api/request',
          version: '2.0',
          env: 'dev',
        });
      });

      it.each([
        ['application/json', Buffer.from('{"a":1}')],
        ['image/png', Buffer.from([0x89, 0x50, 0x00, 0xff, 0xfe])],
      ])('passes a %s body through intact', async (contentType, body) => {
        const r = await send('POST', '/echo', { headers: { 'Content-Type': contentType, Accept: contentType }, body });
        expect(r.status).toBe(200);
        expect(r.body).toEqual(body);
      });

      it('sends every Set-Cookie value as its own header', async () => {
        const r = await send('GET', '/cookies');
        expect(r.values('set-cookie')).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
        expect(r.json()).toEqual({ ok: true });
      });

      it('decodes a binary response when the client accepts it', async () => {
        const r = await send('GET', '/image', { headers: { Accept: 'image/png' } });
        expect(r.status).toBe(200);
        expect(r.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
      });
    });

    describe('CORS (one configuration for the API)', () => {
      const preflight = (origin: string, path = '/users/1') =>
        send('OPTIONS', path, { headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' } });

      it('answers a preflight itself, 204, for an allowed origin', async () => {
        const r = await preflight(ALLOWED_ORIGIN);
        expect(r.status).toBe(204);
        expect(r.header('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
        expect(r.header('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'PUT', 'POST']));
        expect(r.header('access-control-allow-headers')?.toLowerCase().split(',')).toContain('content-type');
        expect(r.header('access-control-max-age')).toBe('600');
      });

      it('answers a preflight on any path', async () => {
        expect((await preflight(ALLOWED_ORIGIN, '/no/such/route')).status).toBe(204);
      });

      it('sends no CORS headers to an origin it does not allow', async () => {
        const r = await preflight('https://evil.example');
        expect(r.status).toBe(204);
        expect(r.header('access-control-allow-origin')).toBeUndefined();
        expect((await send('GET', '/', { headers: { Origin: 'https://evil.example' } })).header('access-control-allow-origin')).toBeUndefined();
      });

      it('adds the CORS headers to responses for an allowed origin only', async () => {
        const r = await send('GET', '/cookies', { headers: { Origin: ALLOWED_ORIGIN } });
        expect(r.header('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
        expect(r.header('access-control-expose-headers')).toBe('X-Total');
        expect((await send('GET', '/cookies')).header('access-control-allow-origin')).toBeUndefined();
      });

      it("replaces the function's own CORS headers", async () => {
        const r = await send('GET', '/teapot', { headers: { Origin: ALLOWED_ORIGIN } });
        expect(r.status).toBe(418);
        expect(r.values('access-control-allow-origin')).toEqual([ALLOWED_ORIGIN]);
      });

      it('adds them to its own error responses too', async () => {
        const r = await send('GET', '/no/such/route', { headers: { Origin: ALLOWED_ORIGIN } });
        expect(r.status).toBe(404);
        expect(r.header('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      });
    });

    describe('JWT authorizer', () => {
      it('lets a valid token through; the view sees the claims and scopes', async () => {
        const r = await send('GET', '/jwt', { headers: bearer(signJwt(key, { ...claims, scope: 'orders:read profile' })) });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({
          authorizer: { jwt: { claims: { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', exp: String(claims.exp), iat: String(claims.iat), scope: 'orders:read profile' }, scopes: ['orders:read', 'profile'] } },
        });
      });

      it.each([
        { name: 'no token', headers: () => ({}), description: undefined },
        { name: 'a bad signature', headers: () => bearer(signJwt(stranger, claims)), description: 'signature is invalid' },
        { name: 'the wrong issuer', headers: () => bearer(signJwt(key, { ...claims, iss: 'https://other.example.com' })), description: 'the token does not have a valid issuer' },
        { name: 'the wrong audience', headers: () => bearer(signJwt(key, { ...claims, aud: 'someone-else' })), description: 'the token does not have a valid audience' },
        { name: 'an expired token', headers: () => bearer(signJwt(key, { ...claims, exp: now - 60 })), description: 'the token has expired' },
      ])('refuses $name with 401 Unauthorized', async ({ headers, description }) => {
        const r = await send('GET', '/jwt', { headers: headers() });
        expect(r.status).toBe(401);
        expect(r.json()).toEqual({ message: 'Unauthorized' });
        if (description !== undefined) expect(r.header('www-authenticate')).toContain(`error_description="${description}"`);
      });

      it('refuses a token without the route scope with 403 Forbidden', async () => {
        const r = await send('GET', '/jwt/scoped', { headers: bearer(signJwt(key, { ...claims, scope: 'profile' })) });
        expect(r.status).toBe(403);
        expect(r.json()).toEqual({ message: 'Forbidden' });
        expect(r.header('www-authenticate')).toContain('error="insufficient_scope"');
        expect((await send('GET', '/jwt/scoped', { headers: bearer(signJwt(key, { ...claims, scp: ['orders:read'] })) })).status).toBe(200);
      });
    });

    describe('Lambda authorizer, payload format 2.0', () => {
      it('simple response: allowed, the view sees authorizer.lambda; cached by identity source', async () => {
        const first = await send('GET', '/simple', { headers: { 'X-Token': 'allow-1' } });
        expect(first.status).toBe(200);
        const context = (first.json() as { authorizer: { lambda: { user: string; calls: number; routeArn: string } } }).authorizer.lambda;
        expect(context).toMatchObject({ user: 'alice' });
        expect(context.routeArn).toMatch(/^arn:aws:execute-api:[^:]+:\d{12}:[^/]+\/api\/GET\/simple$/);
        const second = await send('GET', '/simple', { headers: { 'X-Token': 'allow-1' } });
        expect((second.json() as { authorizer: { lambda: { calls: number } } }).authorizer.lambda.calls).toBe(context.calls);
      });

      it.each([
        { token: undefined, status: 401, message: 'Unauthorized' },
        { token: 'deny', status: 403, message: 'Forbidden' },
        { token: 'unauthorized', status: 401, message: 'Unauthorized' },
        { token: 'boom', status: 500, message: 'Internal Server Error' },
      ])('simple response: token $token → $status', async ({ token, status, message }) => {
        const r = await send('GET', '/simple', { headers: token === undefined ? {} : { 'X-Token': token } });
        expect(r.status).toBe(status);
        expect(r.json()).toEqual({ message });
      });

      it('IAM policy response: evaluated against the route ARN', async () => {
        const allowed = await send('GET', '/policy', { headers: { Authorization: 'allow' } });
        expect(allowed.status).toBe(200);
        expect(allowed.json()).toEqual({ authorizer: { lambda: { role: 'admin' }, principalId: 'bob' } });
        const denied = await send('GET', '/policy/other', { headers: { Authorization: 'allow' } });
        expect(denied.status).toBe(403);
        expect(denied.json()).toEqual({ message: 'Forbidden' });
      });
    });

    describe('failures', () => {
      it('answers a result it cannot use 500 Internal Server Error', async () => {
        const r = await send('GET', '/bad-header');
        expect(r.status).toBe(500);
        expect(r.json()).toEqual({ message: 'Internal Server Error' });
      });

      it('answers a function that runs past its timeout 500 Internal Server Error', async () => {
        const r = await send('GET', '/slow');
        expect(r.status).toBe(500);
        expect(r.json()).toEqual({ message: 'Internal Server Error' });
      }, 15_000);
    });
  });
}
