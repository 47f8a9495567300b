/**
 * The executor: runs a plan's instructions in order through an `AwsClient`, and keeps the
 * deployed state in step with AWS after every call, so a deploy that fails or is killed at
 * any point leaves a state from which the next deploy (or `delete`) carries on:
 *
 *   pending record written → AWS call → full record written (outputs filled in)
 *
 * State is written only after a call has returned; a call that throws writes nothing more.
 *
 * AWS facts handled here (each retry is bounded, and the error is checked before sleeping,
 * so other errors fail at once):
 *  - A new IAM role takes seconds to propagate: Lambda's CreateFunction/UpdateFunctionConfiguration
 *    answer InvalidParameterValueException "The role defined for the function cannot be
 *    assumed by Lambda" meanwhile.
 *  - A function being created or updated is `Pending` / `InProgress`; the next update on it
 *    fails with ResourceConflictException, so the executor waits for Active/Successful first.
 *  - Throttling answers are retried with exponential backoff.
 *  - Deletions tolerate "not found": the resource is already gone, which is the goal.
 *
 * Sleeping goes through the injected `sleep`, so tests never wait.
 */
import type { DeployedResource, DeployedState } from '../project/deployed-state.js';
import { ChaliceTsError } from '../project/errors.js';
import type { AwsClient } from './aws/aws-client.js';
import { isAwsCallError } from './aws/aws-client.js';
import type { ArtifactName, FunctionSettingsWithValues, Instruction, OutputName, RecordTemplate, Value } from './instructions.js';
import { isDeletion } from './instructions.js';
import type { OnDeployMessage } from './messages.js';
import { instructionTitle } from './plan-text.js';
import { withoutRecord, withRecord } from './state-records.js';
// Websocket APIs and custom domain names.
import { executeWebsocketDomainInstruction } from './websocket-domains/execute.js';
import { isWebsocketDomainInstruction } from './websocket-domains/instructions.js';
// HTTP APIs.
import { executeHttpApiInstruction } from './http-api/execute.js';
import { isHttpApiInstruction } from './http-api/instructions.js';
// Function URLs.
import { executeFunctionUrlInstruction } from './function-urls/execute.js';
import { isFunctionUrlInstruction } from './function-urls/instructions.js';
// Provisioned concurrency (versions, aliases) and event invoke configs.
import { executeFunctionExtrasInstruction } from './function-extras/execute.js';
import { isFunctionExtrasInstruction } from './function-extras/instructions.js';

/** Where the executor keeps the deployed state (the file, S3, or memory in tests). */
export interface StateStore {
  write(state: DeployedState): void | Promise<void>;
}

export interface ExecutorOptions {
  readonly client: AwsClient;
  readonly artifacts: Readonly<Partial<Record<ArtifactName, Uint8Array>>>;
  readonly store: StateStore;
  /** The state to start from (pending records resolved). */
  readonly state: DeployedState;
  readonly onMessage: OnDeployMessage;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Backoff before retry n (from 0) while a new role propagates: about a minute in all. */
const ROLE_DELAYS_MS = [1000, 2000, 3000, 5000, 5000, 8000, 8000, 10000, 10000, 10000];
const THROTTLE_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];
/** Polls while a function is Pending/InProgress: up to about five minutes. */
const READY_POLL_MS = 2000;
const READY_POLLS = 150;

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ThrottledException']);

export async function executePlan(plan: readonly Instruction[], options: ExecutorOptions): Promise<DeployedState> {
  return new Executor(options).run(plan);
}

class Executor {
  private state: DeployedState;
  private readonly outputs = new Map<OutputName, string>();
  /** What the per-service executors read and record outputs through. */
  private readonly io = { value: (value: Value): string => this.value(value), setOutput: (name: OutputName, value: string): void => void this.outputs.set(name, value) };
  /** Functions with a create/update in flight on Lambda's side. */
  private readonly unsettled = new Set<string>();

  constructor(private readonly options: ExecutorOptions) {
    this.state = options.state;
  }

