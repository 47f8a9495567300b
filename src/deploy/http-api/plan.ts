/**
 * Planning the HTTP API (pure; called by the planner for the `http-api` resource of the app
 * graph, and for the source ARN of its Lambda permissions).
 *
 * One API per stage (tagged like the REST API, plus the handler's tags with the `aws-chalice`
 * one), one AWS_PROXY integration with payload format 2.0 invoking the handler, one authorizer
 * per JWT or Lambda authorizer the routes use, one route per method and path
 * (`GET /users/{id}`), and a stage that deploys every change by itself (AutoDeploy), so no
 * deployment is ever planned. Each part is compared with what exists and only what differs is
 * written: a redeploy without change plans nothing; a removed route or authorizer is deleted,
 * after the routes that used it moved on. Nothing is created twice after a deploy killed
 * anywhere: the integration is found again by the function it invokes, authorizers by name,
 * routes by key, and what is left over (a duplicate from a create whose answer was lost) is
 * deleted.
 */
import type { AppGraph } from '../../graph/index.js';
// Imported from the module itself: the graph's index does not export the HTTP API models yet.
import type { HttpApiResource, HttpCorsConfiguration, HttpRouteAuthorizer } from '../../graph/resources.js';
import { resolveRef } from '../../graph/index.js';
import { sortKeysDeep } from '../../project/stable-json.js';
import type { HttpApiCors, HttpAuthorizationType, HttpAuthorizerSettings, RemoteHttpRoute } from '../aws/http-api-calls.js';
import type { Instruction, Value } from '../instructions.js';
import type { AwsTarget } from '../names.js';
import { executeApiSourceArn } from '../names.js';
import { invokedFunctionArn } from '../function-extras/names.js';
import type { PlanContext } from '../websocket-domains/plan.js';
import { lambdaIntegrationUri } from '../websocket-domains/names.js';
import type { HttpRouteWithValues } from './instructions.js';
import { APP_TAG, headerIdentitySource, httpApiUrl, routeKey, STAGE_TAG } from './names.js';
import type { HttpApiSnapshotPart } from './snapshot.js';

export type HttpApiPlanContext = Omit<PlanContext, 'snapshot'> & { readonly snapshot: HttpApiSnapshotPart };

const HTTP_API_ID: Value = { output: 'httpApiId' };
const INTEGRATION_ID: Value = { output: 'httpIntegrationId' };
/** A route's target when the integration is created in this deploy. */
const NEW_INTEGRATION_TARGET: Value = { output: 'httpIntegrationId', format: 'integrations/{}' };
const newAuthorizerId = (name: string): Value => ({ output: `httpAuthorizer:${name}` });

