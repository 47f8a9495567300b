/**
 * SAM properties of a function's provisioned concurrency and asynchronous invocation settings.
 *
 * `AutoPublishAlias` makes SAM publish a version whenever the function's code or configuration
 * changes and point the alias (`<Function>Aliaslive`) at it; the provisioned concurrency is
 * configured on that alias, and SAM connects the function's `Events` to the alias too. The
 * API's integration and permissions refer to the alias explicitly (sam-references.ts).
 * `EventInvokeConfig` applies to the alias when there is one, else to `$LATEST`, which are the
 * qualifiers the triggers invoke.
 */
import type { AsyncInvocationConfig, LambdaFunctionResource } from '../../../graph/index.js';
import { invokedAlias } from '../../../graph/index.js';

/** SAM's destination types, by the destination ARN's service. */
const DESTINATION_TYPES: Readonly<Record<string, string>> = { sqs: 'SQS', sns: 'SNS', lambda: 'Lambda', events: 'EventBridge' };

export function samFunctionExtras(fn: LambdaFunctionResource): Record<string, unknown> {
  const alias = invokedAlias(fn);
  return {
    ...(alias === undefined || fn.provisionedConcurrency === undefined
      ? {}
      : { AutoPublishAlias: alias, ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: fn.provisionedConcurrency } }),
    ...(fn.asyncInvocation === undefined ? {} : { EventInvokeConfig: samEventInvokeConfig(fn.asyncInvocation) }),
  };
}

function samEventInvokeConfig(config: AsyncInvocationConfig): Record<string, unknown> {
  const destination = (arn: string) => ({ Type: DESTINATION_TYPES[arn.split(':')[2] ?? ''] ?? 'SQS', Destination: arn });
  const destinations = {
    ...(config.onFailure === undefined ? {} : { OnFailure: destination(config.onFailure) }),
    ...(config.onSuccess === undefined ? {} : { OnSuccess: destination(config.onSuccess) }),
  };
  return {
    ...(config.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: config.maximumRetryAttempts }),
    ...(config.maximumEventAgeInSeconds === undefined ? {} : { MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds }),
    ...(Object.keys(destinations).length === 0 ? {} : { DestinationConfig: destinations }),
  };
}
