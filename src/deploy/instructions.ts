/**
 * A deployment plan is data: a list of `Instruction`s, a union on `kind`, each one AWS write
 * call (or, for `record`, a state write with no AWS call). The planner produces it from the
 * app graph and a read-only snapshot; the executor runs it; `chalice dev plan` prints it. Both
 * consumers `switch` on `kind` exhaustively, so a new instruction cannot be half-supported.
 *
 * Values only known once an earlier instruction ran (the id of a REST API created in this
 * deploy, the ARN of a layer version published in it) are `Output` placeholders that the
 * executor fills in; everything else is concrete, because every other name and ARN the
 * deployer uses is deterministic (`arn:aws:lambda:<region>:<account>:function:<app>-<stage>`).
 *
 * State bookkeeping rides on the instructions: `pending` is written before the call, `record`
 * after it (with outputs filled in), `forget` removes a record after a delete call.
 */
import type { IamPolicyDocument } from '../graph/index.js';
import type { DeployedResource } from '../project/deployed-state.js';
import type { EventSourceMappingSettings, FunctionSettings, LambdaNotification, RuleSettings, RuleTarget } from './aws/aws-client.js';
// Websocket APIs and custom domain names: their instructions and outputs.
import type { WebsocketDomainInstruction, WebsocketDomainOutput } from './websocket-domains/instructions.js';
import { isWebsocketDomainDeletion, isWebsocketDomainInstruction } from './websocket-domains/instructions.js';
// HTTP APIs.
import type { HttpApiInstruction, HttpApiOutput } from './http-api/instructions.js';
import { isHttpApiDeletion, isHttpApiInstruction } from './http-api/instructions.js';
// Function URLs.
import type { FunctionUrlInstruction, FunctionUrlOutput } from './function-urls/instructions.js';
import { isFunctionUrlDeletion, isFunctionUrlInstruction } from './function-urls/instructions.js';
// Provisioned concurrency (versions, aliases) and event invoke configs.
import type { FunctionExtrasInstruction, FunctionExtrasOutput } from './function-extras/instructions.js';
import { isFunctionExtrasDeletion, isFunctionExtrasInstruction } from './function-extras/instructions.js';

/** `result` is the id the instruction's own call returned (a subscription ARN, a mapping's UUID). */
export type OutputName = 'restApiId' | 'layerVersionArn' | 'result' | WebsocketDomainOutput | HttpApiOutput | FunctionUrlOutput | FunctionExtrasOutput;

/** A string, or one produced by an earlier instruction; `format` wraps it (`{}` is replaced). */
export type Value = string | { readonly output: OutputName; readonly format?: string };

/** A state record whose string fields may be outputs. */
export type RecordTemplate = { readonly name: string; readonly resourceType: string } & { readonly [field: string]: DeployedResource[string] | { readonly output: OutputName; readonly format?: string } };

/** Artifacts an instruction uploads. */
export type ArtifactName = 'deployment.zip' | 'layer-deployment.zip';

export interface StateEffects {
  /** Written before the call. */
  readonly pending?: DeployedResource;
  /** Written after the call succeeded. */
  readonly record?: RecordTemplate;
  /** Record key removed after the call succeeded (or found the resource already gone). */
  readonly forget?: string;
}