/** Plans the HTTP API; returns its id (known, or the one created in this deploy). */
export function planHttpApi(ctx: HttpApiPlanContext, api: HttpApiResource): Value {
  const { graph, target, out } = ctx;
  const base = { name: api.resourceName, resourceType: 'http_api', region: target.region, appName: graph.appName, stage: graph.stage, apiGatewayStage: api.stage };
  const handler = resolveRef(graph, api.handler);
  // A handler with provisioned concurrency is integrated through its alias.
  const handlerArn = invokedFunctionArn(target, handler);
  const tags = { ...handler.tags, [APP_TAG]: graph.appName, [STAGE_TAG]: graph.stage };
  const cors = api.cors === undefined ? undefined : corsOf(api.cors);
  const authorizers = authorizerSettings(graph, target, api);
  const remote = ctx.snapshot.httpApi;

  if (remote === undefined) {
    ctx.want(base);
    out.push({
      kind: 'create-http-api',
      apiName: api.name,
      ...(cors === undefined ? {} : { cors }),
      tags,
      pending: { ...base, pending: true },
      record: { ...base, httpApiId: HTTP_API_ID, httpApiUrl: { output: 'httpApiId', format: httpApiUrl('{}', target.region, api.stage) } },
    });
    out.push({ kind: 'create-http-integration', apiId: HTTP_API_ID, functionArn: handlerArn });
    for (const settings of authorizers) out.push({ kind: 'create-http-authorizer', apiId: HTTP_API_ID, settings });
    for (const route of api.routes) {
      out.push({ kind: 'create-http-route', apiId: HTTP_API_ID, route: routeSettings(route.method, route.path, route.authorizer, NEW_INTEGRATION_TARGET, newAuthorizerId) });
    }
    out.push({ kind: 'create-http-stage', apiId: HTTP_API_ID, stageName: api.stage });
    return HTTP_API_ID;
  }

  const apiId = remote.api.id;
  ctx.keep({ ...base, httpApiId: apiId, httpApiUrl: httpApiUrl(apiId, target.region, api.stage) });
  const tagsToSet = Object.fromEntries(Object.entries(tags).filter(([key, value]) => remote.api.tags[key] !== value));
  if (Object.keys(tagsToSet).length > 0) out.push({ kind: 'tag-http-api', apiId, tags: tagsToSet });
  const tagsToRemove = Object.keys(remote.api.tags).filter((key) => !(key in tags) && !key.startsWith('aws:')).sort();
  if (tagsToRemove.length > 0) out.push({ kind: 'untag-http-api', apiId, keys: tagsToRemove });
  if (cors === undefined && remote.api.cors !== undefined) out.push({ kind: 'delete-http-api-cors', apiId });
  if (cors !== undefined && (remote.api.cors === undefined || !sameJson(normalCors(remote.api.cors), normalCors(cors)))) out.push({ kind: 'update-http-api-cors', apiId, cors });

  // The integration, by the function it invokes; any other is left over and removed once no route uses it.
  const integration = [...remote.integrations]
    .sort((a, b) => (a.integrationId < b.integrationId ? -1 : 1))
    .find((i) => i.integrationType === 'AWS_PROXY' && i.integrationUri === handlerArn && i.payloadFormatVersion === '2.0');
  let integrationId: Value;
  if (integration === undefined) {
    out.push({ kind: 'create-http-integration', apiId, functionArn: handlerArn });
    integrationId = INTEGRATION_ID;
  } else {
    integrationId = integration.integrationId;
  }

  // Authorizers, by name; the first of a name is kept (and updated), duplicates go after the routes.
  const authorizerIds = new Map<string, Value>();
  const usedAuthorizers = new Set<string>();
  for (const settings of authorizers) {
    const found = remote.authorizers.filter((a) => a.settings.name === settings.name).sort((a, b) => (a.authorizerId < b.authorizerId ? -1 : 1))[0];
    if (found === undefined) {
      out.push({ kind: 'create-http-authorizer', apiId, settings });
      authorizerIds.set(settings.name, newAuthorizerId(settings.name));
      continue;
    }
    usedAuthorizers.add(found.authorizerId);
    authorizerIds.set(settings.name, found.authorizerId);
    if (!sameJson(normalAuthorizer(found.settings), normalAuthorizer(settings))) out.push({ kind: 'update-http-authorizer', apiId, authorizerId: found.authorizerId, settings });
  }

  const routeTarget = typeof integrationId === 'string' ? `integrations/${integrationId}` : NEW_INTEGRATION_TARGET;
  const wantedKeys = new Set<string>();
  for (const route of api.routes) {
    const wanted = routeSettings(route.method, route.path, route.authorizer, routeTarget, (name) => authorizerIds.get(name)!);
    wantedKeys.add(wanted.routeKey);
    const existing = remote.routes.find((r) => r.routeKey === wanted.routeKey);
    if (existing === undefined) out.push({ kind: 'create-http-route', apiId, route: wanted });
    else if (!sameRoute(existing, wanted)) out.push({ kind: 'update-http-route', apiId, routeId: existing.routeId, route: wanted });
  }
  for (const route of remote.routes) {
    if (!wantedKeys.has(route.routeKey)) out.push({ kind: 'delete-http-route', apiId, routeId: route.routeId, routeKey: route.routeKey });
  }
  for (const authorizer of remote.authorizers) {
    if (!usedAuthorizers.has(authorizer.authorizerId)) out.push({ kind: 'delete-http-authorizer', apiId, authorizerId: authorizer.authorizerId, name: authorizer.settings.name });
  }
  for (const other of remote.integrations) {
    if (other.integrationId !== integration?.integrationId) out.push({ kind: 'delete-http-integration', apiId, integrationId: other.integrationId });
  }
  if (remote.stage === undefined) out.push({ kind: 'create-http-stage', apiId, stageName: api.stage });
  else if (!remote.stage.autoDeploy) out.push({ kind: 'update-http-stage', apiId, stageName: api.stage });
  return apiId;
}

