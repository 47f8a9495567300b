import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Chalice, CORSConfig, Response } from '../../../src/runtime/index.js';
import { Client } from '../../../src/testing/index.js';

const CONFIG = {
  version: '2.0',
  app_name: 'clientapp',
  environment_variables: { CT_TOP: 'top', CT_SHARED: 'top' },
  lambda_functions: { worker: { lambda_timeout: 5, lambda_memory_size: 256, environment_variables: { CT_FN: 'worker' } } },
  stages: {
    dev: { environment_variables: { CT_SHARED: 'dev' }, lambda_functions: { api_handler: { environment_variables: { CT_FN: 'api' } } } },
    prod: { api_gateway_stage: 'v1', environment_variables: { CT_SHARED: 'prod' } },
  },
};

let projectDir: string;
let emptyDir: string;
beforeAll(() => {
  projectDir = mkdtempSync(join(tmpdir(), 'chalice-ts-client-'));
  mkdirSync(join(projectDir, '.chalice'));
  writeFileSync(join(projectDir, '.chalice', 'config.json'), JSON.stringify(CONFIG));
  emptyDir = mkdtempSync(join(tmpdir(), 'chalice-ts-client-empty-'));
});
afterAll(() => {
  rmSync(projectDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith('CT_')) delete process.env[name];
});

const envNow = () => ({ top: process.env.CT_TOP ?? null, shared: process.env.CT_SHARED ?? null, fn: process.env.CT_FN ?? null });

function makeApp() {
  const app = new Chalice({ appName: 'clientapp' });
  app.route('/env', { name: 'env' }, () => envNow());
  app.route('/context', { name: 'context' }, (_p, request) => ({ stage: request.context.stage, functionName: request.lambdaContext?.functionName }));
  app.route('/echo', { name: 'echo', methods: ['POST'] }, (_p, request) => ({ body: request.jsonBody, type: request.headers.get('content-type') ?? null }));
  app.route('/cors', { name: 'cors_view', cors: new CORSConfig({ allowOrigin: 'https://a.example' }) }, () => ({}));
  app.route('/text', { name: 'text_view' }, () => 'not json { at all');
  app.lambdaFunction({ name: 'worker' }, (event, context) => ({ event, env: envNow(), name: context.functionName, remaining: context.getRemainingTimeInMillis(), memory: context.memoryLimitInMB }));
  app.lambdaFunction({ name: 'other' }, () => envNow());
  return app;
}

