/**
 * The event-source calls of the real `AwsClient` (Lambda event source mappings, EventBridge
 * rules and targets, SNS subscriptions, S3 bucket notifications), on the SDK clients the rest
 * of the SDK client loads.
 *
 * AWS facts recorded here:
 *  - EventBridge PutTargets reports failures in FailedEntries instead of throwing.
 *  - S3 replaces a bucket's whole notification configuration on Put; the caller merges.
 *  - SNS calls go to the topic's own region, which may differ from the deploy's.
 */
import type * as EventBridgeModule from '@aws-sdk/client-eventbridge';
import type * as LambdaModule from '@aws-sdk/client-lambda';
import type * as S3Module from '@aws-sdk/client-s3';
import type * as SnsModule from '@aws-sdk/client-sns';
import type {
  AwsClient,
  BucketNotification,
  EventSourceMappingSettings,
  LambdaNotification,
  RemoteEventSourceMapping,
  RemoteSubscription,
  RuleSettings,
  RuleTarget,
} from './aws-client.js';
import { AwsCallError } from './aws-client.js';

type Loaded<M, C> = { readonly m: M; readonly client: C };

/** The `AwsClient` calls made here. */
export type EventSourceCalls = Pick<AwsClient, 'listEventSourceMappings' | 'createEventSourceMapping' | 'updateEventSourceMapping' | 'deleteEventSourceMapping' | 'describeRule' | 'listTargetsByRule' | 'putRule' | 'putTargets' | 'removeTargets' | 'deleteRule' | 'listSubscriptionsByTopic' | 'subscribe' | 'unsubscribe' | 'getBucketNotification' | 'putBucketNotification'>;

export interface SdkEventSourceContext {
  lambda(): Promise<Loaded<typeof LambdaModule, LambdaModule.LambdaClient>>;
  events(): Promise<Loaded<typeof EventBridgeModule, EventBridgeModule.EventBridgeClient>>;
  /** The SNS client of the topic's (or subscription's) region. */
  sns(topicOrSubscriptionArn: string): Promise<Loaded<typeof SnsModule, SnsModule.SNSClient>>;
  s3(): Promise<Loaded<typeof S3Module, S3Module.S3Client>>;
  send<T>(call: string, run: () => Promise<T>): Promise<T>;
  find<T>(call: string, run: () => Promise<T>): Promise<T | undefined>;
}

