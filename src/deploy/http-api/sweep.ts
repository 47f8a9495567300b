/**
 * Deleting the HTTP API from its state record (the sweeper calls this for its record type).
 * DeleteApi takes the API's integrations, authorizers, routes and stage with it; the Lambda
 * permissions are records of their own.
 */
import type { DeployedResource } from '../../project/deployed-state.js';
import type { Instruction } from '../instructions.js';
import { str } from '../state-records.js';

/** The deletions of one record, or undefined when the record is not of this module. */
export function sweepHttpApiRecord(record: DeployedResource, forget: string): Instruction[] | undefined {
  if (record.resourceType !== 'http_api') return undefined;
  const apiId = str(record, 'httpApiId');
  return apiId === undefined ? [{ kind: 'record', forget }] : [{ kind: 'delete-http-api', apiId, forget }];
}