/** A changed IAM policy of an existing role, shown to the user before it is applied. */
export interface PolicyChange {
  readonly roleName: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export type FunctionSettingsWithValues = Omit<FunctionSettings, 'layers'> & { readonly layers: readonly Value[] };

export type Instruction = StateEffects &
  (
    | { readonly kind: 'create-role'; readonly roleName: string; readonly trustPolicy: IamPolicyDocument }
    | { readonly kind: 'put-role-policy'; readonly roleName: string; readonly policyName: string; readonly document: IamPolicyDocument; readonly change?: PolicyChange }
    | { readonly kind: 'delete-role-policy'; readonly roleName: string; readonly policyName: string }
    | { readonly kind: 'delete-role'; readonly roleName: string }
    | { readonly kind: 'publish-layer-version'; readonly layerName: string; readonly description: string; readonly runtime: string; readonly architectures: readonly string[]; readonly artifact: ArtifactName }
    | { readonly kind: 'delete-layer-version'; readonly layerName: string; readonly version: number }
    | { readonly kind: 'create-function'; readonly settings: FunctionSettingsWithValues; readonly tags: Readonly<Record<string, string>>; readonly artifact: ArtifactName }
    | { readonly kind: 'create-log-group'; readonly logGroupName: string }
    | { readonly kind: 'put-retention-policy'; readonly logGroupName: string; readonly retentionInDays: number }
    | { readonly kind: 'update-function-code'; readonly functionName: string; readonly architecture: 'x86_64' | 'arm64'; readonly artifact: ArtifactName }
    | { readonly kind: 'update-function-configuration'; readonly settings: FunctionSettingsWithValues; readonly changed: readonly string[] }
    | { readonly kind: 'tag-function'; readonly functionName: string; readonly functionArn: string; readonly tags: Readonly<Record<string, string>> }
    | { readonly kind: 'untag-function'; readonly functionName: string; readonly functionArn: string; readonly keys: readonly string[] }
    | { readonly kind: 'put-function-concurrency'; readonly functionName: string; readonly reserved: number }
    | { readonly kind: 'delete-function-concurrency'; readonly functionName: string }
    | { readonly kind: 'delete-function'; readonly functionName: string }
    | {
        readonly kind: 'add-permission';
        readonly functionName: string;
        readonly statementId: string;
        readonly principal: string;
        readonly sourceArn: Value;
        readonly sourceAccount?: string;
      }
    | { readonly kind: 'remove-permission'; readonly functionName: string; readonly statementId: string }
    | {
        readonly kind: 'create-event-source-mapping';
        readonly functionName: string;
        readonly eventSourceArn: string;
        readonly settings: EventSourceMappingSettings;
        readonly startingPosition?: string;
      }
    /** `retarget`: the mapping invokes another qualifier of the function now (`functionName` may be `name:alias`). */
    | { readonly kind: 'update-event-source-mapping'; readonly functionName: string; readonly uuid: string; readonly settings: EventSourceMappingSettings; readonly retarget?: boolean }
    | { readonly kind: 'delete-event-source-mapping'; readonly uuid: string; readonly eventSourceArn: string }
    | { readonly kind: 'create-rest-api'; readonly apiName: string; readonly endpointType: string; readonly tags: Readonly<Record<string, string>> }
    | { readonly kind: 'put-rest-api'; readonly restApiId: Value; readonly document: string; readonly documentSha256: string }
    | { readonly kind: 'update-rest-api-endpoint-type'; readonly restApiId: string; readonly from: string; readonly to: string }
    | { readonly kind: 'create-deployment'; readonly restApiId: Value; readonly stageName: string; readonly tracingEnabled: boolean; readonly description: string }
    /** CreateDeployment sets X-Ray tracing only when it creates the stage. */
    | { readonly kind: 'update-stage-tracing'; readonly restApiId: string; readonly stageName: string; readonly tracingEnabled: boolean }
    | { readonly kind: 'delete-rest-api'; readonly restApiId: string }
    | { readonly kind: 'put-rule'; readonly settings: RuleSettings }
    // `eventBusName`: a rule on a custom event bus.
    | { readonly kind: 'put-targets'; readonly ruleName: string; readonly targets: readonly RuleTarget[]; readonly eventBusName?: string }
    | { readonly kind: 'remove-targets'; readonly ruleName: string; readonly ids: readonly string[]; readonly eventBusName?: string }
    | { readonly kind: 'delete-rule'; readonly ruleName: string; readonly eventBusName?: string }
    | { readonly kind: 'subscribe'; readonly topicArn: string; readonly functionArn: string }
    | { readonly kind: 'unsubscribe'; readonly subscriptionArn: string }
    | {
        readonly kind: 'put-bucket-notification';
        readonly bucket: string;
        /** Lambda entries to add or replace (by id). */
        readonly set: readonly LambdaNotification[];
        /** Lambda entry ids to take out. */
        readonly remove: readonly string[];
      }
    /** No AWS call: adopts a resource found by its deterministic name, or refreshes its record. */
    | { readonly kind: 'record' }
    // Websocket APIs and custom domain names.
    | WebsocketDomainInstruction
    // HTTP APIs.
    | HttpApiInstruction
    // Function URLs.
    | FunctionUrlInstruction
    // Provisioned concurrency (versions, aliases) and event invoke configs.
    | FunctionExtrasInstruction
  );

export type InstructionKind = Instruction['kind'];

/** Instructions whose AWS call removes something; "already gone" counts as done. */
export function isDeletion(instruction: Instruction): boolean {
  if (isWebsocketDomainInstruction(instruction)) return isWebsocketDomainDeletion(instruction);
  if (isHttpApiInstruction(instruction)) return isHttpApiDeletion(instruction);
  if (isFunctionUrlInstruction(instruction)) return isFunctionUrlDeletion(instruction);
  if (isFunctionExtrasInstruction(instruction)) return isFunctionExtrasDeletion(instruction);
  switch (instruction.kind) {
    case 'delete-role-policy':
    case 'delete-role':
    case 'delete-layer-version':
    case 'delete-function':
    case 'remove-permission':
    case 'delete-event-source-mapping':
    case 'delete-rest-api':
    case 'remove-targets':
    case 'delete-rule':
    case 'unsubscribe':
    case 'delete-function-concurrency':
      return true;
    case 'put-bucket-notification':
      // Taking our entries out of a bucket that is gone is done.
      return instruction.set.length === 0;
    default:
      return false;
  }
}

/** Number of AWS calls a plan makes (every instruction but `record` is one write). */
export function countWrites(plan: readonly Instruction[]): number {
  return plan.filter((i) => i.kind !== 'record').length;
}
