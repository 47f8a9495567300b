/**
 * Deleting functions' extras from their state records (the sweeper calls this for these record
 * types). They belong to their function: when it is deleted in the same sweep, the records are
 * only forgotten. Otherwise (the setting was removed from the config) the provisioned
 * concurrency and the alias, or the event invoke config, are deleted; triggers were pointed
 * back at the function by then, since a sweep runs after everything else was planned.
 */
import type { DeployedResource } from '../../project/deployed-state.js';
import type { Instruction } from '../instructions.js';
import { str } from '../state-records.js';

export const FUNCTION_EXTRAS_RECORD_TYPES: ReadonlySet<string> = new Set(['lambda_alias', 'lambda_event_invoke_config']);

/** The deletions of one record, or undefined when the record is not of this module. */
export function sweepFunctionExtrasRecord(record: DeployedResource, forget: string, deletedFunctions: ReadonlySet<string | undefined>): Instruction[] | undefined {
  const functionName = str(record, 'functionName')!;
  switch (record.resourceType) {
    case 'lambda_alias': {
      if (deletedFunctions.has(functionName)) return [{ kind: 'record', forget }];
      const aliasName = str(record, 'aliasName')!;
      return [
        { kind: 'delete-provisioned-concurrency', functionName, qualifier: aliasName },
        { kind: 'delete-alias', functionName, aliasName, forget },
      ];
    }
    case 'lambda_event_invoke_config': {
      if (deletedFunctions.has(functionName)) return [{ kind: 'record', forget }];
      const qualifier = str(record, 'qualifier');
      return [{ kind: 'delete-event-invoke-config', functionName, ...(qualifier === undefined ? {} : { qualifier }), forget }];
    }
    default:
      return undefined;
  }
}
