/**
 * Terraform resources of the APIs: the REST API imported from the OpenAPI document plus its
 * deployment and stage, the websocket API (API Gateway v2), invoke permissions, custom domains,
 * mappings and the APIs' outputs. The HTTP API is in tf-http-api.ts.
 *
 * A deployment is an immutable snapshot of an API: a change is published by creating a new
 * deployment (its `triggers` change, which forces a replacement), pointing the stage at it, and
 * only then deleting the old one (`create_before_destroy`; API Gateway refuses to delete a
 * deployment a stage still uses). The stage is its own resource: AWS provider 6 removed the
 * deployment's `stage_name`, `stage_description` and `invoke_url`.
 */
import type {
  ApiMappingResource,
  DomainNameResource,
  LambdaPermissionResource,
  RestApiResource,
  WebsocketApiResource,
  WebsocketRouteKey,
} from '../../../graph/index.js';
import type { OpenApiDocument } from '../../openapi/index.js';
import type { TerraformState } from './tf-common.js';
import { TF_ACCOUNT_ID, TF_PARTITION, functionArn, put, tfName } from './tf-common.js';
import { tfArnOf } from './tf-events.js';
import { tfInvokeUri, tfPermissionQualifier } from './tf-function-extras.js';

const ROUTE_NAMES: Record<WebsocketRouteKey, string> = {
  $connect: 'websocket_connect_route',
  $default: 'websocket_message_route',
  $disconnect: 'websocket_disconnect_route',
};

export function addRestApi(state: TerraformState, api: RestApiResource, openapi: OpenApiDocument): void {
  const name = api.resourceName;
  state.locals.chalice_api_swagger = JSON.stringify(openapi);
  put(state, 'aws_api_gateway_rest_api', name, {
    body: '${local.chalice_api_swagger}',
    // Settings the document also carries are repeated: Terraform would otherwise reset them.
    name: api.name,
    binary_media_types: [...api.binaryMediaTypes],
    endpoint_configuration: {
      types: [api.endpointType],
      ...(api.endpointType === 'PRIVATE' && api.vpcEndpointIds.length > 0 ? { vpc_endpoint_ids: [...api.vpcEndpointIds] } : {}),
    },
    ...(api.policy === undefined ? {} : { policy: JSON.stringify(api.policy) }),
    // A string since AWS provider 5.0 (so that a value set only in `body` can be read back).
    ...(api.minimumCompressionSize === undefined ? {} : { minimum_compression_size: String(api.minimumCompressionSize) }),
  });
  put(state, 'aws_api_gateway_deployment', name, {
    rest_api_id: `\${aws_api_gateway_rest_api.${name}.id}`,
    // The document holds every route, integration, authorizer, binary type and the policy:
    // its hash changes exactly when the API needs a new deployment.
    triggers: { redeployment: '${sha1(local.chalice_api_swagger)}' },
    lifecycle: { create_before_destroy: true },
  });
  put(state, 'aws_api_gateway_stage', name, {
    rest_api_id: `\${aws_api_gateway_rest_api.${name}.id}`,
    deployment_id: `\${aws_api_gateway_deployment.${name}.id}`,
    stage_name: api.stage,
    ...(api.xray ? { xray_tracing_enabled: true } : {}),
  });
  state.output.EndpointURL = { value: `\${aws_api_gateway_stage.${name}.invoke_url}` };
  state.output.RestAPIId = { value: `\${aws_api_gateway_rest_api.${name}.id}` };
}

export function addPermission(state: TerraformState, permission: LambdaPermissionResource): void {
  const name = tfName(permission.resourceName, `permission ${permission.resourceName}`);
  const fn = permission.function.name;
  const { source } = permission;
  const common = { function_name: functionArn(fn), ...tfPermissionQualifier(state, fn), action: 'lambda:InvokeFunction', principal: `${permission.service}.amazonaws.com` };
  switch (source.kind) {
    case 'rest-api':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: `\${aws_api_gateway_rest_api.${source.api.name}.execution_arn}/*` });
    case 'websocket-api':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: `\${aws_apigatewayv2_api.${source.api.name}.execution_arn}/*` });
    case 'event-rule':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: `\${aws_cloudwatch_event_rule.${source.rule.name}.arn}` });
    case 'sns-topic':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: tfArnOf(state, source.topic, 'sns') });
    case 's3-bucket':
      return put(state, 'aws_lambda_permission', name, {
        ...common,
        statement_id: name,
        // Bucket names are global: the account condition stops another account's bucket of that name.
        source_account: TF_ACCOUNT_ID,
        source_arn: `arn:${TF_PARTITION}:s3:::${source.bucket}`,
      });
    case 'function-url':
      throw new Error(`permission ${permission.resourceName} belongs to tf-function-urls.ts`);
    case 'http-api':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: `\${aws_apigatewayv2_api.${source.api.name}.execution_arn}/*` });
    default: {
      const never: never = source;
      throw new Error(`unknown permission source ${JSON.stringify(never)}`);
    }
  }
}

