import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadRequestError, Chalice, type APIGatewayProxyEvent, type Request } from '../../../../src/runtime/index.js';
import { createRestApiHandler } from '../../../../src/runtime/entrypoints/rest-api.js';
import { proxyEventToRequest } from '../../../../src/runtime/http/proxy-event-to-request.js';
import { lambdaContext, proxyEvent } from './events.js';

/** The Request a view receives for `event`, through the real entry point. */
async function requestSeenByView(event: APIGatewayProxyEvent, contentTypes?: string[]): Promise<Request> {
  const app = new Chalice({ appName: 'reqtest' });
  let seen: Request | undefined;
  app.route(event.resource, { methods: [event.httpMethod as 'GET'], contentTypes }, function view(_params, request) {
    seen = request;
    return {};
  });
  const result = await createRestApiHandler(app)(event, lambdaContext());
  expect(result.statusCode).toBe(200);
  return seen!;
}

describe('proxy event → Request', () => {
  it('exposes method, path, uri params, stage variables, the request context and the Lambda context', async () => {
    const context = lambdaContext('ctx-42');
    const event = proxyEvent('PUT', '/objects/{key}', { pathParameters: { key: 'k1' }, stageVariables: { env: 'dev' } });
    const request = proxyEventToRequest(event, context);
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/objects/k1');
    expect(request.uriParams).toEqual({ key: 'k1' });
    expect(request.stageVars).toEqual({ env: 'dev' });
    expect(request.context).toBe(event.requestContext);
    expect((request.context as { identity: { sourceIp: string } }).identity.sourceIp).toBe('203.0.113.7');
    expect(request.lambdaContext).toBe(context);
    expect(request.toOriginalEvent()).toBe(event);
  });

  it('has null query params, uri params and stage variables when the request has none', () => {
    const request = proxyEventToRequest(proxyEvent('GET', '/'), null);
    expect([request.queryParams, request.uriParams, request.stageVars]).toEqual([null, null, null]);
  });

  it('treats empty maps like absent ones', () => {
    const event = { ...proxyEvent('GET', '/'), multiValueQueryStringParameters: {}, queryStringParameters: {}, pathParameters: {} };
    const request = proxyEventToRequest(event, null);
    expect([request.queryParams, request.uriParams]).toEqual([null, null]);
  });

  it('keeps every value of a repeated query parameter; get returns the last', () => {
    const request = proxyEventToRequest(proxyEvent('GET', '/', { query: { states: ['WA', 'CA'], one: 'x' } }), null);
    expect(request.queryParams?.getList('states')).toEqual(['WA', 'CA']);
    expect(request.queryParams?.get('states')).toBe('CA');
    expect(request.queryParams?.get('one')).toBe('x');
    expect(request.queryParams?.get('missing')).toBeUndefined();
    expect(request.queryParams?.getList('missing')).toEqual([]);
  });

  it('reads headers case-insensitively with every value of a repeated header', () => {
    const request = proxyEventToRequest(proxyEvent('GET', '/', { headers: { 'X-Thing': ['a', 'b'], 'content-TYPE': 'text/plain' } }), null);
    expect(request.headers.get('x-thing')).toBe('b');
    expect(request.headers.getList('X-THING')).toEqual(['a', 'b']);
    expect(request.headers.get('Content-Type')).toBe('text/plain');
  });

  it('falls back to the single-value maps when the multi-value ones are missing', () => {
    const event = { ...proxyEvent('GET', '/', { headers: { Accept: 'text/html' }, query: { q: 'x' } }), multiValueHeaders: null, multiValueQueryStringParameters: null };
    const request = proxyEventToRequest(event, null);
    expect(request.headers.get('accept')).toBe('text/html');
    expect(request.queryParams?.getList('q')).toEqual(['x']);
  });

  it.each([
    { name: 'no body', body: undefined, isBase64Encoded: false, expected: Buffer.alloc(0) },
    { name: 'a text body', body: 'héllo', isBase64Encoded: false, expected: Buffer.from('héllo', 'utf8') },
    { name: 'a binary body (base64 in the event)', body: Buffer.from([0xfe, 0xed, 0x00, 0xff]), isBase64Encoded: true, expected: Buffer.from([0xfe, 0xed, 0x00, 0xff]) },
  ])('rawBody is a Buffer for $name', ({ body, expected }) => {
    const request = proxyEventToRequest(proxyEvent('POST', '/', { body }), null);
    expect(Buffer.isBuffer(request.rawBody)).toBe(true);
    expect(request.rawBody.equals(expected)).toBe(true);
  });

  it.each([
    { name: 'JSON content type', contentType: 'application/json', body: '{"a":[1,2]}', expected: { a: [1, 2] } },
    { name: 'JSON with charset', contentType: 'application/json; charset=utf-8', body: '"s"', expected: 's' },
    { name: 'JSON in upper case', contentType: 'Application/JSON', body: '[1]', expected: [1] },
    { name: 'JSON null', contentType: 'application/json', body: 'null', expected: null },
    // Chalice parses only application/json; other JSON-ish types are left to rawBody.
    { name: 'a +json type', contentType: 'application/vnd.api+json', body: '{"x":1}', expected: null },
    { name: 'no content type', contentType: undefined, body: '[true]', expected: null },
    { name: 'no content type and no body', contentType: undefined, body: undefined, expected: null },
    { name: 'a form body', contentType: 'application/x-www-form-urlencoded', body: 'a=1', expected: null },
    { name: 'a text body', contentType: 'text/plain', body: '{"looks":"json"}', expected: null },
  ])('jsonBody for $name', ({ contentType, body, expected }) => {
    const request = proxyEventToRequest(proxyEvent('POST', '/', { body, headers: contentType ? { 'Content-Type': contentType } : {} }), null);
    expect(request.jsonBody).toEqual(expected);
  });

  it.each([
    { name: 'an empty body', body: undefined },
    { name: 'a blank body', body: '  ' },
    { name: 'malformed JSON', body: '{not json' },
    { name: 'two JSON values', body: '{} {}' },
  ])('jsonBody of $name sent as application/json throws BadRequestError "Error Parsing JSON"', ({ body }) => {
    const request = proxyEventToRequest(proxyEvent('POST', '/', { body, headers: { 'Content-Type': 'application/json' } }), null);
    expect(() => request.jsonBody).toThrow(BadRequestError);
    expect(() => request.jsonBody).toThrow(/^Error Parsing JSON$/);
  });

  it('toJSON uses lowerCamelCase keys and is JSON-serialisable', () => {
    const event = proxyEvent('GET', '/introspect', { query: { query1: 'value1', multi: ['a', 'b'] }, headers: { 'X-TestHeader': 'Foo' } });
    const json = JSON.parse(JSON.stringify(proxyEventToRequest(event, lambdaContext())));
    expect(Object.keys(json).sort()).toEqual(['context', 'headers', 'method', 'path', 'queryParams', 'stageVars', 'uriParams']);
    expect(json).toMatchObject({
      method: 'GET',
      path: '/introspect',
      queryParams: { query1: 'value1', multi: 'b' },
      uriParams: null,
      stageVars: null,
      context: { resourcePath: '/introspect', stage: 'api' },
    });
    expect(json.headers['x-testheader']).toBe('Foo');
  });

  it('the view receives the same converted request through the entry point', async () => {
    const request = await requestSeenByView(proxyEvent('POST', '/form', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'states=WA&states=CA' }), ['application/x-www-form-urlencoded']);
    expect(new URLSearchParams(request.rawBody.toString()).getAll('states')).toEqual(['WA', 'CA']);
    expect(request.jsonBody).toBeNull();
  });

  it('property: any query string multimap round-trips through the request', async () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    const multimap = fc.dictionary(name, fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 4 }), { minKeys: 1, maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(multimap, async (query) => {
        const request = await requestSeenByView(proxyEvent('GET', '/q', { query }));
        expect(request.queryParams?.toMultiValueJSON()).toEqual(query);
        for (const [key, values] of Object.entries(query)) {
          expect(request.queryParams?.getList(key)).toEqual(values);
          expect(request.queryParams?.get(key)).toBe(values[values.length - 1]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
