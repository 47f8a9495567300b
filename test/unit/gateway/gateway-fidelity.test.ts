/**
 * What API Gateway itself does around the Lambda, checked on a fake app: Content-Length,
 * header values HTTP cannot carry, IncompleteSignatureException on unknown paths, Lambda's
 * payload limits, authorizer failures, and the first-Accept-type rule for binary bodies.
 */
import { describe, expect, it } from 'vitest';
import type { Authorizer } from '../../../src/runtime/index.js';
import { createApiGateway } from '../../../src/local/gateway/index.js';
import { MAX_EVENT_BYTES, MAX_RESULT_BYTES } from '../../../src/local/gateway/payload-limits.js';
import { fakeApp, json, ok, request, type Handler } from './fake-app.js';

const INCOMPLETE = {
  credential: "Authorization header requires 'Credential' parameter.",
  signature: "Authorization header requires 'Signature' parameter.",
  signedHeaders: "Authorization header requires 'SignedHeaders' parameter.",
  date: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
};

function gatewayWith(handler: Handler, warnings: string[] = []) {
  const app = fakeApp({ api_handler: handler });
  app.addRoute({ path: '/r' });
  app.addRoute({ path: '/r', method: 'POST' });
  return { app, gateway: createApiGateway(app, { onWarning: (m) => warnings.push(m) }) };
}

