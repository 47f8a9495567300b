/**
 * Terraform resources of the APIs: the REST API imported from the OpenAPI document plus its
 * deployment, the websocket API (API Gateway v2), invoke permissions, custom domains, mappings
 * and the APIs' outputs.
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
import { TF_ACCOUNT_ID, TF_PARTITION, TF_REGION, functionArn, put, tfName } from './tf-common.js';
import { tfArnOf } from './tf-events.js';

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
    ...(api.minimumCompressionSize === undefined ? {} : { minimum_compression_size: api.minimumCompressionSize }),
  });
  put(state, 'aws_api_gateway_deployment', name, {
    stage_name: api.stage,
    // A new description (the document's hash) forces a new deployment when the API changes.
    stage_description: '${md5(local.chalice_api_swagger)}',
    rest_api_id: `\${aws_api_gateway_rest_api.${name}.id}`,
    lifecycle: { create_before_destroy: true },
  });
  state.output.EndpointURL = { value: `\${aws_api_gateway_deployment.${name}.invoke_url}` };
  state.output.RestAPIId = { value: `\${aws_api_gateway_rest_api.${name}.id}` };
}

export function addPermission(state: TerraformState, permission: LambdaPermissionResource): void {
  const name = tfName(permission.resourceName, `permission ${permission.resourceName}`);
  const fn = permission.function.name;
  const { source } = permission;
  const common = { function_name: functionArn(fn), action: 'lambda:InvokeFunction', principal: `${permission.service}.amazonaws.com` };
  switch (source.kind) {
    case 'rest-api':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: `\${aws_api_gateway_rest_api.${source.api.name}.execution_arn}/*` });
    case 'websocket-api':
      return put(state, 'aws_lambda_permission', name, {
        ...common,
        source_arn: `arn:${TF_PARTITION}:execute-api:${TF_REGION}:${TF_ACCOUNT_ID}:\${aws_apigatewayv2_api.${source.api.name}.id}/*`,
      });
    case 'event-rule':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: `\${aws_cloudwatch_event_rule.${source.rule.name}.arn}` });
    case 'sns-topic':
      return put(state, 'aws_lambda_permission', name, { ...common, source_arn: tfArnOf(source.topic, 'sns') });
    case 's3-bucket':
      return put(state, 'aws_lambda_permission', name, {
        ...common,
        statement_id: name,
        // Bucket names are global: the account condition stops another account's bucket of that name.
        source_account: TF_ACCOUNT_ID,
        source_arn: `arn:${TF_PARTITION}:s3:::${source.bucket}`,
      });
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
  const routeNames: string[] = [];
  for (const route of api.routes) {
    const integration = `${route.function.name}_api_integration`;
    put(state, 'aws_apigatewayv2_integration', integration, {
      api_id: apiId,
      connection_type: 'INTERNET',
      content_handling_strategy: 'CONVERT_TO_TEXT',
      integration_type: 'AWS_PROXY',
      integration_uri: `\${aws_lambda_function.${route.function.name}.invoke_arn}`,
    });
    const routeName = ROUTE_NAMES[route.routeKey];
    routeNames.push(routeName);
    put(state, 'aws_apigatewayv2_route', routeName, {
      api_id: apiId,
      route_key: route.routeKey,
      target: `integrations/\${aws_apigatewayv2_integration.${integration}.id}`,
    });
  }
  put(state, 'aws_apigatewayv2_deployment', 'websocket_api_deployment', {
    api_id: apiId,
    // A deployment made before its routes exist deploys an empty API.
    depends_on: routeNames.map((route) => `aws_apigatewayv2_route.${route}`),
  });
  put(state, 'aws_apigatewayv2_stage', 'websocket_api_stage', {
    api_id: apiId,
    deployment_id: '${aws_apigatewayv2_deployment.websocket_api_deployment.id}',
    name: api.stage,
  });
  state.output.WebsocketAPIId = { value: apiId };
  state.output.WebsocketConnectEndpointURL = { value: `wss://${apiId}.execute-api.${TF_REGION}.amazonaws.com/${api.stage}/` };
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
  put(state, 'aws_apigatewayv2_domain_name', name, {
    domain_name: domain.domainName,
    domain_name_configuration: { certificate_arn: domain.certificateArn, endpoint_type: 'REGIONAL', security_policy: domain.tlsVersion },
    ...tags,
  });
  const base = `aws_apigatewayv2_domain_name.${name}.domain_name_configuration[0]`;
  state.output.WebsocketAliasDomainName = { value: `\${${base}.target_domain_name}` };
  state.output.WebsocketHostedZoneId = { value: `\${${base}.hosted_zone_id}` };
}

export function addApiMapping(state: TerraformState, mapping: ApiMappingResource): void {
  if (mapping.api.ref === 'rest-api') {
    put(state, 'aws_api_gateway_base_path_mapping', mapping.resourceName, {
      api_id: `\${aws_api_gateway_rest_api.${mapping.api.name}.id}`,
      // References (not literals) make the mapping wait for the domain and the stage.
      stage_name: `\${aws_api_gateway_deployment.${mapping.api.name}.stage_name}`,
      domain_name: `\${aws_api_gateway_domain_name.${mapping.domain.name}.domain_name}`,
      ...(mapping.basePath === undefined ? {} : { base_path: mapping.basePath }),
    });
    return;
  }
  put(state, 'aws_apigatewayv2_api_mapping', mapping.resourceName, {
    api_id: `\${aws_apigatewayv2_api.${mapping.api.name}.id}`,
    domain_name: `\${aws_apigatewayv2_domain_name.${mapping.domain.name}.id}`,
    stage: '${aws_apigatewayv2_stage.websocket_api_stage.id}',
    ...(mapping.basePath === undefined ? {} : { api_mapping_key: mapping.basePath }),
  });
}
