/**
 * Terraform resources of an HTTP API (`api_type: "http"`): the API with its CORS
 * configuration, one Lambda proxy integration (payload format 2.0) for the handler, a route per
 * route (`GET /users/{id}`), the authorizers (JWT, or REQUEST for a built-in authorizer) and an
 * automatically deployed stage. The invoke permissions come from the graph (tf-apis.ts).
 */
import type { HttpApiResource, HttpCorsConfiguration, HttpRoute, HttpRouteAuthorizer } from '../../../graph/index.js';
import type { TerraformState } from './tf-common.js';
import { put, tfName } from './tf-common.js';
import { tfInvokeUri } from './tf-function-extras.js';

const AUTHORIZATION_TYPES: Record<HttpRouteAuthorizer['kind'], string> = { jwt: 'JWT', lambda: 'CUSTOM', iam: 'AWS_IAM' };

export function addHttpApi(state: TerraformState, api: HttpApiResource): void {
  const name = api.resourceName;
  const apiId = `\${aws_apigatewayv2_api.${name}.id}`;
  put(state, 'aws_apigatewayv2_api', name, {
    name: api.name,
    protocol_type: 'HTTP',
    ...(api.cors === undefined ? {} : { cors_configuration: tfCors(api.cors) }),
  });
  put(state, 'aws_apigatewayv2_integration', name, {
    api_id: apiId,
    integration_type: 'AWS_PROXY',
    integration_uri: tfInvokeUri(state, api.handler.name),
    payload_format_version: '2.0',
  });
  const authorizerNames = addAuthorizers(state, api, apiId);
  for (const route of api.routes) {
    const { authorizer } = route;
    put(state, 'aws_apigatewayv2_route', routeResourceName(route), {
      api_id: apiId,
      route_key: `${route.method} ${route.path}`,
      target: `integrations/\${aws_apigatewayv2_integration.${name}.id}`,
      ...(authorizer === undefined ? {} : { authorization_type: AUTHORIZATION_TYPES[authorizer.kind] }),
      ...(authorizer === undefined || authorizer.kind === 'iam'
        ? {}
        : { authorizer_id: `\${aws_apigatewayv2_authorizer.${authorizerNames.get(authorizer.name)!}.id}` }),
      ...(authorizer?.kind === 'jwt' && authorizer.scopes.length > 0 ? { authorization_scopes: [...authorizer.scopes] } : {}),
    });
  }
  // Deployed on every change to the API, so no deployment resource to keep in step.
  put(state, 'aws_apigatewayv2_stage', name, { api_id: apiId, name: api.stage, auto_deploy: true });
  state.output.HttpApiId = { value: apiId };
  // The trailing slash matches sam.json.
  state.output.EndpointURL = { value: `\${aws_apigatewayv2_stage.${name}.invoke_url}/` };
}

/** `GET /users/{id}` → `http_api_get_users_id`; `GET /` → `http_api_get_root`. */
function routeResourceName(route: HttpRoute): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return tfName(`http_api_${route.method.toLowerCase()}_${words.length === 0 ? 'root' : words.join('_')}`, `route ${route.method} ${route.path}`);
}

/** One authorizer per name (the graph guarantees one definition per name); returns name → resource name. */
function addAuthorizers(state: TerraformState, api: HttpApiResource, apiId: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const { authorizer } of api.routes) {
    if (authorizer === undefined || authorizer.kind === 'iam' || names.has(authorizer.name)) continue;
    const resourceName = tfName(`http_api_${authorizer.name}_authorizer`, `authorizer ${authorizer.name}`);
    names.set(authorizer.name, resourceName);
    const common = { api_id: apiId, name: authorizer.name, identity_sources: [`$request.header.${authorizer.header}`] };
    if (authorizer.kind === 'jwt') {
      put(state, 'aws_apigatewayv2_authorizer', resourceName, {
        ...common,
        authorizer_type: 'JWT',
        jwt_configuration: { issuer: authorizer.issuer, audience: [...authorizer.audience] },
      });
    } else {
      put(state, 'aws_apigatewayv2_authorizer', resourceName, {
        ...common,
        authorizer_type: 'REQUEST',
        authorizer_uri: tfInvokeUri(state, authorizer.function.name),
        authorizer_payload_format_version: '2.0',
        enable_simple_responses: authorizer.simpleResponses,
        authorizer_result_ttl_in_seconds: authorizer.ttlSeconds,
        ...(authorizer.executionRole === undefined ? {} : { authorizer_credentials_arn: authorizer.executionRole }),
      });
    }
  }
  return names;
}

function tfCors(cors: HttpCorsConfiguration): Record<string, unknown> {
  return {
    allow_origins: [...cors.allowOrigins],
    allow_methods: [...cors.allowMethods],
    allow_headers: [...cors.allowHeaders],
    ...(cors.exposeHeaders.length > 0 ? { expose_headers: [...cors.exposeHeaders] } : {}),
    ...(cors.maxAge === undefined ? {} : { max_age: cors.maxAge }),
    ...(cors.allowCredentials ? { allow_credentials: true } : {}),
  };
}
