/**
 * The HTTP behaviour suite: what a client of a chalice-ts REST API observes, written once
 * and run against every way of serving the app (conventions: one behaviour suite, several
 * implementations). The app is test/fixtures/apps/behaviour/app.ts with its
 * .chalice/config.json (stage `dev`).
 *
 * Adding an implementation — e.g. test/contract/local-server.test.ts:
 *
 *   import { defineHttpBehaviourSuite, BEHAVIOUR_APP_DIR, type HttpTarget } from './http-behaviour-suite.js';
 *   defineHttpBehaviourSuite('chalice local over a socket', async (): Promise<HttpTarget> => {
 *     const server = await startLocalServer({ projectDir: BEHAVIOUR_APP_DIR, port: 0 }); // however it starts
 *     return {
 *       async request(method, path, { headers, body }) {
 *         // send `method path` with exactly these headers and body (no extra Content-Type),
 *         // return status, headers (names lower-cased; repeated headers as arrays) and raw body
 *       },
 *       close: () => server.close(),
 *     };
 *   });
 *
 * `makeTarget` runs once before the suite, `close` once after. A target must send the path
 * as given (still percent-encoded), send the body bytes unchanged, and for HEAD return an
 * empty body. Header names in responses are compared case-insensitively.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineGatewayFidelityCases } from './gateway-fidelity-cases.js';

/** The fixture project directory (holds app.ts and .chalice/config.json). */
export const BEHAVIOUR_APP_DIR = fileURLToPath(new URL('../fixtures/apps/behaviour/', import.meta.url));

export interface TargetRequest {
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

export interface TargetResponse {
  readonly statusCode: number;
  /** Any case; a repeated header as an array (or one string joined with ', ', except Set-Cookie). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
}

export interface HttpTarget {
  request(method: string, path: string, request: TargetRequest): Promise<TargetResponse>;
  close(): Promise<void> | void;
}

const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);

export interface Observed {
  readonly status: number;
  readonly body: Buffer;
  readonly text: string;
  /** Every value of a header (case-insensitive). */
  values(name: string): string[];
  /** One header's value (values joined with ', '); undefined when absent. */
  header(name: string): string | undefined;
  json(): unknown;
}

/** A target's answer with case-insensitive header access. */
export function observe(response: TargetResponse): Observed {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    const list = byName.get(name.toLowerCase()) ?? [];
    list.push(...(typeof value === 'string' ? [value] : value));
    byName.set(name.toLowerCase(), list);
  }
  return {
    status: response.statusCode,
    body: response.body,
    text: response.body.toString('utf8'),
    values: (name) => byName.get(name.toLowerCase()) ?? [],
    header: (name) => byName.get(name.toLowerCase())?.join(', '),
    json: () => JSON.parse(response.body.toString('utf8')),
  };
}

