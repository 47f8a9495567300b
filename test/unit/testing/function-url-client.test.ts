/**
 * `client.functionUrl(name)`: the test client answers function URL requests as `chalice local`
 * does (the same exchange), in-process: the raw 2.0 event for a pure function, routed requests
 * for api_handler, inference of plain results, the URL's CORS, AWS_IAM refusing unsigned calls.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Client } from '../../../src/testing/index.js';

const PROJECT = fileURLToPath(new URL('../../functional/local/fixtures/url-app/', import.meta.url));

async function client(): Promise<Client> {
  const { app } = (await import(`${PROJECT}app.ts`)) as { app: ConstructorParameters<typeof Client>[0] };
  return new Client(app, { projectDir: PROJECT });
}

describe('client.functionUrl', () => {
  it('a pure function gets the 2.0 event; its object result is the JSON body of a 200', async () => {
    using c = await client();
    const res = await c.functionUrl('echo').post('/orders/7?x=1', { body: { n: 1 }, headers: { cookie: 'k=v' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json).toMatchObject({ version: '2.0', routeKey: '$default', rawPath: '/orders/7', rawQueryString: 'x=1', cookies: ['k=v'], body: '{"n":1}' });
  });

  it('api_handler routes by path and answers in the 2.0 shape', async () => {
    using c = await client();
    const res = await c.functionUrl('api_handler').get('/items/3?tag=red');
    expect(res.statusCode).toBe(200);
    expect(res.json).toMatchObject({ id: '3', method: 'GET', tag: 'red' });
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    // The URL's CORS replaces the view's own Access-Control-Allow-Origin (no Origin sent: none at all).
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a string result is the body as it is', async () => {
    using c = await client();
    expect((await c.functionUrl('text').get('/')).text).toBe('plain words');
  });

  it('AWS_IAM: unsigned 403, SigV4-shaped passes', async () => {
    using c = await client();
    expect((await c.functionUrl('private').get('/')).statusCode).toBe(403);
    const signed = await c.functionUrl('private').get('/', {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x', 'x-amz-date': '20260101T000000Z' },
    });
    expect(signed.json).toEqual({ secret: true });
  });

  it('a function that throws answers 502', async () => {
    using c = await client();
    const res = await c.functionUrl('broken').get('/');
    expect([res.statusCode, res.text]).toEqual([502, 'Internal Server Error']);
  });

  it('a function without function_url: one-line error naming the key', async () => {
    using c = await client();
    expect(() => c.functionUrl('nourl')).toThrow('client.functionUrl("nourl"): the function has no function URL in stage "dev"; set lambda_functions.nourl.function_url in .chalice/config.json');
  });
});
