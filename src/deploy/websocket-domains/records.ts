/**
 * Reading the websocket API and custom domains back from a stage's deployed state: what
 * `chalice deploy` prints at the end and `chalice url` shows. Records still pending (a deploy
 * killed mid-way) lack the fields checked here and are skipped.
 */
import type { DeployedResource, DeployedState } from '../../project/deployed-state.js';
import { customDomainUrl, domainProtocolOf } from './names.js';

export interface DeployedWebsocketApiRecord extends DeployedResource {
  readonly resourceType: 'websocket_api';
  readonly websocketApiId: string;
  /** `wss://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
  readonly websocketApiUrl: string;
}

/** A custom domain with what DNS needs: an alias (or CNAME) to `aliasDomainName` in `hostedZoneId`. */
export interface DeployedCustomDomain {
  readonly protocol: 'rest' | 'http' | 'websocket';
  readonly domainName: string;
  readonly endpointType: string;
  /** The API's URL on the domain, with the mapping's path. */
  readonly url: string;
  readonly aliasDomainName: string;
  readonly hostedZoneId: string;
}

export function isDeployedWebsocketApi(resource: DeployedResource): resource is DeployedWebsocketApiRecord {
  return resource.resourceType === 'websocket_api' && typeof resource.websocketApiId === 'string' && typeof resource.websocketApiUrl === 'string';
}

export function deployedWebsocketApi(state: DeployedState): DeployedWebsocketApiRecord | undefined {
  return state.resources.find(isDeployedWebsocketApi);
}

export function deployedCustomDomains(state: DeployedState): DeployedCustomDomain[] {
  const out: DeployedCustomDomain[] = [];
  for (const record of state.resources) {
    if (record.resourceType !== 'domain_name' || typeof record.aliasDomainName !== 'string' || typeof record.hostedZoneId !== 'string') continue;
    const protocol = domainProtocolOf(record);
    const domainName = String(record.domainName);
    const mapping = state.resources.find((r) => (r.resourceType === 'base_path_mapping' || r.resourceType === 'api_mapping') && r.domainName === domainName);
    const path = mapping === undefined ? '' : String(mapping.basePath ?? mapping.key ?? '');
    out.push({
      protocol,
      domainName,
      endpointType: String(record.endpointType),
      url: customDomainUrl(protocol, domainName, path),
      aliasDomainName: record.aliasDomainName,
      hostedZoneId: record.hostedZoneId,
    });
  }
  return out;
}

/** The lines `chalice deploy` prints for these resources under "Resources deployed:". */
export function websocketDomainSummary(state: DeployedState): string[] {
  const lines: string[] = [];
  const api = deployedWebsocketApi(state);
  if (api !== undefined) lines.push(`  - Websocket API URL: ${api.websocketApiUrl}`);
  for (const domain of deployedCustomDomains(state)) {
    lines.push(`  - Custom domain (${{ rest: 'REST API', http: 'HTTP API', websocket: 'websocket API' }[domain.protocol]}): ${domain.url}`);
    lines.push(`    DNS: point ${domain.domainName} at ${domain.aliasDomainName} (alias record in hosted zone ${domain.hostedZoneId}, or a CNAME)`);
  }
  return lines;
}