/** Registers the suite under `describe(name)`. */
export function defineHttpBehaviourSuite(name: string, makeTarget: () => Promise<HttpTarget> | HttpTarget): void {
  describe(`HTTP behaviour: ${name}`, () => {
    let target: HttpTarget | undefined;
    beforeAll(async () => {
      target = await makeTarget();
    });
    afterAll(async () => {
      await target?.close();
    });

    const send = async (
      method: string,
      path: string,
      options: { headers?: Record<string, string | readonly string[]>; body?: string | Buffer } = {},
    ): Promise<Observed> => {
      if (!target) throw new Error('the behaviour suite target did not start');
      const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : (options.body ?? Buffer.alloc(0));
      return observe(await target.request(method, path, { headers: options.headers ?? {}, body }));
    };

    defineGatewayFidelityCases(send);

    describe('routing', () => {
      it('answers a plain route with JSON', async () => {
        const r = await send('GET', '/');
        expect(r.status).toBe(200);
        expect(r.header('content-type')).toBe('application/json');
        expect(r.json()).toEqual({ hello: 'world' });
      });

      it.each([
        ['/hello/james', { hello: 'james' }],
        ['/hello/a%20b', { hello: 'a%20b' }],
        ['/hello/caf%C3%A9', { hello: 'caf%C3%A9' }],
        ['/a/1/b/2', { first: '1', second: '2' }],
        ['/users/me', { user: 'me' }],
        ['/users/42', { user: '42' }],
      ])('captures path parameters without decoding them: %s', async (path, expected) => {
        const r = await send('GET', path);
        expect(r.status).toBe(200);
        expect(r.json()).toEqual(expected);
      });

      it.each(['/hello/james/', '/users/me/', '/cors/'])('ignores one trailing slash: %s', async (path) => {
        expect((await send('GET', path)).status).toBe(200);
      });

      it.each([
        ['GET', '/no/such/route'],
        ['GET', '/hello'],
        ['GET', '/hello/a/b'],
        ['DELETE', '/'],
        ['POST', '/users/me'],
        ['HEAD', '/'],
        ['OPTIONS', '/'],
      ])('answers %s %s (no such resource or method) 403 Missing Authentication Token', async (method, path) => {
        const r = await send(method, path);
        expect(r.status).toBe(403);
        if (method !== 'HEAD') expect(r.json()).toEqual({ message: 'Missing Authentication Token' });
      });

      it('answers malformed percent-encoding 400', async () => {
        expect((await send('GET', '/hello/%zz')).status).toBe(400);
      });

      it('passes the request context (resource path, stage, method, source ip)', async () => {
        const r = await send('GET', '/context');
        expect(r.json()).toEqual({ resourcePath: '/context', path: '/api/context', stage: 'api', httpMethod: 'GET', hasSourceIp: true });
      });

      it("sets the stage's and api_handler's environment variables from .chalice/config.json", async () => {
        const r = await send('GET', '/env');
        expect(r.json()).toEqual({ greeting: 'hello from the top level', stage: 'dev', fn: 'api_handler' });
      });
    });

    describe('query strings', () => {
      it.each([
        ['/query', { isNull: true, last: null, all: [] }],
        ['/query?x=1', { isNull: false, last: '1', all: ['1'] }],
        ['/query?x=1&x=2&y=3', { isNull: false, last: '2', all: ['1', '2'] }],
        ['/query?x=a%20b', { isNull: false, last: 'a b', all: ['a b'] }],
        ['/query?x=a+b', { isNull: false, last: 'a b', all: ['a b'] }],
        ['/query?y', { isNull: false, last: null, all: [] }],
      ])('%s', async (path, expected) => {
        expect((await send('GET', path)).json()).toEqual(expected);
      });
    });

    describe('request bodies and content types', () => {
      it('parses a JSON body', async () => {
        const r = await send('POST', '/echo', { headers: { 'Content-Type': 'application/json' }, body: '{"a":[1,2]}' });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ method: 'POST', body: { a: [1, 2] } });
      });

      it('answers malformed JSON 400 BadRequestError', async () => {
        const r = await send('POST', '/echo', { headers: { 'Content-Type': 'application/json' }, body: '{not json' });
        expect(r.status).toBe(400);
        expect(r.json()).toMatchObject({ Code: 'BadRequestError' });
      });

      it('answers a Content-Type the route does not accept 415', async () => {
        const r = await send('POST', '/echo', { headers: { 'Content-Type': 'text/plain' }, body: 'hi' });
        expect(r.status).toBe(415);
        expect(r.json()).toMatchObject({ Code: 'UnsupportedMediaType' });
      });

      it('accepts a declared non-JSON content type', async () => {
        const r = await send('POST', '/form', { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'a=1&b=2' });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ raw: 'a=1&b=2' });
      });
    });

    describe('binary content', () => {
      it('round-trips binary bytes when Content-Type and Accept are binary types', async () => {
        const r = await send('POST', '/bin-echo', {
          headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/octet-stream' },
          body: PNG_BYTES,
        });
        expect(r.status).toBe(200);
        expect(r.header('content-type')).toBe('application/octet-stream');
        expect(Buffer.compare(r.body, PNG_BYTES)).toBe(0);
      });

      it('answers 400 when a binary response was not asked for in Accept', async () => {
        const r = await send('POST', '/bin-echo', { headers: { 'Content-Type': 'application/octet-stream' }, body: PNG_BYTES });
        expect(r.status).toBe(400);
        expect(r.json()).toMatchObject({ Code: 'BadRequest' });
      });

      it('sends binary responses to a GET that accepts them', async () => {
        const r = await send('GET', '/image', { headers: { Accept: 'image/png' } });
        expect(r.status).toBe(200);
        expect(r.header('content-type')).toBe('image/png');
        expect(Buffer.compare(r.body, PNG_BYTES)).toBe(0);
      });
    });

    describe('responses and errors', () => {
      it('keeps a custom status and content type', async () => {
        const r = await send('GET', '/text');
        expect(r.status).toBe(201);
        expect(r.header('content-type')).toBe('text/plain');
        expect(r.text).toBe('plain text');
      });

      it.each([
        ['/errors/bad-request', 400, { Code: 'BadRequestError', Message: 'That request was bad' }],
        ['/errors/not-found', 404, { Code: 'NotFoundError', Message: 'No such thing' }],
        ['/errors/uncaught', 500, { Code: 'InternalServerError', Message: 'An internal server error occurred.' }],
      ])('%s answers %i with a Code/Message body', async (path, status, body) => {
        const r = await send('GET', path);
        expect(r.status).toBe(status);
        expect(r.json()).toEqual(body);
      });

      it('sends each Set-Cookie value as its own header', async () => {
        const r = await send('GET', '/cookies');
        expect(r.values('set-cookie')).toEqual(['first=1; Path=/', 'second=2; Path=/']);
      });

      it('answers HEAD on a route with a HEAD view: headers, no body', async () => {
        const r = await send('HEAD', '/head');
        expect(r.status).toBe(200);
        expect(r.header('x-head')).toBe('yes');
        expect(r.body.length).toBe(0);
      });
    });

    describe('CORS', () => {
      it('adds Access-Control-Allow-Origin to responses of CORS routes', async () => {
        const r = await send('GET', '/cors');
        expect(r.status).toBe(200);
        expect(r.header('access-control-allow-origin')).toBe('*');
      });

      it('answers the preflight itself with the methods of the path', async () => {
        const r = await send('OPTIONS', '/cors', { headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'PUT' } });
        expect(r.status).toBe(200);
        expect(r.header('access-control-allow-methods')?.split(',').sort()).toEqual(['GET', 'OPTIONS', 'PUT']);
        expect(r.header('access-control-allow-origin')).toBe('*');
        expect(r.header('access-control-allow-headers')?.split(',').sort()).toEqual(
          ['Authorization', 'Content-Type', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Api-Key'].sort(),
        );
      });

      it('answers the preflight with every header of a custom CORSConfig', async () => {
        const r = await send('OPTIONS', '/custom-cors');
        expect(r.status).toBe(200);
        expect(r.header('access-control-allow-origin')).toBe('https://foo.example.com');
        expect(r.header('access-control-allow-headers')?.split(',')).toContain('X-Special-Header');
        expect(r.header('access-control-expose-headers')).toBe('X-Special-Header');
        expect(r.header('access-control-max-age')).toBe('600');
        expect(r.header('access-control-allow-credentials')).toBe('true');
        expect(r.header('access-control-allow-methods')?.split(',').sort()).toEqual(['GET', 'OPTIONS']);
      });

      it('adds the CORS headers to error responses of CORS routes too', async () => {
        const r = await send('PUT', '/cors', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
        expect(r.status).toBe(415);
        expect(r.header('access-control-allow-origin')).toBe('*');
      });
    });

    describe('built-in authorizer', () => {
      it('answers 401 without the token header', async () => {
        const r = await send('GET', '/auth/me');
        expect(r.status).toBe(401);
        expect(r.json()).toEqual({ message: 'Unauthorized' });
      });

      it('answers 401 when the authorizer rejects the token', async () => {
        const r = await send('GET', '/auth/me', { headers: { Authorization: 'garbage' } });
        expect(r.status).toBe(401);
        expect(r.json()).toEqual({ message: 'Unauthorized' });
      });

      it('answers 403 when the policy does not cover the route', async () => {
        for (const token of ['deny', 'other-only']) {
          const r = await send('GET', '/auth/me', { headers: { Authorization: token } });
          expect(r.status).toBe(403);
          expect(r.json()).toEqual({ Message: 'User is not authorized to access this resource' });
        }
      });

      it('lets an allowed token through and passes principal and context (as strings)', async () => {
        const r = await send('GET', '/auth/me', { headers: { authorization: 'allow' } });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ authorizer: { principalId: 'alice', role: 'admin', level: '3' } });
      });

      it('evaluates a policy per route (the same token, another route)', async () => {
        const r = await send('GET', '/auth/other', { headers: { Authorization: 'other-only' } });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ other: true });
      });
    });

    describe('API keys', () => {
      it('answers 403 Forbidden without x-api-key', async () => {
        const r = await send('GET', '/api-key');
        expect(r.status).toBe(403);
        expect(r.json()).toEqual({ message: 'Forbidden' });
      });

      it('lets a request with a key through', async () => {
        const r = await send('GET', '/api-key', { headers: { 'x-api-key': 'any-key' } });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ key: 'accepted' });
      });
    });

    describe('Chalice compatibility (runtime-compat)', () => {
      it('iterates request headers (names lower-cased, last value) and query parameters like a Map', async () => {
        const r = await send('GET', '/compat/iterate?b=1&a=2&b=3', { headers: { 'X-Compat-One': '1', 'x-compat-TWO': '2' } });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({
          headers: { 'x-compat-one': '1', 'x-compat-two': '2' },
          headerNames: ['x-compat-one', 'x-compat-two'],
          query: [
            ['b', '3'],
            ['a', '2'],
          ],
          querySize: 2,
        });
      });

      it.each([
        { name: 'application/json', contentType: 'application/json', body: '{"a":1}', jsonBody: { a: 1 } },
        { name: 'application/json with a charset', contentType: 'application/json; charset=utf-8', body: '[1]', jsonBody: [1] },
        { name: 'a +json type (not parsed, as Chalice)', contentType: 'application/vnd.api+json', body: '{"a":1}', jsonBody: null },
        { name: 'no Content-Type at all (not parsed, as Chalice)', contentType: undefined, body: '{"a":1}', jsonBody: null },
      ])('jsonBody of a body sent as $name', async ({ contentType, body, jsonBody }) => {
        const r = await send('POST', '/compat/json', { headers: contentType === undefined ? {} : { 'Content-Type': contentType }, body });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ jsonBody, raw: body });
      });

      it('answers an empty application/json body read through jsonBody 400 "Error Parsing JSON"', async () => {
        const r = await send('POST', '/compat/json', { headers: { 'Content-Type': 'application/json' } });
        expect(r.status).toBe(400);
        expect(r.json()).toEqual({ Code: 'BadRequestError', Message: 'Error Parsing JSON' });
      });

      it('gives a registered blueprint its app and the current request', async () => {
        const r = await send('GET', '/compat/bp/whoami');
        expect(r.json()).toEqual({ appName: 'behaviour', path: '/compat/bp/whoami' });
      });

      it('answers the preflight of a path with CORS on some methods with only those methods', async () => {
        const r = await send('OPTIONS', '/compat/mixed-cors', { headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' } });
        expect(r.status).toBe(200);
        expect(r.header('access-control-allow-methods')?.split(',').sort()).toEqual(['GET', 'OPTIONS']);
        expect(r.header('access-control-allow-origin')).toBe('*');
      });

      it('adds CORS headers only to the responses of the methods with CORS', async () => {
        const read = await send('GET', '/compat/mixed-cors');
        const write = await send('POST', '/compat/mixed-cors', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
        expect([read.status, read.header('access-control-allow-origin')]).toEqual([200, '*']);
        expect([write.status, write.header('access-control-allow-origin')]).toEqual([200, undefined]);
      });

      it('answers 500 when a view returns an object under a binary Content-Type', async () => {
        const r = await send('GET', '/compat/binary-object', { headers: { Accept: 'image/png' } });
        expect(r.status).toBe(500);
        expect(r.json()).toEqual({ Code: 'InternalServerError', Message: 'An internal server error occurred.' });
      });

      it.each([
        { token: 'allow', status: 200 },
        { token: 'deny', status: 401 },
        { token: 'throw', status: 500 },
        { token: 'nothing', status: 500 },
      ])('answers a request whose authorizer gets token $token with $status', async ({ token, status }) => {
        expect((await send('GET', '/compat/auth', { headers: { Authorization: token } })).status).toBe(status);
      });
    });
  });
}
