/**
 * The remote side of functions' extras, read with Get calls only, for the functions of the
 * graph that want them: the `live` alias and its provisioned concurrency (functions with
 * `provisioned_concurrency`), and the event invoke config of the qualifier triggers invoke
 * (functions with `async_invocation`). Part of the deploy's remote snapshot.
 */
import type { AppGraph } from '../../graph/index.js';
import { invokedAlias, resourcesOfKind } from '../../graph/index.js';
import type { AwsClient } from '../aws/aws-client.js';
import type { EventInvokeSettings, RemoteAlias } from '../aws/function-extras-calls.js';

export interface FunctionExtrasSnapshot {
  /** By function name: its `live` alias, when it exists. */
  readonly aliases?: Readonly<Record<string, RemoteAlias>>;
  /** By function name: the provisioned concurrency requested on its alias. */
  readonly provisionedConcurrency?: Readonly<Record<string, number>>;
  /** By function name: the event invoke config of its alias (or of the function without one). */
  readonly eventInvokeConfigs?: Readonly<Record<string, EventInvokeSettings>>;
}

export async function readFunctionExtrasSnapshot(client: AwsClient, graph: AppGraph): Promise<FunctionExtrasSnapshot> {
  const aliases: Record<string, RemoteAlias> = {};
  const provisioned: Record<string, number> = {};
  const configs: Record<string, EventInvokeSettings> = {};
  await Promise.all(
    resourcesOfKind(graph, 'lambda-function').map(async (fn) => {
      const alias = invokedAlias(fn);
      if (alias !== undefined) {
        const found = await client.getAlias(fn.functionName, alias);
        if (found !== undefined) {
          aliases[fn.functionName] = found;
          const executions = await client.getProvisionedConcurrency(fn.functionName, alias);
          if (executions !== undefined) provisioned[fn.functionName] = executions;
        }
      }
      if (fn.asyncInvocation !== undefined) {
        const config = await client.getEventInvokeConfig(fn.functionName, alias);
        if (config !== undefined) configs[fn.functionName] = config;
      }
    }),
  );
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    ...(Object.keys(aliases).length > 0 ? { aliases: sorted(aliases) } : {}),
    ...(Object.keys(provisioned).length > 0 ? { provisionedConcurrency: sorted(provisioned) } : {}),
    ...(Object.keys(configs).length > 0 ? { eventInvokeConfigs: sorted(configs) } : {}),
  };
}
