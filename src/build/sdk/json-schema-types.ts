/**
 * JSON Schema → TypeScript type text, for the typed client's body, query and response types.
 *
 * A small converter of our own rather than json-schema-to-typescript: the schemas come from
 * route validators (zod, valibot, arktype…) and use a small subset — objects with `required`
 * and `additionalProperties`, arrays and tuples, `enum`/`const`, `anyOf`/`oneOf`/`allOf`,
 * primitives, `nullable`, and local `$ref`s (`#`, `#/$defs/X`) for recursion — and the output
 * is pasted into a generated file that has to stay byte-for-byte deterministic and free of
 * a formatter run. Keywords that constrain values without changing their type (pattern,
 * minimum, format…) are ignored; anything not understood becomes `unknown`, never an error.
 *
 * Each route schema becomes one `export type Name = …`, and each of its `$defs` one more
 * (`Name` + the def's name), so recursive schemas become recursive type aliases.
 */
export type JsonSchemaLike = Record<string, unknown> | boolean;

export interface NamedTypeText {
  readonly name: string;
  readonly text: string;
}

/** The type declarations for `schema` named `name` (its `$defs` follow it). */
export function jsonSchemaTypeDeclarations(name: string, schema: JsonSchemaLike): NamedTypeText[] {
  const defs = typeof schema === 'object' ? { ...asRecord(schema.definitions), ...asRecord(schema.$defs) } : {};
  const defNames = new Map(Object.keys(defs).sort().map((key) => [key, `${name}${identifierPart(key)}`]));
  const refName = (ref: string): string | undefined => {
    if (ref === '#') return name;
    const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
    return match === null ? undefined : defNames.get(decodePointer(match[1]));
  };
  const out: NamedTypeText[] = [{ name, text: `export type ${name} = ${typeText(schema, refName, '')};\n` }];
  for (const [key, defName] of defNames) out.push({ name: defName, text: `export type ${defName} = ${typeText(defs[key] as JsonSchemaLike, refName, '')};\n` });
  return out;
}

/** Whether a schema says nothing about its value (`{}`, `true`): such a route keeps the caller-typed signature. */
export function isAnySchema(schema: JsonSchemaLike): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  return Object.keys(schema).every((key) => ANNOTATIONS.has(key));
}

/** Whether an object schema requires at least one property (the caller then has to pass it). */
export function requiresProperties(schema: JsonSchemaLike): boolean {
  return typeof schema === 'object' && Array.isArray(schema.required) && schema.required.length > 0;
}

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'definitions', 'title', 'description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly']);

function typeText(schema: JsonSchemaLike, refName: (ref: string) => string | undefined, indent: string): string {
  if (schema === true) return 'unknown';
  if (schema === false) return 'never';
  const nullable = schema.nullable === true;
  const base = baseTypeText(schema, refName, indent);
  return nullable && base !== 'unknown' ? `${wrap(base)} | null` : base;
}

function baseTypeText(schema: Record<string, unknown>, refName: (ref: string) => string | undefined, indent: string): string {
  if (typeof schema.$ref === 'string') return refName(schema.$ref) ?? 'unknown';
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.length === 0 ? 'never' : union(schema.enum.map(literal));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const own = withoutKeys(schema, key);
      const parts = options.map((option) => typeText(option as JsonSchemaLike, refName, indent));
      const unionText = union(parts);
      return isAnySchema(own) ? unionText : `${wrap(baseTypeText(own, refName, indent))} & ${wrap(unionText)}`;
    }
  }
  if (Array.isArray(schema.allOf)) {
    const own = withoutKeys(schema, 'allOf');
    const parts = schema.allOf.map((part) => wrap(typeText(part as JsonSchemaLike, refName, indent)));
    if (!isAnySchema(own)) parts.unshift(wrap(baseTypeText(own, refName, indent)));
    return parts.length === 0 ? 'unknown' : parts.join(' & ');
  }
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : typeof schema.type === 'string' ? [schema.type] : inferredTypes(schema);
  if (types.length === 0) return 'unknown';
  return union(types.map((type) => singleTypeText(String(type), schema, refName, indent)));
}

function inferredTypes(schema: Record<string, unknown>): string[] {
  if ('properties' in schema || 'additionalProperties' in schema || 'required' in schema) return ['object'];
  if ('items' in schema || 'prefixItems' in schema) return ['array'];
  return [];
}

function singleTypeText(type: string, schema: Record<string, unknown>, refName: (ref: string) => string | undefined, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return arrayText(schema, refName, indent);
    case 'object':
      return objectText(schema, refName, indent);
    default:
      return 'unknown';
  }
}

function arrayText(schema: Record<string, unknown>, refName: (ref: string) => string | undefined, indent: string): string {
  const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined;
  if (tuple !== undefined) {
    const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
    const parts = tuple.map((item) => typeText(item as JsonSchemaLike, refName, indent));
    if (rest !== undefined && rest !== false) parts.push(`...${wrap(typeText(rest as JsonSchemaLike, refName, indent))}[]`);
    return `[${parts.join(', ')}]`;
  }
  const items = schema.items === undefined ? 'unknown' : typeText(schema.items as JsonSchemaLike, refName, indent);
  return `${wrap(items)}[]`;
}

function objectText(schema: Record<string, unknown>, refName: (ref: string) => string | undefined, indent: string): string {
  const properties = asRecord(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const names = Object.keys(properties).sort();
  const extra = schema.additionalProperties;
  const inner = `${indent}  `;
  const lines = names.map((key) => `${inner}${propertyKey(key)}${required.has(key) ? '' : '?'}: ${typeText(properties[key] as JsonSchemaLike, refName, inner)};`);
  // Open objects (no additionalProperties) get no index signature, so a misspelt field is a compile error.
  if (typeof extra === 'object' && extra !== null && !isAnySchema(extra as JsonSchemaLike)) {
    const value = typeText(extra as JsonSchemaLike, refName, inner);
    if (names.length === 0) return `Record<string, ${value}>`;
    lines.push(`${inner}[key: string]: ${value}${names.some((key) => !required.has(key)) ? ' | undefined' : ''};`);
  } else if (names.length === 0) {
    return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function union(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.length === 1 ? unique[0] : unique.map(wrap).join(' | ');
}

/** Parenthesises unions and intersections where they would otherwise bind wrongly (`(A | B)[]`); extra parentheses are harmless. */
function wrap(text: string): string {
  return text.includes(' | ') || text.includes(' & ') ? `(${text})` : text;
}

function literal(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return 'unknown';
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

function identifierPart(key: string): string {
  const part = key.replace(/[^A-Za-z0-9_$]+/g, '_');
  return part.charAt(0).toUpperCase() + part.slice(1);
}

function decodePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function withoutKeys(schema: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = schema;
  return rest;
}
