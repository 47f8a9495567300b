/**
 * Reading the HTTP API back from a stage's deployed state: the URL `chalice deploy` prints at
 * the end and `chalice url` shows. A record still pending (a deploy killed mid-way) lacks the
 * fields checked here and is skipped.
 */
import type { DeployedResource, DeployedState } from '../../project/deployed-state.js';

export interface DeployedHttpApiRecord extends DeployedResource {
  readonly resourceType: 'http_api';
  readonly httpApiId: string;
  /** `https://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
  readonly httpApiUrl: string;
}

export function isDeployedHttpApi(resource: DeployedResource): resource is DeployedHttpApiRecord {
  return resource.resourceType === 'http_api' && typeof resource.httpApiId === 'string' && typeof resource.httpApiUrl === 'string';
}

export function deployedHttpApi(state: DeployedState): DeployedHttpApiRecord | undefined {
  return state.resources.find(isDeployedHttpApi);
}

