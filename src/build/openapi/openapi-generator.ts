/**
 * The Swagger 2.0 document API Gateway imports for the REST API, with API Gateway's
 * extensions: a Lambda proxy integration per route, binary media types, security definitions
 * for authorizers and API keys, CORS preflight mock integrations, the resource policy, VPC
 * endpoint ids (PRIVATE) and the minimum compression size.
 *
 * The endpoint type is not part of the document (API Gateway takes it as an API setting); the
 * templates and deploy set it from the graph. Keys are sorted recursively, so the document is
 * deterministic wherever it is serialised.
 */
import type { AppGraph, LambdaFunctionResource, RestApiResource, RestRoute } from '../../graph/index.js';
import { resolveRef, resourcesOfKind } from '../../graph/index.js';
import { sortKeysDeep } from '../../project/index.js';
import { corsPreflightOperation } from './cors-preflight.js';
import type { IntegrationUri } from './integration-uris.js';
import { API_KEY_DEFINITION, authorizerToSecurityDefinition } from './security-definitions.js';

export interface OpenApiOptions {
  /** The integration URI of a function (the API handler and built-in authorizers). */
  readonly integrationUri: IntegrationUri;
}

export type OpenApiDocument = Record<string, unknown>;

/** The REST API of the graph, if the app has routes. */
export function findRestApi(graph: AppGraph): RestApiResource | undefined {
  return resourcesOfKind(graph, 'rest-api')[0];
}

/** The OpenAPI document of the graph's REST API; undefined when the app has no routes. */
export function generateOpenApiDocument(graph: AppGraph, options: OpenApiOptions): OpenApiDocument | undefined {
  const api = findRestApi(graph);
  if (api === undefined) return undefined;
  const fn = (name: string): LambdaFunctionResource => resolveRef(graph, { ref: 'lambda-function', name });
  const handlerUri = options.integrationUri(fn(api.handler.name));
  const securityDefinitions: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of api.routes) {
    const operations = (paths[route.path] ??= {});
    operations[route.method.toLowerCase()] = routeOperation(route, handlerUri);
    if (route.apiKeyRequired) securityDefinitions.api_key = API_KEY_DEFINITION;
    if (route.authorizer) {
      securityDefinitions[route.authorizer.name] = authorizerToSecurityDefinition(route.authorizer, (name) => options.integrationUri(fn(name)));
    }
  }
  addPreflights(api.routes, paths);
  const document: OpenApiDocument = {
    swagger: '2.0',
    info: { version: '1.0', title: api.name },
    schemes: ['https'],
    paths,
    definitions: { Empty: { type: 'object', title: 'Empty Schema' } },
    'x-amazon-apigateway-binary-media-types': [...api.binaryMediaTypes],
    ...(Object.keys(securityDefinitions).length > 0 ? { securityDefinitions } : {}),
    ...(api.policy === undefined ? {} : { 'x-amazon-apigateway-policy': api.policy }),
    ...(api.endpointType === 'PRIVATE' && api.vpcEndpointIds.length > 0
      ? { 'x-amazon-apigateway-endpoint-configuration': { vpcEndpointIds: [...api.vpcEndpointIds] } }
      : {}),
    ...(api.minimumCompressionSize === undefined ? {} : { 'x-amazon-apigateway-minimum-compression-size': api.minimumCompressionSize }),
  };
  return sortKeysDeep(document) as OpenApiDocument;
}

function routeOperation(route: RestRoute, uri: unknown): Record<string, unknown> {
  const security: Record<string, readonly string[]>[] = [];
  if (route.apiKeyRequired) security.push({ api_key: [] });
  if (route.authorizer) security.push({ [route.authorizer.name]: [...route.authorizer.scopes] });
  return {
    consumes: [...route.contentTypes],
    produces: ['application/json'],
    responses: { '200': { description: '200 response', schema: { $ref: '#/definitions/Empty' } } },
    'x-amazon-apigateway-integration': {
      responses: { default: { statusCode: '200' } },
      uri,
      passthroughBehavior: 'when_no_match',
      // Lambda is always invoked with POST, whatever the route's method.
      httpMethod: 'POST',
      contentHandling: 'CONVERT_TO_TEXT',
      type: 'aws_proxy',
    },
    ...(security.length > 0 ? { security } : {}),
    ...(route.paramNames.length > 0
      ? { parameters: route.paramNames.map((name) => ({ name, in: 'path', required: true, type: 'string' })) }
      : {}),
  };
}

/**
 * Adds the OPTIONS mock to each path where some method enables CORS. It lists only those
 * methods (a path may enable CORS on some methods only) and uses their config, which the app
 * guarantees they share; a view the user registered for OPTIONS on that path is kept.
 */
function addPreflights(routes: readonly RestRoute[], paths: Record<string, Record<string, unknown>>): void {
  const byPath = new Map<string, RestRoute[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, pathRoutes] of byPath) {
    const withCors = pathRoutes.filter((r) => r.corsHeaders !== undefined && r.method !== 'OPTIONS');
    if (withCors.length === 0 || paths[path].options !== undefined) continue;
    paths[path].options = corsPreflightOperation(withCors.map((r) => r.method), withCors[0].corsHeaders!);
  }
}