  async run(plan: readonly Instruction[]): Promise<DeployedState> {
    const total = plan.length;
    for (const [i, instruction] of plan.entries()) {
      const text = this.withOutputs(instructionTitle(instruction));
      // State-only steps are bookkeeping, not something to show as a step.
      const shown = instruction.kind !== 'record';
      if (shown) this.options.onMessage({ kind: 'step-started', index: i + 1, total, text });
      if (instruction.pending !== undefined) await this.save(withRecord(this.state, instruction.pending));
      const result = await this.callWithRetries(instruction);
      if (instruction.record !== undefined) await this.save(withRecord(this.state, this.fill(instruction.record, result)));
      if (instruction.forget !== undefined) await this.save(withoutRecord(this.state, instruction.forget));
      if (shown) this.options.onMessage({ kind: 'step-finished', index: i + 1, total, text });
    }
    return this.state;
  }

  /** Step text with the outputs known so far filled in (`${restApiId}` → the id). */
  private withOutputs(text: string): string {
    // Output names are words, possibly with `$` (websocket route keys) or `:`/`-` (`version:<function>`).
    return text.replace(/\$\{([\w$:-]+)\}/g, (placeholder, name: OutputName) => this.outputs.get(name) ?? placeholder);
  }

  private async save(state: DeployedState): Promise<void> {
    this.state = state;
    await this.options.store.write(state);
  }

  private async callWithRetries(instruction: Instruction): Promise<string | undefined> {
    let roleRetries = 0;
    let throttleRetries = 0;
    let conflictRetries = 0;
    for (;;) {
      try {
        return await this.call(instruction);
      } catch (error) {
        if (!isAwsCallError(error)) throw error;
        if (error.notFound && isDeletion(instruction)) return undefined;
        const retry = (delays: readonly number[], attempt: number, why: string): number | undefined => {
          if (attempt >= delays.length) return undefined;
          this.options.onMessage({ kind: 'retrying', text: `${instructionTitle(instruction)}: ${why}`, attempt: attempt + 1, delayMs: delays[attempt]! });
          return delays[attempt];
        };
        let delay: number | undefined;
        if (isRoleNotAssumable(error.code, error.message) && (instruction.kind === 'create-function' || instruction.kind === 'update-function-configuration')) {
          delay = retry(ROLE_DELAYS_MS, roleRetries++, 'the new IAM role is not usable by Lambda yet');
        } else if (THROTTLING.has(error.code)) {
          delay = retry(THROTTLE_DELAYS_MS, throttleRetries++, 'AWS is throttling requests');
        } else if (error.code === 'ResourceConflictException' && functionOf(instruction) !== undefined && conflictRetries < 3) {
          conflictRetries++;
          this.unsettled.add(functionOf(instruction)!);
          delay = 0;
        }
        if (delay === undefined) throw failure(instruction, error.call, error.code, error.message);
        if (delay > 0) await this.options.sleep(delay);
      }
    }
  }

