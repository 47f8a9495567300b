/**
 * The HTTP API part of the graph (`api_type: "http"`): the same `api_handler` function and
 * built-in authorizer functions as a REST API, served by an API Gateway HTTP API (v2, payload
 * format 2.0) instead: routes as plain data, JWT / Lambda / IAM authorizers, the API's one CORS
 * configuration, the invoke permissions and the custom domain.
 *
 * What an HTTP API cannot do is refused here with an error that says what to use instead:
 * Cognito user pool and custom (external Lambda) authorizers, API keys, a PRIVATE endpoint,
 * a resource policy and payload compression. Binary media types need no setting (payload 2.0
 * carries `isBase64Encoded` both ways), so `app.api.binaryTypes` is simply not used.
 */
import { ChaliceTsError } from '../project/errors.js';
import type { Authorizer, RouteEntry } from '../runtime/index.js';
import type { BuildContext } from './build-context.js';
import { addCustomDomain } from './domain-builder.js';
import { addLambdaFunction } from './function-builder.js';
import { httpCorsConfiguration } from './http-cors.js';
import { addApiGatewayPermission, checkAuthorizerNames, REST_API_HANDLER_NAME } from './rest-api-builder.js';
import type { HttpApiResource, HttpRoute, HttpRouteAuthorizer, Ref } from './resources.js';
import { refTo } from './resources.js';

export function addHttpApi(ctx: BuildContext): void {
  if (ctx.app.routes.size === 0) return;
  checkRestOnlySettings(ctx);
  // The handler keeps the REST handler's purpose: same function, name and logical id.
  const handler = addLambdaFunction(ctx, REST_API_HANDLER_NAME, 'rest-api');
  const authorizerFunctions = new Map<string, Ref<'lambda-function'>>();
  for (const auth of ctx.app.builtinAuthHandlers) {
    authorizerFunctions.set(auth.name, addLambdaFunction(ctx, auth.name, 'authorizer'));
  }
  const entries: RouteEntry[] = [];
  for (const byMethod of ctx.app.routes.values()) entries.push(...byMethod.values());
  const routes = entries.map((entry) => routeToHttpRoute(entry, authorizerFunctions));
  checkAuthorizerNames(routes);
  const cors = httpCorsConfiguration(entries);
  const api: HttpApiResource = {
    kind: 'http-api',
    resourceName: 'http_api',
    name: ctx.appName,
    stage: ctx.stageConfig.apiGatewayStage,
    routes,
    ...(cors === undefined ? {} : { cors }),
    handler,
    authorizers: [...authorizerFunctions.values()],
  };
  ctx.collector.add(api);
  const apiRef = refTo(api);
  const source = { kind: 'http-api', api: apiRef } as const;
  addApiGatewayPermission(ctx, 'http_api_invoke', handler, source);
  for (const [name, fn] of authorizerFunctions) addApiGatewayPermission(ctx, `${name}_invoke`, fn, source);
  const domain = ctx.stageConfig.apiGatewayCustomDomain;
  if (domain !== undefined) addCustomDomain(ctx, 'http', domain, 'REGIONAL', apiRef, api.stage);
}

/** REST API settings an HTTP API has no equivalent for. */
function checkRestOnlySettings(ctx: BuildContext): void {
  const { stageConfig } = ctx;
  const refuse = (setting: string, why: string): never => {
    throw new ChaliceTsError(
      `${setting} is set in .chalice/config.json, but ${why}; remove it or set "api_type": "rest"`,
      'http_api_unsupported',
    );
  };
  if (stageConfig.apiGatewayEndpointType === 'PRIVATE') refuse('"api_gateway_endpoint_type": "PRIVATE"', 'an HTTP API (api_type "http") cannot be private');
  if (stageConfig.apiGatewayPolicyFile !== undefined) refuse('"api_gateway_policy_file"', 'an HTTP API (api_type "http") has no resource policy');
  if (stageConfig.minimumCompressionSize !== undefined) refuse('"minimum_compression_size"', 'an HTTP API (api_type "http") does not compress responses');
}

