/**
 * JSON Schema from a route's Standard Schema validator, for the OpenAPI 3.1 document. Standard
 * Schema v1 itself carries no JSON Schema, so each validator is asked the way it offers one,
 * first match wins:
 *
 *   1. Standard JSON Schema (`schema['~standard'].jsonSchema.input/output({ target })`):
 *      zod ≥4.2, arktype, valibot schemas wrapped with `toStandardJsonSchema`, and any
 *      library implementing https://standardschema.dev/json-schema.
 *   2. A `toJsonSchema()` method on the schema (arktype's own API).
 *   3. By vendor, through a converter the PROJECT has installed (resolved from its
 *      node_modules, never a dependency of chalice-ts): valibot → `@valibot/to-json-schema`,
 *      zod 4.0/4.1 → `zod`'s `toJSONSchema`.
 *
 * Otherwise (zod 3, an unknown library, a conversion that throws, e.g. for a transform) the
 * result says why, and the generator uses `{}` and warns naming the route.
 *
 * Request bodies and query strings use the schema's INPUT side (what a client sends);
 * responses its OUTPUT side (what the client receives).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type JsonSchema = Record<string, unknown>;
export type SchemaSide = 'input' | 'output';

/** The JSON Schema, or why there is none. */
export type JsonSchemaResult = { readonly ok: true; readonly schema: JsonSchema } | { readonly ok: false; readonly reason: string };

/** Loads a package the way the user's project would (undefined when it is not installed). */
export type ModuleLoader = (specifier: string) => Promise<Record<string, unknown> | undefined>;

/** OpenAPI 3.1 schemas are JSON Schema draft 2020-12. */
const TARGET = 'draft-2020-12';

interface SchemaLike {
  readonly '~standard': {
    readonly vendor?: unknown;
    readonly jsonSchema?: { readonly input?: unknown; readonly output?: unknown };
  };
  readonly toJsonSchema?: unknown;
}

export async function standardSchemaToJsonSchema(schema: unknown, side: SchemaSide, load: ModuleLoader): Promise<JsonSchemaResult> {
  const s = schema as SchemaLike;
  const props = s['~standard'];
  const vendor = typeof props.vendor === 'string' ? props.vendor : 'unknown';
  try {
    const convert = props.jsonSchema?.[side];
    if (typeof convert === 'function') return jsonObject((convert as (o: { target: string }) => unknown).call(props.jsonSchema, { target: TARGET }), vendor);
    if (typeof s.toJsonSchema === 'function') return jsonObject((s.toJsonSchema as () => unknown).call(schema), vendor);
    if (vendor === 'valibot') {
      const converter = await load('@valibot/to-json-schema');
      if (typeof converter?.toJsonSchema !== 'function') {
        return { ok: false, reason: 'valibot schemas need @valibot/to-json-schema: install it in the project (npm install -D @valibot/to-json-schema)' };
      }
      return jsonObject((converter.toJsonSchema as (s: unknown, o: object) => unknown)(schema, { target: TARGET, typeMode: side, errorMode: 'throw' }), vendor);
    }
    if (vendor === 'zod') {
      const zod = await load('zod');
      const toJSONSchema = zod?.toJSONSchema ?? (zod?.z as Record<string, unknown> | undefined)?.toJSONSchema;
      if (typeof toJSONSchema !== 'function' || !('_zod' in (schema as object))) {
        return { ok: false, reason: 'zod offers JSON Schema from version 4 on: upgrade zod to 4' };
      }
      return jsonObject((toJSONSchema as (s: unknown, o: object) => unknown)(schema, { target: TARGET, io: side }), vendor);
    }
    return { ok: false, reason: `the ${JSON.stringify(vendor)} schema offers no JSON Schema ('~standard.jsonSchema' or toJsonSchema())` };
  } catch (error) {
    return { ok: false, reason: `the ${vendor} JSON Schema conversion failed: ${oneLine(error)}` };
  }
}

function jsonObject(value: unknown, vendor: string): JsonSchemaResult {
  if (typeof value === 'boolean') return { ok: true, schema: value ? {} : { not: {} } };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `the ${vendor} JSON Schema conversion returned ${Array.isArray(value) ? 'an array' : typeof value}, not a schema object` };
  }
  // A round trip drops functions and undefined values and fails on cycles (caught above).
  return { ok: true, schema: JSON.parse(JSON.stringify(value)) as JsonSchema };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Resolves packages from `projectDir`'s node_modules, like the app's own imports. */
export function projectModuleLoader(projectDir: string): ModuleLoader {
  const require = createRequire(join(projectDir, 'package.json'));
  const cache = new Map<string, Promise<Record<string, unknown> | undefined>>();
  return (specifier) => {
    let loaded = cache.get(specifier);
    if (loaded === undefined) {
      loaded = (async () => {
        let file: string;
        try {
          file = require.resolve(specifier);
        } catch {
          return undefined;
        }
        return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      })();
      cache.set(specifier, loaded);
    }
    return loaded;
  };
}

/**
 * `schema` moved to `#/components/schemas/<name>`: the root `$schema` goes (the document's
 * dialect applies) and every local `$ref` (`#`, `#/$defs/X`, `#/definitions/X`) is re-pointed
 * into the component, since inside an OpenAPI document `#` means the document itself.
 */
export function toComponentSchema(schema: JsonSchema, name: string): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  const base = `#/components/schemas/${name}`;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = key === '$ref' && typeof child === 'string' && child.startsWith('#') ? `${base}${child.slice(1)}` : walk(child);
    }
    return out;
  };
  return walk(rest) as JsonSchema;
}