  private async call(instruction: Instruction): Promise<string | undefined> {
    const { client } = this.options;
    const fn = functionOf(instruction);
    // Lambda refuses a change to a function while its previous create/update is in progress.
    if (fn !== undefined && this.unsettled.has(fn)) await this.waitUntilReady(fn);
    if (isWebsocketDomainInstruction(instruction)) {
      return executeWebsocketDomainInstruction(client, instruction, this.io);
    }
    if (isHttpApiInstruction(instruction)) return executeHttpApiInstruction(client, instruction, this.io);
    if (isFunctionUrlInstruction(instruction)) return executeFunctionUrlInstruction(client, instruction, this.io.setOutput);
    if (isFunctionExtrasInstruction(instruction)) {
      return executeFunctionExtrasInstruction(client, instruction, this.io);
    }
    switch (instruction.kind) {
      case 'create-role':
        await client.createRole(instruction.roleName, instruction.trustPolicy);
        return undefined;
      case 'put-role-policy':
        await client.putRolePolicy(instruction.roleName, instruction.policyName, instruction.document);
        return undefined;
      case 'delete-role-policy':
        await client.deleteRolePolicy(instruction.roleName, instruction.policyName);
        return undefined;
      case 'delete-role':
        await client.deleteRole(instruction.roleName);
        return undefined;
      case 'publish-layer-version': {
        const published = await client.publishLayerVersion(
          instruction.layerName,
          instruction.description,
          instruction.runtime,
          this.artifact(instruction.artifact),
          instruction.architectures,
        );
        this.outputs.set('layerVersionArn', published.layerVersionArn);
        return published.layerVersionArn;
      }
      case 'delete-layer-version':
        await client.deleteLayerVersion(instruction.layerName, instruction.version);
        return undefined;
      case 'create-function': {
        const created = await client.createFunction(this.settings(instruction.settings), this.artifact(instruction.artifact), instruction.tags);
        this.unsettled.add(instruction.settings.functionName);
        return created.functionArn;
      }
      case 'create-log-group':
        await client.createLogGroup(instruction.logGroupName);
        return undefined;
      case 'put-retention-policy':
        await client.putRetentionPolicy(instruction.logGroupName, instruction.retentionInDays);
        return undefined;
      case 'update-function-code':
        await client.updateFunctionCode(instruction.functionName, this.artifact(instruction.artifact), instruction.architecture);
        this.unsettled.add(instruction.functionName);
        return undefined;
      case 'update-function-configuration':
        await client.updateFunctionConfiguration(this.settings(instruction.settings));
        this.unsettled.add(instruction.settings.functionName);
        return undefined;
      case 'tag-function':
        await client.tagResource(instruction.functionArn, instruction.tags);
        return undefined;
      case 'untag-function':
        await client.untagResource(instruction.functionArn, instruction.keys);
        return undefined;
      case 'put-function-concurrency':
        await client.putFunctionConcurrency(instruction.functionName, instruction.reserved);
        return undefined;
      case 'delete-function-concurrency':
        await client.deleteFunctionConcurrency(instruction.functionName);
        return undefined;
      case 'delete-function':
        await client.deleteFunction(instruction.functionName);
        return undefined;
      case 'add-permission':
        await client.addPermission(instruction.functionName, {
          sid: instruction.statementId,
          principal: instruction.principal,
          sourceArn: this.value(instruction.sourceArn),
          ...(instruction.sourceAccount ? { sourceAccount: instruction.sourceAccount } : {}),
        });
        return undefined;
      case 'remove-permission':
        await client.removePermission(instruction.functionName, instruction.statementId);
        return undefined;
      case 'create-event-source-mapping': {
        const created = await client.createEventSourceMapping(instruction.functionName, instruction.eventSourceArn, {
          ...instruction.settings,
          ...(instruction.startingPosition ? { startingPosition: instruction.startingPosition } : {}),
        });
        return created.uuid;
      }
      case 'update-event-source-mapping':
        await client.updateEventSourceMapping(instruction.uuid, instruction.settings, instruction.retarget === true ? instruction.functionName : undefined);
        return undefined;
      case 'delete-event-source-mapping':
        await client.deleteEventSourceMapping(instruction.uuid);
        return undefined;
      case 'create-rest-api': {
        const created = await client.createRestApi(instruction.apiName, instruction.endpointType, instruction.tags);
        this.outputs.set('restApiId', created.id);
        return created.id;
      }
      case 'put-rest-api':
        await client.putRestApi(this.value(instruction.restApiId), instruction.document);
        return undefined;
      case 'update-rest-api-endpoint-type':
        await client.updateRestApiEndpointType(instruction.restApiId, instruction.from, instruction.to);
        return undefined;
      case 'create-deployment':
        await client.createDeployment(this.value(instruction.restApiId), instruction.stageName, instruction.tracingEnabled, instruction.description);
        return undefined;
      case 'update-stage-tracing':
        await client.updateStageTracing(instruction.restApiId, instruction.stageName, instruction.tracingEnabled);
        return undefined;
      case 'delete-rest-api':
        await client.deleteRestApi(instruction.restApiId);
        return undefined;
      case 'put-rule':
        return (await client.putRule(instruction.settings)).arn;
      case 'put-targets':
        await client.putTargets(instruction.ruleName, instruction.targets, instruction.eventBusName);
        return undefined;
      case 'remove-targets':
        await client.removeTargets(instruction.ruleName, instruction.ids, instruction.eventBusName);
        return undefined;
      case 'delete-rule':
        await client.deleteRule(instruction.ruleName, instruction.eventBusName);
        return undefined;
      case 'subscribe':
        return (await client.subscribe(instruction.topicArn, instruction.functionArn)).subscriptionArn;
      case 'unsubscribe':
        await client.unsubscribe(instruction.subscriptionArn);
        return undefined;
      case 'put-bucket-notification': {
        // Read right before writing: the bucket's configuration is shared with entries that
        // are not ours, and it is replaced whole.
        const current = await client.getBucketNotification(instruction.bucket);
        const drop = new Set([...instruction.remove, ...instruction.set.map((n) => n.id)]);
        const kept = current.lambda.filter((n) => !drop.has(n.id));
        if (instruction.set.length === 0 && kept.length === current.lambda.length) return undefined; // nothing of ours is there
        await client.putBucketNotification(instruction.bucket, { lambda: [...kept, ...instruction.set], other: current.other });
        return undefined;
      }
      case 'record':
        return undefined;
      default: {
        const never: never = instruction;
        throw new Error(`unknown instruction ${JSON.stringify(never)}`);
      }
    }
  }

