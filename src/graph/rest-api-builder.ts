/**
 * The REST API part of the graph: one `api_handler` function serving every route, one function
 * per built-in authorizer, the API itself (routes as plain data, resource policy, endpoint
 * type), the permissions API Gateway needs to invoke them, and the custom domain.
 *
 * Routes are copied into plain data here (CORS headers computed, authorizers read by their
 * `kind`), so the OpenAPI generator and deploy never touch the user's runtime objects.
 */
import { ChaliceTsError } from '../project/errors.js';
import type { Authorizer, RouteEntry } from '../runtime/index.js';
import type { BuildContext } from './build-context.js';
import { addCustomDomain } from './domain-builder.js';
import { addLambdaFunction } from './function-builder.js';
import { privateApiPolicy } from './policies.js';
import { readPolicyFile } from './policy-file.js';
import type { IamPolicyDocument, LambdaPermissionResource, PermissionSource, Ref, RestApiResource, RestRoute, RouteAuthorizer } from './resources.js';
import { refTo } from './resources.js';

/** Config name of the function serving every route (`lambda_functions.api_handler`). */
export const REST_API_HANDLER_NAME = 'api_handler';

export function addRestApi(ctx: BuildContext): void {
  if (ctx.app.routes.size === 0) return;
  const handler = addLambdaFunction(ctx, REST_API_HANDLER_NAME, 'rest-api');
  // Every registered built-in authorizer gets its function, used by a route or not (as Chalice).
  const authorizerFunctions = new Map<string, Ref<'lambda-function'>>();
  for (const auth of ctx.app.builtinAuthHandlers) {
    authorizerFunctions.set(auth.name, addLambdaFunction(ctx, auth.name, 'authorizer'));
  }
  const routes: RestRoute[] = [];
  for (const byMethod of ctx.app.routes.values()) {
    for (const entry of byMethod.values()) routes.push(routeToRestRoute(entry, authorizerFunctions));
  }
  checkAuthorizerNames(routes);
  const { stageConfig } = ctx;
  const policy = apiPolicy(ctx);
  const api: RestApiResource = {
    kind: 'rest-api',
    resourceName: 'rest_api',
    name: ctx.appName,
    stage: stageConfig.apiGatewayStage,
    endpointType: stageConfig.apiGatewayEndpointType,
    vpcEndpointIds: [...stageConfig.apiGatewayEndpointVpce],
    ...(policy === undefined ? {} : { policy }),
    ...(stageConfig.minimumCompressionSize === undefined ? {} : { minimumCompressionSize: stageConfig.minimumCompressionSize }),
    binaryMediaTypes: [...ctx.app.api.binaryTypes],
    routes,
    handler,
    authorizers: [...authorizerFunctions.values()],
    xray: false,
  };
  ctx.collector.add(api);
  const apiRef = refTo(api);
  const source = { kind: 'rest-api', api: apiRef } as const;
  addApiGatewayPermission(ctx, 'rest_api_invoke', handler, source);
  for (const [name, fn] of authorizerFunctions) addApiGatewayPermission(ctx, `${name}_invoke`, fn, source);
  if (stageConfig.apiGatewayCustomDomain !== undefined) {
    addCustomDomain(ctx, 'rest', stageConfig.apiGatewayCustomDomain, stageConfig.apiGatewayEndpointType, apiRef, api.stage);
  }
}

/** Lets a REST or HTTP API invoke `fn` (the routes' handler, or a built-in authorizer). */
export function addApiGatewayPermission(
  ctx: BuildContext,
  resourceName: string,
  fn: Ref<'lambda-function'>,
  source: Extract<PermissionSource, { kind: 'rest-api' | 'http-api' }>,
): void {
  const permission: LambdaPermissionResource = { kind: 'lambda-permission', resourceName, function: fn, service: 'apigateway', source };
  ctx.collector.add(permission);
}

/** `api_gateway_policy_file` if set; otherwise a PRIVATE endpoint gets the VPC-endpoint policy. */
function apiPolicy(ctx: BuildContext): IamPolicyDocument | undefined {
  const { stageConfig } = ctx;
  if (stageConfig.apiGatewayPolicyFile !== undefined) {
    return readPolicyFile(ctx, `.chalice/${stageConfig.apiGatewayPolicyFile}`, 'the REST API resource policy (api_gateway_policy_file)');
  }
  if (stageConfig.apiGatewayEndpointType === 'PRIVATE') return privateApiPolicy(stageConfig.apiGatewayEndpointVpce);
  return undefined;
}

