/**
 * SAM resources of the APIs: the REST API (`RestAPI`, an `AWS::Serverless::Api`), the
 * websocket API (API Gateway v2 resources, which SAM has no shorthand for), API Gateway's
 * invoke permissions, custom domains and their mappings, and the APIs' outputs. The HTTP API
 * is in sam-http-api.ts.
 */
import type {
  ApiMappingResource,
  DomainNameResource,
  LambdaPermissionResource,
  RestApiResource,
  WebsocketApiResource,
  WebsocketRouteKey,
} from '../../../graph/index.js';
import { resolveRef } from '../../../graph/index.js';
import type { OpenApiDocument } from '../../openapi/index.js';
import { functionLogicalId, toCfnResourceName } from '../logical-names.js';
import { executeApiArn, samAliasLogicalId, samIntegrationUriFor, samInvokedName } from './sam-references.js';
import type { SamState } from './sam-generator.js';
import { HTTP_API_ID } from './sam-http-api.js';

const REST_API_ID = 'RestAPI';
const WEBSOCKET_API_ID = 'WebsocketAPI';

const ROUTE_IDS: Record<WebsocketRouteKey, string> = {
  $connect: 'WebsocketConnectRoute',
  $default: 'WebsocketMessageRoute',
  $disconnect: 'WebsocketDisconnectRoute',
};

export function addRestApi(state: SamState, api: RestApiResource, openapi: OpenApiDocument): void {
  const id = state.names.claim(REST_API_ID, 'the REST API');
  state.resources[id] = {
    Type: 'AWS::Serverless::Api',
    Properties: {
      // The object form also associates a PRIVATE API with its VPC endpoints.
      EndpointConfiguration:
        api.endpointType === 'PRIVATE' && api.vpcEndpointIds.length > 0
          ? { Type: api.endpointType, VPCEndpointIds: [...api.vpcEndpointIds] }
          : api.endpointType,
      StageName: api.stage,
      DefinitionBody: openapi,
      ...(api.minimumCompressionSize === undefined ? {} : { MinimumCompressionSize: api.minimumCompressionSize }),
      ...(api.xray ? { TracingEnabled: true } : {}),
    },
  };
  state.outputs.RestAPIId = { Value: { Ref: id } };
  state.outputs.EndpointURL = { Value: { 'Fn::Sub': `https://\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${api.stage}/` } };
}

const API_IDS = { 'rest-api': REST_API_ID, 'http-api': HTTP_API_ID, 'websocket-api': WEBSOCKET_API_ID } as const;

/**
 * Only API Gateway's permissions are resources of their own: SAM creates the permissions of
 * the functions' `Events` (rules, SNS, the HTTP API's routes on its handler) itself.
 */
export function addPermission(state: SamState, permission: LambdaPermissionResource): void {
  const { source } = permission;
  if (source.kind !== 'rest-api' && source.kind !== 'http-api' && source.kind !== 'websocket-api') return;
  if (source.kind === 'http-api' && resolveRef(state.graph, source.api).handler.name === permission.function.name) return;
  const fn = resolveRef(state.graph, permission.function);
  const fnId = functionLogicalId(fn);
  const id = state.names.claim(`${fnId}InvokePermission`, `permission ${permission.resourceName}`);
  state.resources[id] = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: samInvokedName(fn),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: executeApiArn(API_IDS[source.kind]),
    },
  };
}

export function addWebsocketApi(state: SamState, api: WebsocketApiResource): void {
  const apiId = state.names.claim(WEBSOCKET_API_ID, 'the websocket API');
  const apiRef = { Ref: apiId };
  state.resources[apiId] = {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: { Name: api.name, RouteSelectionExpression: api.routeSelectionExpression, ProtocolType: 'WEBSOCKET' },
  };
  const routeIds: string[] = [];
  for (const route of api.routes) {
    const fn = resolveRef(state.graph, route.function);
    const fnId = functionLogicalId(fn);
    const integrationId = state.names.claim(`${fnId}APIIntegration`, `the ${route.routeKey} integration`);
    state.resources[integrationId] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: apiRef,
        ConnectionType: 'INTERNET',
        ContentHandlingStrategy: 'CONVERT_TO_TEXT',
        IntegrationType: 'AWS_PROXY',
        IntegrationUri:
          samAliasLogicalId(fn) === undefined
            ? {
                'Fn::Sub': [
                  'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${WebsocketHandler}/invocations',
                  { WebsocketHandler: { Ref: fnId } },
                ],
              }
            : samIntegrationUriFor(fn),
      },
    };
    const routeId = state.names.claim(ROUTE_IDS[route.routeKey], `the ${route.routeKey} route`);
    routeIds.push(routeId);
    state.resources[routeId] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: apiRef, RouteKey: route.routeKey, Target: { 'Fn::Join': ['/', ['integrations', { Ref: integrationId }]] } },
    };
  }
  // A deployment made before its routes exist deploys an empty API.
  const deploymentId = state.names.claim('WebsocketAPIDeployment', 'the websocket deployment');
  state.resources[deploymentId] = { Type: 'AWS::ApiGatewayV2::Deployment', DependsOn: routeIds, Properties: { ApiId: apiRef } };
  const stageId = state.names.claim('WebsocketAPIStage', 'the websocket stage');
  state.resources[stageId] = {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: { ApiId: apiRef, DeploymentId: { Ref: deploymentId }, StageName: api.stage },
  };
  state.outputs.WebsocketAPIId = { Value: apiRef };
  state.outputs.WebsocketConnectEndpointURL = {
    Value: { 'Fn::Sub': `wss://\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${api.stage}/` },
  };
}

