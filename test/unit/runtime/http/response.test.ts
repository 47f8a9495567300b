import { describe, expect, it } from 'vitest';
import { Chalice, Response, type APIGatewayProxyEvent, type APIGatewayProxyResult } from '../../../../src/runtime/index.js';
import { createRestApiHandler } from '../../../../src/runtime/entrypoints/rest-api.js';
import { lambdaContext, proxyEvent } from './events.js';

/** What the entry point returns when the view returns `value` for `event`. */
async function resultOf(value: unknown, event: APIGatewayProxyEvent = proxyEvent('GET', '/'), setup?: (app: Chalice) => void): Promise<APIGatewayProxyResult> {
  const app = new Chalice({ appName: 'resptest' });
  setup?.(app);
  app.route(event.resource, { methods: [event.httpMethod as 'GET'], contentTypes: ['*/*'] }, function view() {
    return value;
  });
  return createRestApiHandler(app)(event, lambdaContext());
}

const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

describe('view return value → proxy result', () => {
  it.each([
    { name: 'an object', value: { a: 1, b: [true, null] }, body: '{"a":1,"b":[true,null]}' },
    { name: 'an array', value: [1, 'two'], body: '[1,"two"]' },
    { name: 'a number', value: 42, body: '42' },
    { name: 'null', value: null, body: 'null' },
    { name: 'nothing (undefined)', value: undefined, body: 'null' },
    { name: 'a string', value: 'hello', body: 'hello' },
    { name: 'a Date (its toJSON)', value: { at: new Date(Date.UTC(2024, 0, 2)) }, body: '{"at":"2024-01-02T00:00:00.000Z"}' },
  ])('$name is sent as application/json', async ({ value, body }) => {
    const result = await resultOf(value);
    expect(result).toEqual({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {}, body, isBase64Encoded: false });
  });

  it.each([
    { name: 'a string body with its own type', response: new Response({ body: 'hello world!', headers: { 'Content-Type': 'text/plain' } }), body: 'hello world!', contentType: 'text/plain' },
    { name: 'an object body', response: new Response({ body: { ok: true }, statusCode: 201 }), body: '{"ok":true}', contentType: 'application/json' },
    { name: 'a Buffer with a text type', response: new Response({ body: Buffer.from('héllo'), headers: { 'content-type': 'text/plain; charset=utf-8' } }), body: 'héllo', contentType: undefined },
    { name: 'an empty Response', response: new Response(), body: '', contentType: 'application/json' },
  ])('a Response with $name', async ({ response, body, contentType }) => {
    const result = await resultOf(response);
    expect(result.statusCode).toBe(response.statusCode);
    expect(result.body).toBe(body);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.headers['Content-Type']).toBe(contentType);
  });

  it('sends list-valued headers (several Set-Cookie) in multiValueHeaders and single ones in headers', async () => {
    const result = await resultOf(
      new Response({ body: 'ok', headers: { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1; Path=/', 'b=2; HttpOnly'], 'X-Count': 3 as unknown as string } }),
    );
    expect(result.headers).toEqual({ 'Content-Type': 'text/plain', 'X-Count': '3' });
    expect(result.multiValueHeaders).toEqual({ 'Set-Cookie': ['a=1; Path=/', 'b=2; HttpOnly'] });
  });
});

describe('binary bodies', () => {
  const binaryResponse = new Response({ body: BINARY, headers: { 'Content-Type': 'image/png' } });

  it.each([
    { accept: 'image/png' },
    { accept: 'text/html, image/png;q=0.9' },
    { accept: 'image/*' },
    { accept: '*/*' },
    { accept: 'application/octet-stream' },
  ])('a binary type is base64 with isBase64Encoded when Accept is "$accept"', async ({ accept }) => {
    const result = await resultOf(binaryResponse, proxyEvent('GET', '/', { headers: { Accept: accept } }));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, 'base64').equals(BINARY)).toBe(true);
  });

  it.each<{ name: string; headers: Record<string, string> }>([
    { name: 'no Accept header', headers: {} },
    { name: 'a text-only Accept', headers: { Accept: 'application/json' } },
    { name: 'a binary type refused with q=0', headers: { Accept: 'image/png;q=0, text/html' } },
  ])('a binary response to a request with $name is a 400', async ({ headers }) => {
    const result = await resultOf(binaryResponse, proxyEvent('GET', '/', { headers }));
    expect(result.statusCode).toBe(400);
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body)).toEqual({
      Code: 'BadRequest',
      Message:
        'Request did not specify an Accept header with image/png, The response has a Content-Type of image/png. ' +
        'If a response has a binary Content-Type then the request must specify an Accept header that matches.',
    });
  });

  it('keeps CORS headers on the binary 400', async () => {
    const app = new Chalice({ appName: 'cors' });
    app.route('/img', { cors: true }, function img() {
      return binaryResponse;
    });
    const result = await createRestApiHandler(app)(proxyEvent('GET', '/img'), null);
    expect([result.statusCode, result.headers['Access-Control-Allow-Origin']]).toEqual([400, '*']);
  });

  it('echoes a binary request body back (base64 in, raw bytes to the view, base64 out)', async () => {
    const app = new Chalice({ appName: 'binecho' });
    app.route('/bin-echo', { methods: ['POST'], contentTypes: ['application/octet-stream'] }, function binEcho(_params, request) {
      return new Response({ body: request.rawBody, headers: { 'Content-Type': 'application/octet-stream' } });
    });
    const event = proxyEvent('POST', '/bin-echo', { body: Buffer.from([0xfe, 0xed]), headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/octet-stream' } });
    const result = await createRestApiHandler(app)(event, null);
    expect([result.statusCode, result.isBase64Encoded, Buffer.from(result.body, 'base64').toString('hex')]).toEqual([200, true, 'feed']);
  });

  it('honours app.api.binaryTypes changes, including JSON made binary for gzip', async () => {
    const gz = Buffer.from([0x1f, 0x8b, 0x08]);
    const result = await resultOf(
      new Response({ body: gz, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } }),
      proxyEvent('GET', '/', { headers: { Accept: 'application/json' } }),
      (app) => app.api.binaryTypes.push('application/json'),
    );
    expect([result.isBase64Encoded, Buffer.from(result.body, 'base64').equals(gz)]).toEqual([true, true]);
  });

  it('a string body with a binary type is sent as its UTF-8 bytes', async () => {
    const result = await resultOf(new Response({ body: 'abc', headers: { 'Content-Type': 'application/octet-stream' } }), proxyEvent('GET', '/', { headers: { Accept: '*/*' } }));
    expect([result.isBase64Encoded, result.body]).toEqual([true, Buffer.from('abc').toString('base64')]);
  });

  it.each([
    { name: 'a plain object', body: { pixels: [1, 2] } as unknown, kind: 'object' },
    { name: 'an array', body: [1, 2], kind: 'array' },
    { name: 'a number', body: 7, kind: 'number' },
    { name: 'null', body: null, kind: 'null' },
  ])('a binary Content-Type with $name as body is a 500 (Chalice: "Expected bytes type"), logged with the fix', async ({ body, kind }) => {
    const logs: string[] = [];
    const app = new Chalice({ appName: 'binobj', logSink: (line) => logs.push(line) });
    app.route('/img', { cors: true }, function img() {
      return new Response({ body, headers: { 'Content-Type': 'image/png' } });
    });
    const result = await createRestApiHandler(app)(proxyEvent('GET', '/img', { headers: { Accept: 'image/png' } }), null);
    expect([result.statusCode, result.isBase64Encoded, JSON.parse(result.body)]).toEqual([
      500,
      false,
      { Code: 'InternalServerError', Message: 'An internal server error occurred.' },
    ]);
    expect(result.headers['Access-Control-Allow-Origin']).toBe('*');
    const logged = logs.join('\n');
    expect(logged).toContain(`Expected bytes type for body with binary Content-Type. Got ${kind} type body instead.`);
    expect(logged).toContain('return a Buffer body');
  });

  it('a binary JSON type (app.api.binaryTypes has application/json) serialises an object body', async () => {
    const result = await resultOf(new Response({ body: { a: 1 }, headers: { 'Content-Type': 'application/json' } }), proxyEvent('GET', '/', { headers: { Accept: 'application/json' } }), (app) =>
      app.api.binaryTypes.push('application/json'),
    );
    expect([result.statusCode, result.isBase64Encoded, Buffer.from(result.body, 'base64').toString()]).toEqual([200, true, '{"a":1}']);
  });

  it("base64-encodes for any Accept that admits a binary type; decoding for the FIRST Accept type is the gateway's job", async () => {
    // A browser: API Gateway would hand it the base64 text, but that is decided after Lambda.
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const result = await resultOf(binaryResponse, proxyEvent('GET', '/', { headers: { Accept: browser } }));
    expect([result.statusCode, result.isBase64Encoded, result.body]).toEqual([200, true, BINARY.toString('base64')]);
  });

  it('a Buffer with a type that is not binary is sent as UTF-8 text even to a binary Accept', async () => {
    const result = await resultOf(new Response({ body: Buffer.from('plain'), headers: { 'Content-Type': 'text/csv' } }), proxyEvent('GET', '/', { headers: { Accept: '*/*' } }));
    expect([result.isBase64Encoded, result.body]).toEqual([false, 'plain']);
  });
});
