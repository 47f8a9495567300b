/**
 * Instructions as text: one line per instruction, naming the AWS call and the resource
 * (`chalice dev plan`, the deploy's step lines, error messages). Outputs of earlier
 * instructions print as `${restApiId}`; large documents print as their hash and size.
 */
import type { Instruction, RecordTemplate, Value } from './instructions.js';
// Websocket APIs and custom domain names.
import { isWebsocketDomainInstruction, websocketDomainCall, websocketDomainTitle } from './websocket-domains/instructions.js';
// HTTP APIs.
import { httpApiCall, httpApiTitle, isHttpApiInstruction } from './http-api/instructions.js';
// Function URLs.
import { functionUrlCall, functionUrlTitle, isFunctionUrlInstruction } from './function-urls/instructions.js';
// Provisioned concurrency (versions, aliases) and event invoke configs.
import { functionExtrasCall, functionExtrasTitle, isFunctionExtrasInstruction } from './function-extras/instructions.js';

export function valueToText(value: Value): string {
  if (typeof value === 'string') return value;
  const placeholder = `\${${value.output}}`;
  return value.format === undefined ? placeholder : value.format.replace('{}', placeholder);
}

/** What the instruction does, for a person: "Creating function hello-dev". */
export function instructionTitle(instruction: Instruction): string {
  if (isWebsocketDomainInstruction(instruction)) return websocketDomainTitle(instruction, valueToText);
  if (isHttpApiInstruction(instruction)) return httpApiTitle(instruction, valueToText);
  if (isFunctionUrlInstruction(instruction)) return functionUrlTitle(instruction);
  if (isFunctionExtrasInstruction(instruction)) return functionExtrasTitle(instruction, valueToText);
  switch (instruction.kind) {
    case 'create-role':
      return `Creating IAM role ${instruction.roleName}`;
    case 'put-role-policy': {
      const change = instruction.change;
      if (change === undefined) return `Putting the IAM policy of role ${instruction.roleName}`;
      const list = (sign: string, actions: readonly string[]): string[] => (actions.length === 0 ? [] : [`${sign}${actions.join(` ${sign}`)}`]);
      const actions = [...list('+', change.added), ...list('-', change.removed)].join(' ');
      return `Changing the IAM policy of existing role ${instruction.roleName}${actions === '' ? ' (same actions, other resources or conditions)' : `: ${actions}`}`;
    }
    case 'delete-role-policy':
      return `Deleting the IAM policy of role ${instruction.roleName}`;
    case 'delete-role':
      return `Deleting IAM role ${instruction.roleName}`;
    case 'publish-layer-version':
      return `Publishing layer ${instruction.layerName}`;
    case 'delete-layer-version':
      return `Deleting layer ${instruction.layerName} version ${instruction.version}`;
    case 'create-function':
      return `Creating function ${instruction.settings.functionName}`;
    case 'create-log-group':
      return `Creating log group ${instruction.logGroupName}`;
    case 'put-retention-policy':
      return `Keeping the logs in ${instruction.logGroupName} for ${instruction.retentionInDays} days`;
    case 'update-function-code':
      return `Updating the code of function ${instruction.functionName}`;
    case 'update-function-configuration':
      return `Updating the configuration of function ${instruction.settings.functionName} (${instruction.changed.join(', ')})`;
    case 'tag-function':
      return `Tagging function ${instruction.functionName}`;
    case 'untag-function':
      return `Removing tags ${instruction.keys.join(', ')} from function ${instruction.functionName}`;
    case 'put-function-concurrency':
      return `Reserving ${instruction.reserved} concurrent executions for function ${instruction.functionName}`;
    case 'delete-function-concurrency':
      return `Removing the reserved concurrency of function ${instruction.functionName}`;
    case 'delete-function':
      return `Deleting function ${instruction.functionName}`;
    case 'add-permission':
      return `Allowing ${instruction.principal} to invoke function ${instruction.functionName}`;
    case 'remove-permission':
      return `Removing permission ${instruction.statementId} from function ${instruction.functionName}`;
    case 'create-event-source-mapping':
      return `Connecting ${instruction.eventSourceArn} to function ${instruction.functionName}`;
    case 'update-event-source-mapping':
      return `Updating the event source mapping ${instruction.uuid} of function ${instruction.functionName}`;
    case 'delete-event-source-mapping':
      return `Deleting the event source mapping ${instruction.uuid}`;
    case 'create-rest-api':
      return `Creating REST API ${instruction.apiName}`;
    case 'put-rest-api':
      return `Importing the OpenAPI document into REST API ${valueToText(instruction.restApiId)}`;
    case 'update-rest-api-endpoint-type':
      return `Changing the endpoint type of REST API ${instruction.restApiId} from ${instruction.from} to ${instruction.to}`;
    case 'create-deployment':
      return `Deploying REST API ${valueToText(instruction.restApiId)} to stage ${instruction.stageName}`;
    case 'update-stage-tracing':
      return `${instruction.tracingEnabled ? 'Enabling' : 'Disabling'} X-Ray tracing on stage ${instruction.stageName} of REST API ${instruction.restApiId}`;
    case 'delete-rest-api':
      return `Deleting REST API ${instruction.restApiId}`;
    case 'put-rule':
      return `Putting event rule ${instruction.settings.ruleName}${onBus(instruction.settings.eventBusName)}`;
    case 'put-targets':
      return `Targeting event rule ${instruction.ruleName}${onBus(instruction.eventBusName)} at ${instruction.targets.map((t) => t.arn).join(', ')}`;
    case 'remove-targets':
      return `Removing the targets of event rule ${instruction.ruleName}${onBus(instruction.eventBusName)}`;
    case 'delete-rule':
      return `Deleting event rule ${instruction.ruleName}${onBus(instruction.eventBusName)}`;
    case 'subscribe':
      return `Subscribing ${instruction.functionArn} to SNS topic ${instruction.topicArn}`;
    case 'unsubscribe':
      return `Unsubscribing ${instruction.subscriptionArn}`;
    case 'put-bucket-notification':
      return instruction.set.length > 0
        ? `Configuring S3 notification ${instruction.set.map((n) => n.id).join(', ')} on bucket ${instruction.bucket}`
        : `Removing S3 notification ${instruction.remove.join(', ')} from bucket ${instruction.bucket}`;
    case 'record':
      return instruction.record !== undefined
        ? `Recording ${instruction.record.resourceType} ${instruction.record.name} in the deployed state`
        : `Forgetting ${instruction.forget ?? ''} in the deployed state`;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}

/** The AWS API call an instruction makes (`Lambda.CreateFunction`), or `-` for state-only ones. */
export function instructionCall(instruction: Instruction): string {
  if (isWebsocketDomainInstruction(instruction)) return websocketDomainCall(instruction);
  if (isHttpApiInstruction(instruction)) return httpApiCall(instruction);
  if (isFunctionUrlInstruction(instruction)) return functionUrlCall(instruction);
  if (isFunctionExtrasInstruction(instruction)) return functionExtrasCall(instruction);
  switch (instruction.kind) {
    case 'create-role':
      return 'IAM.CreateRole';
    case 'put-role-policy':
      return 'IAM.PutRolePolicy';
    case 'delete-role-policy':
      return 'IAM.DeleteRolePolicy';
    case 'delete-role':
      return 'IAM.DeleteRole';
    case 'publish-layer-version':
      return 'Lambda.PublishLayerVersion';
    case 'delete-layer-version':
      return 'Lambda.DeleteLayerVersion';
    case 'create-function':
      return 'Lambda.CreateFunction';
    case 'create-log-group':
      return 'CloudWatchLogs.CreateLogGroup';
    case 'put-retention-policy':
      return 'CloudWatchLogs.PutRetentionPolicy';
    case 'update-function-code':
      return 'Lambda.UpdateFunctionCode';
    case 'update-function-configuration':
      return 'Lambda.UpdateFunctionConfiguration';
    case 'tag-function':
      return 'Lambda.TagResource';
    case 'untag-function':
      return 'Lambda.UntagResource';
    case 'put-function-concurrency':
      return 'Lambda.PutFunctionConcurrency';
    case 'delete-function-concurrency':
      return 'Lambda.DeleteFunctionConcurrency';
    case 'delete-function':
      return 'Lambda.DeleteFunction';
    case 'add-permission':
      return 'Lambda.AddPermission';
    case 'remove-permission':
      return 'Lambda.RemovePermission';
    case 'create-event-source-mapping':
      return 'Lambda.CreateEventSourceMapping';
    case 'update-event-source-mapping':
      return 'Lambda.UpdateEventSourceMapping';
    case 'delete-event-source-mapping':
      return 'Lambda.DeleteEventSourceMapping';
    case 'create-rest-api':
      return 'APIGateway.CreateRestApi';
    case 'put-rest-api':
      return 'APIGateway.PutRestApi';
    case 'update-rest-api-endpoint-type':
      return 'APIGateway.UpdateRestApi';
    case 'create-deployment':
      return 'APIGateway.CreateDeployment';
    case 'update-stage-tracing':
      return 'APIGateway.UpdateStage';
    case 'delete-rest-api':
      return 'APIGateway.DeleteRestApi';
    case 'put-rule':
      return 'EventBridge.PutRule';
    case 'put-targets':
      return 'EventBridge.PutTargets';
    case 'remove-targets':
      return 'EventBridge.RemoveTargets';
    case 'delete-rule':
      return 'EventBridge.DeleteRule';
    case 'subscribe':
      return 'SNS.Subscribe';
    case 'unsubscribe':
      return 'SNS.Unsubscribe';
    case 'put-bucket-notification':
      return 'S3.PutBucketNotificationConfiguration';
    case 'record':
      return '-';
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}

/** The parameters worth showing in a plan, as plain JSON (documents as hash and size). */
export function instructionDetails(instruction: Instruction): Record<string, unknown> {
  const { kind: _kind, pending: _pending, record, forget, ...rest } = instruction as Instruction & Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) details[key] = detailValue(key, value);
  if (record !== undefined) details.record = templateToJson(record);
  if (forget !== undefined) details.forget = forget;
  return details;
}

function detailValue(key: string, value: unknown): unknown {
  if (key === 'document' && typeof value === 'string') return `<OpenAPI document, ${value.length} bytes>`;
  if (key === 'document' && typeof value === 'object') return '<IAM policy document>';
  if (key === 'trustPolicy') return '<IAM trust policy>';
  if (typeof value === 'object' && value !== null && 'output' in value) return valueToText(value as Value);
  // An HTTP API route's target and authorizer id may be outputs.
  if (key === 'route' && typeof value === 'object' && value !== null) return templateToJson(value as RecordTemplate);
  if (key === 'settings' && typeof value === 'object' && value !== null) {
    const settings = { ...(value as Record<string, unknown>) };
    if (Array.isArray(settings.layers)) settings.layers = (settings.layers as Value[]).map(valueToText);
    return settings;
  }
  return value;
}

function templateToJson(record: RecordTemplate): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === 'object' && v !== null && !Array.isArray(v) && 'output' in v ? valueToText(v as Value) : v]),
  );
}

/** `chalice dev plan` text: one numbered line per instruction, then a summary. */
export function planToText(plan: readonly Instruction[]): string {
  if (plan.length === 0) return 'No changes: AWS already matches the app (0 AWS calls to make).\n';
  const width = String(plan.length).length;
  const lines = plan.map((instruction, i) => `${String(i + 1).padStart(width)}. ${instructionCall(instruction).padEnd(37)} ${instructionTitle(instruction)}`);
  const writes = plan.filter((i) => i.kind !== 'record').length;
  lines.push('', `${writes} AWS write call${writes === 1 ? '' : 's'}, ${plan.length - writes} state-only step${plan.length - writes === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}

/** ` on event bus <bus>` for a rule on a custom bus. */
function onBus(eventBusName: string | undefined): string {
  return eventBusName === undefined ? '' : ` on event bus ${eventBusName}`;
}
