/** The OpenAPI 3.1 document of the REST API for its clients (`chalice openapi`), with route schemas as JSON Schema. */
import { stringify as stringifyYaml } from 'yaml';
import { stableStringify } from '../../project/index.js';
import type { OpenApi31Document } from './openapi31-generator.js';

export type { JsonSchema, JsonSchemaResult, ModuleLoader, SchemaSide } from './json-schema.js';
export { projectModuleLoader, standardSchemaToJsonSchema, toComponentSchema } from './json-schema.js';
export type { OpenApi31Document, OpenApi31Options, OpenApi31Server, RouteJsonSchemas } from './openapi31-generator.js';
export { ERROR_SCHEMA_NAME, generateOpenApi31Document, pascalCase } from './openapi31-generator.js';
export type { ProjectOpenApiOptions } from './project-openapi.js';
export { generateProjectOpenApi, routeJsonSchemas } from './project-openapi.js';

export type OpenApiFormat = 'json' | 'yaml';

/** The document as text: indented JSON, or YAML (keys already sorted, so both are deterministic). */
export function openApiToText(document: OpenApi31Document, format: OpenApiFormat): string {
  return format === 'json' ? stableStringify(document) : stringifyYaml(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}
