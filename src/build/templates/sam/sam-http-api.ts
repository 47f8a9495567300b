/**
 * SAM resources of an HTTP API (`api_type: "http"`): `HttpAPI`, an `AWS::Serverless::HttpApi`
 * with its stage, CORS configuration and authorizers (JWT, Lambda with payload format 2.0, IAM),
 * and one `HttpApi` event per route on the handler function (SAM writes the API's OpenAPI
 * document, the integrations and the handler's invoke permissions from them).
 */
import type { HttpApiResource, HttpCorsConfiguration, HttpRoute, HttpRouteAuthorizer } from '../../../graph/index.js';
import { resolveRef } from '../../../graph/index.js';
import { functionLogicalId, toCfnResourceName } from '../logical-names.js';
import type { SamState } from './sam-generator.js';
import { samInvokedArn } from './sam-references.js';

export const HTTP_API_ID = 'HttpAPI';

export function addHttpApi(state: SamState, api: HttpApiResource): void {
  const id = state.names.claim(HTTP_API_ID, 'the HTTP API');
  const authorizers = samAuthorizers(state, api.routes);
  const iam = api.routes.some((route) => route.authorizer?.kind === 'iam');
  state.resources[id] = {
    Type: 'AWS::Serverless::HttpApi',
    Properties: {
      StageName: api.stage,
      ...(api.cors === undefined ? {} : { CorsConfiguration: samCors(api.cors) }),
      ...(Object.keys(authorizers).length > 0 || iam
        ? { Auth: { ...(Object.keys(authorizers).length > 0 ? { Authorizers: authorizers } : {}), ...(iam ? { EnableIamAuthorizer: true } : {}) } }
        : {}),
    },
  };
  const handlerId = functionLogicalId(resolveRef(state.graph, api.handler));
  const properties = state.resources[handlerId].Properties as Record<string, unknown>;
  const events: Record<string, unknown> = { ...(properties.Events as Record<string, unknown> | undefined) };
  for (const route of api.routes) {
    const eventId = state.names.claim(routeEventId(route), `the HTTP API event of ${route.method} ${route.path}`);
    events[eventId] = {
      Type: 'HttpApi',
      Properties: {
        ApiId: { Ref: id },
        Method: route.method,
        Path: route.path,
        PayloadFormatVersion: '2.0',
        ...(route.authorizer === undefined ? {} : { Auth: routeAuth(route.authorizer) }),
      },
    };
  }
  properties.Events = events;
  state.outputs.HttpApiId = { Value: { Ref: id } };
  state.outputs.EndpointURL = { Value: { 'Fn::Sub': `https://\${${id}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${api.stage}/` } };
}

/** `GET /users/{id}` → `HttpApiGetUsersId`; `GET /` → `HttpApiGetRoot`. */
function routeEventId(route: HttpRoute): string {
  const words = route.path.split('/').map((segment) => segment.replace(/[{}+]/g, ''));
  const path = toCfnResourceName(words.join('_'));
  return `HttpApi${toCfnResourceName(route.method.toLowerCase())}${path === '' ? 'Root' : path}`;
}

function routeAuth(authorizer: HttpRouteAuthorizer): Record<string, unknown> {
  switch (authorizer.kind) {
    case 'jwt':
      return { Authorizer: authorizer.name, ...(authorizer.scopes.length > 0 ? { AuthorizationScopes: [...authorizer.scopes] } : {}) };
    case 'lambda':
      return { Authorizer: authorizer.name };
    case 'iam':
      return { Authorizer: 'AWS_IAM' };
    default: {
      const never: never = authorizer;
      throw new Error(`unknown HTTP API authorizer ${JSON.stringify(never)}`);
    }
  }
}

/** `Auth.Authorizers`, keyed by authorizer name (the graph guarantees one definition per name). */
function samAuthorizers(state: SamState, routes: readonly HttpRoute[]): Record<string, unknown> {
  const authorizers: Record<string, unknown> = {};
  for (const { authorizer } of routes) {
    if (authorizer === undefined || authorizer.kind === 'iam' || authorizer.name in authorizers) continue;
    const identitySource = `$request.header.${authorizer.header}`;
    if (authorizer.kind === 'jwt') {
      authorizers[authorizer.name] = {
        IdentitySource: identitySource,
        JwtConfiguration: { issuer: authorizer.issuer, audience: [...authorizer.audience] },
      };
    } else {
      authorizers[authorizer.name] = {
        // The alias when the authorizer has provisioned concurrency.
        FunctionArn: samInvokedArn(resolveRef(state.graph, authorizer.function)),
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: authorizer.simpleResponses,
        ...(authorizer.executionRole === undefined ? {} : { FunctionInvokeRole: authorizer.executionRole }),
        Identity: { Headers: [authorizer.header], ReauthorizeEvery: authorizer.ttlSeconds },
      };
    }
  }
  return authorizers;
}

function samCors(cors: HttpCorsConfiguration): Record<string, unknown> {
  return {
    AllowOrigins: [...cors.allowOrigins],
    AllowMethods: [...cors.allowMethods],
    AllowHeaders: [...cors.allowHeaders],
    ...(cors.exposeHeaders.length > 0 ? { ExposeHeaders: [...cors.exposeHeaders] } : {}),
    ...(cors.maxAge === undefined ? {} : { MaxAge: cors.maxAge }),
    ...(cors.allowCredentials ? { AllowCredentials: true } : {}),
  };
}
