/**
 * The `WebsocketDomainCalls` of the real `AwsClient`: websocket APIs, routes, integrations,
 * deployments and stages on API Gateway v2; custom domain names on API Gateway (REST, v1) or
 * API Gateway v2 (websocket), their base path / API mappings; ACM certificates. SDK modules are
 * loaded on first use, like the rest of the SDK client.
 *
 * AWS facts recorded here:
 *  - A base path mapping at the domain's root has the base path `(none)` in API Gateway v1;
 *    an API mapping at the root has no key in v2.
 *  - An EDGE (CloudFront) domain takes `certificateArn` and answers with the distribution's
 *    domain name and hosted zone; a REGIONAL one takes `regionalCertificateArn`.
 *  - ACM certificates are regional: DescribeCertificate must go to the certificate's region.
 *  - Domain names are tagged through their ARN `arn:<partition>:apigateway:<region>::/domainnames/<name>`.
 */
import type * as AcmModule from '@aws-sdk/client-acm';
import type * as ApiGatewayModule from '@aws-sdk/client-api-gateway';
import type * as ApiGatewayV2Module from '@aws-sdk/client-apigatewayv2';
import type {
  DomainNameSettings,
  DomainProtocol,
  RemoteApiMapping,
  RemoteBasePathMapping,
  RemoteDomainName,
  RemoteWebsocketApi,
  WebsocketDomainCalls,
} from './aws-client.js';

type Loaded<M, C> = { readonly m: M; readonly client: C };

/** What the SDK client lends these calls: module loading and its error translation. */
export interface SdkCallContext {
  readonly region: string;
  readonly partition: string;
  api(): Promise<Loaded<typeof ApiGatewayModule, ApiGatewayModule.APIGatewayClient>>;
  apiV2(): Promise<Loaded<typeof ApiGatewayV2Module, ApiGatewayV2Module.ApiGatewayV2Client>>;
  acm(region: string): Promise<Loaded<typeof AcmModule, AcmModule.ACMClient>>;
  send<T>(call: string, run: () => Promise<T>): Promise<T>;
  find<T>(call: string, run: () => Promise<T>): Promise<T | undefined>;
}

const ROOT_BASE_PATH = '(none)';

