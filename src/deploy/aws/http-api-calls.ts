/**
 * The `AwsClient` calls of HTTP APIs (API Gateway v2, protocol HTTP), in chalice-ts's own small
 * types: the API with its CORS configuration and tags, its Lambda integration, authorizers,
 * routes and auto-deployed stage. Part of `AwsClient` (aws-client.ts); the SDK side is
 * `sdk-http-api.ts`.
 */

import type { CorsSettings } from '../../project/config-types.js';

/** An HTTP API's CORS configuration, as API Gateway v2 takes it (`CorsConfiguration`). */
export type HttpApiCors = CorsSettings;

export interface RemoteHttpApi {
  readonly id: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly cors?: HttpApiCors;
}

export interface RemoteHttpIntegration {
  readonly integrationId: string;
  readonly integrationType: string;
  /** The function ARN for a Lambda proxy integration. */
  readonly integrationUri: string;
  readonly payloadFormatVersion: string;
}

/** A JWT authorizer, or a Lambda (REQUEST) authorizer with payload format 2.0. */
export type HttpAuthorizerSettings =
  | {
      readonly authorizerType: 'JWT';
      readonly name: string;
      /** `$request.header.Authorization`. */
      readonly identitySource: readonly string[];
      readonly issuer: string;
      readonly audience: readonly string[];
    }
  | {
      readonly authorizerType: 'REQUEST';
      readonly name: string;
      readonly identitySource: readonly string[];
      /** `arn:<partition>:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`. */
      readonly authorizerUri: string;
      readonly resultTtlInSeconds: number;
      readonly enableSimpleResponses: boolean;
      /** The role API Gateway assumes to invoke the function (`AuthorizerCredentialsArn`). */
      readonly credentialsArn?: string;
    };

export interface RemoteHttpAuthorizer {
  readonly authorizerId: string;
  readonly settings: HttpAuthorizerSettings;
}

export type HttpAuthorizationType = 'NONE' | 'JWT' | 'CUSTOM' | 'AWS_IAM';

/** What a route is: its key (`GET /users/{id}`), target and authorization. */
export interface HttpRouteSettings {
  readonly routeKey: string;
  /** `integrations/<integration id>`. */
  readonly target: string;
  readonly authorizationType: HttpAuthorizationType;
  readonly authorizerId?: string;
  /** JWT routes only; sorted. */
  readonly authorizationScopes: readonly string[];
}

export interface RemoteHttpRoute extends HttpRouteSettings {
  readonly routeId: string;
}

/** The calls of HTTP APIs; part of `AwsClient`. */
export interface HttpApiCalls {
  getHttpApis(): Promise<readonly RemoteHttpApi[]>;
  getHttpIntegrations(apiId: string): Promise<readonly RemoteHttpIntegration[]>;
  getHttpAuthorizers(apiId: string): Promise<readonly RemoteHttpAuthorizer[]>;
  getHttpRoutes(apiId: string): Promise<readonly RemoteHttpRoute[]>;
  /** The stage, or undefined when it does not exist. */
  getHttpStage(apiId: string, stageName: string): Promise<{ readonly autoDeploy: boolean } | undefined>;
  createHttpApi(name: string, cors: HttpApiCors | undefined, tags: Readonly<Record<string, string>>): Promise<{ readonly id: string }>;
  updateHttpApiCors(apiId: string, cors: HttpApiCors): Promise<void>;
  deleteHttpApiCors(apiId: string): Promise<void>;
  tagHttpApi(apiId: string, tags: Readonly<Record<string, string>>): Promise<void>;
  untagHttpApi(apiId: string, keys: readonly string[]): Promise<void>;
  /** An AWS_PROXY integration with payload format 2.0 invoking `functionArn`. */
  createHttpIntegration(apiId: string, functionArn: string): Promise<{ readonly integrationId: string }>;
  deleteHttpIntegration(apiId: string, integrationId: string): Promise<void>;
  createHttpAuthorizer(apiId: string, settings: HttpAuthorizerSettings): Promise<{ readonly authorizerId: string }>;
  updateHttpAuthorizer(apiId: string, authorizerId: string, settings: HttpAuthorizerSettings): Promise<void>;
  deleteHttpAuthorizer(apiId: string, authorizerId: string): Promise<void>;
  createHttpRoute(apiId: string, route: HttpRouteSettings): Promise<{ readonly routeId: string }>;
  updateHttpRoute(apiId: string, routeId: string, route: HttpRouteSettings): Promise<void>;
  deleteHttpRoute(apiId: string, routeId: string): Promise<void>;
  /** A stage that deploys every change of the API by itself (`AutoDeploy`). */
  createHttpStage(apiId: string, stageName: string): Promise<void>;
  /** Turns `AutoDeploy` back on. */
  updateHttpStage(apiId: string, stageName: string): Promise<void>;
  deleteHttpApi(apiId: string): Promise<void>;
}

/** The write calls among `HttpApiCalls`. */
export const HTTP_API_WRITE_CALLS: readonly (keyof HttpApiCalls)[] = [
  'createHttpApi',
  'updateHttpApiCors',
  'deleteHttpApiCors',
  'tagHttpApi',
  'untagHttpApi',
  'createHttpIntegration',
  'deleteHttpIntegration',
  'createHttpAuthorizer',
  'updateHttpAuthorizer',
  'deleteHttpAuthorizer',
  'createHttpRoute',
  'updateHttpRoute',
  'deleteHttpRoute',
  'createHttpStage',
  'updateHttpStage',
  'deleteHttpApi',
];