describe('test Client timeouts', () => {
  it("answers 502 like API Gateway when a view runs past api_handler's lambda_timeout", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-client-timeout-'));
    try {
      mkdirSync(join(dir, '.chalice'));
      writeFileSync(join(dir, '.chalice', 'config.json'), JSON.stringify({ version: '2.0', app_name: 'slow', lambda_functions: { api_handler: { lambda_timeout: 1 } } }));
      const app = new Chalice({ appName: 'slow' });
      app.route('/hang', async function hang() {
        await new Promise(() => {});
      });
      using client = new Client(app, { projectDir: dir });
      const response = await client.http.get('/hang');
      expect(response.statusCode).toBe(502);
      expect(response.json).toEqual({ message: 'Internal server error' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('test Client', () => {
  describe('environment variables from .chalice/config.json', () => {
    it("sets the stage's variables for the client's lifetime and restores the previous env on dispose", () => {
      process.env.CT_SHARED = 'before';
      const client = new Client(makeApp(), { projectDir });
      expect(envNow()).toEqual({ top: 'top', shared: 'dev', fn: null });
      client.dispose();
      expect(envNow()).toEqual({ top: null, shared: 'before', fn: null });
      expect(Object.hasOwn(process.env, 'CT_TOP')).toBe(false);
      client.dispose(); // idempotent
      expect(envNow()).toEqual({ top: null, shared: 'before', fn: null });
    });

    it("runs HTTP requests with api_handler's variables", async () => {
      using client = new Client(makeApp(), { projectDir });
      expect((await client.http.get('/env')).json).toEqual({ top: 'top', shared: 'dev', fn: 'api' });
      expect(envNow().fn).toBeNull();
    });

    it("runs lambda.invoke with the function's own variables", async () => {
      using client = new Client(makeApp(), { projectDir });
      expect((await client.lambda.invoke('worker')).payload.env).toEqual({ top: 'top', shared: 'dev', fn: 'worker' });
      expect((await client.lambda.invoke('other')).payload).toEqual({ top: 'top', shared: 'dev', fn: null });
    });

    it('uses the chosen stage (variables and API Gateway stage name)', async () => {
      using client = new Client(makeApp(), { projectDir, stageName: 'prod' });
      expect((await client.http.get('/env')).json).toEqual({ top: 'top', shared: 'prod', fn: null });
      expect((await client.http.get('/context')).json).toEqual({ stage: 'v1', functionName: 'clientapp-prod' });
    });

    it('restores at the end of a `using` block', () => {
      {
        using _client = new Client(makeApp(), { projectDir });
        expect(envNow().top).toBe('top');
      }
      expect(envNow().top).toBeNull();
    });

    it('works without a config file (no variables, API Gateway stage "api")', async () => {
      using client = new Client(makeApp(), { projectDir: emptyDir });
      expect((await client.http.get('/env')).json).toEqual({ top: null, shared: null, fn: null });
      expect((await client.http.get('/context')).json).toEqual({ stage: 'api', functionName: 'clientapp-dev' });
    });

    it('fails with the config error for a stage the config does not define', () => {
      expect(() => new Client(makeApp(), { projectDir, stageName: 'qa' })).toThrow(/stages.*qa|qa.*not defined/s);
    });
  });

  describe('lambda.invoke', () => {
    it('passes the payload and a Lambda context from the function config', async () => {
      const now = 1_000_000;
      using client = new Client(makeApp(), { projectDir, clock: { now: () => now } });
      const { payload } = await client.lambda.invoke('worker', { my: 'event' });
      expect(payload).toMatchObject({ event: { my: 'event' }, name: 'clientapp-dev-worker', remaining: 5000, memory: '256' });
    });

    it('defaults the payload to {}', async () => {
      using client = new Client(makeApp(), { projectDir });
      expect((await client.lambda.invoke('worker')).payload.event).toEqual({});
    });

    it('rejects with the error of an unknown function name', async () => {
      using client = new Client(makeApp(), { projectDir });
      await expect(client.lambda.invoke('nope')).rejects.toThrow(/nope/);
    });
  });

  describe('http', () => {
    it('sends an object body as JSON with a JSON content type', async () => {
      using client = new Client(makeApp(), { projectDir: emptyDir });
      const response = await client.http.post('/echo', { body: { a: 1 } });
      expect(response.json).toEqual({ body: { a: 1 }, type: 'application/json' });
    });

    it('keeps an explicit content type and sends strings and buffers as they are', async () => {
      using client = new Client(makeApp(), { projectDir: emptyDir });
      expect((await client.http.post('/echo', { body: '[1]', headers: { 'Content-Type': 'application/json; charset=utf-8' } })).json).toEqual({
        body: [1],
        type: 'application/json; charset=utf-8',
      });
      expect((await client.http.post('/echo', { body: Buffer.from('"b"') })).json).toEqual({ body: null, type: null });
    });

    it('answers CORS preflights', async () => {
      using client = new Client(makeApp(), { projectDir: emptyDir });
      const response = await client.http.options('/cors');
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('https://a.example');
      expect(response.headers['access-control-allow-methods']).toBe('GET,OPTIONS');
    });

    it('lower-cases header names and keeps repeated values', async () => {
      const app = makeApp();
      using client = new Client(app, { projectDir: emptyDir });
      const response = await client.http.get('/env');
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headerValues('Content-Type')).toEqual(['application/json']);
      expect(response.headerValues('x-missing')).toEqual([]);
    });

    it('returns every Set-Cookie as a list, never joined, and other repeated headers joined', async () => {
      const app = makeApp();
      app.route('/cookies', { name: 'cookies' }, () =>
        new Response({ body: 'ok', headers: { 'Set-Cookie': ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'], 'X-Tag': ['x', 'y'] } }),
      );
      app.route('/one-cookie', { name: 'one_cookie' }, () => new Response({ body: 'ok', headers: { 'Set-Cookie': 'only=1' } }));
      using client = new Client(app, { projectDir: emptyDir });
      const response = await client.http.get('/cookies');
      expect(response.headers['set-cookie']).toEqual(['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2']);
      expect(response.headers['x-tag']).toBe('x, y');
      expect((await client.http.get('/one-cookie')).headers['set-cookie']).toEqual(['only=1']);
      expect((await client.http.get('/env')).headers['set-cookie']).toBeUndefined();
    });

    it('sends Content-Length like the deployed API (for HEAD: what a GET would get)', async () => {
      const app = makeApp();
      app.route('/head', { name: 'head', methods: ['GET', 'HEAD'] }, () => 'héllo');
      using client = new Client(app, { projectDir: emptyDir });
      expect((await client.http.get('/head')).headers['content-length']).toBe(String(Buffer.byteLength('héllo')));
      const head = await client.http.head('/head');
      expect([head.headers['content-length'], head.body.length]).toEqual([String(Buffer.byteLength('héllo')), 0]);
    });

    it('explains a body that is not JSON', async () => {
      using client = new Client(makeApp(), { projectDir: emptyDir });
      const response = await client.http.get('/no-such-route-is-fine-too');
      expect(response.statusCode).toBe(403);
      const text = await client.http.get('/text');
      expect(text.text).toBe('not json { at all');
      expect(() => text.json).toThrow(/200 response \(content-type .*\) is not JSON.*Use \.text or \.body/);
    });

    it('refuses requests after dispose', async () => {
      const client = new Client(makeApp(), { projectDir: emptyDir });
      client.dispose();
      await expect(client.http.get('/env')).rejects.toThrow(/disposed/);
      await expect(client.lambda.invoke('worker')).rejects.toThrow(/disposed/);
    });

    it('rejects something that is not an app', () => {
      expect(() => new Client({} as never)).toThrow(/must be a Chalice app/);
    });
  });
});
