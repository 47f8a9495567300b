/**
 * What the generated client puts on the wire and how it reads answers, with a recording fetch
 * (the client's ClientOptions.fetch seam): URLs, headers, bodies, decoding and error mapping.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToSdkModel } from '../../../src/build/sdk/sdk-routes.js';
import { typeScriptSdkFiles } from '../../../src/build/sdk/typescript-sdk.js';
import { Chalice } from '../../../src/runtime/index.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Answer = { status?: number; body?: string | Uint8Array | null; headers?: Record<string, string> };

interface GeneratedModule {
  createClient(options: Record<string, unknown>): Record<string, (...args: unknown[]) => Promise<unknown>> & {
    send(method: string, path: string, options?: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  };
  ApiError: new (...args: never[]) => Error;
  NotFoundError: new (...args: never[]) => Error;
}

let mod: GeneratedModule;
beforeAll(async () => {
  const app = new Chalice({ appName: 'wire' });
  app.route('/items/{id}', { methods: ['GET', 'PUT', 'DELETE'] }, function item() {});
  app.route('/upload/{name}', { methods: ['POST'], contentTypes: ['application/octet-stream'] }, function upload() {});
  const dir = tempDir();
  for (const [name, text] of await typeScriptSdkFiles(appToSdkModel(app))) writeFileSync(join(dir, name), text);
  mod = (await import(pathToFileURL(join(dir, 'client.js')).href)) as GeneratedModule;
});
afterAll(removeTempDirs);

/** A client whose fetch records requests and answers with `answer`. */
function recordingClient(options: Record<string, unknown>, answer: Answer = { body: '{}', headers: { 'content-type': 'application/json' } }) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    sent.push({ url, method: String(init.method), headers: Object.fromEntries(new Headers(init.headers)), body: init.body });
    return new Response(answer.body ?? null, { status: answer.status ?? 200, headers: answer.headers });
  };
  return { api: mod.createClient({ baseUrl: 'https://api.example/stage/', fetch, ...options }), sent };
}

describe('requests', () => {
  it('fills and encodes path parameters, joins the base URL, repeats array query values, skips undefined ones', async () => {
    const { api, sent } = recordingClient({});
    await api.itemsIdGet({ id: 'a b/c?' }, { query: { z: 1, tag: ['x', 'y'], none: undefined, flag: true } });
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'https://api.example/stage/items/a%20b%2Fc%3F?flag=true&tag=x&tag=y&z=1' });
  });

  it('sends JSON bodies with application/json and raw bodies with the route content type', async () => {
    const { api, sent } = recordingClient({});
    await api.itemsIdPut({ id: 1 }, { done: true });
    await api.uploadNamePost({ name: 'f.bin' }, new Uint8Array([1, 2]));
    expect(sent[0]).toMatchObject({ method: 'PUT', body: '{"done":true}', headers: { 'content-type': 'application/json' } });
    expect(sent[1]).toMatchObject({ method: 'POST', url: 'https://api.example/stage/upload/f.bin', headers: { 'content-type': 'application/octet-stream' } });
    expect(sent[1].body).toEqual(new Uint8Array([1, 2]));
  });

  it('layers headers: client headers, then apiKey and authorization, then per-request headers', async () => {
    let token = 0;
    const { api, sent } = recordingClient({
      headers: () => ({ 'x-shared': 's', authorization: 'overridden' }),
      apiKey: 'key-1',
      authorization: async () => `Bearer ${++token}`,
    });
    await api.itemsIdGet({ id: 1 });
    await api.itemsIdGet({ id: 1 }, { headers: { 'x-api-key': 'per-request' } });
    expect(sent.map((s) => s.headers)).toEqual([
      { 'x-shared': 's', 'x-api-key': 'key-1', authorization: 'Bearer 1' },
      { 'x-shared': 's', 'x-api-key': 'per-request', authorization: 'Bearer 2' },
    ]);
  });

  it('says which path parameter is missing instead of requesting /items/undefined', async () => {
    const { api, sent } = recordingClient({});
    await expect(api.itemsIdGet({})).rejects.toThrow('Missing path parameter "id" for /items/{id}');
    expect(sent).toEqual([]);
  });
});

describe('answers', () => {
  it.each([
    ['JSON', { body: '{"a":1}', headers: { 'content-type': 'application/json' } }, { a: 1 }],
    ['text', { body: 'hi', headers: { 'content-type': 'text/plain' } }, 'hi'],
    ['204', { status: 204 }, undefined],
    ['empty JSON', { body: '', headers: { 'content-type': 'application/json' } }, undefined],
  ] as const)('decodes %s', async (_case, answer, expected) => {
    const { api } = recordingClient({}, answer);
    expect(await api.itemsIdGet({ id: 1 })).toEqual(expected);
  });

  it('gives binary answers as an ArrayBuffer and full answers through send()', async () => {
    const { api } = recordingClient({}, { status: 201, body: new Uint8Array([7]), headers: { 'content-type': 'image/png', location: '/x' } });
    const answer = await api.send('GET', '/items/{id}', { params: { id: 1 } });
    expect(answer.status).toBe(201);
    expect(new Uint8Array(answer.body as ArrayBuffer)).toEqual(new Uint8Array([7]));
  });

  it.each([
    ['a Chalice error', { status: 404, body: '{"Code":"NotFoundError","Message":"No item 1"}', headers: { 'content-type': 'application/json' } }, 'NotFoundError', 'NotFoundError', 'No item 1'],
    ['an unknown Chalice code', { status: 415, body: '{"Code":"UnsupportedMediaType","Message":"Unsupported media type: x"}', headers: { 'content-type': 'application/json' } }, 'ApiError', 'UnsupportedMediaType', 'Unsupported media type: x'],
    ["API Gateway's message", { status: 403, body: '{"message":"Missing Authentication Token"}', headers: { 'content-type': 'application/json' } }, 'ApiError', undefined, 'Missing Authentication Token'],
    ['a plain-text 502', { status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/plain' } }, 'ApiError', undefined, 'Bad Gateway'],
    ['an empty 500', { status: 500 }, 'ApiError', undefined, 'GET https://api.example/stage/items/1 answered 500'],
  ] as const)('turns %s into a typed exception', async (_case, answer, name, code, message) => {
    const { api } = recordingClient({}, answer);
    const error = await api.itemsIdGet({ id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mod.ApiError);
    expect(error).toMatchObject({ name, code, message, status: answer.status, method: 'GET', url: 'https://api.example/stage/items/1' });
    if (name === 'NotFoundError') expect(error).toBeInstanceOf(mod.NotFoundError);
  });
});
