/**
 * `chalice generate-sdk --typescript` end to end: the CLI writes the client of the example
 * project, the result is what examples/sdk-page/web/sdk holds, it type-checks with tsc (with
 * the DOM library and with Node's types alone), and its client.js talks to a real
 * `chalice local` from Node.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice, startChaliceLocal, type ChaliceLocal } from '../local/chalice-process.js';
import { copySdkExample, SDK_EXAMPLE } from './sdk-example.js';

const run = promisify(execFile);

interface Todo {
  readonly id: number;
  readonly title: string;
  readonly done: boolean;
}

const SCHEMAS_API = join(REPO_ROOT, 'test/fixtures/projects/schemas-api');

const TSC_ENVIRONMENTS: [string, Record<string, unknown>][] = [
  ['the DOM library (browsers)', { lib: ['ES2022', 'DOM'], types: [] }],
  ["Node's types alone", { lib: ['ES2022'], types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules/@types')] }],
];

let project: string;
let out: string;
beforeAll(async () => {
  project = copySdkExample();
  out = join(tempDir(), 'sdk');
  const result = await runChalice(['--project-dir', project, 'generate-sdk', '--typescript', out]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
});
afterAll(removeTempDirs);

describe('chalice generate-sdk --typescript OUT', () => {
  it('writes client.ts and client.js, the same as the example page ships (regenerate examples/sdk-page/web/sdk if this fails)', () => {
    for (const file of ['client.ts', 'client.js']) {
      expect(readFileSync(join(out, file), 'utf8'), `examples/sdk-page/web/sdk/${file} is out of date: run npx chalice --project-dir examples/sdk-page generate-sdk --typescript examples/sdk-page/web/sdk`).toBe(
        readFileSync(join(SDK_EXAMPLE, 'web/sdk', file), 'utf8'),
      );
    }
  });

  it('writes the same files again on a second run into the same directory', async () => {
    const before = readFileSync(join(out, 'client.ts'), 'utf8');
    const again = await runChalice(['--project-dir', project, 'generate-sdk', '--typescript', out]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'client.ts'), 'utf8')).toBe(before);
  });

  it('refuses a directory holding other files, in one line, exit 2', async () => {
    const busy = tempDir();
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const result = await runChalice(['--project-dir', project, 'generate-sdk', '--typescript', busy]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/already contains files chalice generate-sdk did not write \(notes\.txt\); give an empty or new directory$/)]);
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it.each(TSC_ENVIRONMENTS)('type-checks under strict settings with %s, and rejects wrong calls', async (_env, settings) => {
    expect(await typeCheck(readFileSync(join(out, 'client.ts'), 'utf8'), USE_SOURCE, settings)).toBe('');
  });

  it.each(TSC_ENVIRONMENTS)('types a schema-first app from its schemas (%s): a wrong body or query field does not compile', async (_env, settings) => {
    const schemasOut = join(tempDir(), 'sdk');
    const result = await runChalice(['--project-dir', SCHEMAS_API, 'generate-sdk', '--typescript', schemasOut]);
    expect(result.code).toBe(0);
    expect(await typeCheck(readFileSync(join(schemasOut, 'client.ts'), 'utf8'), USE_SCHEMAS_SOURCE, settings)).toBe('');
  });
});

/** tsc's output for `use` next to `client` under strict settings ('' when it compiles). */
async function typeCheck(client: string, use: string, settings: Record<string, unknown>): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, 'client.ts'), client);
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  writeFileSync(join(dir, 'use.ts'), use);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, noUnusedLocals: true,
        noUnusedParameters: true, verbatimModuleSyntax: true, isolatedModules: true, ...settings,
      },
      files: ['use.ts'],
    }),
  );
  // tsc exits non-zero on any error, including an unused @ts-expect-error (a wrong call that compiled).
  const result = await run(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  return result.stdout;
}

/** Calls the schemas-api client; types come from the route schemas, each @ts-expect-error line must fail to compile. */
const USE_SCHEMAS_SOURCE = `
import { createClient, type CreateUserResponse, type ListUsersResponse } from './client.js';
const api = createClient({ baseUrl: 'http://127.0.0.1:8000', apiKey: 'k' });
export async function main(): Promise<string> {
  const created: CreateUserResponse = await api.usersPost({ name: 'Ada', email: 'ada@example.com', address: { city: 'Paris', zip: '75001' } });
  const role: 'admin' | 'member' = created.role;
  const users: ListUsersResponse = await api.usersGet({ query: { limit: 10, tag: ['a', 'b'] } });
  await api.usersGet();
  const user = await api.usersIdGet({ id: 'u1' });
  await api.itemsGet({ query: { q: 'ab', page: '2' } });
  await api.itemsPost({ sku: 'ABC-1' });
  await api.categoriesPut({ name: 'root', children: [{ name: 'leaf', children: [] }] });
  // Routes without a schema keep the caller-typed generic.
  const health = await api.healthGet<{ ok: boolean }>();
  await api.evenPost(4);
  // @ts-expect-error a misspelt body field
  await api.usersPost({ name: 'Ada', emial: 'ada@example.com' });
  // @ts-expect-error a required body field is missing
  await api.usersPost({ name: 'Ada' });
  // @ts-expect-error a body field of the wrong type
  await api.itemsPost({ sku: 'ABC-1', count: 'two' });
  // @ts-expect-error a value outside the enum
  await api.usersPost({ name: 'Ada', email: 'a@b.c', role: 'owner' });
  // @ts-expect-error the body is required
  await api.itemsPost();
  // @ts-expect-error a misspelt query parameter
  await api.usersGet({ query: { limt: 10 } });
  // @ts-expect-error a required query parameter is missing
  await api.itemsGet({ query: { page: '2' } });
  // @ts-expect-error the query is required
  await api.itemsGet();
  // @ts-expect-error a nested body field of the wrong type
  await api.categoriesPut({ name: 'root', children: [{ name: 1, children: [] }] });
  // @ts-expect-error the response type has no such field
  void user.email;
  // @ts-expect-error typed responses take no generic
  await api.usersIdGet<string>({ id: 'u1' });
  return role + users.length + user.name + String(health.ok);
}
`;

