/** Terraform resources connecting functions to their event sources. */
import type {
  EventRuleResource,
  EventSourceMappingResource,
  NameOrArn,
  S3BucketNotificationResource,
  SnsSubscriptionResource,
  StreamFailureHandling,
} from '../../../graph/index.js';
import type { TerraformState } from './tf-common.js';
import { TF_ACCOUNT_ID, TF_PARTITION, put, tfName } from './tf-common.js';
import { tfInvokedArn } from './tf-function-extras.js';

/** An ARN as given, or the ARN of a name in the configured account and region. */
export function tfArnOf(state: TerraformState, value: NameOrArn, service: string, resourcePrefix = ''): string {
  if ('arn' in value) return value.arn;
  return `arn:${TF_PARTITION}:${service}:${state.region}:${TF_ACCOUNT_ID}:${resourcePrefix}${value.name}`;
}

export function addRule(state: TerraformState, rule: EventRuleResource): void {
  const name = tfName(rule.resourceName, `event rule ${rule.resourceName}`);
  const { trigger } = rule;
  put(state, 'aws_cloudwatch_event_rule', name, {
    name: rule.ruleName,
    ...(trigger.kind === 'schedule'
      ? { schedule_expression: trigger.expression, ...(trigger.description ? { description: trigger.description } : {}) }
      : { event_pattern: JSON.stringify(trigger.pattern) }),
    ...(rule.eventBus === undefined ? {} : { event_bus_name: rule.eventBus }),
  });
  put(state, 'aws_cloudwatch_event_target', name, {
    rule: `\${aws_cloudwatch_event_rule.${name}.name}`,
    ...(rule.eventBus === undefined ? {} : { event_bus_name: `\${aws_cloudwatch_event_rule.${name}.event_bus_name}` }),
    target_id: name,
    arn: tfInvokedArn(state, rule.function.name),
  });
}

export function addSnsSubscription(state: TerraformState, subscription: SnsSubscriptionResource): void {
  put(state, 'aws_sns_topic_subscription', tfName(subscription.resourceName, `subscription ${subscription.resourceName}`), {
    topic_arn: tfArnOf(state, subscription.topic, 'sns'),
    protocol: 'lambda',
    endpoint: tfInvokedArn(state, subscription.function.name),
  });
}

export function addEventSourceMapping(state: TerraformState, mapping: EventSourceMappingResource): void {
  const { source } = mapping;
  let specific: Record<string, unknown>;
  switch (source.kind) {
    case 'sqs':
      specific = {
        event_source_arn: tfArnOf(state, source.queue, 'sqs'),
        ...(source.maximumConcurrency === undefined ? {} : { scaling_config: { maximum_concurrency: source.maximumConcurrency } }),
      };
      break;
    case 'kinesis':
      specific = { event_source_arn: tfArnOf(state, source.stream, 'kinesis', 'stream/'), starting_position: source.startingPosition, ...tfStreamFailure(source.onError) };
      break;
    case 'dynamodb':
      specific = { event_source_arn: source.streamArn, starting_position: source.startingPosition, ...tfStreamFailure(source.onError) };
      break;
    default: {
      const never: never = source;
      throw new Error(`unknown event source mapping ${JSON.stringify(never)}`);
    }
  }
  put(state, 'aws_lambda_event_source_mapping', tfName(mapping.resourceName, `event source ${mapping.resourceName}`), {
    ...specific,
    batch_size: mapping.batchSize,
    maximum_batching_window_in_seconds: mapping.maximumBatchingWindowInSeconds,
    ...(mapping.reportBatchItemFailures ? { function_response_types: ['ReportBatchItemFailures'] } : {}),
    function_name: tfInvokedArn(state, mapping.function.name),
  });
}

function tfStreamFailure(onError: StreamFailureHandling): Record<string, unknown> {
  return {
    ...(onError.bisectOnError === undefined ? {} : { bisect_batch_on_function_error: onError.bisectOnError }),
    ...(onError.maximumRetryAttempts === undefined ? {} : { maximum_retry_attempts: onError.maximumRetryAttempts }),
    ...(onError.maximumRecordAgeInSeconds === undefined ? {} : { maximum_record_age_in_seconds: onError.maximumRecordAgeInSeconds }),
    ...(onError.onFailure === undefined ? {} : { destination_config: { on_failure: { destination_arn: onError.onFailure } } }),
  };
}

/**
 * One `aws_s3_bucket_notification` per bucket (`<bucket>_notify`) listing every function of
 * that bucket. It depends on the permissions: S3 validates that it may invoke each function
 * when the configuration is put.
 */
export function addBucketNotification(state: TerraformState, notification: S3BucketNotificationResource): void {
  const name = `${notification.bucket.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^(?=[0-9-])/, '_')}_notify`;
  const existing = (state.resource.aws_s3_bucket_notification ??= {})[name] as
    | { bucket: string; lambda_function: unknown[]; depends_on: string[] }
    | undefined;
  const body = existing ?? { bucket: notification.bucket, lambda_function: [], depends_on: [] };
  body.lambda_function.push({
    lambda_function_arn: tfInvokedArn(state, notification.function.name),
    events: [...notification.events],
    ...(notification.prefix === undefined ? {} : { filter_prefix: notification.prefix }),
    ...(notification.suffix === undefined ? {} : { filter_suffix: notification.suffix }),
  });
  body.depends_on.push(`aws_lambda_permission.${notification.permission.name}`);
  put(state, 'aws_s3_bucket_notification', name, body);
}
