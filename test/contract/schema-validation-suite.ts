/**
 * Schema-first routes as a client sees them, written once and run against the test client
 * and `chalice local` over a socket (same shape as the HTTP behaviour suite; the app is
 * test/fixtures/apps/schemas/app.ts, whose routes use zod and valibot).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpTarget } from './http-behaviour-suite.js';

export const SCHEMAS_APP_DIR = fileURLToPath(new URL('../fixtures/apps/schemas/', import.meta.url));

interface Answer {
  readonly status: number;
  readonly json: any;
  header(name: string): string | undefined;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };

export function defineSchemaValidationSuite(name: string, makeTarget: () => Promise<HttpTarget> | HttpTarget): void {
  describe(`schema-first routes: ${name}`, () => {
    let target: HttpTarget | undefined;
    beforeAll(async () => {
      target = await makeTarget();
    });
    afterAll(async () => {
      await target?.close();
    });

    const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = JSON_TYPE): Promise<Answer> => {
      if (!target) throw new Error('the schema suite target did not start');
      const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
      const response = await target.request(method, path, { headers: body === undefined ? {} : headers, body: bytes });
      const text = response.body.toString('utf8');
      const headerValues = new Map(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v === undefined ? undefined : [v].flat().join(', ')]));
      return { status: response.statusCode, json: text === '' ? undefined : JSON.parse(text), header: (h) => headerValues.get(h.toLowerCase()) };
    };

    describe('request bodies', () => {
      it.each([
        ['zod', '/users', { name: 'Ada', age: 36 }, { created: { name: 'Ada', age: 36 }, sameAsCurrent: true }],
        ['valibot (defaults applied)', '/v/items', { sku: 'ABC-1' }, { added: { sku: 'ABC-1', count: 1 } }],
      ])('a valid body reaches the view as the schema output (%s)', async (_lib, path, body, expected) => {
        const r = await send('POST', path, body);
        expect(r.status).toBe(200);
        expect(r.json).toEqual(expected);
      });

      it.each([
        ['zod: wrong types', '/users', { name: '', age: 1.5 }, /^Invalid request body: name: .+, age: .+$/],
        ['zod: not an object (no path)', '/users', [1], /^Invalid request body: Invalid input: expected object/],
        ['valibot: pattern', '/v/items', { sku: 'nope' }, /^Invalid request body: sku: .+/],
        ['valibot: missing key', '/v/items', {}, /^Invalid request body: sku: .+/],
      ])('an invalid body answers 400 BadRequestError naming each issue, before the view (%s)', async (_case, path, body, message) => {
        const r = await send('POST', path, body);
        expect(r.status).toBe(400);
        expect(r.json.Code).toBe('BadRequestError');
        expect(r.json.Message).toMatch(message);
        expect(Object.keys(r.json).sort()).toEqual(['Code', 'Message']);
      });

      it('says a body without a JSON Content-Type is not read as JSON', async () => {
        const r = await send('POST', '/users', { name: 'Ada' }, {});
        expect(r.status).toBe(400);
        expect(r.json.Message).toMatch(/Content-Type: application\/json/);
      });

      it('answers malformed JSON with the usual 400 Error Parsing JSON', async () => {
        const r = await send('POST', '/users', '{nope');
        expect(r.status).toBe(400);
        expect(r.json).toEqual({ Code: 'BadRequestError', Message: 'Error Parsing JSON' });
      });

      it('keeps a message about thousands of issues short', async () => {
        const r = await send('POST', '/numbers', Array.from({ length: 5000 }, (_, i) => `n${i}`));
        expect(r.status).toBe(400);
        expect(r.json.Message).toMatch(/\[0\]: .+, \[9\]: .+, … and 4990 more issues$/);
        expect(r.json.Message.length).toBeLessThan(2000);
      });

      it('runs async validators (a promise-returning refinement) and keeps app.currentRequest for the view', async () => {
        expect((await send('POST', '/claims', { code: 'free' })).json).toEqual({ claimed: 'free', currentRequestKept: true });
        const taken = await send('POST', '/claims', { code: 'taken' });
        expect(taken.status).toBe(400);
        expect(taken.json).toEqual({ Code: 'BadRequestError', Message: 'Invalid request body: code: is already taken' });
      });

      it('adds the route CORS headers to a 400', async () => {
        const r = await send('POST', '/cors-users', { name: 1 });
        expect(r.status).toBe(400);
        expect(r.header('access-control-allow-origin')).toBe('https://example.com');
      });
    });

    describe('query strings', () => {
      it.each([
        ['/users', { query: { limit: 10 } }],
        ['/users?limit=5', { query: { limit: 5 } }],
        ['/users?limit=5&tag=a', { query: { limit: 5, tag: 'a' } }],
        ['/users?tag=a&tag=b', { query: { limit: 10, tag: ['a', 'b'] } }],
      ])('a valid query reaches the view as the schema output: %s', async (path, expected) => {
        const r = await send('GET', path);
        expect(r.status).toBe(200);
        expect(r.json).toEqual(expected);
      });

      it.each([
        ['/users?limit=0', /^Invalid query string: limit: .+/],
        ['/users?limit=abc', /^Invalid query string: limit: .+/],
        ['/v/search', /^Invalid query string: q: .+/],
        ['/v/search?q=a', /^Invalid query string: q: .+/],
      ])('an invalid query answers 400: %s', async (path, message) => {
        const r = await send('GET', path);
        expect(r.status).toBe(400);
        expect(r.json.Code).toBe('BadRequestError');
        expect(r.json.Message).toMatch(message);
      });

      it('reports body and query problems together', async () => {
        const r = await send('POST', '/both?limit=0', { name: '' });
        expect(r.status).toBe(400);
        expect(r.json.Message).toMatch(/^Invalid request body: name: .+; Invalid query string: limit: .+$/);
      });
    });

    describe('responses', () => {
      it('sends the response schema output (undeclared fields dropped)', async () => {
        const r = await send('GET', '/profile');
        expect(r.status).toBe(200);
        expect(r.json).toEqual({ id: 'u1', name: 'Ada' });
      });

      it('checks the body of a 2xx Response, keeping its status and headers', async () => {
        const r = await send('POST', '/profile-created');
        expect(r.status).toBe(201);
        expect(r.header('x-kind')).toBe('created');
        expect(r.json).toEqual({ id: 'u2', name: 'Bob' });
      });

      it('answers 500 when the view returns something the response schema rejects', async () => {
        const r = await send('GET', '/broken-profile');
        expect(r.status).toBe(500);
        expect(r.json).toEqual({ Code: 'InternalServerError', Message: 'An internal server error occurred.' });
      });

      it('leaves error responses alone', async () => {
        const r = await send('GET', '/missing-profile');
        expect(r.status).toBe(404);
        expect(r.json).toEqual({ Code: 'NotFoundError', Message: 'no profile' });
      });
    });
  });
}
