/**
 * The remote snapshot: what exists in AWS for the resources of one stage, read with describe
 * and list calls only (never a write), looked up by the deterministic names and tags of
 * `names.ts`. The planner compares it with the app graph; it is plain data, so plan tests
 * build snapshots by hand.
 *
 * `resolvePendingRecords` turns the pending records a killed deploy left in the state file
 * into full records (or drops them when the resource was never created), by the same lookups.
 */
import type { AppGraph, IamPolicyDocument } from '../graph/index.js';
import { resolveRef, resourcesOfKind } from '../graph/index.js';
import type { DeployedResource, DeployedState } from '../project/deployed-state.js';
import type {
  AwsClient,
  BucketNotification,
  PolicyStatement,
  RemoteEventSourceMapping,
  RemoteFunction,
  RemoteLayerVersion,
  RemoteRestApi,
  RemoteRule,
  RemoteStage,
  RemoteSubscription,
  RuleTarget,
} from './aws/aws-client.js';
import type { AwsTarget } from './names.js';
import { arnOfNameOrArn, logGroupNameOf, REST_API_APP_TAG, REST_API_STAGE_TAG, restApiUrl } from './names.js';
import { isPending, str } from './state-records.js';
// Websocket APIs and custom domain names.
import type { WebsocketDomainSnapshot } from './websocket-domains/snapshot.js';
import { readWebsocketDomainSnapshot, resolvePendingWebsocketDomainRecord, WEBSOCKET_DOMAIN_RECORD_TYPES } from './websocket-domains/snapshot.js';
// HTTP APIs.
import type { HttpApiSnapshotPart } from './http-api/snapshot.js';
import { HTTP_API_RECORD_TYPES, readHttpApiSnapshot, resolvePendingHttpApiRecord } from './http-api/snapshot.js';
// Function URLs.
import type { FunctionUrlSnapshot } from './function-urls/snapshot.js';
import { FUNCTION_URL_RECORD_TYPE, readFunctionUrlSnapshot, resolvePendingFunctionUrlRecord } from './function-urls/snapshot.js';
// Provisioned concurrency (versions, aliases, triggers invoking the alias) and event invoke configs.
import type { FunctionExtrasSnapshot } from './function-extras/snapshot.js';
import { readFunctionExtrasSnapshot } from './function-extras/snapshot.js';
import { invokedFunctionName } from './function-extras/names.js';
import { PROVISIONED_ALIAS } from '../graph/index.js';

export interface RemoteSnapshot extends WebsocketDomainSnapshot, HttpApiSnapshotPart, FunctionUrlSnapshot, FunctionExtrasSnapshot {
  /** By role name; `policy` is the inline policy named like the role. */
  readonly roles: Readonly<Record<string, { readonly arn: string; readonly policy?: IamPolicyDocument }>>;
  readonly functions: Readonly<Record<string, RemoteFunction>>;
  /** Resource-policy statements by the name triggers invoke (`name`, or `name:live` for an alias; existing functions only). */
  readonly permissions: Readonly<Record<string, readonly PolicyStatement[]>>;
  readonly layerVersions: Readonly<Record<string, readonly RemoteLayerVersion[]>>;
  readonly restApi?: RemoteRestApi & { readonly stage?: RemoteStage };
  readonly rules: Readonly<Record<string, RemoteRule & { readonly targets: readonly RuleTarget[] }>>;
  /** By topic ARN. */
  readonly subscriptions: Readonly<Record<string, readonly RemoteSubscription[]>>;
  /** By function name. */
  readonly mappings: Readonly<Record<string, readonly RemoteEventSourceMapping[]>>;
  readonly buckets: Readonly<Record<string, BucketNotification>>;
  /** Log groups of functions with `log_retention_in_days`, by name (absent: the group does not exist). */
  readonly logGroups?: Readonly<Record<string, { readonly retentionInDays?: number }>>;
}

/** At most this many describe calls at once: fast, and well under API rate limits. */
const CONCURRENCY = 8;

