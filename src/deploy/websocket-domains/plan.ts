/**
 * Planning websocket APIs and custom domains (pure; called by the planner for the
 * `websocket-api`, `domain-name` and `api-mapping` resources of the app graph).
 *
 * Websocket API: one API per stage (tagged like the REST API), one AWS_PROXY integration per
 * route found again by the function it invokes, `$connect`/`$default`/`$disconnect` routes
 * found by route key, and a stage serving a deployment whose description carries the hash of
 * the routes (made and switched to by one CreateDeployment call, so a deployment that was
 * made is also the one served). So a redeploy without change plans nothing; a changed route updates the route
 * and deploys; a deploy killed anywhere finds what it created (nothing is created twice:
 * integrations are adopted by URI, routes by key) and removes what is left over.
 *
 * Custom domains: created with the chalice-ts tags, or adopted when the name exists already
 * (a domain made by hand is used, and left in place on delete; one tagged for another app or
 * stage is an error). Certificate, TLS version and endpoint type are updated in place; the
 * mapping (REST base path mapping, websocket API mapping) is found by its path.
 */
import { createHash } from 'node:crypto';
import type { ApiMappingResource, AppGraph, DomainNameResource, WebsocketApiResource } from '../../graph/index.js';
import { resolveRef } from '../../graph/index.js';
import type { DeployedResource } from '../../project/deployed-state.js';
import { ChaliceTsError } from '../../project/errors.js';
import type { DomainNameSettings } from '../aws/aws-client.js';
import type { Instruction, Value } from '../instructions.js';
import type { AwsTarget } from '../names.js';
import { functionArn } from '../names.js';
import { APP_TAG, lambdaIntegrationUri, STAGE_TAG, websocketApiUrl, websocketDeploymentDescription } from './names.js';
import type { WebsocketDomainSnapshot } from './snapshot.js';
import { isOwnDomain } from './snapshot.js';

/** What these planners need from the planner. */
export interface PlanContext {
  readonly graph: AppGraph;
  readonly target: AwsTarget;
  readonly snapshot: WebsocketDomainSnapshot;
  readonly out: Instruction[];
  /** Keeps `record` in the state (a `record` instruction when it differs). */
  keep(record: DeployedResource): void;
  /** Marks a record as written by an instruction of this plan. */
  want(record: { readonly name: string; readonly resourceType: string }): void;
}

const WEBSOCKET_API_ID: Value = { output: 'websocketApiId' };

