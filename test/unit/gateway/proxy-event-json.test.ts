/**
 * The REST proxy event written as JSON text (what `chalice local` hands its sandboxes) is
 * exactly `JSON.stringify` of the event object: same fields, order and characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headersToIndex } from '../../../src/local/gateway/headers.js';
import { proxyEventJsonOf, proxyEventOf, type ProxyEventSettings } from '../../../src/local/gateway/proxy-event.js';
import type { RequestTarget } from '../../../src/local/gateway/request-target.js';
import type { RouteMatch } from '../../../src/local/gateway/route-matcher.js';
import type { GatewayRequest } from '../../../src/local/gateway/types.js';

const SETTINGS: ProxyEventSettings = {
  stageName: 'api',
  stageVariables: null,
  accountId: '123456789012',
  apiId: 'abcdef1234',
  region: 'us-east-1',
  binaryTypes: ['application/octet-stream', 'image/*'],
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  requestTimeEpoch: 1_700_000_000_123,
};

interface Case {
  readonly name: string;
  readonly request: GatewayRequest;
  readonly target: RequestTarget;
  readonly match: RouteMatch;
  readonly settings?: Partial<ProxyEventSettings>;
}

const get = (headers: GatewayRequest['headers'], body = Buffer.alloc(0), method = 'GET'): GatewayRequest => ({ method, url: '/', headers, body, sourceIp: '10.0.0.7' });

const CASES: Case[] = [
  { name: 'no headers, no query, no body', request: get({}), target: { path: '/', query: [] }, match: { resource: '/', pathParameters: null } },
  {
    name: 'repeated headers in any case, host and user agent',
    request: get({ Host: 'localhost:8000', 'User-Agent': 'curl/8', Accept: ['a/b', 'c/d'], accept: 'e/f', 'X-Odd': 'quote " and \\ and \u0001' }),
    target: { path: '/users/1', query: [] },
    match: { resource: '/users/{id}', pathParameters: { id: '1' } },
  },
  {
    name: 'repeated query names, encoded path',
    request: get({ host: 'example.com' }),
    target: { path: '/a%20b/%E2%9C%93', query: [['x', '1'], ['y', ''], ['x', '2'], ['__proto__', 'p'], ['ü', 'é']] },
    match: { resource: '/{a}/{b}', pathParameters: { a: 'a%20b', b: '%E2%9C%93' } },
  },
  {
    name: 'header names JSON orders first (integer-like) and __proto__',
    request: get({ zz: '1', '123': 'n', __proto__: 'p', '7': 's' } as unknown as GatewayRequest['headers']),
    target: { path: '/', query: [['2', 'b'], ['1', 'a']] },
    match: { resource: '/', pathParameters: null },
  },
  { name: 'text body, lower-case method', request: get({ 'content-type': 'application/json' }, Buffer.from('{"a":"ü"}'), 'post'), target: { path: '/', query: [] }, match: { resource: '/', pathParameters: null } },
  { name: 'binary body', request: get({ 'Content-Type': 'image/png' }, Buffer.from([0, 255, 1, 2]), 'PUT'), target: { path: '/', query: [] }, match: { resource: '/', pathParameters: null } },
  {
    name: 'authorizer context, API key and stage variables',
    request: get({ 'x-api-key': 'k"1' }),
    target: { path: '/', query: [] },
    match: { resource: '/', pathParameters: null },
    settings: { authorizer: { principalId: 'u', claims: { sub: 's' }, n: 1 }, apiKey: 'k"1', stageVariables: { env: 'dev', 'odd"name': 'v' } },
  },
  { name: 'empty stage variables are null', request: get({}), target: { path: '/', query: [] }, match: { resource: '/', pathParameters: null }, settings: { stageVariables: {} } },
];

function bothForms(request: GatewayRequest, target: RequestTarget, match: RouteMatch, settings: ProxyEventSettings): [string, string] {
  const headers = headersToIndex(request.headers);
  return [proxyEventJsonOf(request, target, match, settings, headers), JSON.stringify(proxyEventOf(request, target, match, settings, headers))];
}

describe('proxyEventJsonOf', () => {
  it.each(CASES)('$name: the same text as JSON.stringify of the event', ({ request, target, match, settings }) => {
    const [text, stringified] = bothForms(request, target, match, { ...SETTINGS, ...settings });
    expect(text).toBe(stringified);
  });

  it('holds for generated headers, query, path parameters and bodies', () => {
    const headerValue = fc.oneof(fc.string(), fc.array(fc.string(), { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), headerValue),
        fc.array(fc.tuple(fc.string(), fc.string())),
        fc.option(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), { nil: null }),
        fc.uint8Array({ maxLength: 20 }),
        fc.string(),
        (headers, query, pathParameters, body, path) => {
          const [text, stringified] = bothForms(get(headers, Buffer.from(body), 'PATCH'), { path, query }, { resource: '/x', pathParameters }, SETTINGS);
          expect(text).toBe(stringified);
        },
      ),
    );
  });
});