/** Calls the example's client as a user would; each @ts-expect-error line must fail to compile. */
const USE_SOURCE = `
import { ApiError, createClient, NotFoundError, TodosClient, type ClientOptions } from './client.js';
interface Todo { readonly id: number; readonly title: string; readonly done: boolean }
const signingFetch = async (url: string, init: RequestInit): Promise<Response> => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), 'x-signed': '1' } });
const options: ClientOptions = { baseUrl: 'http://127.0.0.1:8000', apiKey: 'k', authorization: async () => 'Bearer t', headers: () => ({ 'x-trace': '1' }), fetch: signingFetch };
createClient({ baseUrl: '', fetch });
const api: TodosClient = createClient(options);
export async function main(): Promise<string> {
  const todo = await api.todosPost<Todo>({ title: 'milk' });
  const list: Todo[] = await api.todosGet<Todo[]>({ query: { done: false, tag: ['a', 'b'] } });
  await api.todosIdPut({ id: todo.id }, { done: true }, { headers: { 'if-match': '1' } });
  await api.todosIdGet({ id: '1' }, { signal: new AbortController().signal });
  await api.todosIdDelete({ id: 1 });
  // @ts-expect-error a path parameter is missing
  await api.todosIdGet({});
  // @ts-expect-error a path parameter is misnamed
  await api.todosIdGet({ todo: 1 });
  // @ts-expect-error GET takes no body
  await api.todosGet({ title: 'x' }, {});
  // @ts-expect-error no route is registered for this
  await api.todosPatch();
  try {
    await api.statsGet();
  } catch (error) {
    if (error instanceof NotFoundError) return error.code ?? error.message;
    if (error instanceof ApiError) return String(error.status);
  }
  return list.map((t) => t.title).join();
}
`;

describe('the generated client.js against chalice local, from Node', () => {
  let local: ChaliceLocal;
  let client: typeof import('../../../examples/sdk-page/web/sdk/client.js');
  beforeAll(async () => {
    local = await startChaliceLocal(project, ['--no-autoreload', '--api-key', 'sekret']);
    client = (await import(pathToFileURL(join(out, 'client.js')).href)) as typeof client;
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('creates, lists with a query string, updates, reads and deletes', async () => {
    const api = client.createClient({ baseUrl: `${local.url}/` });
    const created = await api.todosPost<Todo>({ title: 'buy milk' });
    expect(created).toEqual({ id: 1, title: 'buy milk', done: false });
    await api.todosPost({ title: 'walk dog' });
    await api.todosIdPut({ id: created.id }, { done: true });
    expect(await api.todosGet({ query: { done: true } })).toEqual([{ id: 1, title: 'buy milk', done: true }]);
    expect(await api.todosIdGet({ id: 2 })).toEqual({ id: 2, title: 'walk dog', done: false });
    expect(await api.todosIdDelete({ id: 2 })).toBeUndefined();
    expect(await api.todosGet()).toEqual([{ id: 1, title: 'buy milk', done: true }]);
  });

  it.each([
    ['a NotFoundError', (api: ReturnType<typeof client.createClient>) => api.todosIdGet({ id: 99 }), 'NotFoundError', 404, 'NotFoundError', 'No todo 99'],
    ['a BadRequestError', (api: ReturnType<typeof client.createClient>) => api.todosPost({ nope: true }), 'BadRequestError', 400, 'BadRequestError', 'Send a JSON body like {"title": "buy milk"}'],
    ["API Gateway's own 403 (no API key)", (api: ReturnType<typeof client.createClient>) => api.statsGet(), 'ApiError', 403, undefined, 'Forbidden'],
    ["API Gateway's own 403 (no such route)", (api: ReturnType<typeof client.createClient>) => api.send('GET', '/nowhere'), 'ApiError', 403, undefined, 'Missing Authentication Token'],
  ])('surfaces %s as a typed exception with the status, Code and Message', async (_case, call, name, status, code, message) => {
    const api = client.createClient({ baseUrl: local.url });
    const error = await call(api).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiError);
    expect(error).toBeInstanceOf(name === 'ApiError' ? client.ApiError : client.ERROR_CLASSES[name]);
    expect(error).toMatchObject({ name, status, code, message });
    expect(client.isApiError(error)).toBe(true);
  });

  it('sends the API key it is given (x-api-key)', async () => {
    const api = client.createClient({ baseUrl: local.url, apiKey: 'sekret' });
    await expect(api.statsGet()).resolves.toMatchObject({ total: expect.any(Number), done: expect.any(Number) });
  });
});
