/**
 * Planning the event sources of the app graph (pure; called by the planner for each resource in
 * graph order): EventBridge rules and their target, SNS subscriptions, Lambda event source
 * mappings and S3 bucket notifications. Each is compared with what the remote snapshot found —
 * rule expression and target, subscription endpoint, mapping settings, notification events and
 * filters — so that only what differs is written; a trigger of a function with provisioned
 * concurrency invokes its alias (function-extras/names.ts).
 */
import type { AppGraph, EventRuleResource, EventSourceMappingResource, S3BucketNotificationResource, SnsSubscriptionResource, StreamFailureHandling } from '../../graph/index.js';
import { resolveRef } from '../../graph/index.js';
import type { DeployedResource } from '../../project/deployed-state.js';
import { sortKeysDeep } from '../../project/stable-json.js';
import type { EventSourceMappingSettings, LambdaNotification, RuleSettings } from '../aws/aws-client.js';
import { invokedFunctionArn, invokedFunctionName } from '../function-extras/names.js';
import { staleRuleOnOtherBus, staleSubscription } from '../function-extras/retarget.js';
import type { Instruction } from '../instructions.js';
import type { AwsTarget } from '../names.js';
import { arnOfNameOrArn, RULE_TARGET_ID } from '../names.js';
import type { RemoteSnapshot } from '../remote-snapshot.js';
import { recordKey } from '../state-records.js';

/** What these planners need from the planner. */
export interface EventSourcePlanContext {
  readonly graph: AppGraph;
  readonly target: AwsTarget;
  readonly snapshot: RemoteSnapshot;
  /** The previous state's records by `recordKey`. */
  readonly previous: ReadonlyMap<string, DeployedResource>;
  readonly out: Instruction[];
  /** Keeps `record` in the state (a `record` instruction when it differs). */
  keep(record: DeployedResource): void;
  /** Marks a record as written by an instruction of this plan. */
  want(record: { readonly name: string; readonly resourceType: string }): void;
}

export function planRule(ctx: EventSourcePlanContext, rule: EventRuleResource): void {
  const fn = resolveRef(ctx.graph, rule.function);
  const { trigger } = rule;
  const bus: { eventBusName?: string } = rule.eventBus === undefined ? {} : { eventBusName: rule.eventBus };
  const settings: RuleSettings =
    trigger.kind === 'schedule'
      ? { ruleName: rule.ruleName, scheduleExpression: trigger.expression, ...(trigger.description ? { description: trigger.description } : {}) }
      : { ruleName: rule.ruleName, ...bus, eventPattern: JSON.stringify(trigger.pattern) };
  const record = { name: rule.resourceName, resourceType: 'cloudwatch_event', ruleName: rule.ruleName, ...bus };
  ctx.out.push(...staleRuleOnOtherBus(ctx.previous.get(recordKey(record)), rule.eventBus));
  const remote = ctx.snapshot.rules[rule.ruleName];
  if (remote === undefined || !sameRule(remote, settings)) {
    ctx.want(record);
    ctx.out.push({ kind: 'put-rule', settings, pending: { ...record, pending: true }, record });
  } else {
    ctx.keep(record);
  }
  const target = { id: RULE_TARGET_ID, arn: invokedFunctionArn(ctx.target, fn) };
  const targets = remote?.targets ?? [];
  if (!(targets.length === 1 && targets[0]!.id === target.id && targets[0]!.arn === target.arn)) {
    const stale = targets.filter((t) => t.id !== target.id).map((t) => t.id);
    if (stale.length > 0) ctx.out.push({ kind: 'remove-targets', ruleName: rule.ruleName, ids: stale, ...bus });
    if (!targets.some((t) => t.id === target.id && t.arn === target.arn)) ctx.out.push({ kind: 'put-targets', ruleName: rule.ruleName, targets: [target], ...bus });
  }
}

export function planSubscription(ctx: EventSourcePlanContext, subscription: SnsSubscriptionResource): void {
  const fn = resolveRef(ctx.graph, subscription.function);
  const topicArn = arnOfNameOrArn(ctx.target, subscription.topic, 'sns');
  const endpoint = invokedFunctionArn(ctx.target, fn);
  const base = { name: subscription.resourceName, resourceType: 'sns_event', topicArn, functionArn: endpoint };
  const found = (ctx.snapshot.subscriptions[topicArn] ?? []).find((s) => s.protocol === 'lambda' && s.endpoint === endpoint);
  if (found) {
    ctx.keep({ ...base, subscriptionArn: found.subscriptionArn });
    return;
  }
  ctx.out.push(...staleSubscription(ctx.previous.get(recordKey(base)), endpoint));
  ctx.want(base);
  ctx.out.push({ kind: 'subscribe', topicArn, functionArn: endpoint, pending: { ...base, pending: true }, record: { ...base, subscriptionArn: { output: 'result' } } });
}

