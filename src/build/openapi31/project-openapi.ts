/**
 * A project → its OpenAPI 3.1 document for one stage (`chalice openapi`):
 *
 *   .chalice/config.json + app.ts → app graph (the REST API's routes, authorizers, API keys)
 *   app routes' Standard Schema validators → JSON Schema (json-schema.ts; `{}` + a warning
 *   naming the route where a validator offers none) → openapi31-generator.ts
 *
 * The IAM policy is not part of the document, so the graph is built with an empty one
 * instead of running the policy analyser. Engine code: warnings go to `onMessage`.
 */
import { resolve } from 'node:path';
import { buildAppGraph, type RestRoute } from '../../graph/index.js';
import { ChaliceTsError, DEFAULT_STAGE, readProjectConfig, resolveStageConfig, type StageConfig } from '../../project/index.js';
import type { RouteEntry, RouteSchemas } from '../../runtime/index.js';
import { ignoreBuildMessages, type OnBuildMessage } from '../build-messages.js';
import { loadAppForBuild } from '../load-project-app.js';
import { findRestApi } from '../openapi/index.js';
import { resolveLambdaRuntime } from '../runtime-version.js';
import { projectModuleLoader, standardSchemaToJsonSchema, type JsonSchema, type ModuleLoader, type SchemaSide } from './json-schema.js';
import { generateOpenApi31Document, type OpenApi31Document, type OpenApi31Server, type RouteJsonSchemas } from './openapi31-generator.js';

export interface ProjectOpenApiOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  readonly onMessage?: OnBuildMessage;
  /** How validator add-ons (`@valibot/to-json-schema`, `zod`) are found. @default the project's node_modules */
  readonly loadModule?: ModuleLoader;
}

const SIDES: Readonly<Record<keyof RouteSchemas, SchemaSide>> = { body: 'input', query: 'input', response: 'output' };

export async function generateProjectOpenApi(options: ProjectOpenApiOptions): Promise<OpenApi31Document> {
  const onMessage = options.onMessage ?? ignoreBuildMessages;
  const projectDir = resolve(options.projectDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const config = readProjectConfig(projectDir);
  const stageConfig = resolveStageConfig(config, stage);
  const { app } = await loadAppForBuild(projectDir);
  const graph = buildAppGraph({
    app,
    config,
    stage,
    projectDir,
    policyDocument: { Version: '2012-10-17', Statement: [] },
    lambdaRuntime: resolveLambdaRuntime({ configured: stageConfig.lambdaRuntime }),
  });
  const api = findRestApi(graph);
  if (api === undefined) {
    throw new ChaliceTsError(`The app ${app.appName} has no routes, so it has no REST API to describe; register one with app.route(...)`, 'openapi_no_routes');
  }
  const byRoute = await routeJsonSchemas(app.routes, options.loadModule ?? projectModuleLoader(projectDir), (text) => onMessage({ kind: 'warning', text }));
  return generateOpenApi31Document(api, {
    schemasOf: (route: RestRoute) => byRoute.get(`${route.method} ${route.path}`),
    servers: serversOf(stageConfig),
  });
}

/** `METHOD path` → the JSON Schemas of the route's validators; one conversion per schema object and side. Also feeds the typed client's types. */
export async function routeJsonSchemas(
  routes: ReadonlyMap<string, ReadonlyMap<string, RouteEntry>>,
  load: ModuleLoader,
  warn: (text: string) => void,
): Promise<Map<string, RouteJsonSchemas>> {
  const converted = new Map<unknown, Map<SchemaSide, ReturnType<typeof standardSchemaToJsonSchema>>>();
  const result = new Map<string, RouteJsonSchemas>();
  const warned = new Set<string>();
  for (const byMethod of routes.values()) {
    for (const entry of byMethod.values()) {
      if (entry.schemas === undefined) continue;
      const schemas: Record<string, JsonSchema> = {};
      for (const key of ['body', 'query', 'response'] as const) {
        const schema = entry.schemas[key];
        if (schema === undefined) continue;
        const side = SIDES[key];
        const sides = converted.get(schema) ?? new Map();
        converted.set(schema, sides);
        if (!sides.has(side)) sides.set(side, standardSchemaToJsonSchema(schema, side, load));
        const outcome = await sides.get(side)!;
        if (outcome.ok) {
          schemas[key] = outcome.schema;
        } else {
          schemas[key] = {};
          const text = `Route ${entry.method} ${entry.path} (view ${entry.name}): no JSON Schema for its ${key} schema (${outcome.reason}); the OpenAPI document allows any value there`;
          if (!warned.has(text)) {
            warned.add(text);
            warn(text);
          }
        }
      }
      result.set(`${entry.method} ${entry.path}`, schemas);
    }
  }
  return result;
}

/**
 * Where the API answers: the custom domain when the stage has one, and the execute-api URL of
 * the stage, whose REST API id and region are only known once deployed (server variables).
 */
function serversOf(stageConfig: StageConfig): OpenApi31Server[] {
  const servers: OpenApi31Server[] = [];
  const domain = stageConfig.apiGatewayCustomDomain;
  if (domain !== undefined) {
    servers.push({ url: `https://${domain.domainName}/${domain.urlPrefix ?? ''}`, description: 'Custom domain' });
  }
  servers.push({
    url: `https://{restApiId}.execute-api.{region}.amazonaws.com/${stageConfig.apiGatewayStage}`,
    description: `API Gateway stage ${stageConfig.apiGatewayStage}`,
    variables: {
      restApiId: { default: 'restapiid', description: 'The REST API id, as in the URL chalice deploy prints' },
      region: { default: 'us-east-1', description: 'The AWS region the API is deployed in' },
    },
  });
  return servers;
}
