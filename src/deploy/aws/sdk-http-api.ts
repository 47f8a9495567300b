/**
 * The `HttpApiCalls` of the real `AwsClient`: HTTP APIs (API Gateway v2, protocol HTTP), their
 * Lambda integration, authorizers, routes and stage. The SDK module is loaded on first use,
 * through the same loader as the websocket calls.
 *
 * AWS facts recorded here:
 *  - GetApis lists websocket and HTTP APIs together; only `ProtocolType: HTTP` ones are ours here.
 *  - A Lambda proxy integration of an HTTP API names the function ARN itself as
 *    `IntegrationUri`, and `PayloadFormatVersion` 2.0 gives the function the 2.0 event.
 *  - A Lambda (REQUEST) authorizer of an HTTP API needs `AuthorizerPayloadFormatVersion`;
 *    `EnableSimpleResponses` lets it answer `{ isAuthorized, context }`.
 *  - UpdateRoute changes only what it is given: taking a route's authorizer away sends
 *    `AuthorizationType: NONE` (or AWS_IAM) with an empty `AuthorizerId`, and its scopes an empty
 *    `AuthorizationScopes` list. (The AWS emulator, moto 5.2, ignores an empty scopes list on
 *    UpdateRoute, so a JWT route losing all its scopes keeps them there and is planned again on
 *    each deploy against it; the unit tests cover that case with the fake.)
 *  - An API is tagged through its ARN `arn:<partition>:apigateway:<region>::/apis/<id>`.
 *  - With `AutoDeploy`, the stage deploys every change of routes, integrations and
 *    authorizers by itself, so no CreateDeployment is ever needed.
 */
import type * as ApiGatewayV2Module from '@aws-sdk/client-apigatewayv2';
import type { HttpApiCalls, HttpAuthorizerSettings, RemoteHttpApi, RemoteHttpAuthorizer, RemoteHttpRoute } from './http-api-calls.js';
import { corsFromSdk, corsToSdk } from './sdk-cors.js';
import type { SdkCallContext } from './sdk-websocket-domains.js';
import { httpApiArn } from '../http-api/names.js';

export type SdkHttpApiContext = Pick<SdkCallContext, 'region' | 'partition' | 'apiV2' | 'send' | 'find'>;

