/** Properties of the request/response conversions, over generated inputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRouteMatcher,
  httpRequestToProxyEvent,
  proxyResultToHttpResponse,
  queryStringToPairs,
  urlToRequestTarget,
} from '../../../src/local/gateway/index.js';

const SETTINGS = {
  stageName: 'api',
  stageVariables: null,
  accountId: '123456789012',
  apiId: 'abc',
  region: 'us-east-1',
  binaryTypes: ['application/octet-stream'],
  requestId: 'r',
  requestTimeEpoch: 0,
};

describe('conversion properties', () => {
  it('form-encoded query pairs decode back to the original pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string())), (pairs) => {
        const raw = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        expect(queryStringToPairs(raw)).toEqual(pairs);
      }),
    );
  });

  it('never throws on arbitrary request targets', () => {
    fc.assert(
      fc.property(fc.string(), (url) => {
        const result = urlToRequestTarget(url);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('binary request bodies reach the event as base64 of the exact bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1 }), (bytes) => {
        const body = Buffer.from(bytes);
        const event = httpRequestToProxyEvent(
          { method: 'POST', url: '/', headers: { 'content-type': 'application/octet-stream' }, body },
          { path: '/', query: [] },
          { resource: '/', pathParameters: null },
          SETTINGS,
        );
        expect(event.isBase64Encoded).toBe(true);
        expect(Buffer.compare(Buffer.from(event.body ?? '', 'base64'), body)).toBe(0);
      }),
    );
  });

  it('base64 proxy results decode to the exact bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const response = proxyResultToHttpResponse({ statusCode: 200, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true });
        expect(Buffer.compare(response.body, Buffer.from(bytes))).toBe(0);
      }),
    );
  });

  it('a parameter segment captures any non-empty segment verbatim', () => {
    const matcher = createRouteMatcher(['/items/{id}']);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !s.includes('/')), (segment) => {
        expect(matcher.match(`/items/${segment}`)?.pathParameters).toEqual({ id: segment });
      }),
    );
  });
});