describe('gateway fidelity', () => {
  describe('Content-Length', () => {
    it('is the real body length, replacing whatever the Lambda claimed', async () => {
      const { gateway } = gatewayWith(async () => ({ statusCode: 200, headers: { 'content-length': '999', 'Content-Type': 'text/plain' }, body: 'héllo' }));
      const response = await gateway.handle(request('GET', '/r'));
      expect(Object.entries(response.headers).filter(([name]) => name.toLowerCase() === 'content-length')).toEqual([['Content-Length', ['6']]]);
    });

    it('is set on API Gateway errors as well', async () => {
      const { gateway } = gatewayWith(async () => ok());
      const response = await gateway.handle(request('GET', '/missing'));
      expect(response.headers['Content-Length']).toEqual([String(response.body.length)]);
    });
  });

  describe('header values HTTP cannot carry', () => {
    it.each([
      ['a character outside ISO-8859-1', { headers: { 'X-Mark': 'check ✓' } }],
      ['a control character', { headers: { 'X-Mark': 'a\u0000b' } }],
      ['a line break', { multiValueHeaders: { 'X-Mark': ['ok', 'a\r\nInjected: 1'] } }],
      ['a name that is no HTTP token', { headers: { 'X Mark': 'v' } }],
    ])('%s → 502 Internal server error, the cause only in the warning', async (_name, extra) => {
      const warnings: string[] = [];
      const { gateway } = gatewayWith(async () => ({ statusCode: 200, body: 'x', ...extra }), warnings);
      const response = await gateway.handle(request('GET', '/r'));
      expect(response.statusCode).toBe(502);
      expect(response.body.toString()).toBe('{"message": "Internal server error"}');
      expect(warnings).toEqual([expect.stringMatching(/^api_handler returned a malformed Lambda proxy response, which API Gateway answers 502: .*X.Mark/s)]);
    });

    it('passes ISO-8859-1 text (é) through unchanged', async () => {
      const { gateway } = gatewayWith(async () => ({ statusCode: 200, headers: { 'X-Name': 'café' }, body: 'x' }));
      const response = await gateway.handle(request('GET', '/r'));
      expect([response.statusCode, response.headers['X-Name']]).toEqual([200, ['café']]);
    });
  });

  describe('a request that reaches no method, with an Authorization header', () => {
    const sigV4 = 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';
    it.each<[string, string, Record<string, string>, readonly string[] | null]>([
      ['a Bearer token', 'Bearer abc.def', {}, [INCOMPLETE.credential, INCOMPLETE.signature, INCOMPLETE.signedHeaders, INCOMPLETE.date]],
      ['one word', 'token', {}, [INCOMPLETE.credential, INCOMPLETE.signature, INCOMPLETE.signedHeaders, INCOMPLETE.date]],
      ['a date but no parameters', 'Bearer x', { 'X-Amz-Date': '20240101T000000Z' }, [INCOMPLETE.credential, INCOMPLETE.signature, INCOMPLETE.signedHeaders]],
      ['SigV4 without a Signature', 'AWS4-HMAC-SHA256 Credential=a/b,SignedHeaders=host', { Date: 'Mon, 01 Jan 2024 00:00:00 GMT' }, [INCOMPLETE.signature]],
      ['SigV4 without a date header', sigV4, {}, [INCOMPLETE.date]],
      ['a complete SigV4 header', sigV4, { 'x-amz-date': '20240101T000000Z' }, null],
      ['an empty header', '', {}, null],
    ])('%s', async (_name, authorization, extra, missing) => {
      const { app, gateway } = gatewayWith(async () => ok());
      for (const [method, url] of [
        ['GET', '/missing'],
        ['DELETE', '/r'],
      ]) {
        const response = await gateway.handle(request(method, url, { authorization, ...extra }));
        expect(response.statusCode).toBe(403);
        if (missing === null) {
          expect(json(response.body)).toEqual({ message: 'Missing Authentication Token' });
          expect(response.headers['x-amzn-ErrorType']).toEqual(['MissingAuthenticationTokenException']);
        } else {
          expect(json(response.body)).toEqual({ message: `${missing.join(' ')} Authorization=${authorization}` });
          expect(response.headers['x-amzn-ErrorType']).toEqual(['IncompleteSignatureException']);
        }
      }
      expect(app.events).toHaveLength(0);
    });

    it('does not touch routed requests or CORS preflights', async () => {
      const app = fakeApp();
      app.addRoute({ path: '/c', cors: { allowOrigin: '*', allowHeaders: [], exposeHeaders: [] } });
      const gateway = createApiGateway(app);
      expect((await gateway.handle(request('GET', '/c', { Authorization: 'Bearer x' }))).statusCode).toBe(200);
      expect((await gateway.handle(request('OPTIONS', '/c', { Authorization: 'Bearer x' }))).statusCode).toBe(200);
    });
  });

  describe("Lambda's payload limits", () => {
    /** A result whose JSON is exactly `bytes` long. */
    const resultOfSize = (bytes: number) => {
      const empty = JSON.stringify({ statusCode: 200, body: '' }).length;
      return { statusCode: 200, body: 'x'.repeat(bytes - empty) };
    };

    it.each([
      [MAX_RESULT_BYTES, 200],
      [MAX_RESULT_BYTES + 1, 502],
    ])('a result of %i bytes of JSON → %i', async (bytes, status) => {
      const warnings: string[] = [];
      const { gateway } = gatewayWith(async () => resultOfSize(bytes), warnings);
      const response = await gateway.handle(request('GET', '/r'));
      expect(response.statusCode).toBe(status);
      if (status === 502) {
        expect(json(response.body)).toEqual({ message: 'Internal server error' });
        expect(warnings).toEqual([expect.stringContaining('6291556-byte response payload limit')]);
      }
    });

    it('measures the result as JSON: escapes count', async () => {
      // 1.1 M control characters are 1.1 MB of body but 6.6 MB of JSON (`\u0001` each).
      const { gateway } = gatewayWith(async () => ({ statusCode: 200, body: '\u0001'.repeat(1_100_000) }));
      expect((await gateway.handle(request('GET', '/r'))).statusCode).toBe(502);
    });

    it('answers an event over the request limit 413 Request Too Long without invoking the Lambda', async () => {
      const { app, gateway } = gatewayWith(async () => ok());
      const response = await gateway.handle(request('POST', '/r', { 'content-type': 'text/plain' }, Buffer.alloc(MAX_EVENT_BYTES, 'a')));
      expect(response.statusCode).toBe(413);
      expect(response.body.toString()).toBe('{"message": "Request Too Long"}');
      expect(response.headers['x-amzn-ErrorType']).toEqual(['BadRequestException']);
      expect(app.events).toHaveLength(0);
    });

    it('counts a binary body base64-encoded: 4.8 MB of bytes is over the limit', async () => {
      const { app, gateway } = gatewayWith(async () => ok());
      const bytes = Buffer.alloc(4_800_000, 0xff);
      expect((await gateway.handle(request('POST', '/r', { 'content-type': 'application/octet-stream' }, bytes))).statusCode).toBe(413);
      const text = await gateway.handle(request('POST', '/r', { 'content-type': 'text/plain' }, Buffer.alloc(4_800_000, 'a')));
      expect(text.statusCode).toBe(200);
      expect(app.events).toHaveLength(1);
    });
  });

  describe('built-in authorizer failures', () => {
    const builtin = { kind: 'builtin', name: 'auth', header: 'Authorization', scopes: [], ttlSeconds: 0 } as unknown as Authorizer;
    it.each<[string, Handler, RegExp]>([
      ['returns nothing', async () => undefined, /^Authorizer auth returned nothing, not \{ principalId, policyDocument \}/],
      ['returns null', async () => null, /^Authorizer auth returned null, not/],
      ['returns a string', async () => 'Allow', /^Authorizer auth returned "Allow", not/],
      ['throws an error', async () => Promise.reject(new TypeError('boom')), /^Authorizer auth failed, so API Gateway answers 500 \(AuthorizerConfigurationException\): TypeError: boom\n\s+at /],
      ['throws a non-error', async () => Promise.reject('nope'), /failed.*: nope$/],
      ["fails with a message other than 'Unauthorized'", async () => Promise.reject(new Error('Unauthorized: bad token')), /Unauthorized: bad token/],
    ])('%s → 500 {"message": null} AuthorizerConfigurationException, the cause in a warning', async (_name, handler, warning) => {
      const warnings: string[] = [];
      const app = fakeApp({ auth: handler });
      app.addRoute({ path: '/p', authorizer: builtin });
      const response = await createApiGateway(app, { onWarning: (m) => warnings.push(m) }).handle(request('GET', '/p', { Authorization: 't' }));
      expect(response.statusCode).toBe(500);
      expect(response.body.toString()).toBe('{"message": null}');
      expect(response.headers['x-amzn-ErrorType']).toEqual(['AuthorizerConfigurationException']);
      expect(warnings).toEqual([expect.stringMatching(warning)]);
    });

    it('hands the authorizer a method ARN built from any path, percent-encoding and wildcards included', async () => {
      const app = fakeApp({ auth: async () => ({ principalId: 'p', policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } }) });
      app.addRoute({ path: '/p/{id}', authorizer: builtin });
      const response = await createApiGateway(app, { apiId: 'x', stageName: 'api' }).handle(request('GET', '/p/%E2%9C%93*?', { Authorization: 't' }));
      expect(response.statusCode).toBe(200);
      expect(app.events[0].event.methodArn).toBe('arn:aws:execute-api:us-east-1:123456789012:x/api/GET/p/%E2%9C%93*');
    });
  });

  describe('binary response bodies follow the FIRST Accept media type', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    it.each<[string, string | undefined, string, boolean]>([
      ['a binary first type', 'application/octet-stream', 'application/octet-stream', true],
      ['a binary first type with parameters', 'Application/Octet-Stream;q=0.9, text/html', 'application/octet-stream', true],
      ["a browser's Accept (binary only further on)", 'text/html,application/xhtml+xml,application/octet-stream,*/*;q=0.8', 'application/octet-stream', false],
      ['*/* (curl)', '*/*', 'application/octet-stream', false],
      ['no Accept header', undefined, 'application/octet-stream', false],
      ['a binary Accept but a text Content-Type', 'application/octet-stream', 'text/plain', false],
    ])('%s → decoded: %s', async (_name, accept, contentType, decoded) => {
      const app = fakeApp({ api_handler: async () => ({ statusCode: 200, headers: { 'Content-Type': contentType }, body: bytes.toString('base64'), isBase64Encoded: true }) });
      app.addRoute({ path: '/img' });
      const response = await createApiGateway(app).handle(request('GET', '/img', accept === undefined ? {} : { Accept: accept }));
      expect(response.body).toEqual(decoded ? bytes : Buffer.from(bytes.toString('base64')));
    });

    it('matches wildcard binary media types against the first Accept type', async () => {
      const app = { ...fakeApp({ api_handler: async () => ({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: bytes.toString('base64'), isBase64Encoded: true }) }), api: { binaryTypes: ['*/*'] } };
      app.addRoute({ path: '/img' });
      const response = await createApiGateway(app).handle(request('GET', '/img', { Accept: 'text/html,*/*;q=0.8' }));
      expect(response.body).toEqual(bytes);
    });
  });
});
