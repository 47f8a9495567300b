/**
 * What exists in the emulator, read with List/Get calls only: the resources a deploy creates,
 * by kind, as sorted names. Comparing an inventory before a deploy with one after `delete`
 * shows anything left behind.
 */
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { IAMClient, ListRolePoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { LambdaClient, ListEventSourceMappingsCommand, ListFunctionsCommand, ListLayersCommand } from '@aws-sdk/client-lambda';
import { GetBucketNotificationConfigurationCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSubscriptionsCommand, SNSClient } from '@aws-sdk/client-sns';
import { sdkConfig } from './aws-helpers.js';

export interface Inventory {
  readonly functions: string[];
  readonly layers: string[];
  readonly roles: string[];
  readonly rolePolicies: string[];
  readonly restApis: string[];
  readonly rules: string[];
  readonly eventSourceMappings: string[];
  readonly subscriptions: string[];
  readonly bucketNotifications: string[];
}

export async function inventory(): Promise<Inventory> {
  const lambda = new LambdaClient(sdkConfig());
  const iam = new IAMClient(sdkConfig());
  const s3 = new S3Client({ ...sdkConfig(), forcePathStyle: true });
  const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
  const roles = ((await iam.send(new ListRolesCommand({}))).Roles ?? []).map((role) => role.RoleName!);
  const rolePolicies: string[] = [];
  for (const role of roles) {
    for (const policy of (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? []) rolePolicies.push(`${role}/${policy}`);
  }
  const bucketNotifications: string[] = [];
  for (const bucket of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket.Name! }));
    for (const entry of [...(config.LambdaFunctionConfigurations ?? []), ...(config.QueueConfigurations ?? []), ...(config.TopicConfigurations ?? [])]) {
      bucketNotifications.push(`${bucket.Name}/${entry.Id}`);
    }
  }
  return {
    functions: sorted(functions.map((fn) => fn.FunctionName!)),
    layers: sorted(((await lambda.send(new ListLayersCommand({}))).Layers ?? []).map((layer) => layer.LayerName!)),
    roles: sorted(roles),
    rolePolicies: sorted(rolePolicies),
    restApis: sorted(((await new APIGatewayClient(sdkConfig()).send(new GetRestApisCommand({}))).items ?? []).map((api) => `${api.name}/${api.id}`)),
    rules: sorted(((await new EventBridgeClient(sdkConfig()).send(new ListRulesCommand({}))).Rules ?? []).map((rule) => rule.Name!)),
    eventSourceMappings: sorted(((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? []).map((m) => `${m.EventSourceArn} → ${m.FunctionArn}`)),
    subscriptions: sorted(((await new SNSClient(sdkConfig()).send(new ListSubscriptionsCommand({}))).Subscriptions ?? []).map((s) => `${s.TopicArn} → ${s.Endpoint}`)),
    bucketNotifications: sorted(bucketNotifications),
  };
}

/** What `after` has that `before` had not, by kind (empty lists left out). */
export function added(before: Inventory, after: Inventory): Partial<Record<keyof Inventory, string[]>> {
  const result: Partial<Record<keyof Inventory, string[]>> = {};
  for (const key of Object.keys(after) as (keyof Inventory)[]) {
    const extra = after[key].filter((item) => !before[key].includes(item));
    if (extra.length > 0) result[key] = extra;
  }
  return result;
}

function sorted(items: string[]): string[] {
  return [...items].sort();
}