function routeToHttpRoute(entry: RouteEntry, authorizerFunctions: ReadonlyMap<string, Ref<'lambda-function'>>): HttpRoute {
  if (entry.apiKeyRequired) {
    throw new ChaliceTsError(
      `Route ${entry.method} ${entry.path} (view ${entry.name}) sets apiKeyRequired, but an HTTP API (api_type "http") has no API keys; remove apiKeyRequired and protect the route with an authorizer, or set "api_type": "rest"`,
      'http_api_unsupported',
    );
  }
  const authorizer = entry.authorizer === null ? undefined : authorizerToModel(entry, entry.authorizer, authorizerFunctions);
  return {
    path: entry.path,
    method: entry.method,
    viewName: entry.name,
    paramNames: [...entry.paramNames],
    ...(authorizer === undefined ? {} : { authorizer }),
  };
}

type AnyAuthorizer = Authorizer & {
  readonly issuer?: string;
  readonly audience?: readonly string[];
  readonly ttlSeconds?: number;
  readonly executionRole?: string;
  readonly simpleResponses?: boolean;
  readonly providerArns?: readonly string[];
};

function authorizerToModel(
  entry: RouteEntry,
  authorizer: AnyAuthorizer,
  authorizerFunctions: ReadonlyMap<string, Ref<'lambda-function'>>,
): HttpRouteAuthorizer {
  const where = `Route ${entry.method} ${entry.path} (view ${entry.name})`;
  const scopes = [...(authorizer.scopes ?? [])];
  switch (authorizer.kind) {
    case 'jwt':
      return { kind: 'jwt', name: authorizer.name, header: authorizer.header, scopes, issuer: authorizer.issuer ?? '', audience: [...(authorizer.audience ?? [])] };
    case 'builtin': {
      const fn = authorizerFunctions.get(authorizer.name);
      if (fn === undefined) {
        throw new ChaliceTsError(
          `${where} uses the authorizer "${authorizer.name}", which is not registered on this app; register it with app.authorizer(...) on the app or on a blueprint registered with app.registerBlueprint(...)`,
          'authorizer_unknown',
        );
      }
      if (scopes.length > 0) {
        throw new ChaliceTsError(
          `${where} requires scopes ${scopes.join(', ')} from the built-in authorizer "${authorizer.name}", but an HTTP API checks scopes only with a JWT authorizer; drop withScopes(...) and check the scopes in the authorizer, or use JWTAuthorizer`,
          'http_api_unsupported',
        );
      }
      return {
        kind: 'lambda',
        name: authorizer.name,
        header: authorizer.header,
        ttlSeconds: authorizer.ttlSeconds ?? 300,
        simpleResponses: authorizer.simpleResponses ?? false,
        ...(authorizer.executionRole === undefined || authorizer.executionRole === null ? {} : { executionRole: authorizer.executionRole }),
        function: fn,
      };
    }
    case 'iam':
      return { kind: 'iam', name: authorizer.name };
    case 'cognito_user_pools': {
      // arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>
      const arn = authorizer.providerArns?.[0] ?? '';
      const region = arn.split(':')[3] || '<region>';
      const pool = arn.includes('/') ? arn.slice(arn.lastIndexOf('/') + 1) : '<user pool id>';
      throw new ChaliceTsError(
        `${where} uses the Cognito user pool authorizer "${authorizer.name}", which an HTTP API (api_type "http") does not have; use new JWTAuthorizer('${authorizer.name}', { issuer: 'https://cognito-idp.${region}.amazonaws.com/${pool}', audience: [<app client ids>] }) instead`,
        'http_api_unsupported',
      );
    }
    case 'custom':
      throw new ChaliceTsError(
        `${where} uses the custom authorizer "${authorizer.name}", which an HTTP API (api_type "http") does not support; write the authorizer in this app with app.authorizer(...) (payload 2.0), use JWTAuthorizer for tokens from an OIDC issuer, or set "api_type": "rest"`,
        'http_api_unsupported',
      );
    default:
      throw new ChaliceTsError(
        `${where} has an authorizer of unknown kind ${JSON.stringify((authorizer as { kind?: unknown }).kind)}; with an HTTP API use app.authorizer, JWTAuthorizer or IAMAuthorizer`,
        'authorizer_unknown',
      );
  }
}
