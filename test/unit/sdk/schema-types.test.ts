/**
 * The typed client of a schema-first app: body, query and response types come from the routes'
 * validators (JSON Schema → TypeScript, json-schema-types), golden-checked on the schemas-api
 * fixture; the converter itself is table-driven over the JSON Schema subset validators emit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSchemaTypeDeclarations } from '../../../src/build/sdk/json-schema-types.js';
import { generateTypeScriptSdk } from '../../../src/build/sdk/typescript-sdk.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { expectGoldenText } from './golden-text.js';

const SCHEMAS_API = fileURLToPath(new URL('../../fixtures/projects/schemas-api/', import.meta.url));
afterAll(removeTempDirs);

describe('JSON Schema → TypeScript type', () => {
  it.each<[string, Record<string, unknown> | boolean, string]>([
    ['string', { type: 'string', minLength: 1 }, 'string'],
    ['integer', { type: 'integer' }, 'number'],
    ['nullable type list', { type: ['string', 'null'] }, 'string | null'],
    ['OpenAPI 3.0 nullable', { type: 'number', nullable: true }, 'number | null'],
    ['enum', { enum: ['a', 'b', 1, null] }, '"a" | "b" | 1 | null'],
    ['const', { const: 'x' }, '"x"'],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, 'string | string[]'],
    ['oneOf in an array', { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } }, '(string | number)[]'],
    ['allOf', { allOf: [{ $ref: '#/$defs/A' }, { type: 'object', properties: { b: { type: 'string' } } }] }, 'TA & {\n  b?: string;\n}'],
    ['tuple', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }, '[string, number]'],
    ['object: required, optional, quoted keys', { type: 'object', properties: { b: { type: 'boolean' }, 'a-b': { type: 'string' } }, required: ['b'] }, '{\n  "a-b"?: string;\n  b: boolean;\n}'],
    ['record', { type: 'object', additionalProperties: { type: 'number' } }, 'Record<string, number>'],
    ['open object without properties', { type: 'object' }, 'Record<string, unknown>'],
    ['properties and a typed rest', { type: 'object', properties: { a: { type: 'number' } }, required: ['a'], additionalProperties: { type: 'number' } }, '{\n  a: number;\n  [key: string]: number;\n}'],
    ['self reference', { type: 'object', properties: { kids: { type: 'array', items: { $ref: '#' } } } }, '{\n  kids?: T[];\n}'],
    ['a reference it cannot follow', { $ref: 'https://example.com/x.json' }, 'unknown'],
    ['no constraints', {}, 'unknown'],
    ['false', false, 'never'],
  ])('%s', (_case, schema, expected) => {
    const withDefs = typeof schema === 'object' && JSON.stringify(schema).includes('#/$defs/A') ? { ...schema, $defs: { A: { type: 'string' } } } : schema;
    expect(jsonSchemaTypeDeclarations('T', withDefs)[0]).toEqual({ name: 'T', text: `export type T = ${expected};\n` });
  });

  it('declares $defs as their own aliases, named after the schema', () => {
    const decls = jsonSchemaTypeDeclarations('Tree', { $ref: '#/$defs/node', $defs: { node: { type: 'object', properties: { c: { type: 'array', items: { $ref: '#/$defs/node' } } } } } });
    expect(decls.map((d) => d.text)).toEqual(['export type Tree = TreeNode;\n', 'export type TreeNode = {\n  c?: TreeNode[];\n};\n']);
  });
});

describe('chalice generate-sdk --typescript of a schema-first app', () => {
  it('types bodies, queries and responses from the route schemas (golden test/golden/sdk/schemas-api.client.ts)', async () => {
    const warnings: string[] = [];
    const out = join(tempDir(), 'sdk');
    await generateTypeScriptSdk({ projectDir: SCHEMAS_API, outDir: out, onMessage: (m) => (m.kind === 'warning' ? warnings.push(m.text) : undefined) });
    expectGoldenText('sdk/schemas-api.client.ts', readFileSync(join(out, 'client.ts'), 'utf8'));
    expect(warnings).toEqual([expect.stringMatching(/^Route POST \/even \(view even\): no JSON Schema for its body schema .*; the typed client leaves that type to the caller$/)]);
  });
});
