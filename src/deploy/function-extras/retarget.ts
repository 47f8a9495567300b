/**
 * What a trigger leaves behind when it starts invoking something else: provisioned concurrency
 * added or removed moves it between the function and its `live` alias, and a rule may move to
 * another event bus. The planner plans the new trigger as usual; these give the removal of the
 * old one, found from the previous state record (pure). Each is a deletion, so one already gone
 * counts as done.
 */
import type { DeployedResource } from '../../project/deployed-state.js';
import type { Instruction } from '../instructions.js';
import { RULE_TARGET_ID } from '../names.js';

/** A permission recorded on another qualifier (`name` vs `name:live`): its statement is removed. */
export function stalePermission(before: DeployedResource | undefined, invokedName: string): Instruction[] {
  if (typeof before?.functionName !== 'string' || before.functionName === invokedName || typeof before.statementId !== 'string') return [];
  return [{ kind: 'remove-permission', functionName: before.functionName, statementId: before.statementId }];
}

/** A subscription recorded for another endpoint of the function: it is unsubscribed. */
export function staleSubscription(before: DeployedResource | undefined, endpoint: string): Instruction[] {
  if (typeof before?.subscriptionArn !== 'string' || before.functionArn === endpoint) return [];
  return [{ kind: 'unsubscribe', subscriptionArn: before.subscriptionArn }];
}

/** A rule recorded on another bus: its target and the rule are deleted there. */
export function staleRuleOnOtherBus(before: DeployedResource | undefined, eventBus: string | undefined): Instruction[] {
  if (before === undefined || before.eventBusName === eventBus || typeof before.ruleName !== 'string') return [];
  const old = typeof before.eventBusName === 'string' ? { eventBusName: before.eventBusName } : {};
  return [
    { kind: 'remove-targets', ruleName: before.ruleName, ids: [RULE_TARGET_ID], ...old },
    { kind: 'delete-rule', ruleName: before.ruleName, ...old },
  ];
}
