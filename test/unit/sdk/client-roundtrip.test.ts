/**
 * Properties of the generated client against the API Gateway emulation (through the test
 * client, plugged in as the client's fetch): any path parameter and query values arrive at the
 * view as the caller gave them, and any JSON body comes back unchanged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToSdkModel } from '../../../src/build/sdk/sdk-routes.js';
import { typeScriptSdkFiles } from '../../../src/build/sdk/typescript-sdk.js';
import { Chalice } from '../../../src/runtime/index.js';
import { Client } from '../../../src/testing/index.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';

const app = new Chalice({ appName: 'echo' });
app.route('/items/{id}', function item({ id }, request) {
  return { id: decodeURIComponent(id), tags: request.queryParams?.getList('tag') ?? [] };
});
app.route('/echo', { methods: ['POST'] }, function echo(_params, request) {
  return { body: request.jsonBody };
});

type Api = {
  itemsIdGet(params: { id: string }, options?: { query?: Record<string, readonly string[]> }): Promise<{ id: string; tags: string[] }>;
  echoPost(body: unknown): Promise<{ body: unknown }>;
};

let testClient: Client;
let api: Api;
beforeAll(async () => {
  const dir = tempDir();
  for (const [name, text] of await typeScriptSdkFiles(appToSdkModel(app))) writeFileSync(join(dir, name), text);
  const mod = (await import(pathToFileURL(join(dir, 'client.js')).href)) as { createClient(options: object): Api };
  testClient = new Client(app);
  // The test client as the generated client's fetch: the same gateway emulation `chalice local` runs.
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const { pathname, search } = new URL(url);
    const requestHeaders = Object.fromEntries(new Headers(init.headers));
    const answer = await testClient.http.request(String(init.method), pathname + search, { headers: requestHeaders, ...(init.body === undefined ? {} : { body: String(init.body) }) });
    const headers = Object.entries(answer.multiValueHeaders).flatMap(([name, values]) => values.map((value): [string, string] => [name, value]));
    return new Response(answer.body.length === 0 ? null : new Uint8Array(answer.body), { status: answer.statusCode, headers });
  };
  api = mod.createClient({ baseUrl: 'https://api.example', fetch });
});
afterAll(() => {
  testClient.dispose();
  removeTempDirs();
});

describe('the generated client through the API Gateway emulation', () => {
  it('delivers any path parameter and repeated query values as given', async () => {
    await fc.assert(
      // "." and ".." are dot segments to every URL parser; the client refuses them (below).
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s !== '.' && s !== '..'), fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 3 }), async (id, tags) => {
        const answer = await api.itemsIdGet({ id }, { query: { tag: tags } });
        expect(answer).toEqual({ id, tags });
      }),
      { numRuns: 150 },
    );
  });

  it('refuses "." and ".." as path parameters, which no URL can carry', async () => {
    for (const id of ['.', '..']) {
      await expect(api.itemsIdGet({ id })).rejects.toThrow(`Path parameter "id" cannot be "${id}" for /items/{id}: URLs resolve it as a dot segment`);
    }
  });

  it('sends any JSON body and reads it back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const answer = await api.echoPost(value);
        expect(answer).toEqual({ body: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 150 },
    );
  });
});
