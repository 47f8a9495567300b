/**
 * What a trigger invokes. A function with provisioned concurrency keeps its initialised
 * instances on an alias (`live`) pointing at a published version; an invocation of the
 * unqualified function (`$LATEST`) would not use them. So every trigger (the API's
 * integration and its permission, rules' targets, SNS subscriptions, event source mappings,
 * S3 notifications, authorizer URIs, websocket integrations) invokes the alias of such a
 * function, and the plain function otherwise. Deploy, SAM and Terraform each build their
 * function references through this one answer.
 */
import type { EventRuleResource, LambdaFunctionResource } from './resources.js';

/** The alias that carries a function's provisioned concurrency. */
export const PROVISIONED_ALIAS = 'live';

/** The alias triggers invoke (`live`), or undefined when they invoke the function itself. */
export function invokedAlias(fn: LambdaFunctionResource): string | undefined {
  return fn.provisionedConcurrency === undefined ? undefined : PROVISIONED_ALIAS;
}

/** The name of a custom event bus given as a name or an ARN (`arn:…:event-bus/<name>`); undefined for the default bus. */
export function eventBusName(rule: EventRuleResource): string | undefined {
  if (rule.eventBus === undefined) return undefined;
  return rule.eventBus.startsWith('arn:') ? rule.eventBus.slice(rule.eventBus.indexOf(':event-bus/') + ':event-bus/'.length) : rule.eventBus;
}
