/**
 * What triggers invoke in a deploy: a function with provisioned concurrency is invoked through
 * its `live` alias (`invokedAlias` in the app graph), everything else as the plain function.
 * Lambda takes a qualified name (`<function>:<alias>`) wherever it takes a function name
 * (AddPermission, GetPolicy, CreateEventSourceMapping), so one string serves every call.
 */
import type { EventRuleResource, LambdaFunctionResource } from '../../graph/index.js';
import type { DeployedState } from '../../project/deployed-state.js';
import { eventBusName, invokedAlias } from '../../graph/index.js';
import type { AwsTarget } from '../names.js';
import { functionArn } from '../names.js';

/** `<function>` or `<function>:<alias>`. */
export function invokedFunctionName(fn: LambdaFunctionResource): string {
  const alias = invokedAlias(fn);
  return alias === undefined ? fn.functionName : `${fn.functionName}:${alias}`;
}

/** The ARN triggers invoke: the function's, or its alias's. */
export function invokedFunctionArn(target: AwsTarget, fn: LambdaFunctionResource): string {
  return functionArn(target, invokedFunctionName(fn));
}

/** The unqualified name of `<function>[:<qualifier>]`. */
export function unqualifiedName(functionName: string): string {
  return functionName.split(':')[0]!;
}

/** A rule's ARN: `rule/<name>` on the default bus, `rule/<bus>/<name>` on a custom one. */
export function eventRuleArn(target: AwsTarget, rule: EventRuleResource): string {
  const bus = eventBusName(rule);
  return `arn:${target.partition}:events:${target.region}:${target.accountId}:rule/${bus === undefined ? '' : `${bus}/`}${rule.ruleName}`;
}

/** The description of the alias: the hash of the code and settings published in the version it points at. */
export function aliasDescription(sha256: string): string {
  return `chalice-ts sha256:${sha256}`;
}

/** What `chalice invoke` invokes: the deployed function's alias when the state records one (provisioned concurrency), else the function. */
export function deployedInvokeName(state: DeployedState, functionName: string): string {
  const alias = state.resources.find((r) => r.resourceType === 'lambda_alias' && r.functionName === functionName && r.pending !== true);
  return typeof alias?.aliasName === 'string' ? `${functionName}:${alias.aliasName}` : functionName;
}