/** Plans the websocket API; returns its id (known, or the one created in this deploy). */
export function planWebsocketApi(ctx: PlanContext, api: WebsocketApiResource): Value {
  const { graph, target, out } = ctx;
  const base = { name: api.resourceName, resourceType: 'websocket_api', region: target.region, appName: graph.appName, stage: graph.stage, websocketApiStage: api.stage };
  const routes = api.routes.map((route) => ({ routeKey: route.routeKey, uri: lambdaIntegrationUri(target, functionArn(target, resolveRef(graph, route.function).functionName)) }));
  const hash = createHash('sha256').update(JSON.stringify({ selection: api.routeSelectionExpression, routes })).digest('hex');
  const description = websocketDeploymentDescription(hash);
  const remote = ctx.snapshot.websocketApi;

  if (remote === undefined) {
    ctx.want(base);
    out.push({
      kind: 'create-websocket-api',
      apiName: api.name,
      routeSelectionExpression: api.routeSelectionExpression,
      tags: { [APP_TAG]: graph.appName, [STAGE_TAG]: graph.stage },
      pending: { ...base, pending: true },
      record: { ...base, websocketApiId: WEBSOCKET_API_ID, websocketApiUrl: { output: 'websocketApiId', format: websocketApiUrl('{}', target.region, api.stage) } },
    });
    for (const route of routes) {
      out.push({ kind: 'create-websocket-integration', apiId: WEBSOCKET_API_ID, routeKey: route.routeKey, integrationUri: route.uri });
      out.push({ kind: 'create-websocket-route', apiId: WEBSOCKET_API_ID, routeKey: route.routeKey, integrationId: { output: `websocketIntegration${route.routeKey}` } });
    }
    out.push({ kind: 'create-websocket-stage', apiId: WEBSOCKET_API_ID, stageName: api.stage });
    out.push({ kind: 'create-websocket-deployment', apiId: WEBSOCKET_API_ID, stageName: api.stage, description });
    return WEBSOCKET_API_ID;
  }

  const apiId = remote.api.id;
  ctx.keep({ ...base, websocketApiId: apiId, websocketApiUrl: websocketApiUrl(apiId, target.region, api.stage) });
  const start = out.length;
  // Integrations by the function they invoke; duplicates (a create whose answer was lost) are left over and removed.
  const integrations = [...remote.integrations].sort((a, b) => (a.integrationId < b.integrationId ? -1 : 1));
  const used = new Set<string>();
  for (const route of routes) {
    const integration = integrations.find((i) => i.integrationUri === route.uri);
    let integrationId: Value;
    if (integration === undefined) {
      out.push({ kind: 'create-websocket-integration', apiId, routeKey: route.routeKey, integrationUri: route.uri });
      integrationId = { output: `websocketIntegration${route.routeKey}` };
    } else {
      integrationId = integration.integrationId;
      used.add(integration.integrationId);
    }
    const existing = remote.routes.filter((r) => r.routeKey === route.routeKey);
    const [first, ...duplicates] = existing;
    if (first === undefined) {
      out.push({ kind: 'create-websocket-route', apiId, routeKey: route.routeKey, integrationId });
    } else if (typeof integrationId !== 'string' || first.target !== `integrations/${integrationId}`) {
      out.push({ kind: 'update-websocket-route', apiId, routeId: first.routeId, routeKey: route.routeKey, integrationId });
    }
    for (const duplicate of duplicates) out.push({ kind: 'delete-websocket-route', apiId, routeId: duplicate.routeId, routeKey: duplicate.routeKey });
  }
  const wantedKeys = new Set(routes.map((r) => r.routeKey as string));
  for (const route of remote.routes) {
    if (!wantedKeys.has(route.routeKey)) out.push({ kind: 'delete-websocket-route', apiId, routeId: route.routeId, routeKey: route.routeKey });
  }
  for (const integration of integrations) {
    if (!used.has(integration.integrationId)) out.push({ kind: 'delete-websocket-integration', apiId, integrationId: integration.integrationId });
  }
  const routesChanged = out.length > start;
  if (routesChanged || remote.stage === undefined || remote.stage.deploymentDescription !== description) {
    if (remote.stage === undefined) out.push({ kind: 'create-websocket-stage', apiId, stageName: api.stage });
    out.push({ kind: 'create-websocket-deployment', apiId, stageName: api.stage, description });
  }
  return apiId;
}

export function planDomainName(ctx: PlanContext, domain: DomainNameResource): void {
  const { graph, out } = ctx;
  const settings: DomainNameSettings = {
    domainName: domain.domainName,
    certificateArn: domain.certificateArn,
    endpointType: domain.endpointType,
    securityPolicy: domain.tlsVersion,
  };
  const base = {
    name: domain.resourceName,
    resourceType: 'domain_name',
    protocol: domain.protocol,
    domainName: domain.domainName,
    endpointType: domain.endpointType,
    appName: graph.appName,
    stage: graph.stage,
  };
  const ownTags = { [APP_TAG]: graph.appName, [STAGE_TAG]: graph.stage };
  const record = (owned: boolean, alias: Value, zone: Value) => ({ ...base, owned, aliasDomainName: alias, hostedZoneId: zone });
  const remote = ctx.snapshot.domainNames?.[domain.resourceName]?.domain;
  if (remote === undefined) {
    ctx.want(base);
    out.push({
      kind: 'create-domain-name',
      protocol: domain.protocol,
      settings,
      tags: { ...domain.tags, ...ownTags },
      pending: { ...base, pending: true },
      record: record(true, { output: 'domainAliasName' }, { output: 'domainHostedZoneId' }),
    });
    return;
  }
  const otherApp = remote.tags[APP_TAG];
  const otherStage = remote.tags[STAGE_TAG];
  if (otherApp !== undefined && !isOwnDomain(remote, graph.appName, graph.stage)) {
    throw new ChaliceTsError(
      `Custom domain ${domain.domainName} belongs to chalice-ts app "${otherApp}" stage "${otherStage ?? '?'}"; a domain name serves one stage: pick another domain_name for stage "${graph.stage}", or delete that stage first`,
      'custom_domain_in_use',
    );
  }
  const owned = otherApp !== undefined;
  const changed: string[] = [];
  if (remote.certificateArn !== settings.certificateArn) changed.push('certificate');
  if (remote.endpointType !== settings.endpointType) changed.push('endpoint type');
  if (remote.securityPolicy !== settings.securityPolicy) changed.push('TLS version');
  if (changed.length > 0) {
    ctx.want(base);
    out.push({ kind: 'update-domain-name', protocol: domain.protocol, settings, from: remote, changed, record: record(owned, { output: 'domainAliasName' }, { output: 'domainHostedZoneId' }) });
  } else {
    ctx.keep(record(owned, remote.aliasDomainName, remote.hostedZoneId));
  }
  const wantedTags: Record<string, string> = { ...domain.tags, ...(owned ? ownTags : {}) };
  const toSet = Object.fromEntries(Object.entries(wantedTags).filter(([key, value]) => remote.tags[key] !== value));
  if (Object.keys(toSet).length > 0) out.push({ kind: 'tag-domain-name', protocol: domain.protocol, domainName: domain.domainName, tags: toSet });
  // Tags of a domain made by hand are the owner's; only a domain chalice-ts created loses unconfigured ones.
  const toRemove = owned ? Object.keys(remote.tags).filter((key) => !(key in wantedTags) && !key.startsWith('aws:')).sort() : [];
  if (toRemove.length > 0) out.push({ kind: 'untag-domain-name', protocol: domain.protocol, domainName: domain.domainName, keys: toRemove });
}

