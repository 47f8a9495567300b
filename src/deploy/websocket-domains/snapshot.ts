/**
 * The remote side of websocket APIs and custom domains, read with describe/list calls only:
 * the stage's websocket API (by tags) with its integrations, routes and stage, and each custom
 * domain with its mappings. Part of the deploy's remote snapshot (remote-snapshot.ts).
 *
 * Certificates are checked here, before anything is planned, so a certificate that does not
 * exist or sits in the wrong region fails the deploy before any write: an EDGE domain is
 * served by CloudFront, which takes certificates from us-east-1 only; a REGIONAL one takes a
 * certificate from the API's own region.
 *
 * `resolvePendingWebsocketDomainRecord` turns the pending records of these resources (left by
 * a deploy killed right after a create) into full records, by the same lookups.
 */
import type { AppGraph, DomainNameResource } from '../../graph/index.js';
import { resourcesOfKind } from '../../graph/index.js';
import type { DeployedResource, DeployedState } from '../../project/deployed-state.js';
import { ChaliceTsError } from '../../project/errors.js';
import type {
  AwsClient,
  RemoteApiMapping,
  RemoteBasePathMapping,
  RemoteDomainName,
  RemoteWebsocketApi,
  RemoteWebsocketIntegration,
  RemoteWebsocketRoute,
  RemoteWebsocketStage,
} from '../aws/aws-client.js';
import type { AwsTarget } from '../names.js';
import { isPending, str } from '../state-records.js';
import { APP_TAG, domainProtocolOf, regionOfArn, STAGE_TAG, websocketApiUrl } from './names.js';

export interface WebsocketApiSnapshot {
  readonly api: RemoteWebsocketApi;
  readonly integrations: readonly RemoteWebsocketIntegration[];
  readonly routes: readonly RemoteWebsocketRoute[];
  readonly stage?: RemoteWebsocketStage;
}

export interface DomainSnapshot {
  readonly domain: RemoteDomainName;
  /** REST domains only. */
  readonly basePathMappings: readonly RemoteBasePathMapping[];
  /** Websocket domains only. */
  readonly apiMappings: readonly RemoteApiMapping[];
}

export interface WebsocketDomainSnapshot {
  readonly websocketApi?: WebsocketApiSnapshot;
  /** By the domain's resource name (`api_gateway_custom_domain`, `websocket_api_custom_domain`). */
  readonly domainNames?: Readonly<Record<string, DomainSnapshot>>;
}

/** Record types of this module (see `resolvePendingWebsocketDomainRecord` and sweep.ts). */
export const WEBSOCKET_DOMAIN_RECORD_TYPES: ReadonlySet<string> = new Set(['websocket_api', 'domain_name', 'base_path_mapping', 'api_mapping']);

export async function readWebsocketDomainSnapshot(client: AwsClient, graph: AppGraph, target: AwsTarget, state: DeployedState | undefined): Promise<WebsocketDomainSnapshot> {
  const domains = resourcesOfKind(graph, 'domain-name');
  for (const domain of domains) await checkCertificate(client, domain, target);

  let websocketApi: WebsocketApiSnapshot | undefined;
  const api = resourcesOfKind(graph, 'websocket-api')[0];
  if (api !== undefined) {
    const previousId = state?.resources.find((r) => r.resourceType === 'websocket_api' && !isPending(r))?.websocketApiId;
    const found = findWebsocketApi(await client.getWebsocketApis(), graph.appName, graph.stage, typeof previousId === 'string' ? previousId : undefined);
    if (found !== undefined) {
      const [integrations, routes, stage] = await Promise.all([
        client.getWebsocketIntegrations(found.id),
        client.getWebsocketRoutes(found.id),
        client.getWebsocketStage(found.id, api.stage),
      ]);
      websocketApi = { api: found, integrations, routes, ...(stage ? { stage } : {}) };
    }
  }

  const domainNames: Record<string, DomainSnapshot> = {};
  for (const domain of domains) {
    const found = await client.getDomainName(domain.protocol, domain.domainName);
    if (found === undefined) continue;
    domainNames[domain.resourceName] = {
      domain: found,
      basePathMappings: domain.protocol === 'rest' ? await client.getBasePathMappings(domain.domainName) : [],
      apiMappings: domain.protocol !== 'rest' ? await client.getApiMappings(domain.domainName) : [],
    };
  }
  return { ...(websocketApi ? { websocketApi } : {}), ...(domains.length > 0 ? { domainNames } : {}) };
}

