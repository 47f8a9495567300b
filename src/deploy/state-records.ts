/**
 * The records the deployer keeps in `.chalice/deployed/<stage>.json`, one per AWS resource it
 * created, each holding what is needed to find and delete that resource again.
 *
 * Crash safety: before a call that creates something, the deployer writes a *pending* record
 * (`pending: true`, only the deterministic lookup keys, e.g. the function name, or the REST
 * API's name and stage tags); after the call it replaces it with the full record. So a deploy
 * killed between the two leaves a record that `delete` (or the next deploy) resolves by
 * looking the resource up, never an untracked resource. Pending records lack the fields the
 * readers of `deployed-records.ts` check (`lambdaArn`, `restApiId`), so `url`/`invoke` skip them.
 *
 * Records are identified by (resourceType, name): graph names repeat across kinds (the rule
 * `f-event` and its permission `f-event`).
 */
import type { DeployedResource, DeployedState } from '../project/deployed-state.js';

export type RecordType =
  | 'iam_role'
  | 'lambda_layer'
  | 'lambda_function'
  | 'rest_api'
  | 'lambda_permission'
  | 'cloudwatch_event'
  | 'sns_event'
  | 'event_source_mapping'
  | 's3_event';

/** The order `delete` removes record types in when records are otherwise equal: dependants first. */
export const RECORD_TYPES: readonly RecordType[] = [
  'iam_role',
  'lambda_layer',
  'lambda_function',
  'rest_api',
  'lambda_permission',
  'cloudwatch_event',
  'sns_event',
  'event_source_mapping',
  's3_event',
];

export function recordKey(record: { readonly resourceType: string; readonly name: string }): string {
  return `${record.resourceType}:${record.name}`;
}

export function isPending(record: DeployedResource): boolean {
  return record.pending === true;
}

export function str(record: DeployedResource, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' ? value : undefined;
}

/** A state with `record` put in place of the one with the same key, or appended. */
export function withRecord(state: DeployedState, record: DeployedResource): DeployedState {
  const key = recordKey(record);
  const index = state.resources.findIndex((r) => recordKey(r) === key);
  if (index < 0) return { resources: [...state.resources, record] };
  const resources = [...state.resources];
  resources[index] = record;
  return { resources };
}

export function withoutRecord(state: DeployedState, key: string): DeployedState {
  return { resources: state.resources.filter((r) => recordKey(r) !== key) };
}

export function sameRecord(a: DeployedResource | undefined, b: DeployedResource): boolean {
  return a !== undefined && JSON.stringify(sortedEntries(a)) === JSON.stringify(sortedEntries(b));
}

function sortedEntries(record: DeployedResource): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
