/**
 * The event EventBridge sends a scheduled rule's target: `source: aws.events`,
 * `detail-type: Scheduled Event`, `detail: {}`, the rule's ARN in `resources`, the time it was
 * due (whole seconds, `Z`) and a fresh id. Built on the test client's `createCwEvent`, with
 * the rule name `chalice package`/`deploy` give the rule (`<app>-<stage>-<name>`).
 */
import { randomUUID } from 'node:crypto';
import type { CloudWatchEventPayload } from '../../runtime/index.js';
import { createCwEvent, type EventOrigin } from '../../testing/event-factories.js';

export function scheduledEventFor(appName: string, stage: string, name: string, at: number, origin: EventOrigin = {}): CloudWatchEventPayload<Record<string, never>> {
  const region = origin.region ?? 'us-east-1';
  const account = origin.accountId ?? '123456789012';
  const ruleArn = `arn:aws:events:${region}:${account}:rule/${appName}-${stage}-${name}`;
  return {
    ...createCwEvent<Record<string, never>>('aws.events', 'Scheduled Event', {}, [ruleArn], origin),
    id: randomUUID(),
    time: new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  };
}
