import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { Chalice, Response, type QueryObject, type Request, type StandardSchemaV1 } from '../../src/runtime/index.js';

const User = z.object({ name: z.string(), age: z.number().int().optional() });
const Paging = z.object({ limit: z.coerce.number().default(10), tag: z.array(z.string()).optional() });
const ValibotUser = v.object({ name: v.string(), admin: v.optional(v.boolean(), false) });

describe('schema-first route types', () => {
  it('types request.jsonBody from a zod body schema, keeping params from the path', () => {
    const app = new Chalice({ appName: 'types' });
    app.route('/orgs/{org}/users', { methods: ['POST'], body: User }, function createUser(params, request) {
      expectTypeOf(params).toEqualTypeOf<{ org: string }>();
      expectTypeOf(request.jsonBody).toEqualTypeOf<{ name: string; age?: number | undefined }>();
      expectTypeOf(request.query).toEqualTypeOf<QueryObject>();
      return { created: request.jsonBody.name };
    });
  });

  it('types request.jsonBody from a valibot body schema (the schema output, defaults applied)', () => {
    const app = new Chalice({ appName: 'types' });
    app.route('/users', { methods: ['PUT'], body: ValibotUser }, function putUser(_params, request) {
      expectTypeOf(request.jsonBody).toEqualTypeOf<{ name: string; admin: boolean }>();
      return null;
    });
  });

  it('types request.query from the query schema output (coerced and defaulted values)', () => {
    const app = new Chalice({ appName: 'types' });
    app.route('/users', { query: Paging }, function listUsers(_params, request) {
      expectTypeOf(request.query).toEqualTypeOf<{ limit: number; tag?: string[] | undefined }>();
      expectTypeOf(request.jsonBody).toBeUnknown();
      return [];
    });
  });

  it('leaves routes without schemas exactly as before', () => {
    const app = new Chalice({ appName: 'types' });
    app.route('/plain/{id}', { methods: ['POST'] }, function plain(params, request) {
      expectTypeOf(params).toEqualTypeOf<{ id: string }>();
      expectTypeOf(request).toEqualTypeOf<Request>();
      expectTypeOf(request.jsonBody).toBeUnknown();
      return request.jsonBody;
    });
  });

  it('checks what a view returns against the response schema input', () => {
    const app = new Chalice({ appName: 'types' });
    app.route('/me', { response: User }, function me() {
      return { name: 'ada' };
    });
    app.route('/me2', { response: User }, async function me2() {
      return new Response({ body: { name: 'ada' }, statusCode: 201 });
    });
    // @ts-expect-error: name must be a string
    app.route('/me3', { response: User }, function me3() {
      return { name: 42 };
    });
  });

  it('accepts any Standard Schema implementation, even a hand-written one', () => {
    const positive: StandardSchemaV1<unknown, number> = {
      '~standard': {
        version: 1,
        vendor: 'hand',
        validate: (value) => (typeof value === 'number' && value > 0 ? { value } : { issues: [{ message: 'expected a positive number' }] }),
      },
    };
    const app = new Chalice({ appName: 'types' });
    app.route('/n', { methods: ['POST'], body: positive }, function n(_params, request) {
      expectTypeOf(request.jsonBody).toEqualTypeOf<number>();
      return request.jsonBody + 1;
    });
  });

  it('still rejects misspelled options and unknown methods next to a schema', () => {
    const app = new Chalice({ appName: 'types' });
    // @ts-expect-error: bodySchema is not a route option (body is)
    app.route('/', { bodySchema: User, name: 'bad' }, () => ({}));
    // @ts-expect-error: 'FETCH' is not an HTTP method
    app.route('/', { methods: ['FETCH'], body: User, name: 'bad2' }, () => ({}));
    // @ts-expect-error: a body schema must implement Standard Schema
    app.route('/', { body: { parse: () => 1 }, name: 'bad3' }, () => ({}));
  });
});
