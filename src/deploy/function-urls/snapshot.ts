/**
 * The remote side of function URLs, read with GetFunctionUrlConfig only: the URL config of each
 * function the graph gives a URL, by function name. Part of the deploy's remote snapshot
 * (remote-snapshot.ts); the URLs' permissions are read with every function's policy there.
 *
 * `resolvePendingFunctionUrlRecord` turns the pending record of a URL (a deploy killed right
 * after CreateFunctionUrlConfig) into the full record, or drops it when no URL was made.
 */
import type { AppGraph } from '../../graph/index.js';
import { resolveRef, resourcesOfKind } from '../../graph/index.js';
import type { DeployedResource } from '../../project/deployed-state.js';
import type { AwsClient } from '../aws/aws-client.js';
import type { RemoteFunctionUrl } from '../aws/function-url-calls.js';
import { invokedFunctionName } from '../function-extras/names.js';
import { str } from '../state-records.js';

export interface FunctionUrlSnapshot {
  /** By function name; absent: the function has no URL. */
  readonly functionUrls?: Readonly<Record<string, RemoteFunctionUrl>>;
}

export const FUNCTION_URL_RECORD_TYPE = 'function_url';

export async function readFunctionUrlSnapshot(client: AwsClient, graph: AppGraph): Promise<FunctionUrlSnapshot> {
  const urls = resourcesOfKind(graph, 'function-url');
  if (urls.length === 0) return {};
  const functionUrls: Record<string, RemoteFunctionUrl> = {};
  await Promise.all(
    urls.map(async (url) => {
      const functionName = invokedFunctionName(resolveRef(graph, url.function));
      const found = await client.getFunctionUrlConfig(functionName);
      if (found !== undefined) functionUrls[functionName] = found;
    }),
  );
  return { functionUrls: Object.fromEntries(Object.entries(functionUrls).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

export async function resolvePendingFunctionUrlRecord(client: AwsClient, record: DeployedResource): Promise<DeployedResource | undefined> {
  const found = await client.getFunctionUrlConfig(str(record, 'functionName')!);
  return found === undefined ? undefined : { ...record, functionUrl: found.functionUrl };
}