export function planMapping(ctx: EventSourcePlanContext, mapping: EventSourceMappingResource): void {
  const fn = resolveRef(ctx.graph, mapping.function);
  const { source } = mapping;
  let eventSourceArn: string;
  let startingPosition: string | undefined;
  let maximumConcurrency: number | undefined;
  let streamFailure: EventSourceMappingSettings['streamFailure'];
  switch (source.kind) {
    case 'sqs':
      eventSourceArn = arnOfNameOrArn(ctx.target, source.queue, 'sqs');
      maximumConcurrency = source.maximumConcurrency;
      break;
    case 'kinesis':
      eventSourceArn = arnOfNameOrArn(ctx.target, source.stream, 'kinesis', 'stream/');
      startingPosition = source.startingPosition;
      streamFailure = streamFailureSettings(source.onError);
      break;
    case 'dynamodb':
      eventSourceArn = source.streamArn;
      startingPosition = source.startingPosition;
      streamFailure = streamFailureSettings(source.onError);
      break;
    default: {
      const never: never = source;
      throw new Error(`unknown event source ${JSON.stringify(never)}`);
    }
  }
  const settings: EventSourceMappingSettings = {
    batchSize: mapping.batchSize,
    maximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
    ...(maximumConcurrency === undefined ? {} : { maximumConcurrency }),
    reportBatchItemFailures: mapping.reportBatchItemFailures,
    ...(streamFailure === undefined ? {} : { streamFailure }),
  };
  const base = { name: mapping.resourceName, resourceType: 'event_source_mapping', functionName: fn.functionName, eventSourceArn };
  let found = (ctx.snapshot.mappings[fn.functionName] ?? []).find((m) => m.eventSourceArn === eventSourceArn);
  const invoked = invokedFunctionName(fn);
  // A mapping's starting position cannot be updated: a changed one means a new mapping.
  if (found !== undefined && startingPosition !== undefined && found.startingPosition !== undefined && found.startingPosition !== startingPosition) {
    ctx.out.push({ kind: 'delete-event-source-mapping', uuid: found.uuid, eventSourceArn });
    found = undefined;
  }
  if (found === undefined) {
    ctx.want(base);
    ctx.out.push({
      kind: 'create-event-source-mapping',
      functionName: invoked,
      eventSourceArn,
      settings,
      ...(startingPosition ? { startingPosition } : {}),
      pending: { ...base, pending: true },
      record: { ...base, uuid: { output: 'result' } },
    });
    return;
  }
  ctx.keep({ ...base, uuid: found.uuid });
  const retarget = found.functionArn !== invokedFunctionArn(ctx.target, fn);
  if (retarget || !sameMappingSettings(found, settings)) {
    ctx.out.push({ kind: 'update-event-source-mapping', functionName: invoked, uuid: found.uuid, settings, ...(retarget ? { retarget } : {}) });
  }
}

export function planNotification(ctx: EventSourcePlanContext, notification: S3BucketNotificationResource): void {
  const fn = resolveRef(ctx.graph, notification.function);
  const id = notification.notificationId;
  const wanted: LambdaNotification = {
    id,
    functionArn: invokedFunctionArn(ctx.target, fn),
    events: [...notification.events],
    ...(notification.prefix === undefined ? {} : { prefix: notification.prefix }),
    ...(notification.suffix === undefined ? {} : { suffix: notification.suffix }),
  };
  const record = { name: notification.resourceName, resourceType: 's3_event', bucket: notification.bucket, notificationId: id };
  const existing = ctx.snapshot.buckets[notification.bucket]?.lambda.find((n) => n.id === id);
  if (existing !== undefined && sameNotification(existing, wanted)) {
    ctx.keep(record);
    return;
  }
  ctx.want(record);
  ctx.out.push({ kind: 'put-bucket-notification', bucket: notification.bucket, set: [wanted], remove: [], pending: { ...record, pending: true }, record });
}

/** Lambda's defaults filled in, so that removing an option from the app resets it on the mapping. */
function streamFailureSettings(onError: StreamFailureHandling): NonNullable<EventSourceMappingSettings['streamFailure']> {
  return {
    bisectOnError: onError.bisectOnError ?? false,
    maximumRetryAttempts: onError.maximumRetryAttempts ?? -1,
    maximumRecordAgeInSeconds: onError.maximumRecordAgeInSeconds ?? -1,
    ...(onError.onFailure === undefined ? {} : { onFailureDestination: onError.onFailure }),
  };
}

function sameMappingSettings(remote: EventSourceMappingSettings, wanted: EventSourceMappingSettings): boolean {
  const pick = (s: EventSourceMappingSettings) =>
    sortKeysDeep({
      batchSize: s.batchSize,
      maximumBatchingWindowInSeconds: s.maximumBatchingWindowInSeconds,
      maximumConcurrency: s.maximumConcurrency ?? null,
      reportBatchItemFailures: s.reportBatchItemFailures,
      streamFailure: s.streamFailure ?? null,
    });
  return JSON.stringify(pick(remote)) === JSON.stringify(pick(wanted));
}

function sameRule(remote: RuleSettings, wanted: RuleSettings): boolean {
  const pattern = (text: string | undefined): string | undefined => (text === undefined ? undefined : JSON.stringify(sortKeysDeep(JSON.parse(text))));
  return (
    remote.scheduleExpression === wanted.scheduleExpression &&
    pattern(remote.eventPattern) === pattern(wanted.eventPattern) &&
    (remote.description ?? '') === (wanted.description ?? '')
  );
}

function sameNotification(a: LambdaNotification, b: LambdaNotification): boolean {
  return (
    a.functionArn === b.functionArn &&
    JSON.stringify([...a.events].sort()) === JSON.stringify([...b.events].sort()) &&
    (a.prefix ?? '') === (b.prefix ?? '') &&
    (a.suffix ?? '') === (b.suffix ?? '')
  );
}