export function createSdkHttpApiCalls(ctx: SdkHttpApiContext): HttpApiCalls {
  const authorizerInput = (s: HttpAuthorizerSettings) =>
    s.authorizerType === 'JWT'
      ? { AuthorizerType: 'JWT' as const, Name: s.name, IdentitySource: [...s.identitySource], JwtConfiguration: { Issuer: s.issuer, Audience: [...s.audience] } }
      : {
          AuthorizerType: 'REQUEST' as const,
          Name: s.name,
          IdentitySource: [...s.identitySource],
          AuthorizerUri: s.authorizerUri,
          AuthorizerPayloadFormatVersion: '2.0',
          AuthorizerResultTtlInSeconds: s.resultTtlInSeconds,
          EnableSimpleResponses: s.enableSimpleResponses,
          ...(s.credentialsArn === undefined ? {} : { AuthorizerCredentialsArn: s.credentialsArn }),
        };
  const authorizerOf = (a: ApiGatewayV2Module.Authorizer): RemoteHttpAuthorizer => ({
    authorizerId: a.AuthorizerId ?? '',
    settings:
      a.AuthorizerType === 'JWT'
        ? { authorizerType: 'JWT', name: a.Name ?? '', identitySource: a.IdentitySource ?? [], issuer: a.JwtConfiguration?.Issuer ?? '', audience: a.JwtConfiguration?.Audience ?? [] }
        : {
            authorizerType: 'REQUEST',
            name: a.Name ?? '',
            identitySource: a.IdentitySource ?? [],
            authorizerUri: a.AuthorizerUri ?? '',
            resultTtlInSeconds: a.AuthorizerResultTtlInSeconds ?? 0,
            enableSimpleResponses: a.EnableSimpleResponses ?? false,
            ...(a.AuthorizerCredentialsArn ? { credentialsArn: a.AuthorizerCredentialsArn } : {}),
          },
  });
  /** An update sends an empty authorizer id and scope list to take the route's authorizer and scopes away. */
  const routeInput = (r: Parameters<HttpApiCalls['createHttpRoute']>[1], update = false) => ({
    RouteKey: r.routeKey,
    Target: r.target,
    AuthorizationType: r.authorizationType,
    ...(r.authorizerId === undefined ? (update ? { AuthorizerId: '' } : {}) : { AuthorizerId: r.authorizerId }),
    // Scopes are for JWT routes: a new route without any names none.
    ...(update || r.authorizationScopes.length > 0 ? { AuthorizationScopes: [...r.authorizationScopes] } : {}),
  });

  return {
    async getHttpApis() {
      const { m, client } = await ctx.apiV2();
      const out: RemoteHttpApi[] = [];
      let token: string | undefined;
      do {
        const page = await ctx.send('ApiGatewayV2.GetApis', () => client.send(new m.GetApisCommand({ MaxResults: '500', ...(token ? { NextToken: token } : {}) })));
        for (const api of page.Items ?? []) {
          if (api.ProtocolType !== 'HTTP') continue;
          out.push({ id: api.ApiId ?? '', name: api.Name ?? '', tags: api.Tags ?? {}, ...(api.CorsConfiguration ? { cors: corsFromSdk(api.CorsConfiguration) } : {}) });
        }
        token = page.NextToken;
      } while (token);
      return out;
    },
    async getHttpIntegrations(apiId) {
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetIntegrations', () => client.send(new m.GetIntegrationsCommand({ ApiId: apiId, MaxResults: '500' })));
      return (found?.Items ?? []).map((i) => ({
        integrationId: i.IntegrationId ?? '',
        integrationType: i.IntegrationType ?? '',
        integrationUri: i.IntegrationUri ?? '',
        payloadFormatVersion: i.PayloadFormatVersion ?? '',
      }));
    },
    async getHttpAuthorizers(apiId) {
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetAuthorizers', () => client.send(new m.GetAuthorizersCommand({ ApiId: apiId, MaxResults: '500' })));
      return (found?.Items ?? []).map(authorizerOf);
    },
    async getHttpRoutes(apiId) {
      const { m, client } = await ctx.apiV2();
      const found = await ctx.find('ApiGatewayV2.GetRoutes', () => client.send(new m.GetRoutesCommand({ ApiId: apiId, MaxResults: '500' })));
      return (found?.Items ?? []).map(
        (r): RemoteHttpRoute => ({
          routeId: r.RouteId ?? '',
          routeKey: r.RouteKey ?? '',
          target: r.Target ?? '',
          authorizationType: (r.AuthorizationType ?? 'NONE') as RemoteHttpRoute['authorizationType'],
          ...(r.AuthorizerId ? { authorizerId: r.AuthorizerId } : {}),
          authorizationScopes: r.AuthorizationScopes ?? [],
        }),
      );
    },
    async getHttpStage(apiId, stageName) {
      const { m, client } = await ctx.apiV2();
      const stage = await ctx.find('ApiGatewayV2.GetStage', () => client.send(new m.GetStageCommand({ ApiId: apiId, StageName: stageName })));
      return stage === undefined ? undefined : { autoDeploy: stage.AutoDeploy === true };
    },
    async createHttpApi(name, corsConfiguration, tags) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateApi', () =>
        client.send(new m.CreateApiCommand({ Name: name, ProtocolType: 'HTTP', ...(corsConfiguration ? { CorsConfiguration: corsToSdk(corsConfiguration) } : {}), Tags: { ...tags } })),
      );
      return { id: created.ApiId ?? '' };
    },
    async updateHttpApiCors(apiId, corsConfiguration) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UpdateApi', () => client.send(new m.UpdateApiCommand({ ApiId: apiId, CorsConfiguration: corsToSdk(corsConfiguration) })));
    },
    async deleteHttpApiCors(apiId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteCorsConfiguration', () => client.send(new m.DeleteCorsConfigurationCommand({ ApiId: apiId })));
    },
    async tagHttpApi(apiId, tags) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.TagResource', () => client.send(new m.TagResourceCommand({ ResourceArn: httpApiArn(ctx.partition, ctx.region, apiId), Tags: { ...tags } })));
    },
    async untagHttpApi(apiId, keys) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UntagResource', () => client.send(new m.UntagResourceCommand({ ResourceArn: httpApiArn(ctx.partition, ctx.region, apiId), TagKeys: [...keys] })));
    },
    async createHttpIntegration(apiId, functionArn) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateIntegration', () =>
        client.send(new m.CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationMethod: 'POST', IntegrationUri: functionArn, PayloadFormatVersion: '2.0' })),
      );
      return { integrationId: created.IntegrationId ?? '' };
    },
    async deleteHttpIntegration(apiId, integrationId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteIntegration', () => client.send(new m.DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId })));
    },
    async createHttpAuthorizer(apiId, settings) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateAuthorizer', () => client.send(new m.CreateAuthorizerCommand({ ApiId: apiId, ...authorizerInput(settings) })));
      return { authorizerId: created.AuthorizerId ?? '' };
    },
    async updateHttpAuthorizer(apiId, authorizerId, settings) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UpdateAuthorizer', () => client.send(new m.UpdateAuthorizerCommand({ ApiId: apiId, AuthorizerId: authorizerId, ...authorizerInput(settings) })));
    },
    async deleteHttpAuthorizer(apiId, authorizerId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteAuthorizer', () => client.send(new m.DeleteAuthorizerCommand({ ApiId: apiId, AuthorizerId: authorizerId })));
    },
    async createHttpRoute(apiId, route) {
      const { m, client } = await ctx.apiV2();
      const created = await ctx.send('ApiGatewayV2.CreateRoute', () => client.send(new m.CreateRouteCommand({ ApiId: apiId, ...routeInput(route) })));
      return { routeId: created.RouteId ?? '' };
    },
    async updateHttpRoute(apiId, routeId, route) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UpdateRoute', () => client.send(new m.UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, ...routeInput(route, true) })));
    },
    async deleteHttpRoute(apiId, routeId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteRoute', () => client.send(new m.DeleteRouteCommand({ ApiId: apiId, RouteId: routeId })));
    },
    async createHttpStage(apiId, stageName) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.CreateStage', () => client.send(new m.CreateStageCommand({ ApiId: apiId, StageName: stageName, AutoDeploy: true })));
    },
    async updateHttpStage(apiId, stageName) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.UpdateStage', () => client.send(new m.UpdateStageCommand({ ApiId: apiId, StageName: stageName, AutoDeploy: true })));
    },
    async deleteHttpApi(apiId) {
      const { m, client } = await ctx.apiV2();
      await ctx.send('ApiGatewayV2.DeleteApi', () => client.send(new m.DeleteApiCommand({ ApiId: apiId })));
    },
  };
}