export function addWebsocketApi(state: TerraformState, api: WebsocketApiResource): void {
  const name = api.resourceName;
  const apiId = `\${aws_apigatewayv2_api.${name}.id}`;
  put(state, 'aws_apigatewayv2_api', name, {
    name: api.name,
    route_selection_expression: api.routeSelectionExpression,
    protocol_type: 'WEBSOCKET',
  });
  // What a new deployment must pick up: a route added, removed or pointed elsewhere.
  const deployed: string[] = [];
  for (const route of api.routes) {
    const integration = `${route.function.name}_api_integration`;
    put(state, 'aws_apigatewayv2_integration', integration, {
      api_id: apiId,
      connection_type: 'INTERNET',
      content_handling_strategy: 'CONVERT_TO_TEXT',
      integration_type: 'AWS_PROXY',
      integration_uri: tfInvokeUri(state, route.function.name),
    });
    const routeName = ROUTE_NAMES[route.routeKey];
    put(state, 'aws_apigatewayv2_route', routeName, {
      api_id: apiId,
      route_key: route.routeKey,
      target: `integrations/\${aws_apigatewayv2_integration.${integration}.id}`,
    });
    // References (not just depends_on): a deployment made before its routes exist deploys an empty API.
    deployed.push(`aws_apigatewayv2_route.${routeName}.id`, `aws_apigatewayv2_route.${routeName}.target`);
    deployed.push(`aws_apigatewayv2_integration.${integration}.integration_uri`);
  }
  put(state, 'aws_apigatewayv2_deployment', 'websocket_api_deployment', {
    api_id: apiId,
    triggers: { redeployment: `\${sha1(jsonencode([${deployed.join(', ')}]))}` },
    lifecycle: { create_before_destroy: true },
  });
  put(state, 'aws_apigatewayv2_stage', 'websocket_api_stage', {
    api_id: apiId,
    deployment_id: '${aws_apigatewayv2_deployment.websocket_api_deployment.id}',
    name: api.stage,
  });
  state.output.WebsocketAPIId = { value: apiId };
  // The stage's URL carries the partition's DNS suffix; the trailing slash matches sam.json.
  state.output.WebsocketConnectEndpointURL = { value: '${aws_apigatewayv2_stage.websocket_api_stage.invoke_url}/' };
}

export function addDomainName(state: TerraformState, domain: DomainNameResource): void {
  const name = domain.resourceName;
  const tags = Object.keys(domain.tags).length > 0 ? { tags: domain.tags } : {};
  if (domain.protocol === 'rest') {
    const edge = domain.endpointType === 'EDGE';
    put(state, 'aws_api_gateway_domain_name', name, {
      domain_name: domain.domainName,
      endpoint_configuration: { types: [domain.endpointType] },
      ...(edge ? { certificate_arn: domain.certificateArn } : { regional_certificate_arn: domain.certificateArn }),
      security_policy: domain.tlsVersion,
      ...tags,
    });
    const base = `aws_api_gateway_domain_name.${name}`;
    state.output.AliasDomainName = { value: edge ? `\${${base}.cloudfront_domain_name}` : `\${${base}.regional_domain_name}` };
    state.output.HostedZoneId = { value: edge ? `\${${base}.cloudfront_zone_id}` : `\${${base}.regional_zone_id}` };
    return;
  }
  // HTTP and websocket APIs: an API Gateway v2 domain, always regional.
  put(state, 'aws_apigatewayv2_domain_name', name, {
    domain_name: domain.domainName,
    domain_name_configuration: { certificate_arn: domain.certificateArn, endpoint_type: 'REGIONAL', security_policy: domain.tlsVersion },
    ...tags,
  });
  const base = `aws_apigatewayv2_domain_name.${name}.domain_name_configuration[0]`;
  const prefix = domain.protocol === 'http' ? '' : 'Websocket';
  state.output[`${prefix}AliasDomainName`] = { value: `\${${base}.target_domain_name}` };
  state.output[`${prefix}HostedZoneId`] = { value: `\${${base}.hosted_zone_id}` };
}

export function addApiMapping(state: TerraformState, mapping: ApiMappingResource): void {
  if (mapping.api.ref === 'rest-api') {
    put(state, 'aws_api_gateway_base_path_mapping', mapping.resourceName, {
      api_id: `\${aws_api_gateway_rest_api.${mapping.api.name}.id}`,
      // References (not literals) make the mapping wait for the domain and the stage.
      stage_name: `\${aws_api_gateway_stage.${mapping.api.name}.stage_name}`,
      domain_name: `\${aws_api_gateway_domain_name.${mapping.domain.name}.domain_name}`,
      ...(mapping.basePath === undefined ? {} : { base_path: mapping.basePath }),
    });
    return;
  }
  put(state, 'aws_apigatewayv2_api_mapping', mapping.resourceName, {
    api_id: `\${aws_apigatewayv2_api.${mapping.api.name}.id}`,
    domain_name: `\${aws_apigatewayv2_domain_name.${mapping.domain.name}.id}`,
    stage: mapping.api.ref === 'http-api' ? `\${aws_apigatewayv2_stage.${mapping.api.name}.id}` : '${aws_apigatewayv2_stage.websocket_api_stage.id}',
    ...(mapping.basePath === undefined ? {} : { api_mapping_key: mapping.basePath }),
  });
}
