/**
 * Deleting a function URL from its state record (the sweeper calls this for `function_url`
 * records). A URL goes with its function, so when the function is deleted in the same sweep
 * only the record is dropped. The URL's permissions are `lambda_permission` records, removed
 * (or dropped with their function) like every other permission.
 */
import type { DeployedResource } from '../../project/deployed-state.js';
import type { Instruction } from '../instructions.js';
import { str } from '../state-records.js';

export function sweepFunctionUrlRecord(record: DeployedResource, forget: string, deletedFunctions: ReadonlySet<string | undefined>): Instruction[] {
  const functionName = str(record, 'functionName');
  if (functionName === undefined || deletedFunctions.has(functionName)) return [{ kind: 'record', forget }];
  return [{ kind: 'delete-function-url-config', functionName, forget }];
}