export async function readRemoteSnapshot(client: AwsClient, graph: AppGraph, target: AwsTarget, state: DeployedState | undefined): Promise<RemoteSnapshot> {
  const roles: Record<string, { arn: string; policy?: IamPolicyDocument }> = {};
  const functions: Record<string, RemoteFunction> = {};
  const permissions: Record<string, readonly PolicyStatement[]> = {};
  const layerVersions: Record<string, readonly RemoteLayerVersion[]> = {};
  const rules: Record<string, RemoteRule & { targets: readonly RuleTarget[] }> = {};
  const subscriptions: Record<string, readonly RemoteSubscription[]> = {};
  const mappings: Record<string, readonly RemoteEventSourceMapping[]> = {};
  const buckets: Record<string, BucketNotification> = {};
  const logGroups: Record<string, { retentionInDays?: number }> = {};
  let restApi: (RemoteRestApi & { stage?: RemoteStage }) | undefined;

  const mappedFunctions = new Set(resourcesOfKind(graph, 'event-source-mapping').map((m) => resolveRef(graph, m.function).functionName));
  const tasks: (() => Promise<void>)[] = [];
  for (const role of resourcesOfKind(graph, 'managed-iam-role')) {
    tasks.push(async () => {
      const found = await client.getRole(role.roleName);
      if (found === undefined) return;
      const policy = await client.getRolePolicy(role.roleName, role.roleName);
      roles[role.roleName] = { arn: found.arn, ...(policy ? { policy } : {}) };
    });
  }
  for (const layer of resourcesOfKind(graph, 'lambda-layer')) {
    tasks.push(async () => {
      layerVersions[layer.layerName] = await client.listLayerVersions(layer.layerName);
    });
  }
  for (const fn of resourcesOfKind(graph, 'lambda-function')) {
    if (fn.logRetentionInDays === undefined) continue;
    tasks.push(async () => {
      const group = await client.getLogGroup(logGroupNameOf(fn.functionName));
      if (group !== undefined) logGroups[logGroupNameOf(fn.functionName)] = group;
    });
  }
  for (const fn of resourcesOfKind(graph, 'lambda-function')) {
    tasks.push(async () => {
      let found = await client.getFunction(fn.functionName);
      if (found === undefined) return;
      // Some Lambda implementations (the moto emulator) leave a reservation of 0 out of
      // GetFunction; ask for it directly in the one case where that changes the plan.
      if (fn.reservedConcurrency === 0 && found.reservedConcurrency === undefined) {
        const reserved = await client.getFunctionConcurrency(fn.functionName);
        if (reserved !== undefined) found = { ...found, reservedConcurrency: reserved };
      }
      functions[fn.functionName] = found;
      permissions[invokedFunctionName(fn)] = await client.getPolicy(invokedFunctionName(fn));
      if (mappedFunctions.has(fn.functionName)) {
        // Mappings of the function and of its alias (whether or not it has one now), so one that
        // must be pointed at the other is found.
        const all = [...(await client.listEventSourceMappings(fn.functionName)), ...(await client.listEventSourceMappings(`${fn.functionName}:${PROVISIONED_ALIAS}`))];
        mappings[fn.functionName] = [...new Map(all.map((m) => [m.uuid, m])).values()];
      }
    });
  }
  const api = resourcesOfKind(graph, 'rest-api')[0];
  if (api !== undefined) {
    tasks.push(async () => {
      const previousId = state?.resources.find((r) => r.resourceType === 'rest_api' && !isPending(r))?.restApiId;
      const found = findRestApi(await client.getRestApis(), graph.appName, graph.stage, typeof previousId === 'string' ? previousId : undefined);
      if (found === undefined) return;
      const stage = await client.getStage(found.id, api.stage);
      restApi = { ...found, ...(stage ? { stage } : {}) };
    });
  }
  for (const rule of resourcesOfKind(graph, 'event-rule')) {
    tasks.push(async () => {
      const found = await client.describeRule(rule.ruleName, rule.eventBus);
      if (found === undefined) return;
      rules[rule.ruleName] = { ...found, targets: await client.listTargetsByRule(rule.ruleName, rule.eventBus) };
    });
  }
  const topics = new Set(resourcesOfKind(graph, 'sns-subscription').map((s) => arnOfNameOrArn(target, s.topic, 'sns')));
  for (const topicArn of topics) {
    tasks.push(async () => {
      subscriptions[topicArn] = await client.listSubscriptionsByTopic(topicArn);
    });
  }
  const bucketNames = new Set(resourcesOfKind(graph, 's3-bucket-notification').map((n) => n.bucket));
  for (const bucket of bucketNames) {
    tasks.push(async () => {
      buckets[bucket] = await client.getBucketNotification(bucket);
    });
  }
  await runLimited(tasks, CONCURRENCY);
  const websocketDomains = await readWebsocketDomainSnapshot(client, graph, target, state);
  const httpApi = await readHttpApiSnapshot(client, graph, state);
  const functionUrls = await readFunctionUrlSnapshot(client, graph);
  const functionExtras = await readFunctionExtrasSnapshot(client, graph);
  return {
    ...websocketDomains,
    ...httpApi,
    ...functionUrls,
    ...functionExtras,
    roles: sortRecord(roles),
    functions: sortRecord(functions),
    permissions: sortRecord(permissions),
    layerVersions: sortRecord(layerVersions),
    ...(restApi ? { restApi } : {}),
    rules: sortRecord(rules),
    subscriptions: sortRecord(subscriptions),
    mappings: sortRecord(mappings),
    buckets: sortRecord(buckets),
    ...(Object.keys(logGroups).length > 0 ? { logGroups: sortRecord(logGroups) } : {}),
  };
}