function routeToRestRoute(entry: RouteEntry, authorizerFunctions: ReadonlyMap<string, Ref<'lambda-function'>>): RestRoute {
  const authorizer = entry.authorizer === null ? undefined : authorizerToModel(entry, entry.authorizer, authorizerFunctions);
  // Duck-typed: the app's CORSConfig may come from another copy of the runtime.
  const corsHeaders = entry.cors === null ? undefined : entry.cors.getAccessControlHeaders();
  return {
    path: entry.path,
    method: entry.method,
    viewName: entry.name,
    paramNames: [...entry.paramNames],
    contentTypes: [...entry.contentTypes],
    apiKeyRequired: entry.apiKeyRequired,
    ...(authorizer === undefined ? {} : { authorizer }),
    ...(corsHeaders === undefined ? {} : { corsHeaders }),
  };
}

/**
 * API Gateway keys authorizers by name (the OpenAPI security definition of a REST API, the
 * authorizer resource of an HTTP API), so two different authorizers with one name would
 * silently share a definition. Scopes are per route and may differ.
 */
export function checkAuthorizerNames<R extends { readonly method: string; readonly path: string; readonly authorizer?: { readonly name: string; readonly scopes?: unknown } | undefined }>(
  routes: readonly R[],
): void {
  const seen = new Map<string, { readonly text: string; readonly route: R }>();
  for (const route of routes) {
    if (route.authorizer === undefined) continue;
    const { scopes: _scopes, ...definition } = route.authorizer;
    const text = JSON.stringify(definition);
    const first = seen.get(route.authorizer.name);
    if (first === undefined) {
      seen.set(route.authorizer.name, { text, route });
    } else if (first.text !== text) {
      throw new ChaliceTsError(
        `Routes ${first.route.method} ${first.route.path} and ${route.method} ${route.path} use two different authorizers named "${route.authorizer.name}"; API Gateway needs one definition per name, so give one of them another name`,
        'authorizer_conflict',
      );
    }
  }
}

type AnyAuthorizer = Authorizer & {
  readonly providerArns?: readonly string[];
  readonly authorizerUri?: string;
  readonly ttlSeconds?: number;
  readonly invokeRoleArn?: string;
  readonly executionRole?: string;
};

function authorizerToModel(
  entry: RouteEntry,
  authorizer: AnyAuthorizer,
  authorizerFunctions: ReadonlyMap<string, Ref<'lambda-function'>>,
): RouteAuthorizer {
  const scopes = [...(authorizer.scopes ?? [])];
  switch (authorizer.kind) {
    case 'builtin': {
      const fn = authorizerFunctions.get(authorizer.name);
      if (fn === undefined) {
        throw new ChaliceTsError(
          `Route ${entry.method} ${entry.path} (view ${entry.name}) uses the authorizer "${authorizer.name}", which is not registered on this app; register it with app.authorizer(...) on the app or on a blueprint registered with app.registerBlueprint(...)`,
          'authorizer_unknown',
        );
      }
      return {
        kind: 'builtin',
        name: authorizer.name,
        header: authorizer.header,
        scopes,
        ttlSeconds: authorizer.ttlSeconds ?? 300,
        ...(authorizer.executionRole === undefined ? {} : { executionRole: authorizer.executionRole }),
        function: fn,
      };
    }
    case 'cognito_user_pools':
      return { kind: 'cognito_user_pools', name: authorizer.name, header: authorizer.header, scopes, providerArns: [...(authorizer.providerArns ?? [])] };
    case 'iam':
      return { kind: 'iam', name: authorizer.name, scopes };
    case 'custom':
      return {
        kind: 'custom',
        name: authorizer.name,
        header: authorizer.header,
        scopes,
        authorizerUri: authorizer.authorizerUri ?? '',
        ttlSeconds: authorizer.ttlSeconds ?? 300,
        ...(authorizer.invokeRoleArn === undefined || authorizer.invokeRoleArn === null ? {} : { invokeRoleArn: authorizer.invokeRoleArn }),
      };
    case 'jwt':
      throw new ChaliceTsError(
        `Route ${entry.method} ${entry.path} (view ${entry.name}) uses the JWT authorizer "${authorizer.name}", which only an HTTP API has; set "api_type": "http" in .chalice/config.json, or use CognitoUserPoolAuthorizer with a REST API`,
        'authorizer_unsupported',
      );
    default:
      throw new ChaliceTsError(
        `Route ${entry.method} ${entry.path} (view ${entry.name}) has an authorizer of unknown kind ${JSON.stringify((authorizer as { kind?: unknown }).kind)}; use app.authorizer, IAMAuthorizer, CognitoUserPoolAuthorizer or CustomAuthorizer`,
        'authorizer_unknown',
      );
  }
}
