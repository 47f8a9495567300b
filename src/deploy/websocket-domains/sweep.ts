/**
 * Deleting websocket APIs and custom domains from their state records (the sweeper calls this
 * for these record types). Deleting the websocket API deletes its integrations, routes,
 * deployments and stage with it. A domain name chalice-ts adopted (made by hand) is left in
 * place: only its mapping goes.
 */
import type { DeployedResource } from '../../project/deployed-state.js';
import type { Instruction } from '../instructions.js';
import { str } from '../state-records.js';
import { domainProtocolOf } from './names.js';

/** The deletions of one record, or undefined when the record is not of this module. */
export function sweepWebsocketDomainRecord(record: DeployedResource, forget: string): Instruction[] | undefined {
  const field = (name: string): string | undefined => str(record, name);
  switch (record.resourceType) {
    case 'websocket_api': {
      const apiId = field('websocketApiId');
      return apiId === undefined ? [{ kind: 'record', forget }] : [{ kind: 'delete-websocket-api', apiId, forget }];
    }
    case 'domain_name':
      if (record.owned !== true) return [{ kind: 'record', forget }];
      return [{ kind: 'delete-domain-name', protocol: domainProtocolOf(record), domainName: field('domainName')!, forget }];
    case 'base_path_mapping':
      return [{ kind: 'delete-base-path-mapping', domainName: field('domainName')!, basePath: field('basePath') ?? '', forget }];
    case 'api_mapping': {
      const apiMappingId = field('apiMappingId');
      return apiMappingId === undefined ? [{ kind: 'record', forget }] : [{ kind: 'delete-api-mapping', domainName: field('domainName')!, apiMappingId, forget }];
    }
    default:
      return undefined;
  }
}
