/**
 * The remote side of the stage's HTTP API, read with describe/list calls only: the API (by its
 * tags, the id the state recorded first) with its integrations, authorizers, routes and stage.
 * Part of the deploy's remote snapshot (remote-snapshot.ts).
 *
 * `resolvePendingHttpApiRecord` turns the pending record of the API (left by a deploy killed
 * right after CreateApi) into a full record, by the same lookup. Integrations, authorizers,
 * routes and the stage have no records of their own: they are found again inside the API by
 * their natural keys, and go with it when it is deleted.
 */
import type { AppGraph } from '../../graph/index.js';
import { resourcesOfKind } from '../../graph/index.js';
import type { DeployedResource, DeployedState } from '../../project/deployed-state.js';
import type { AwsClient } from '../aws/aws-client.js';
import type { RemoteHttpApi, RemoteHttpAuthorizer, RemoteHttpIntegration, RemoteHttpRoute } from '../aws/http-api-calls.js';
import type { AwsTarget } from '../names.js';
import { isPending, str } from '../state-records.js';
import { APP_TAG, httpApiUrl, STAGE_TAG } from './names.js';

export interface HttpApiSnapshotPart {
  readonly httpApi?: {
    readonly api: RemoteHttpApi;
    readonly integrations: readonly RemoteHttpIntegration[];
    readonly authorizers: readonly RemoteHttpAuthorizer[];
    readonly routes: readonly RemoteHttpRoute[];
    readonly stage?: { readonly autoDeploy: boolean };
  };
}

/** Record types of this module. */
export const HTTP_API_RECORD_TYPES: ReadonlySet<string> = new Set(['http_api']);

export async function readHttpApiSnapshot(client: AwsClient, graph: AppGraph, state: DeployedState | undefined): Promise<HttpApiSnapshotPart> {
  const api = resourcesOfKind(graph, 'http-api')[0];
  if (api === undefined) return {};
  const previousId = state?.resources.find((r) => r.resourceType === 'http_api' && !isPending(r))?.httpApiId;
  const found = findHttpApi(await client.getHttpApis(), graph.appName, graph.stage, typeof previousId === 'string' ? previousId : undefined);
  if (found === undefined) return {};
  const [integrations, authorizers, routes, stage] = await Promise.all([
    client.getHttpIntegrations(found.id),
    client.getHttpAuthorizers(found.id),
    client.getHttpRoutes(found.id),
    client.getHttpStage(found.id, api.stage),
  ]);
  return { httpApi: { api: found, integrations, authorizers, routes, ...(stage ? { stage } : {}) } };
}

/** The stage's HTTP API among all: by the id the state recorded, else by tags (lowest id first). */
export function findHttpApi(apis: readonly RemoteHttpApi[], appName: string, stage: string, previousId?: string): RemoteHttpApi | undefined {
  const ours = apis.filter((api) => api.tags[APP_TAG] === appName && api.tags[STAGE_TAG] === stage);
  return ours.find((api) => api.id === previousId) ?? [...ours].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** The full record of a pending `http_api` record, or undefined when the API was never created. */
export async function resolvePendingHttpApiRecord(client: AwsClient, record: DeployedResource, target: AwsTarget): Promise<DeployedResource | undefined> {
  const found = findHttpApi(await client.getHttpApis(), str(record, 'appName')!, str(record, 'stage')!);
  if (found === undefined) return undefined;
  return { ...record, httpApiId: found.id, httpApiUrl: httpApiUrl(found.id, target.region, str(record, 'apiGatewayStage')!) };
}