/** The source ARN of a permission for the HTTP API (every route, stage and authorizer of it). */
export function httpApiSourceArn(target: AwsTarget, apiId: Value | undefined, permissionName: string): Value {
  if (apiId === undefined) throw new Error(`permission ${permissionName} is planned before its HTTP API`);
  return typeof apiId === 'string' ? executeApiSourceArn(target, apiId) : { output: 'httpApiId', format: executeApiSourceArn(target, '{}') };
}

function corsOf(cors: HttpCorsConfiguration): HttpApiCors {
  return {
    allowOrigins: [...cors.allowOrigins],
    allowMethods: [...cors.allowMethods],
    allowHeaders: [...cors.allowHeaders],
    exposeHeaders: [...cors.exposeHeaders],
    ...(cors.maxAge === undefined ? {} : { maxAge: cors.maxAge }),
    allowCredentials: cors.allowCredentials,
  };
}

/**
 * CORS as compared: API Gateway matches header names and methods without regard to case, and
 * the lists are sets.
 */
function normalCors(cors: HttpApiCors): unknown {
  const set = (items: readonly string[], fold: (s: string) => string = (s) => s): string[] => [...new Set(items.map(fold))].sort();
  return {
    allowOrigins: set(cors.allowOrigins),
    allowMethods: set(cors.allowMethods, (s) => s.toUpperCase()),
    allowHeaders: set(cors.allowHeaders, (s) => s.toLowerCase()),
    exposeHeaders: set(cors.exposeHeaders, (s) => s.toLowerCase()),
    maxAge: cors.maxAge ?? null,
    allowCredentials: cors.allowCredentials,
  };
}

/** The authorizers the routes use, once each, in the order routes first use them. */
function authorizerSettings(graph: AppGraph, target: AwsTarget, api: HttpApiResource): HttpAuthorizerSettings[] {
  const out = new Map<string, HttpAuthorizerSettings>();
  for (const route of api.routes) {
    const auth = route.authorizer;
    if (auth === undefined || auth.kind === 'iam' || out.has(auth.name)) continue;
    if (auth.kind === 'jwt') {
      out.set(auth.name, { authorizerType: 'JWT', name: auth.name, identitySource: [headerIdentitySource(auth.header)], issuer: auth.issuer, audience: [...auth.audience] });
      continue;
    }
    const fn = resolveRef(graph, auth.function);
    out.set(auth.name, {
      authorizerType: 'REQUEST',
      name: auth.name,
      identitySource: [headerIdentitySource(auth.header)],
      authorizerUri: lambdaIntegrationUri(target, invokedFunctionArn(target, fn)),
      resultTtlInSeconds: auth.ttlSeconds,
      enableSimpleResponses: auth.simpleResponses,
      ...(auth.executionRole === undefined ? {} : { credentialsArn: auth.executionRole }),
    });
  }
  return [...out.values()];
}

function normalAuthorizer(settings: HttpAuthorizerSettings): unknown {
  return sortKeysDeep(settings.authorizerType === 'JWT' ? { ...settings, audience: [...settings.audience].sort() } : settings);
}

const AUTHORIZATION_TYPES: Readonly<Record<HttpRouteAuthorizer['kind'], HttpAuthorizationType>> = { jwt: 'JWT', lambda: 'CUSTOM', iam: 'AWS_IAM' };

function routeSettings(method: string, path: string, auth: HttpRouteAuthorizer | undefined, target: Value, authorizerId: (name: string) => Value): HttpRouteWithValues {
  return {
    routeKey: routeKey(method, path),
    target,
    authorizationType: auth === undefined ? 'NONE' : AUTHORIZATION_TYPES[auth.kind],
    ...(auth === undefined || auth.kind === 'iam' ? {} : { authorizerId: authorizerId(auth.name) }),
    authorizationScopes: auth?.kind === 'jwt' ? [...auth.scopes].sort() : [],
  };
}

/** Whether a route already is as wanted; a target or authorizer created in this plan is a change. */
function sameRoute(remote: RemoteHttpRoute, wanted: HttpRouteWithValues): boolean {
  return (
    remote.target === wanted.target &&
    remote.authorizationType === wanted.authorizationType &&
    (remote.authorizerId ?? undefined) === wanted.authorizerId &&
    sameJson([...remote.authorizationScopes].sort(), wanted.authorizationScopes)
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));
}