export function createSdkWebsocketDomainCalls(ctx: SdkCallContext): WebsocketDomainCalls {
  const domainArn = (domainName: string): string => `arn:${ctx.partition}:apigateway:${ctx.region}::/domainnames/${domainName}`;

  const restDomain = (d: ApiGatewayModule.DomainName): RemoteDomainName => {
    const endpointType = d.endpointConfiguration?.types?.[0] ?? 'EDGE';
    const edge = endpointType === 'EDGE';
    return {
      domainName: d.domainName ?? '',
      certificateArn: (edge ? d.certificateArn : d.regionalCertificateArn) ?? '',
      endpointType,
      securityPolicy: d.securityPolicy ?? 'TLS_1_2',
      tags: d.tags ?? {},
      aliasDomainName: (edge ? d.distributionDomainName : d.regionalDomainName) ?? '',
      hostedZoneId: (edge ? d.distributionHostedZoneId : d.regionalHostedZoneId) ?? '',
    };
  };
  const websocketDomain = (d: ApiGatewayV2Module.GetDomainNameResponse): RemoteDomainName => {
    const c = d.DomainNameConfigurations?.[0] ?? {};
    return {
      domainName: d.DomainName ?? '',
      certificateArn: c.CertificateArn ?? '',
      endpointType: c.EndpointType ?? 'REGIONAL',
      securityPolicy: c.SecurityPolicy ?? 'TLS_1_2',
      tags: d.Tags ?? {},
      aliasDomainName: c.ApiGatewayDomainName ?? '',
      hostedZoneId: c.HostedZoneId ?? '',
    };
  };
  const v2Configuration = (settings: DomainNameSettings) => [
    {
      CertificateArn: settings.certificateArn,
      EndpointType: settings.endpointType as ApiGatewayV2Module.EndpointType,
      SecurityPolicy: settings.securityPolicy as ApiGatewayV2Module.SecurityPolicy,
    },
  ];

  return {
    async getWebsocketApis() {
      const { m, client } = await ctx.apiV2();
      const out: RemoteWebsocketApi[] = [];
      let token: string | undefined;
      do {
        const page = await ctx.send('ApiGatewayV2.GetApis', () => client.send(new m.GetApisCommand({ MaxResults: '500', ...(token ? { NextToken: token } : {}) })));
        for (const api of page.Items ?? []) {
          if (api.ProtocolType === 'WEBSOCKET') out.push({ id: api.ApiId ?? '', name: api.Name ?? '', tags: api.Tags ?? {} });
        }
        token = page.NextToken;
      } while (token);
      return out;
    },
    async getWebsocketIntegrations(apiId) {
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetIntegrations', () => client.send(new m.GetIntegrationsCommand({ ApiId: apiId, MaxResults: '500' })));
      return (found?.Items ?? []).map((i) => ({ integrationId: i.IntegrationId ?? '', integrationUri: i.IntegrationUri ?? '' }));
    },
    async getWebsocketRoutes(apiId) {
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetRoutes', () => client.send(new m.GetRoutesCommand({ ApiId: apiId, MaxResults: '500' })));
      return (found?.Items ?? []).map((r) => ({ routeId: r.RouteId ?? '', routeKey: r.RouteKey ?? '', ...(r.Target ? { target: r.Target } : {}) }));
    },
    async getWebsocketStage(apiId, stageName) {
      const { m, client } = await ctx.apiV2();
      const stage = await ctx.find('ApiGatewayV2.GetStage', () => client.send(new m.GetStageCommand({ ApiId: apiId, StageName: stageName })));
      if (stage === undefined) return undefined;
      const deploymentId = stage.DeploymentId;
      if (!deploymentId) return {};
      const deployment = await ctx.find('ApiGatewayV2.GetDeployment', () => client.send(new m.GetDeploymentCommand({ ApiId: apiId, DeploymentId: deploymentId })));
      return { deploymentId, ...(deployment?.Description === undefined ? {} : { deploymentDescription: deployment.Description }) };
    },
    async createWebsocketApi(name, routeSelectionExpression, tags) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateApi', () =>
        client.send(new m.CreateApiCommand({ Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: routeSelectionExpression, Tags: { ...tags } })),
      );
      return { id: created.ApiId ?? '' };
    },
    async createWebsocketIntegration(apiId, integrationUri) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateIntegration', () =>
        client.send(
          new m.CreateIntegrationCommand({
            ApiId: apiId,
            IntegrationType: 'AWS_PROXY',
            IntegrationMethod: 'POST',
            IntegrationUri: integrationUri,
            ConnectionType: 'INTERNET',
            ContentHandlingStrategy: 'CONVERT_TO_TEXT',
          }),
        ),
      );
      return { integrationId: created.IntegrationId ?? '' };
    },
    async deleteWebsocketIntegration(apiId, integrationId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteIntegration', () => client.send(new m.DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId })));
    },
    async createWebsocketRoute(apiId, routeKey, target) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateRoute', () => client.send(new m.CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: target })));
      return { routeId: created.RouteId ?? '' };
    },
    async updateWebsocketRoute(apiId, routeId, target) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UpdateRoute', () => client.send(new m.UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, Target: target })));
    },
    async deleteWebsocketRoute(apiId, routeId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteRoute', () => client.send(new m.DeleteRouteCommand({ ApiId: apiId, RouteId: routeId })));
    },
    async createWebsocketStage(apiId, stageName) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.CreateStage', () => client.send(new m.CreateStageCommand({ ApiId: apiId, StageName: stageName })));
    },
    async createWebsocketDeployment(apiId, stageName, description) {
      const { m, client } = await ctx.apiV2();
      // With StageName, the deployment is made and the stage switched to it by this one call.
      const created = await ctx.send('ApiGatewayV2.CreateDeployment', () =>
        client.send(new m.CreateDeploymentCommand({ ApiId: apiId, StageName: stageName, Description: description })),
      );
      return { deploymentId: created.DeploymentId ?? '' };
    },
    async deleteWebsocketApi(apiId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteApi', () => client.send(new m.DeleteApiCommand({ ApiId: apiId })));
    },

    async describeCertificate(certificateArn) {
      const region = certificateArn.split(':')[3] || ctx.region;
      const { m, client } = await ctx.acm(region);
      const found = await ctx.find('ACM.DescribeCertificate', () => client.send(new m.DescribeCertificateCommand({ CertificateArn: certificateArn })));
      const c = found?.Certificate;
      if (c === undefined) return undefined;
      return { arn: c.CertificateArn ?? certificateArn, domainName: c.DomainName ?? '', status: c.Status ?? '' };
    },
    async getDomainName(protocol: DomainProtocol, domainName: string) {
      if (protocol === 'rest') {
        const { m, client } = await ctx.api();
        const found = await ctx.find('APIGateway.GetDomainName', () => client.send(new m.GetDomainNameCommand({ domainName })));
        return found === undefined ? undefined : restDomain(found);
      }
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetDomainName', () => client.send(new m.GetDomainNameCommand({ DomainName: domainName })));
      return found === undefined ? undefined : websocketDomain(found);
    },
    async createDomainName(protocol, settings, tags) {
      if (protocol === 'rest') {
        const { m, client } = await ctx.api();
        const edge = settings.endpointType === 'EDGE';
        const created = await ctx.send('APIGateway.CreateDomainName', () =>
          client.send(
            new m.CreateDomainNameCommand({
              domainName: settings.domainName,
              ...(edge ? { certificateArn: settings.certificateArn } : { regionalCertificateArn: settings.certificateArn }),
              endpointConfiguration: { types: [settings.endpointType as ApiGatewayModule.EndpointType] },
              securityPolicy: settings.securityPolicy as ApiGatewayModule.SecurityPolicy,
              tags: { ...tags },
            }),
          ),
        );
        return restDomain(created);
      }
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateDomainName', () =>
        client.send(new m.CreateDomainNameCommand({ DomainName: settings.domainName, DomainNameConfigurations: v2Configuration(settings), Tags: { ...tags } })),
      );
      return websocketDomain(created);
    },
    async updateDomainName(protocol, settings, from) {
      if (protocol === 'rest') {
        const { m, client } = await ctx.api();
        const operations: ApiGatewayModule.PatchOperation[] = [];
        if (from.endpointType !== settings.endpointType) operations.push({ op: 'replace', path: `/endpointConfiguration/types/${from.endpointType}`, value: settings.endpointType });
        if (from.certificateArn !== settings.certificateArn || from.endpointType !== settings.endpointType) {
          operations.push({ op: 'replace', path: settings.endpointType === 'EDGE' ? '/certificateArn' : '/regionalCertificateArn', value: settings.certificateArn });
        }
        if (from.securityPolicy !== settings.securityPolicy) operations.push({ op: 'replace', path: '/securityPolicy', value: settings.securityPolicy });
        const updated = await ctx.send('APIGateway.UpdateDomainName', () => client.send(new m.UpdateDomainNameCommand({ domainName: settings.domainName, patchOperations: operations })));
        return restDomain(updated);
      }
      const { m, client } = await ctx.apiV2();
      const updated = await ctx.send('ApiGatewayV2.UpdateDomainName', () =>
        client.send(new m.UpdateDomainNameCommand({ DomainName: settings.domainName, DomainNameConfigurations: v2Configuration(settings) })),
      );
      return websocketDomain(updated);
    },
    async tagDomainName(protocol, domainName, tags) {
      if (protocol === 'rest') {
        const { m, client } = await ctx.api();
        await ctx.send('APIGateway.TagResource', () => client.send(new m.TagResourceCommand({ resourceArn: domainArn(domainName), tags: { ...tags } })));
        return;
      }
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.TagResource', () => client.send(new m.TagResourceCommand({ ResourceArn: domainArn(domainName), Tags: { ...tags } })));
    },
    async untagDomainName(protocol, domainName, keys) {
      if (protocol === 'rest') {
        const { m, client } = await ctx.api();
        await ctx.send('APIGateway.UntagResource', () => client.send(new m.UntagResourceCommand({ resourceArn: domainArn(domainName), tagKeys: [...keys] })));
        return;
      }
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UntagResource', () => client.send(new m.UntagResourceCommand({ ResourceArn: domainArn(domainName), TagKeys: [...keys] })));
    },
    async deleteDomainName(protocol, domainName) {
      if (protocol === 'rest') {
        const { m, client } = await ctx.api();
        await ctx.send('APIGateway.DeleteDomainName', () => client.send(new m.DeleteDomainNameCommand({ domainName })));
        return;
      }
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteDomainName', () => client.send(new m.DeleteDomainNameCommand({ DomainName: domainName })));
    },
    async getBasePathMappings(domainName) {
      const { m, client } = await ctx.api();
      const found = await ctx.find('APIGateway.GetBasePathMappings', () => client.send(new m.GetBasePathMappingsCommand({ domainName, limit: 500 })));
      return (found?.items ?? []).map(
        (item): RemoteBasePathMapping => ({ basePath: item.basePath === ROOT_BASE_PATH || item.basePath === undefined ? '' : item.basePath, restApiId: item.restApiId ?? '', stage: item.stage ?? '' }),
      );
    },
    async createBasePathMapping(domainName, mapping) {
      const { m, client } = await ctx.api();
      await ctx.send('APIGateway.CreateBasePathMapping', () =>
        client.send(new m.CreateBasePathMappingCommand({ domainName, restApiId: mapping.restApiId, stage: mapping.stage, ...(mapping.basePath === '' ? {} : { basePath: mapping.basePath }) })),
      );
    },
    async updateBasePathMapping(domainName, mapping) {
      const { m, client } = await ctx.api();
      await ctx.send('APIGateway.UpdateBasePathMapping', () =>
        client.send(
          new m.UpdateBasePathMappingCommand({
            domainName,
            basePath: mapping.basePath === '' ? ROOT_BASE_PATH : mapping.basePath,
            patchOperations: [
              { op: 'replace', path: '/restapiId', value: mapping.restApiId },
              { op: 'replace', path: '/stage', value: mapping.stage },
            ],
          }),
        ),
      );
    },
    async deleteBasePathMapping(domainName, basePath) {
      const { m, client } = await ctx.api();
      await ctx.send('APIGateway.DeleteBasePathMapping', () => client.send(new m.DeleteBasePathMappingCommand({ domainName, basePath: basePath === '' ? ROOT_BASE_PATH : basePath })));
    },
    async getApiMappings(domainName) {
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetApiMappings', () => client.send(new m.GetApiMappingsCommand({ DomainName: domainName, MaxResults: '500' })));
      return (found?.Items ?? []).map((item): RemoteApiMapping => ({ apiMappingId: item.ApiMappingId ?? '', apiId: item.ApiId ?? '', key: item.ApiMappingKey ?? '', stage: item.Stage ?? '' }));
    },
    async createApiMapping(domainName, mapping) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateApiMapping', () =>
        client.send(new m.CreateApiMappingCommand({ DomainName: domainName, ApiId: mapping.apiId, Stage: mapping.stage, ...(mapping.key === '' ? {} : { ApiMappingKey: mapping.key }) })),
      );
      return { apiMappingId: created.ApiMappingId ?? '' };
    },
    async updateApiMapping(domainName, mapping) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UpdateApiMapping', () =>
        client.send(
          new m.UpdateApiMappingCommand({
            DomainName: domainName,
            ApiMappingId: mapping.apiMappingId,
            ApiId: mapping.apiId,
            Stage: mapping.stage,
            ...(mapping.key === '' ? {} : { ApiMappingKey: mapping.key }),
          }),
        ),
      );
    },
    async deleteApiMapping(domainName, apiMappingId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteApiMapping', () => client.send(new m.DeleteApiMappingCommand({ DomainName: domainName, ApiMappingId: apiMappingId })));
    },
  };
}