export function addDomainName(state: SamState, domain: DomainNameResource): void {
  const id = state.names.claim(toCfnResourceName(domain.resourceName), `custom domain ${domain.domainName}`);
  const tagList = Object.entries(domain.tags).map(([Key, Value]) => ({ Key, Value }));
  if (domain.protocol === 'rest') {
    const edge = domain.endpointType === 'EDGE';
    state.resources[id] = {
      Type: 'AWS::ApiGateway::DomainName',
      Properties: {
        DomainName: domain.domainName,
        EndpointConfiguration: { Types: [domain.endpointType] },
        // CloudFront (EDGE) takes a us-east-1 certificate; a regional endpoint one from its region.
        ...(edge ? { CertificateArn: domain.certificateArn } : { RegionalCertificateArn: domain.certificateArn }),
        SecurityPolicy: domain.tlsVersion,
        ...(tagList.length > 0 ? { Tags: tagList } : {}),
      },
    };
    state.outputs.AliasDomainName = { Value: { 'Fn::GetAtt': [id, edge ? 'DistributionDomainName' : 'RegionalDomainName'] } };
    state.outputs.HostedZoneId = { Value: { 'Fn::GetAtt': [id, edge ? 'DistributionHostedZoneId' : 'RegionalHostedZoneId'] } };
    return;
  }
  // HTTP and websocket APIs: an API Gateway v2 domain, always regional.
  state.resources[id] = {
    Type: 'AWS::ApiGatewayV2::DomainName',
    Properties: {
      DomainName: domain.domainName,
      DomainNameConfigurations: [{ CertificateArn: domain.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: domain.tlsVersion }],
      ...(Object.keys(domain.tags).length > 0 ? { Tags: domain.tags } : {}),
    },
  };
  const prefix = domain.protocol === 'http' ? '' : 'Websocket';
  state.outputs[`${prefix}AliasDomainName`] = { Value: { 'Fn::GetAtt': [id, 'RegionalDomainName'] } };
  state.outputs[`${prefix}HostedZoneId`] = { Value: { 'Fn::GetAtt': [id, 'RegionalHostedZoneId'] } };
}

export function addApiMapping(state: SamState, mapping: ApiMappingResource): void {
  const domainId = toCfnResourceName(mapping.domain.name);
  const id = state.names.claim(`${domainId}Mapping`, `mapping ${mapping.resourceName}`);
  if (mapping.api.ref === 'rest-api') {
    state.resources[id] = {
      Type: 'AWS::ApiGateway::BasePathMapping',
      Properties: {
        DomainName: { Ref: domainId },
        RestApiId: { Ref: REST_API_ID },
        ...(mapping.basePath === undefined ? {} : { BasePath: mapping.basePath }),
        // `RestAPI.Stage` refers to the stage SAM generates, so the mapping waits for it.
        Stage: { Ref: `${REST_API_ID}.Stage` },
      },
    };
    return;
  }
  const http = mapping.api.ref === 'http-api';
  state.resources[id] = {
    Type: 'AWS::ApiGatewayV2::ApiMapping',
    Properties: {
      DomainName: { Ref: domainId },
      ApiId: { Ref: http ? HTTP_API_ID : WEBSOCKET_API_ID },
      ...(mapping.basePath === undefined ? {} : { ApiMappingKey: mapping.basePath }),
      // `HttpAPI.Stage` refers to the stage SAM generates, so the mapping waits for it.
      Stage: { Ref: http ? `${HTTP_API_ID}.Stage` : 'WebsocketAPIStage' },
    },
  };
}