export function createSdkEventSourceCalls(ctx: SdkEventSourceContext): EventSourceCalls {
  return {
    // Lambda event source mappings
    async listEventSourceMappings(functionName: string): Promise<readonly RemoteEventSourceMapping[]> {
      const { m, client } = await ctx.lambda();
      const out: RemoteEventSourceMapping[] = [];
      let marker: string | undefined;
      do {
        const page = await ctx.find('Lambda.ListEventSourceMappings', () =>
          client.send(new m.ListEventSourceMappingsCommand({ FunctionName: functionName, ...(marker ? { Marker: marker } : {}) })),
        );
        for (const e of page?.EventSourceMappings ?? []) {
          out.push({
            uuid: e.UUID ?? '',
            eventSourceArn: e.EventSourceArn ?? '',
            functionArn: e.FunctionArn ?? '',
            batchSize: e.BatchSize ?? 0,
            maximumBatchingWindowInSeconds: e.MaximumBatchingWindowInSeconds ?? 0,
            ...(e.ScalingConfig?.MaximumConcurrency === undefined ? {} : { maximumConcurrency: e.ScalingConfig.MaximumConcurrency }),
            ...(e.StartingPosition ? { startingPosition: e.StartingPosition } : {}),
            reportBatchItemFailures: (e.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
            ...(e.StartingPosition
              ? {
                  streamFailure: {
                    bisectOnError: e.BisectBatchOnFunctionError ?? false,
                    maximumRetryAttempts: e.MaximumRetryAttempts ?? -1,
                    maximumRecordAgeInSeconds: e.MaximumRecordAgeInSeconds ?? -1,
                    ...(e.DestinationConfig?.OnFailure?.Destination ? { onFailureDestination: e.DestinationConfig.OnFailure.Destination } : {}),
                  },
                }
              : {}),
          });
        }
        marker = page?.NextMarker;
      } while (marker);
      return out;
    },
    async createEventSourceMapping(functionName: string, eventSourceArn: string, settings: EventSourceMappingSettings & { readonly startingPosition?: string }) {
      const { m, client } = await ctx.lambda();
      const created = await ctx.send('Lambda.CreateEventSourceMapping', () =>
        client.send(
          new m.CreateEventSourceMappingCommand({
            FunctionName: functionName,
            EventSourceArn: eventSourceArn,
            ...mappingSettings(settings),
            ...(settings.startingPosition ? { StartingPosition: settings.startingPosition as LambdaModule.EventSourcePosition } : {}),
          }),
        ),
      );
      return { uuid: created.UUID ?? '' };
    },
    async updateEventSourceMapping(uuid: string, settings: EventSourceMappingSettings, functionName?: string) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.UpdateEventSourceMapping', () =>
        client.send(new m.UpdateEventSourceMappingCommand({ UUID: uuid, ...(functionName === undefined ? {} : { FunctionName: functionName }), ...mappingSettings(settings) })),
      );
    },
    async deleteEventSourceMapping(uuid: string) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.DeleteEventSourceMapping', () => client.send(new m.DeleteEventSourceMappingCommand({ UUID: uuid })));
    },

    // EventBridge
    async describeRule(ruleName: string, eventBusName?: string) {
      const { m, client } = await ctx.events();
      const found = await ctx.find('EventBridge.DescribeRule', () => client.send(new m.DescribeRuleCommand({ Name: ruleName, ...bus(eventBusName) })));
      if (found === undefined) return undefined;
      return {
        ruleName,
        ...(eventBusName === undefined ? {} : { eventBusName }),
        arn: found.Arn ?? '',
        ...(found.ScheduleExpression ? { scheduleExpression: found.ScheduleExpression } : {}),
        ...(found.EventPattern ? { eventPattern: found.EventPattern } : {}),
        ...(found.Description ? { description: found.Description } : {}),
      };
    },
    async listTargetsByRule(ruleName: string, eventBusName?: string): Promise<readonly RuleTarget[]> {
      const { m, client } = await ctx.events();
      const found = await ctx.find('EventBridge.ListTargetsByRule', () => client.send(new m.ListTargetsByRuleCommand({ Rule: ruleName, ...bus(eventBusName) })));
      return (found?.Targets ?? []).map((t) => ({ id: t.Id ?? '', arn: t.Arn ?? '' }));
    },
    async putRule(settings: RuleSettings) {
      const { m, client } = await ctx.events();
      const put = await ctx.send('EventBridge.PutRule', () =>
        client.send(
          new m.PutRuleCommand({
            Name: settings.ruleName,
            ...bus(settings.eventBusName),
            State: 'ENABLED',
            ...(settings.scheduleExpression ? { ScheduleExpression: settings.scheduleExpression } : {}),
            ...(settings.eventPattern ? { EventPattern: settings.eventPattern } : {}),
            Description: settings.description ?? '',
          }),
        ),
      );
      return { arn: put.RuleArn ?? '' };
    },
    async putTargets(ruleName: string, targets: readonly RuleTarget[], eventBusName?: string) {
      const { m, client } = await ctx.events();
      const put = await ctx.send('EventBridge.PutTargets', () =>
        client.send(new m.PutTargetsCommand({ Rule: ruleName, ...bus(eventBusName), Targets: targets.map((t) => ({ Id: t.id, Arn: t.arn })) })),
      );
      const failed = put.FailedEntries?.[0];
      if (failed) throw new AwsCallError('EventBridge.PutTargets', failed.ErrorCode ?? 'FailedEntry', failed.ErrorMessage ?? `target ${failed.TargetId} was not put`);
    },
    async removeTargets(ruleName: string, ids: readonly string[], eventBusName?: string) {
      const { m, client } = await ctx.events();
      await ctx.send('EventBridge.RemoveTargets', () => client.send(new m.RemoveTargetsCommand({ Rule: ruleName, ...bus(eventBusName), Ids: [...ids] })));
    },
    async deleteRule(ruleName: string, eventBusName?: string) {
      const { m, client } = await ctx.events();
      await ctx.send('EventBridge.DeleteRule', () => client.send(new m.DeleteRuleCommand({ Name: ruleName, ...bus(eventBusName) })));
    },

    // SNS
    async listSubscriptionsByTopic(topicArn: string): Promise<readonly RemoteSubscription[]> {
      const { m, client } = await ctx.sns(topicArn);
      const out: RemoteSubscription[] = [];
      let token: string | undefined;
      do {
        const page = await ctx.find('SNS.ListSubscriptionsByTopic', () =>
          client.send(new m.ListSubscriptionsByTopicCommand({ TopicArn: topicArn, ...(token ? { NextToken: token } : {}) })),
        );
        for (const s of page?.Subscriptions ?? []) out.push({ subscriptionArn: s.SubscriptionArn ?? '', protocol: s.Protocol ?? '', endpoint: s.Endpoint ?? '' });
        token = page?.NextToken;
      } while (token);
      return out;
    },
    async subscribe(topicArn: string, functionArn: string) {
      const { m, client } = await ctx.sns(topicArn);
      const created = await ctx.send('SNS.Subscribe', () =>
        client.send(new m.SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: functionArn, ReturnSubscriptionArn: true })),
      );
      return { subscriptionArn: created.SubscriptionArn ?? '' };
    },
    async unsubscribe(subscriptionArn: string) {
      const { m, client } = await ctx.sns(subscriptionArn);
      await ctx.send('SNS.Unsubscribe', () => client.send(new m.UnsubscribeCommand({ SubscriptionArn: subscriptionArn })));
    },
    async getBucketNotification(bucket: string): Promise<BucketNotification> {
      const { m, client } = await ctx.s3();
      const found = await ctx.send('S3.GetBucketNotificationConfiguration', () => client.send(new m.GetBucketNotificationConfigurationCommand({ Bucket: bucket })));
      const { $metadata: _metadata, LambdaFunctionConfigurations, ...other } = found;
      const lambda = (LambdaFunctionConfigurations ?? []).map((c): LambdaNotification => {
        const rules = c.Filter?.Key?.FilterRules ?? [];
        const rule = (name: string): string | undefined => rules.find((r) => r.Name?.toLowerCase() === name)?.Value;
        const prefix = rule('prefix');
        const suffix = rule('suffix');
        return {
          id: c.Id ?? '',
          functionArn: c.LambdaFunctionArn ?? '',
          events: c.Events ?? [],
          ...(prefix === undefined ? {} : { prefix }),
          ...(suffix === undefined ? {} : { suffix }),
        };
      });
      return { lambda, other: Object.fromEntries(Object.entries(other).filter(([, v]) => v !== undefined)) };
    },
    async putBucketNotification(bucket: string, notification: BucketNotification) {
      const { m, client } = await ctx.s3();
      const lambda = notification.lambda.map((n) => {
        const rules = [
          ...(n.prefix === undefined ? [] : [{ Name: 'prefix' as const, Value: n.prefix }]),
          ...(n.suffix === undefined ? [] : [{ Name: 'suffix' as const, Value: n.suffix }]),
        ];
        return {
          Id: n.id,
          LambdaFunctionArn: n.functionArn,
          Events: [...n.events] as S3Module.Event[],
          ...(rules.length > 0 ? { Filter: { Key: { FilterRules: rules } } } : {}),
        };
      });
      await ctx.send('S3.PutBucketNotificationConfiguration', () =>
        client.send(
          new m.PutBucketNotificationConfigurationCommand({
            Bucket: bucket,
            NotificationConfiguration: { ...(notification.other as S3Module.NotificationConfiguration), LambdaFunctionConfigurations: lambda },
          }),
        ),
      );
    },
  };
}

