/**
 * The HTTP API emulation through the test client: what is refused at start, the JWKS
 * warning, the integration timeout, and the payload format 2.0 result inference rules.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Chalice, CognitoUserPoolAuthorizer, CORSConfig, JWTAuthorizer } from '../../../src/runtime/index.js';
import { Client } from '../../../src/testing/index.js';
import { v2ResultToHttpResponse } from '../../../src/local/http-api/index.js';
import { generateTestKey, jwksOf, signJwt } from '../../helpers/jwt-keys.js';

const tmp = mkdtempSync(join(tmpdir(), 'http-api-gw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function httpClient(app: Chalice, options: Partial<ConstructorParameters<typeof Client>[1]> = {}): Client {
  return new Client(app, { projectDir: tmp, apiType: 'http', onWarning: () => {}, ...options });
}

describe('HTTP API: refused when the app loads', () => {
  it.each([
    {
      name: 'apiKeyRequired',
      setup: (app: Chalice) => app.route('/k', { name: 'k', apiKeyRequired: true }, () => ({})),
      message: /route GET \/k \(view k\) sets apiKeyRequired, but HTTP APIs have no API keys; remove apiKeyRequired/,
    },
    {
      name: 'conflicting CORS',
      setup: (app: Chalice) => {
        app.route('/a', { name: 'a', cors: new CORSConfig({ allowOrigin: 'https://a.example' }) }, () => ({}));
        app.route('/b', { name: 'b', cors: new CORSConfig({ allowOrigin: 'https://b.example' }) }, () => ({}));
      },
      message: /one CORS configuration for the whole API, but routes GET \/a and GET \/b set different CORS settings \(Access-Control-Allow-Origin: "https:\/\/a.example" vs "https:\/\/b.example"\)/,
    },
    {
      name: 'a Cognito authorizer',
      setup: (app: Chalice) => app.route('/c', { name: 'c', authorizer: new CognitoUserPoolAuthorizer('pool', ['arn:aws:cognito-idp:us-east-1:1:userpool/x']) }, () => ({})),
      message: /uses CognitoUserPoolAuthorizer pool, which HTTP APIs do not have; use new JWTAuthorizer/,
    },
  ])('$name', ({ setup, message }) => {
    const app = new Chalice({ appName: 'refused' });
    setup(app);
    expect(() => httpClient(app)).toThrow(message);
    // The same app is fine behind a REST API (conflicting CORS aside, which REST allows per path).
  });

  it('the same CORS on every route is one configuration', async () => {
    const app = new Chalice({ appName: 'cors' });
    const cors = new CORSConfig({ allowOrigin: 'https://a.example' });
    app.route('/a', { name: 'a', cors }, () => ({}));
    app.route('/b', { name: 'b', methods: ['POST'], cors: new CORSConfig({ allowOrigin: 'https://a.example' }) }, () => ({}));
    const r = await httpClient(app).http.request('OPTIONS', '/a', { headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'POST' } });
    expect(r.statusCode).toBe(204);
    expect(r.headers['access-control-allow-methods']).toBe('GET,POST');
  });
});

describe('HTTP API: JWT authorizers without a JWKS', () => {
  it('warns once at start how to provide one, and answers 401', async () => {
    const app = new Chalice({ appName: 'nojwks' });
    app.route('/p', { name: 'p', authorizer: new JWTAuthorizer('jwt', { issuer: 'https://i.example', audience: ['a'] }) }, () => ({}));
    const warnings: string[] = [];
    const client = httpClient(app, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/^JWT authorizer jwt cannot check tokens without the issuer's keys, so their routes answer 401; pass \{ jwks \} to new Client/)]);
    const r = await client.http.get('/p', { headers: { Authorization: 'Bearer a.b.c' } });
    expect(r.statusCode).toBe(401);
    expect(r.json).toEqual({ message: 'Unauthorized' });
  });

  it('reads a JWKS file relative to the project directory', async () => {
    const key = generateTestKey('k');
    writeFileSync(join(tmp, 'keys.json'), JSON.stringify(jwksOf(key)));
    const app = new Chalice({ appName: 'file' });
    app.route('/p', { name: 'p', authorizer: new JWTAuthorizer('jwt', { issuer: 'https://i.example', audience: ['a'] }) }, () => ({ ok: true }));
    const client = httpClient(app, { jwks: 'keys.json' });
    const token = signJwt(key, { iss: 'https://i.example', aud: 'a', exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await client.http.get('/p', { headers: { Authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('fetches a JWKS URL, and fetches it again for a key it lacks', async () => {
    const first = generateTestKey('first');
    const rotated = generateTestKey('rotated');
    let served = jwksOf(first);
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const app = new Chalice({ appName: 'url' });
      app.route('/p', { name: 'p', authorizer: new JWTAuthorizer('jwt', { issuer: 'https://i.example', audience: ['a'] }) }, () => ({ ok: true }));
      let now = Date.now();
      const client = httpClient(app, { jwks: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, clock: { now: () => now } });
      const claims = { iss: 'https://i.example', aud: 'a', exp: Math.floor(Date.now() / 1000) + 3600 };
      const get = (key: typeof first) => client.http.get('/p', { headers: { Authorization: `Bearer ${signJwt(key, claims)}` } });
      expect((await get(first)).statusCode).toBe(200);
      expect((await get(first)).statusCode).toBe(200);
      expect(fetches).toBe(1);
      served = jwksOf(first, rotated);
      now += 1000;
      expect((await get(rotated)).statusCode).toBe(401); // fetched less than 10 s ago: not again yet
      expect(fetches).toBe(1);
      now += 10_000;
      expect((await get(rotated)).statusCode).toBe(200);
      expect(fetches).toBe(2);
    } finally {
      server.close();
    }
  });

  it('refuses an unreadable JWKS file at start', () => {
    const app = new Chalice({ appName: 'badfile' });
    expect(() => httpClient(app, { jwks: 'missing.json' })).toThrow(/Cannot read the JWKS file .*missing\.json/);
  });
});

describe('HTTP API: integration timeout', () => {
  it('answers 503 Service Unavailable', async () => {
    const app = new Chalice({ appName: 'slow' });
    app.route('/slow', { name: 'slow' }, async () => new Promise((resolve) => setTimeout(() => resolve({}), 500)));
    const r = await httpClient(app, { timeoutMs: 50 }).http.get('/slow');
    expect(r.statusCode).toBe(503);
    expect(r.json).toEqual({ message: 'Service Unavailable' });
  });
});

describe('v2ResultToHttpResponse: payload format 2.0 inference', () => {
  it.each([
    { name: 'an object without statusCode is a 200 JSON body', value: { a: 1 }, status: 200, headers: { 'Content-Type': ['application/json'] }, body: '{"a":1}' },
    { name: 'a string is the body as it is', value: 'hi', status: 200, headers: { 'Content-Type': ['application/json'] }, body: 'hi' },
    { name: 'null', value: null, status: 200, headers: { 'Content-Type': ['application/json'] }, body: 'null' },
    { name: 'a full response', value: { statusCode: 201, headers: { 'X-A': 'b', 'X-N': 3 }, cookies: ['c=1', 'd=2'], body: 'made' }, status: 201, headers: { 'X-A': ['b'], 'X-N': ['3'], 'set-cookie': ['c=1', 'd=2'] }, body: 'made' },
    { name: 'a base64 body is decoded', value: { statusCode: 200, body: Buffer.from([0, 255]).toString('base64'), isBase64Encoded: true }, status: 200, headers: {}, body: Buffer.from([0, 255]) },
    { name: 'no body', value: { statusCode: 204 }, status: 204, headers: {}, body: '' },
  ])('$name', ({ value, status, headers, body }) => {
    const outcome = v2ResultToHttpResponse(value);
    expect(outcome).toEqual({ ok: true, response: { statusCode: status, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body) } });
  });

  it.each([
    [{ statusCode: 'x' }, /statusCode "x" is not an HTTP status/],
    [{ statusCode: 200, body: { a: 1 } }, /body is a object, not a string/],
    [{ statusCode: 200, headers: { 'X-Bad': 'a\nb' } }, /header X-Bad has a value HTTP cannot carry/],
    [{ statusCode: 200, cookies: 'a=1' }, /cookies is not a list of strings/],
  ])('refuses %j', (value, problem) => {
    const outcome = v2ResultToHttpResponse(value);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem).toMatch(problem);
  });
});

describe('HTTP API: Lambda payload limits and an API without CORS', () => {
  const app = new Chalice({ appName: 'limits' });
  app.route('/in', { name: 'in', methods: ['POST'] }, () => ({ ok: true }));
  app.route('/out', { name: 'out' }, () => ({ big: 'x'.repeat(6_400_000) }));

  it('answers an event over 6 MB 413 without calling the function', async () => {
    const r = await httpClient(app).http.post('/in', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(6_300_000) }) });
    expect(r.statusCode).toBe(413);
    expect(r.json).toEqual({ message: 'Request Entity Too Large' });
  });

  it('answers a result over 6 MB 500, saying why on the console', async () => {
    const warnings: string[] = [];
    const r = await httpClient(app, { onWarning: (m) => warnings.push(m) }).http.get('/out');
    expect(r.statusCode).toBe(500);
    expect(r.json).toEqual({ message: 'Internal Server Error' });
    expect(warnings).toEqual([expect.stringMatching(/response payload limit, so the invocation fails and the HTTP API answers 500/)]);
  });

  it('without CORS, a preflight is an ordinary request: 404', async () => {
    const r = await httpClient(app).http.request('OPTIONS', '/in', { headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'POST' } });
    expect(r.statusCode).toBe(404);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});
