/**
 * The OpenAPI 3.1 document of the REST API for its clients (documentation, SDK and client
 * generators): every route as an operation, with the JSON Schemas of its `body`, `query` and
 * `response` validators, authorizers and API keys as security schemes.
 *
 * Not the document API Gateway imports (that is `build/openapi`, Swagger 2.0 with integration
 * extensions, unchanged by this module): no integrations, no CORS preflight mocks.
 *
 * Pure: the route schemas arrive already converted (see json-schema.ts), so the same inputs
 * always give the same document, with keys sorted recursively.
 *
 *   components.schemas   <View>Body / <View>Query / <View>Response per route schema (the
 *                        view name in PascalCase, of the first route using it: routes that
 *                        share a validator share its component; a different schema under a
 *                        name already taken gets a number), plus ChaliceError for 400s.
 *   paths.<p>.<method>   operationId (the view name; with the method when a view serves
 *                        several operations), path parameters, one query parameter per
 *                        property of the query schema, requestBody, responses, security.
 */
import type { RestApiResource, RestRoute } from '../../graph/index.js';
import { sortKeysDeep } from '../../project/index.js';
import { toComponentSchema, type JsonSchema } from './json-schema.js';
import { API_KEY_SCHEME, API_KEY_SCHEME_NAME, authorizerToSecurityScheme } from './security-schemes.js';

export type OpenApi31Document = Record<string, unknown>;

/** A route's schemas as JSON Schema (each already converted from its validator). */
export interface RouteJsonSchemas {
  readonly body?: JsonSchema;
  readonly query?: JsonSchema;
  readonly response?: JsonSchema;
}

export interface OpenApi31Server {
  readonly url: string;
  readonly description?: string;
  readonly variables?: Readonly<Record<string, { readonly default: string; readonly description?: string }>>;
}

export interface OpenApi31Options {
  /** The route's schemas, if it declares any. */
  readonly schemasOf: (route: RestRoute) => RouteJsonSchemas | undefined;
  readonly servers: readonly OpenApi31Server[];
  /** `info.version`. @default '1.0' */
  readonly version?: string;
}

/** Chalice's `{"Code", "Message"}` error body. */
export const ERROR_SCHEMA_NAME = 'ChaliceError';
const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { Code: { type: 'string' }, Message: { type: 'string' } },
  required: ['Code', 'Message'],
};

export function generateOpenApi31Document(api: RestApiResource, options: OpenApi31Options): OpenApi31Document {
  const components = new ComponentNames();
  const securitySchemes: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = operationIdsOf(api.routes);
  let usesErrorSchema = false;

  api.routes.forEach((route, i) => {
    const schemas = options.schemasOf(route) ?? {};
    const base = pascalCase(route.viewName);
    const operation: Record<string, unknown> = { operationId: operationIds[i] };

    const parameters: Record<string, unknown>[] = route.paramNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (schemas.query !== undefined) {
      const name = components.add(`${base}Query`, schemas.query);
      parameters.push(...queryParameters(components.get(name)));
    }
    if (parameters.length > 0) operation.parameters = parameters;

    if (schemas.body !== undefined) {
      const name = components.add(`${base}Body`, schemas.body);
      operation.requestBody = { required: true, content: { 'application/json': { schema: ref(name) } } };
    }

    const responses: Record<string, unknown> = {
      '200': {
        description: 'Success',
        content: { 'application/json': { schema: schemas.response === undefined ? {} : ref(components.add(`${base}Response`, schemas.response)) } },
      },
    };
    if (schemas.body !== undefined || schemas.query !== undefined) {
      usesErrorSchema = true;
      responses['400'] = {
        description: 'The request body or query string does not match the route schema (BadRequestError)',
        content: { 'application/json': { schema: ref(ERROR_SCHEMA_NAME) } },
      };
    }
    operation.responses = responses;

    const security: Record<string, readonly string[]>[] = [];
    if (route.apiKeyRequired) {
      securitySchemes[API_KEY_SCHEME_NAME] = API_KEY_SCHEME;
      security.push({ [API_KEY_SCHEME_NAME]: [] });
    }
    if (route.authorizer !== undefined) {
      securitySchemes[route.authorizer.name] = authorizerToSecurityScheme(route.authorizer);
      security.push({ [route.authorizer.name]: [...route.authorizer.scopes] });
    }
    if (security.length > 0) operation.security = security;

    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  });

  const schemas: Record<string, unknown> = Object.fromEntries(components.entries());
  if (usesErrorSchema) schemas[ERROR_SCHEMA_NAME] = ERROR_SCHEMA;
  const componentsObject: Record<string, unknown> = {};
  if (Object.keys(schemas).length > 0) componentsObject.schemas = schemas;
  if (Object.keys(securitySchemes).length > 0) componentsObject.securitySchemes = securitySchemes;

  return sortKeysDeep({
    openapi: '3.1.0',
    info: { title: api.name, version: options.version ?? '1.0' },
    servers: options.servers.map((server) => ({ ...server })),
    paths,
    ...(Object.keys(componentsObject).length > 0 ? { components: componentsObject } : {}),
  }) as OpenApi31Document;
}

function ref(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** One `in: query` parameter per property of an object schema (none for any other shape). */
function queryParameters(schema: JsonSchema): Record<string, unknown>[] {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]) : []);
  return Object.keys(properties)
    .sort()
    .map((name) => ({ name, in: 'query', required: required.has(name), schema: (properties as Record<string, unknown>)[name] }));
}

/** Component names: the first schema under a name keeps it; a different one gets `Name2`, `Name3`… */
class ComponentNames {
  readonly #schemas = new Map<string, JsonSchema>();
  readonly #texts = new Map<string, string>();
  /** One component per converted schema object: routes sharing a validator share a type. */
  readonly #byObject = new Map<JsonSchema, string>();

  add(wanted: string, schema: JsonSchema): string {
    const known = this.#byObject.get(schema);
    if (known !== undefined) return known;
    const name = this.#claim(wanted, schema);
    this.#byObject.set(schema, name);
    return name;
  }

  #claim(wanted: string, schema: JsonSchema): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? wanted : `${wanted}${n}`;
      const component = toComponentSchema(schema, name);
      const text = JSON.stringify(sortKeysDeep(component));
      const existing = this.#texts.get(name);
      if (existing === undefined) {
        this.#schemas.set(name, component);
        this.#texts.set(name, text);
        return name;
      }
      if (existing === text) return name;
    }
  }

  get(name: string): JsonSchema {
    return this.#schemas.get(name)!;
  }

  entries(): IterableIterator<[string, JsonSchema]> {
    return this.#schemas.entries();
  }
}

/** The view name, or `<view>_<method>` for views serving several operations (operation ids are unique). */
function operationIdsOf(routes: readonly RestRoute[]): string[] {
  const count = new Map<string, number>();
  for (const route of routes) count.set(route.viewName, (count.get(route.viewName) ?? 0) + 1);
  const taken = new Set<string>();
  return routes.map((route) => {
    let id = count.get(route.viewName) === 1 ? route.viewName : `${route.viewName}_${route.method.toLowerCase()}`;
    for (let n = 2; taken.has(id); n++) id = `${route.viewName}_${route.method.toLowerCase()}_${n}`;
    taken.add(id);
    return id;
  });
}

/** `create_user` / `createUser` / `create-user` → `CreateUser`. */
export function pascalCase(name: string): string {
  return name
    .split(/[_-]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
