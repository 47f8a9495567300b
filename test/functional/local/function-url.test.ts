/**
 * Function URLs served by a real `chalice local` process at `/_lambda-url/<function>/…`:
 * payload format 2.0 events (raw for a pure function, routed for api_handler), Lambda's result
 * inference, the URL's CORS (preflights answered without the function, its CORS headers
 * replaced), AWS_IAM refusing unsigned requests, and 502 for a function that throws.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

describe('chalice local serves function URLs', () => {
  let dir: string;
  let local: ChaliceLocal;
  const url = (fn: string, rest = '') => `${local.url}/_lambda-url/${fn}/${rest}`;

  beforeAll(async () => {
    dir = copyFixture('url-app');
    local = await startChaliceLocal(dir, ['--no-autoreload']);
    await local.waitFor(/URL {2}private/);
  }, 60_000);

  afterAll(async () => {
    await local?.stop();
    if (dir) removeDir(dir);
  });

  it('prints each function URL at start-up with its auth type', () => {
    expect(local.stdout).toContain(`URL  api_handler  ${local.url}/_lambda-url/api_handler/  (function URL, NONE)`);
    expect(local.stdout).toContain(`URL  private  ${local.url}/_lambda-url/private/  (function URL, AWS_IAM)`);
    expect(local.stdout).not.toContain('_lambda-url/nourl/');
  });

  it('a pure function gets the payload format 2.0 event of the request', async () => {
    const res = await fetch(url('echo', 'a/b%20c?x=1&x=2&y=%C3%A9'), { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'k=v; m=n', 'X-Custom': 'one' }, body: '{"n":1}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const event = (await res.json()) as Record<string, any>;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/a/b%20c',
      rawQueryString: 'x=1&x=2&y=%C3%A9',
      cookies: ['k=v', 'm=n'],
      queryStringParameters: { x: '1,2', y: 'é' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/a/b%20c' }, routeKey: '$default', stage: '$default' },
    });
    expect(event.headers['x-custom']).toBe('one');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.domainName).toMatch(/^[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws$/);
  });

  it('api_handler routes the URL request by its path and answers in the 2.0 shape (cookies as Set-Cookie)', async () => {
    const res = await fetch(url('api_handler', 'items/42?tag=blue'), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: '42', method: 'PUT', tag: 'blue', body: { ok: true } });
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const root = await fetch(url('api_handler'));
    expect(await root.json()).toEqual({ hello: 'world' });
  });

  it.each([
    { fn: 'shaped', status: 418, type: 'text/plain', body: 'teapot', cookies: ['c=3'] },
    { fn: 'text', status: 200, type: 'application/json', body: 'plain words', cookies: [] },
    { fn: 'private', status: 403, type: 'application/json', body: '{"Message":"Forbidden"}', cookies: [] },
    { fn: 'broken', status: 502, type: 'text/plain', body: 'Internal Server Error', cookies: [] },
  ])('$fn answers $status', async ({ fn, status, type, body, cookies }) => {
    const res = await fetch(url(fn));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toBe(body);
    expect(res.headers.getSetCookie()).toEqual(cookies);
  });

  it('an AWS_IAM URL lets a SigV4-shaped request through (the signature is not verified locally)', async () => {
    const res = await fetch(url('private'), {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc', 'x-amz-date': '20260101T000000Z' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ secret: true });
  });

  it('answers a CORS preflight itself from the URL config', async () => {
    const res = await fetch(url('api_handler', 'items/1'), { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'PUT' } });
    expect(res.status).toBe(200);
    expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET,PUT',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '300',
      'access-control-allow-credentials': 'true',
    });
    const refused = await fetch(url('api_handler', 'items/1'), { method: 'OPTIONS', headers: { origin: 'https://other.example', 'access-control-request-method': 'PUT' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("replaces the function's CORS headers with the URL's on a response", async () => {
    const res = await fetch(url('api_handler', 'items/1'), { headers: { origin: 'https://app.example.com' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await fetch(url('api_handler', 'items/1'), { headers: { origin: 'https://other.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a function without function_url has no URL: 404 naming the config key', async () => {
    const res = await fetch(url('nourl'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { Message: string }).Message).toContain('set lambda_functions.nourl.function_url in .chalice/config.json');
  });

  it('the REST emulation on the same port is unchanged', async () => {
    const res = await fetch(`${local.url}/items/7`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe('7');
  });
});

describe('chalice local picks up function_url changes on reload', () => {
  let dir: string;
  let local: ChaliceLocal;

  afterAll(async () => {
    await local?.stop();
    if (dir) removeDir(dir);
  });

  it('a function_url added to the config is served (and listed) after the reload', async () => {
    dir = copyFixture('url-app');
    local = await startChaliceLocal(dir);
    await local.waitFor(/Reloading on changes/);
    expect((await fetch(`${local.url}/_lambda-url/nourl/`)).status).toBe(404);
    const file = join(dir, '.chalice/config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as { lambda_functions: Record<string, unknown> };
    config.lambda_functions.nourl = { function_url: { auth_type: 'NONE' } };
    const from = local.stdout.length;
    writeFileSync(file, JSON.stringify(config));
    await local.waitFor(/URL {2}nourl/, { from });
    const res = await fetch(`${local.url}/_lambda-url/nourl/`);
    expect([res.status, await res.text()]).toEqual([200, 'unreachable']);
  }, 60_000);
});
