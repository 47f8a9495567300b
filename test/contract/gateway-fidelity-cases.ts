/**
 * Gateway-fidelity cases of the HTTP behaviour suite: what API Gateway itself adds, refuses or
 * converts around the Lambda (Content-Length, header values HTTP cannot carry, SigV4-looking
 * Authorization on unknown paths, Lambda's payload limits, authorizer results, the first
 * Accept type for binary bodies, the Lambda context's name). Registered by
 * `defineHttpBehaviourSuite`, so every implementation runs them; the routes are in
 * test/fixtures/apps/behaviour/gateway-fidelity-routes.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Observed } from './http-behaviour-suite.js';

export type Send = (
  method: string,
  path: string,
  options?: { headers?: Record<string, string | readonly string[]>; body?: string | Buffer },
) => Promise<Observed>;

/** The fixture app's PNG_BYTES. */
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);

export function defineGatewayFidelityCases(send: Send): void {
  describe('gateway fidelity', () => {
    /** Lambda's synchronous invocation limit for a function's result (the serialised proxy result). */
    const LAMBDA_RESPONSE_LIMIT = 6_291_556;

    it('sends Content-Length with the body length', async () => {
      const r = await send('GET', '/text');
      expect(r.values('content-length')).toEqual([String(Buffer.byteLength('plain text'))]);
    });

    it('sends Content-Length on API Gateway errors too', async () => {
      const r = await send('GET', '/no/such/route');
      expect(r.values('content-length')).toEqual([String(r.body.length)]);
    });

    it('answers a header value HTTP cannot carry 502 Internal server error, naming nothing internal', async () => {
      const r = await send('GET', '/fidelity/bad-header');
      expect(r.status).toBe(502);
      expect(r.json()).toEqual({ message: 'Internal server error' });
      expect(r.values('x-mark')).toEqual([]);
    });

    it('answers an unknown path with a non-SigV4 Authorization header 403 IncompleteSignatureException', async () => {
      const r = await send('GET', '/no/such/route', { headers: { Authorization: 'Bearer abc.def' } });
      expect(r.status).toBe(403);
      expect(r.header('x-amzn-errortype')).toBe('IncompleteSignatureException');
      expect(r.json()).toEqual({
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
          'Authorization=Bearer abc.def',
      });
    });

    it('answers a response just under the Lambda payload limit normally', async () => {
      const r = await send('GET', '/fidelity/sized?bytes=5000000');
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(5_000_000);
    });

    it('answers a response over the Lambda payload limit 502, as the failed invocation it is', async () => {
      const r = await send('GET', `/fidelity/sized?bytes=${LAMBDA_RESPONSE_LIMIT}`);
      expect(r.status).toBe(502);
      expect(r.json()).toEqual({ message: 'Internal server error' });
    });

    it('answers a request whose event is over the Lambda payload limit 413 Request Too Long', async () => {
      const r = await send('POST', '/fidelity/upload', { headers: { 'Content-Type': 'text/plain' }, body: Buffer.alloc(6_400_000, 'a') });
      expect(r.status).toBe(413);
      expect(r.header('x-amzn-errortype')).toBe('BadRequestException');
      expect(r.json()).toEqual({ message: 'Request Too Long' });
    });

    it('lets a request well under the Lambda payload limit through', async () => {
      const r = await send('POST', '/fidelity/upload', { headers: { 'Content-Type': 'text/plain' }, body: Buffer.alloc(3_000_000, 'a') });
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({ received: 3_000_000 });
    });

    it('answers an authorizer result without a policy 500 AuthorizerConfigurationException', async () => {
      const r = await send('GET', '/fidelity/broken-auth', { headers: { Authorization: 'anything' } });
      expect(r.status).toBe(500);
      expect(r.header('x-amzn-errortype')).toBe('AuthorizerConfigurationException');
      expect(r.json()).toEqual({ message: null });
    });

    it('decodes a binary body only when the FIRST Accept type is binary: a browser gets base64 text', async () => {
      const r = await send('GET', '/image', { headers: { Accept: 'text/html,application/xhtml+xml,image/png,*/*;q=0.8' } });
      expect(r.status).toBe(200);
      expect(r.text).toBe(PNG_BYTES.toString('base64'));
    });

    it('decodes a binary body when the first Accept type is binary', async () => {
      const r = await send('GET', '/image', { headers: { Accept: 'image/png,text/html;q=0.9' } });
      expect(Buffer.compare(r.body, PNG_BYTES)).toBe(0);
    });

    it('names the Lambda context after the deployed REST function, <app>-<stage>', async () => {
      const r = await send('GET', '/fidelity/lambda-context');
      expect(r.json()).toEqual({ functionName: 'behaviour-dev' });
    });
  });
}
