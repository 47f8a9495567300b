import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import * as valibotJson from '@valibot/to-json-schema';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  generateOpenApi31Document,
  generateProjectOpenApi,
  standardSchemaToJsonSchema,
  toComponentSchema,
  type ModuleLoader,
} from '../../../src/build/openapi31/index.js';
import { findRestApi } from '../../../src/build/openapi/index.js';
import type { StandardSchemaV1 } from '../../../src/runtime/index.js';
import { fixtureGraph } from '../graph/fixture-graph.js';
import { expectGolden } from '../templates/golden.js';

const SCHEMAS_API_DIR = fileURLToPath(new URL('../../fixtures/projects/schemas-api/', import.meta.url));

async function projectDocument(stage: string): Promise<{ document: any; warnings: string[] }> {
  const warnings: string[] = [];
  const document = await generateProjectOpenApi({
    projectDir: SCHEMAS_API_DIR,
    stage,
    onMessage: (m) => (m.kind === 'warning' ? warnings.push(m.text) : undefined),
  });
  return { document, warnings };
}

/** Valid OpenAPI 3.1 (a maintained validator), and every $ref resolves. */
async function expectValidOpenApi31(document: unknown): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as Parameters<Validator['validate']>[0]);
  expect(result.errors ?? [], 'OpenAPI validation errors').toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  for (const ref of refsOf(document)) expect(resolvePointer(document, ref), `unresolved ${ref}`).toBeDefined();
}

function refsOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsOf(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refsOf(child, found);
    }
  }
  return found;
}

function resolvePointer(document: unknown, ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

describe('the OpenAPI validator used here', () => {
  it('rejects a broken document (so passing it means something)', async () => {
    const broken = { openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/x': { get: { responses: 'nope' } } } };
    const result = await new Validator().validate(broken as Parameters<Validator['validate']>[0]);
    expect(result.valid).toBe(false);
  });
});

describe('chalice openapi document (schemas-api fixture)', () => {
  it.each(['dev', 'prod'])('matches the golden document for stage %s and is valid OpenAPI 3.1', async (stage) => {
    const { document } = await projectDocument(stage);
    expectGolden(`openapi31/schemas-api-${stage}.json`, document);
    await expectValidOpenApi31(document);
  });

  it('warns once, naming the route, about a validator without JSON Schema, and allows any value there', async () => {
    const { document, warnings } = await projectDocument('dev');
    expect(warnings).toEqual([
      `Route POST /even (view even): no JSON Schema for its body schema (the "hand-written" schema offers no JSON Schema ('~standard.jsonSchema' or toJsonSchema())); the OpenAPI document allows any value there`,
    ]);
    expect(document.components.schemas.EvenBody).toEqual({});
  });

  it('describes bodies and queries by their input side and responses by their output side', async () => {
    const { document } = await projectDocument('dev');
    const { schemas } = document.components;
    // role has a default: optional to send, always present in what comes back.
    expect(schemas.CreateUserBody.required).toEqual(['name', 'email']);
    expect(schemas.CreateUserResponse.required).toEqual(['id', 'name', 'role']);
    expect(document.paths['/users'].get.parameters.map((p: any) => [p.name, p.in, p.required])).toEqual([
      ['limit', 'query', false],
      ['tag', 'query', false],
    ]);
    expect(document.paths['/items'].get.parameters.map((p: any) => [p.name, p.required])).toEqual([
      ['page', false],
      ['q', true],
    ]);
  });

  it('shares one component between routes using the same validator', async () => {
    const { document } = await projectDocument('dev');
    expect(document.paths['/users/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateUserResponse' });
  });

  it('points a recursive schema at its own component', async () => {
    const { document } = await projectDocument('dev');
    expect(document.components.schemas.PutCategoriesBody.properties.children.items).toEqual({ $ref: '#/components/schemas/PutCategoriesBody' });
  });

  it('turns every kind of authorizer and API keys into security schemes with the route scopes', async () => {
    const { document } = await projectDocument('dev');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['api_key', 'external', 'shoppers', 'sigv4', 'token_auth']);
    expect(document.components.securitySchemes.api_key).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(document.paths['/users/{id}'].get.security).toEqual([{ shoppers: ['users/read'] }]);
    expect(document.paths['/users'].get.security).toEqual([{ api_key: [] }]);
  });

  it('lists the custom domain and the execute-api URL of the stage as servers', async () => {
    const { document } = await projectDocument('prod');
    expect(document.servers.map((s: any) => s.url)).toEqual(['https://api.example.com/shop', 'https://{restApiId}.execute-api.{region}.amazonaws.com/v1']);
  });
});

describe('OpenAPI 3.1 of an app without schemas (full fixture)', () => {
  it('matches the golden document and is valid', async () => {
    const graph = await fixtureGraph('full');
    const document = generateOpenApi31Document(findRestApi(graph)!, { schemasOf: () => undefined, servers: [{ url: '/api' }] });
    expectGolden('openapi31/full-dev.json', document);
    await expectValidOpenApi31(document);
  });
});

describe('JSON Schema from a Standard Schema validator', () => {
  const noModules: ModuleLoader = async () => undefined;
  const withValibot: ModuleLoader = async (name) => (name === '@valibot/to-json-schema' ? (valibotJson as Record<string, unknown>) : undefined);
  const hand = (extra: object = {}): StandardSchemaV1 => ({ '~standard': { version: 1, vendor: 'hand', validate: (value) => ({ value }), ...extra } });

  it.each([
    ['zod 4 (Standard JSON Schema)', z.object({ a: z.string() }), noModules, { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
    ['valibot through @valibot/to-json-schema', v.object({ a: v.string() }), withValibot, { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
    ['valibot wrapped with toStandardJsonSchema', valibotJson.toStandardJsonSchema(v.object({ a: v.string() })), noModules, { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
    ['a toJsonSchema() method (arktype)', Object.assign(hand(), { toJsonSchema: () => ({ type: 'string' }) }), noModules, { type: 'string' }],
    ['a Standard JSON Schema converter', hand({ jsonSchema: { input: () => ({ type: 'number' }), output: () => ({ type: 'string' }) } }), noModules, { type: 'number' }],
  ])('converts %s', async (_name, schema, load, expected) => {
    const result = await standardSchemaToJsonSchema(schema, 'input', load);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.schema).toMatchObject(expected);
  });

  it.each([
    ['valibot without the converter installed', v.string(), /install it in the project/],
    ['an unknown library', hand(), /"hand" schema offers no JSON Schema/],
    ['a converter that throws', hand({ jsonSchema: { input: () => { throw new Error('Transforms cannot be represented\nin JSON Schema'); } } }), /conversion failed: Transforms cannot be represented$/],
    ['a converter that returns a string', hand({ jsonSchema: { input: () => 'nope' } }), /returned string, not a schema object/],
  ])('says why there is no JSON Schema: %s', async (_name, schema, reason) => {
    const result = await standardSchemaToJsonSchema(schema, 'input', noModules);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('moves a schema into a component: drops $schema and re-points local references', () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: { N: { type: 'string' } }, properties: { n: { $ref: '#/$defs/N' }, self: { $ref: '#' }, ext: { $ref: 'https://x/y.json' } } };
    expect(toComponentSchema(schema, 'Thing')).toEqual({
      $defs: { N: { type: 'string' } },
      properties: { n: { $ref: '#/components/schemas/Thing/$defs/N' }, self: { $ref: '#/components/schemas/Thing' }, ext: { $ref: 'https://x/y.json' } },
    });
  });
});