/** The stage's REST API among all: by the id the state recorded, else by name and tags. */
export function findRestApi(apis: readonly RemoteRestApi[], appName: string, stage: string, previousId?: string): RemoteRestApi | undefined {
  const ours = apis.filter((api) => api.tags[REST_API_APP_TAG] === appName && api.tags[REST_API_STAGE_TAG] === stage);
  return ours.find((api) => api.id === previousId) ?? [...ours].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/**
 * The state with each pending record replaced by the full record of the resource it stood
 * for, or dropped when that resource does not exist (the call that would have created it
 * never took effect).
 */
export async function resolvePendingRecords(client: AwsClient, state: DeployedState, target: AwsTarget): Promise<DeployedState> {
  if (!state.resources.some(isPending)) return state;
  let apis: readonly RemoteRestApi[] | undefined;
  const resources: DeployedResource[] = [];
  for (const record of state.resources) {
    if (!isPending(record)) {
      resources.push(record);
      continue;
    }
    const { pending: _pending, ...rest } = record;
    const full = rest as DeployedResource;
    if (HTTP_API_RECORD_TYPES.has(record.resourceType)) {
      const found = await resolvePendingHttpApiRecord(client, full, target);
      if (found) resources.push(found);
      continue;
    }
    if (record.resourceType === FUNCTION_URL_RECORD_TYPE) {
      const found = await resolvePendingFunctionUrlRecord(client, full);
      if (found) resources.push(found);
      continue;
    }
    if (WEBSOCKET_DOMAIN_RECORD_TYPES.has(record.resourceType)) {
      const found = await resolvePendingWebsocketDomainRecord(client, full, target);
      if (found) resources.push(found);
      continue;
    }
    switch (record.resourceType) {
      case 'iam_role': {
        const found = await client.getRole(str(record, 'roleName')!);
        if (found) resources.push({ ...full, roleArn: found.arn });
        break;
      }
      case 'lambda_function': {
        const found = await client.getFunction(str(record, 'functionName')!);
        if (found) resources.push({ ...full, lambdaArn: found.functionArn });
        break;
      }
      case 'rest_api': {
        apis ??= await client.getRestApis();
        const found = findRestApi(apis, str(record, 'appName')!, str(record, 'stage')!);
        if (found) resources.push({ ...full, restApiId: found.id, restApiUrl: restApiUrl(found.id, target.region, str(record, 'apiGatewayStage')!) });
        break;
      }
      case 'lambda_layer': {
        const found = (await client.listLayerVersions(str(record, 'layerName')!)).find((v) => v.description === str(record, 'description'));
        if (found) resources.push({ ...full, layerVersionArn: found.layerVersionArn });
        break;
      }
      case 'sns_event': {
        const found = (await client.listSubscriptionsByTopic(str(record, 'topicArn')!)).find(
          (s) => s.protocol === 'lambda' && s.endpoint === str(record, 'functionArn'),
        );
        if (found) resources.push({ ...full, subscriptionArn: found.subscriptionArn });
        break;
      }
      case 'event_source_mapping': {
        // The mapping may invoke the function's alias.
        const name = str(record, 'functionName')!;
        const all = [...(await client.listEventSourceMappings(name)), ...(await client.listEventSourceMappings(`${name}:${PROVISIONED_ALIAS}`))];
        const found = all.find((m) => m.eventSourceArn === str(record, 'eventSourceArn'));
        if (found) resources.push({ ...full, uuid: found.uuid });
        break;
      }
      default:
        // Permissions, rules and S3 notifications are recorded with all their keys up front;
        // deleting one that was never created is a no-op.
        resources.push(full);
    }
  }
  return { resources };
}

async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