  private async waitUntilReady(functionName: string): Promise<void> {
    for (let poll = 0; poll < READY_POLLS; poll++) {
      const fn = await this.options.client.getFunction(functionName);
      if (fn === undefined) break;
      if (fn.state === 'Failed' || fn.lastUpdateStatus === 'Failed') {
        throw new ChaliceTsError(
          `Lambda function ${functionName} is in state ${fn.state} (last update ${fn.lastUpdateStatus}); see its configuration in the Lambda console, fix the cause and run chalice deploy again`,
          'function_failed',
        );
      }
      if (fn.state !== 'Pending' && fn.lastUpdateStatus !== 'InProgress') break;
      await this.options.sleep(READY_POLL_MS);
    }
    this.unsettled.delete(functionName);
  }

  private artifact(name: ArtifactName): Uint8Array {
    const data = this.options.artifacts[name];
    if (data === undefined) throw new Error(`the plan needs ${name}, which the build did not produce`);
    return data;
  }

  private value(value: Value): string {
    if (typeof value === 'string') return value;
    const output = this.outputs.get(value.output);
    if (output === undefined) throw new Error(`the plan uses \${${value.output}} before an instruction produced it`);
    return value.format === undefined ? output : value.format.replace('{}', output);
  }

  private settings(settings: FunctionSettingsWithValues) {
    return { ...settings, layers: settings.layers.map((layer) => this.value(layer)) };
  }

  private fill(template: RecordTemplate, result: string | undefined): DeployedResource {
    const entries = Object.entries(template).map(([key, field]) => {
      if (typeof field !== 'object' || field === null || Array.isArray(field) || !('output' in field)) return [key, field];
      const output = field as { output: OutputName; format?: string };
      if (output.output === 'result') {
        if (result === undefined) throw new Error(`the call for ${template.resourceType} ${template.name} returned no id`);
        return [key, output.format === undefined ? result : output.format.replace('{}', result)];
      }
      return [key, this.value(output)];
    });
    return Object.fromEntries(entries) as DeployedResource;
  }
}

/** The function whose code, settings, tags or concurrency an instruction changes, if any. */
function functionOf(instruction: Instruction): string | undefined {
  // Publishing, aliases and their settings wait for the function's updates like any change to it.
  if (isFunctionExtrasInstruction(instruction)) return instruction.functionName;
  switch (instruction.kind) {
    case 'update-function-code':
    case 'tag-function':
    case 'untag-function':
    case 'put-function-concurrency':
    case 'delete-function-concurrency':
      return instruction.functionName;
    case 'update-function-configuration':
      return instruction.settings.functionName;
    default:
      // A function URL is configured once its function has settled.
      return isFunctionUrlInstruction(instruction) ? instruction.functionName : undefined;
  }
}

/** Lambda's answer while a new role has not propagated to it yet. */
export function isRoleNotAssumable(code: string, message: string): boolean {
  return code === 'InvalidParameterValueException' && /cannot be assumed/i.test(message);
}

function failure(instruction: Instruction, call: string, code: string, message: string): ChaliceTsError {
  const advice =
    code === 'AccessDenied' || code === 'AccessDeniedException' || code === 'UnauthorizedOperation'
      ? `the credentials in use may not call ${call}; grant it in IAM, then run chalice deploy again`
      : 'fix the cause and run the command again; it carries on from where it stopped';
  return new ChaliceTsError(`${instructionTitle(instruction)} failed: ${call} answered ${code}: ${firstLine(message)}; ${advice}`, 'aws_call_failed');
}

function firstLine(text: string): string {
  return (text.split('\n', 1)[0] ?? '').trim().replace(/[.;]\s*$/, '');
}