/** `apiId`: the mapped API's id (known, or created in this deploy). */
export function planApiMapping(ctx: PlanContext, mapping: ApiMappingResource, apiId: Value | undefined): void {
  const { out } = ctx;
  const domain = resolveRef(ctx.graph, mapping.domain);
  if (apiId === undefined) throw new Error(`the ${mapping.api.ref} of mapping ${mapping.resourceName} was not planned before it`);
  const basePath = mapping.basePath ?? '';
  const remote = ctx.snapshot.domainNames?.[domain.resourceName];
  const { domainName } = domain;
  if (mapping.api.ref === 'rest-api') {
    const record = { name: mapping.resourceName, resourceType: 'base_path_mapping', domainName, basePath };
    const mappings = remote?.basePathMappings ?? [];
    // The API mapped under another path before (url_prefix changed): unmapped there.
    for (const stale of mappings) {
      if (stale.basePath !== basePath && stale.restApiId === apiId) out.push({ kind: 'delete-base-path-mapping', domainName, basePath: stale.basePath });
    }
    const found = mappings.find((m) => m.basePath === basePath);
    const wanted = { basePath, restApiId: apiId, stage: mapping.stage };
    if (found === undefined) {
      ctx.want(record);
      out.push({ kind: 'create-base-path-mapping', domainName, mapping: wanted, pending: { ...record, pending: true }, record });
    } else if (found.restApiId !== apiId || found.stage !== mapping.stage) {
      ctx.want(record);
      out.push({ kind: 'update-base-path-mapping', domainName, mapping: wanted, record });
    } else {
      ctx.keep(record);
    }
    return;
  }
  const record = { name: mapping.resourceName, resourceType: 'api_mapping', domainName, key: basePath };
  const mappings = remote?.apiMappings ?? [];
  for (const stale of mappings) {
    if (stale.key !== basePath && stale.apiId === apiId) out.push({ kind: 'delete-api-mapping', domainName, apiMappingId: stale.apiMappingId });
  }
  const found = mappings.find((m) => m.key === basePath);
  if (found === undefined) {
    ctx.want(record);
    out.push({ kind: 'create-api-mapping', domainName, apiId, key: basePath, stage: mapping.stage, pending: { ...record, pending: true }, record: { ...record, apiMappingId: { output: 'result' } } });
    return;
  }
  if (found.apiId !== apiId || found.stage !== mapping.stage) {
    ctx.want(record);
    out.push({ kind: 'update-api-mapping', domainName, apiMappingId: found.apiMappingId, apiId, key: basePath, stage: mapping.stage, record: { ...record, apiMappingId: found.apiMappingId } });
    return;
  }
  ctx.keep({ ...record, apiMappingId: found.apiMappingId });
}