/** Fails, naming the fix, when the domain's certificate cannot serve it. */
async function checkCertificate(client: AwsClient, domain: DomainNameResource, target: AwsTarget): Promise<void> {
  const key = domain.protocol === 'websocket' ? 'websocket_api_custom_domain' : 'api_gateway_custom_domain';
  const arn = domain.certificateArn;
  const region = regionOfArn(arn);
  const needed = domain.endpointType === 'EDGE' ? 'us-east-1' : target.region;
  if (!/^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z0-9]+)+-\d+:\d{12}:certificate\/.+$/.test(arn) || region === undefined) {
    throw new ChaliceTsError(
      `${key}.certificate_arn ${JSON.stringify(arn)} of ${domain.domainName} is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>); request or import one in ACM (${needed}) and put its ARN in .chalice/config.json`,
      'certificate_invalid',
    );
  }
  if (region !== needed) {
    const why = domain.endpointType === 'EDGE' ? 'an EDGE endpoint is served by CloudFront, which takes certificates from us-east-1 only' : `a ${domain.endpointType} endpoint takes a certificate from the API's own region`;
    throw new ChaliceTsError(
      `${key}.certificate_arn of ${domain.domainName} is in ${region}, but ${why}; use a certificate from ${needed} (request or import it in ACM there)`,
      'certificate_wrong_region',
    );
  }
  const found = await client.describeCertificate(arn);
  if (found === undefined) {
    throw new ChaliceTsError(
      `${key}.certificate_arn ${arn} of ${domain.domainName} does not exist in ACM (${region}) for these credentials; request or import the certificate in ACM, then put its ARN in .chalice/config.json`,
      'certificate_not_found',
    );
  }
}

/** The stage's websocket API among all: by the id the state recorded, else by tags (lowest id first). */
export function findWebsocketApi(apis: readonly RemoteWebsocketApi[], appName: string, stage: string, previousId?: string): RemoteWebsocketApi | undefined {
  const ours = apis.filter((api) => api.tags[APP_TAG] === appName && api.tags[STAGE_TAG] === stage);
  return ours.find((api) => api.id === previousId) ?? [...ours].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** Whether chalice-ts created the domain for this app and stage (its tags say so). */
export function isOwnDomain(domain: RemoteDomainName, appName: string, stage: string): boolean {
  return domain.tags[APP_TAG] === appName && domain.tags[STAGE_TAG] === stage;
}

/**
 * The full record of a pending one of this module's types, or undefined when the resource was
 * never created. Records whose keys are all known up front (base path mappings) pass through.
 */
export async function resolvePendingWebsocketDomainRecord(client: AwsClient, record: DeployedResource, target: AwsTarget): Promise<DeployedResource | undefined> {
  switch (record.resourceType) {
    case 'websocket_api': {
      const found = findWebsocketApi(await client.getWebsocketApis(), str(record, 'appName')!, str(record, 'stage')!);
      if (found === undefined) return undefined;
      return { ...record, websocketApiId: found.id, websocketApiUrl: websocketApiUrl(found.id, target.region, str(record, 'websocketApiStage')!) };
    }
    case 'domain_name': {
      const found = await client.getDomainName(domainProtocolOf(record), str(record, 'domainName')!);
      if (found === undefined) return undefined;
      return { ...record, owned: isOwnDomain(found, str(record, 'appName')!, str(record, 'stage')!), aliasDomainName: found.aliasDomainName, hostedZoneId: found.hostedZoneId };
    }
    case 'api_mapping': {
      const found = (await client.getApiMappings(str(record, 'domainName')!)).find((m) => m.key === str(record, 'key'));
      return found === undefined ? undefined : { ...record, apiMappingId: found.apiMappingId };
    }
    default:
      return record;
  }
}
