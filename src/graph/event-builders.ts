/**
 * Event-source handlers: each gets its own function plus what connects it to the source
 * (a rule, an SNS subscription, an event source mapping or an S3 notification) and, where the
 * source invokes the function directly, the Lambda permission that allows it.
 * Resource names follow Chalice (`<fn>-event`, `<fn>-sns-subscription`, `<fn>-s3event`, …).
 */
import type { EventSourceEntry } from '../runtime/index.js';
import type { BuildContext } from './build-context.js';
import { addLambdaFunction } from './function-builder.js';
import type {
  EventRuleResource,
  EventSourceMappingResource,
  LambdaPermissionResource,
  NameOrArn,
  Ref,
  S3BucketNotificationResource,
  SnsSubscriptionResource,
} from './resources.js';
import { refTo } from './resources.js';

export function addEventSource(ctx: BuildContext, entry: EventSourceEntry): void {
  const fn = addLambdaFunction(ctx, entry.name, 'event-handler');
  switch (entry.kind) {
    case 'schedule':
      return addRule(ctx, entry.name, fn, {
        kind: 'schedule',
        expression: entry.expression,
        ...(entry.description === undefined ? {} : { description: entry.description }),
      });
    case 'cloudwatch-event':
      return addRule(ctx, entry.name, fn, { kind: 'pattern', pattern: entry.eventPattern }, entry.eventBus);
    case 'sns': {
      const resourceName = `${entry.name}-sns-subscription`;
      const topic = nameOrArn(entry.topic);
      const subscription: SnsSubscriptionResource = { kind: 'sns-subscription', resourceName, topic, function: fn };
      ctx.collector.add(subscription);
      addPermission(ctx, { kind: 'lambda-permission', resourceName, function: fn, service: 'sns', source: { kind: 'sns-topic', topic } });
      return;
    }
    case 'sqs':
      return addMapping(ctx, {
        kind: 'event-source-mapping',
        resourceName: `${entry.name}-sqs-event-source`,
        source: {
          kind: 'sqs',
          queue: nameOrArn(entry.queue),
          ...(entry.maximumConcurrency === undefined ? {} : { maximumConcurrency: entry.maximumConcurrency }),
        },
        batchSize: entry.batchSize,
        maximumBatchingWindowInSeconds: entry.maximumBatchingWindowInSeconds,
        reportBatchItemFailures: entry.reportBatchItemFailures,
        function: fn,
      });
    case 'kinesis':
      return addMapping(ctx, {
        kind: 'event-source-mapping',
        resourceName: `${entry.name}-kinesis-event-source`,
        source: { kind: 'kinesis', stream: nameOrArn(entry.stream), startingPosition: entry.startingPosition, onError: { ...entry.onError } },
        batchSize: entry.batchSize,
        maximumBatchingWindowInSeconds: entry.maximumBatchingWindowInSeconds,
        reportBatchItemFailures: entry.reportBatchItemFailures,
        function: fn,
      });
    case 'dynamodb':
      return addMapping(ctx, {
        kind: 'event-source-mapping',
        resourceName: `${entry.name}-dynamodb-event-source`,
        source: { kind: 'dynamodb', streamArn: entry.streamArn, startingPosition: entry.startingPosition, onError: { ...entry.onError } },
        batchSize: entry.batchSize,
        maximumBatchingWindowInSeconds: entry.maximumBatchingWindowInSeconds,
        reportBatchItemFailures: entry.reportBatchItemFailures,
        function: fn,
      });
    case 's3': {
      const resourceName = `${entry.name}-s3event`;
      const permission = addPermission(ctx, {
        kind: 'lambda-permission',
        resourceName,
        function: fn,
        service: 's3',
        source: { kind: 's3-bucket', bucket: entry.bucket },
      });
      const notification: S3BucketNotificationResource = {
        kind: 's3-bucket-notification',
        resourceName,
        bucket: entry.bucket,
        notificationId: `chalice-ts-${ctx.appName}-${ctx.stage}-${resourceName}`,
        events: [...entry.events],
        ...(entry.prefix ? { prefix: entry.prefix } : {}),
        ...(entry.suffix ? { suffix: entry.suffix } : {}),
        function: fn,
        permission,
      };
      ctx.collector.add(notification);
      return;
    }
    default: {
      const never: never = entry;
      throw new Error(`unknown event source ${JSON.stringify(never)}`);
    }
  }
}

function addRule(ctx: BuildContext, name: string, fn: Ref<'lambda-function'>, trigger: EventRuleResource['trigger'], eventBus?: string): void {
  const resourceName = `${name}-event`;
  const rule: EventRuleResource = {
    kind: 'event-rule',
    resourceName,
    ruleName: `${ctx.appName}-${ctx.stage}-${resourceName}`,
    trigger,
    ...(eventBus === undefined ? {} : { eventBus }),
    function: fn,
  };
  ctx.collector.add(rule);
  addPermission(ctx, { kind: 'lambda-permission', resourceName, function: fn, service: 'events', source: { kind: 'event-rule', rule: refTo(rule) } });
}

function addMapping(ctx: BuildContext, mapping: EventSourceMappingResource): void {
  ctx.collector.add(mapping);
}

function addPermission(ctx: BuildContext, permission: LambdaPermissionResource): Ref<'lambda-permission'> {
  ctx.collector.add(permission);
  return refTo(permission);
}

/** An ARN is kept as given; anything else is a name in the deployment's account and region. */
function nameOrArn(value: string): NameOrArn {
  return value.startsWith('arn:') ? { arn: value } : { name: value };
}
