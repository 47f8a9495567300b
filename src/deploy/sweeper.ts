/**
 * The sweeper: state records → the instructions that delete those resources, in reverse
 * dependency order (pure). `chalice delete` sweeps every record; a deploy sweeps the records of
 * resources no longer in the app. Each deletion tolerates the resource being gone already (the
 * executor treats "not found" as done), so a sweep can be re-run after any failure.
 *
 * A permission is not removed on its own when its function is deleted in the same sweep: it
 * lives in that function's resource policy and goes with it. Event source mappings, SNS
 * subscriptions and S3 notifications do not, so they are removed explicitly.
 */
import type { DeployedResource } from '../project/deployed-state.js';
import type { Instruction } from './instructions.js';
import { layerVersionOfArn, RULE_TARGET_ID } from './names.js';
import { recordKey, str } from './state-records.js';
// Websocket APIs and custom domain names.
import { sweepWebsocketDomainRecord } from './websocket-domains/sweep.js';
// HTTP APIs.
import { sweepHttpApiRecord } from './http-api/sweep.js';
// Function URLs.
import { sweepFunctionUrlRecord } from './function-urls/sweep.js';
// Provisioned concurrency (aliases) and event invoke configs.
import { unqualifiedName } from './function-extras/names.js';
import { sweepFunctionExtrasRecord } from './function-extras/sweep.js';

/** Deletion instructions for `records` (given in deployment order; swept in reverse). */
export function sweepRecords(records: readonly DeployedResource[]): Instruction[] {
  const deletedFunctions = new Set(records.filter((r) => r.resourceType === 'lambda_function').map((r) => str(r, 'functionName')));
  const out: Instruction[] = [];
  for (const record of [...records].reverse()) out.push(...sweepRecord(record, deletedFunctions));
  return out;
}

function sweepRecord(record: DeployedResource, deletedFunctions: ReadonlySet<string | undefined>): Instruction[] {
  const forget = recordKey(record);
  const field = (name: string): string | undefined => str(record, name);
  switch (record.resourceType) {
    case 'lambda_function':
      return [{ kind: 'delete-function', functionName: field('functionName')!, forget }];
    case 'iam_role': {
      const roleName = field('roleName')!;
      return [
        { kind: 'delete-role-policy', roleName, policyName: field('policyName') ?? roleName },
        { kind: 'delete-role', roleName, forget },
      ];
    }
    case 'lambda_layer': {
      const arn = field('layerVersionArn');
      if (arn === undefined) return [{ kind: 'record', forget }];
      return [{ kind: 'delete-layer-version', layerName: field('layerName')!, version: layerVersionOfArn(arn), forget }];
    }
    case 'rest_api': {
      const restApiId = field('restApiId');
      if (restApiId === undefined) return [{ kind: 'record', forget }];
      return [{ kind: 'delete-rest-api', restApiId, forget }];
    }
    case 'lambda_permission':
      // An alias's permission (`name:live`) goes with its function too.
      if (deletedFunctions.has(unqualifiedName(field('functionName') ?? ''))) return [{ kind: 'record', forget }];
      return [{ kind: 'remove-permission', functionName: field('functionName')!, statementId: field('statementId')!, forget }];
    case 'cloudwatch_event': {
      const ruleName = field('ruleName')!;
      const bus = field('eventBusName') === undefined ? {} : { eventBusName: field('eventBusName')! };
      return [
        { kind: 'remove-targets', ruleName, ids: [RULE_TARGET_ID], ...bus },
        { kind: 'delete-rule', ruleName, forget, ...bus },
      ];
    }
    case 'sns_event': {
      const subscriptionArn = field('subscriptionArn');
      if (subscriptionArn === undefined) return [{ kind: 'record', forget }];
      return [{ kind: 'unsubscribe', subscriptionArn, forget }];
    }
    case 'event_source_mapping': {
      const uuid = field('uuid');
      if (uuid === undefined) return [{ kind: 'record', forget }];
      return [{ kind: 'delete-event-source-mapping', uuid, eventSourceArn: field('eventSourceArn') ?? '', forget }];
    }
    case 'function_url':
      return sweepFunctionUrlRecord(record, forget, deletedFunctions);
    case 's3_event':
      return [{ kind: 'put-bucket-notification', bucket: field('bucket')!, set: [], remove: [field('notificationId')!], forget }];
    default:
      // A record type this version does not know (written by a newer one): leave it in place.
      return sweepWebsocketDomainRecord(record, forget) ?? sweepHttpApiRecord(record, forget) ?? sweepFunctionExtrasRecord(record, forget, deletedFunctions) ?? [];
  }
}