function mappingSettings(settings: EventSourceMappingSettings) {
  return {
    BatchSize: settings.batchSize,
    MaximumBatchingWindowInSeconds: settings.maximumBatchingWindowInSeconds,
    ...(settings.maximumConcurrency === undefined ? {} : { ScalingConfig: { MaximumConcurrency: settings.maximumConcurrency } }),
    // An empty list turns partial batch responses off again on update.
    FunctionResponseTypes: settings.reportBatchItemFailures ? ['ReportBatchItemFailures' as const] : [],
    ...(settings.streamFailure === undefined
      ? {}
      : {
          BisectBatchOnFunctionError: settings.streamFailure.bisectOnError,
          MaximumRetryAttempts: settings.streamFailure.maximumRetryAttempts,
          MaximumRecordAgeInSeconds: settings.streamFailure.maximumRecordAgeInSeconds,
          // An OnFailure without a Destination removes a destination set before.
          DestinationConfig: { OnFailure: settings.streamFailure.onFailureDestination ? { Destination: settings.streamFailure.onFailureDestination } : {} },
        }),
  };
}

/** `EventBusName` of a rule on a custom bus (the default bus is left unnamed). */
function bus(eventBusName: string | undefined): { EventBusName?: string } {
  return eventBusName === undefined ? {} : { EventBusName: eventBusName };
}
