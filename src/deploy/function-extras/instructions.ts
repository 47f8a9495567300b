/**
 * The instructions of a function's extras: publishing a version and pointing the `live` alias
 * at it, provisioned concurrency on the alias, and the event invoke config. Part of the deploy
 * plan's `Instruction` union (instructions.ts), kept here with their texts so the planner,
 * executor and `chalice dev plan` printer each handle them through one function.
 *
 * A version published in this deploy is an output (`version:<function>`) the alias uses.
 */
import type { EventInvokeSettings } from '../aws/function-extras-calls.js';
import type { StateEffects, Value } from '../instructions.js';

/** Outputs of these instructions (see `OutputName`). */
export type FunctionExtrasOutput = `version:${string}`;

export type FunctionExtrasInstruction =
  | { readonly kind: 'publish-version'; readonly functionName: string }
  | { readonly kind: 'create-alias'; readonly functionName: string; readonly aliasName: string; readonly functionVersion: Value; readonly description: string }
  | { readonly kind: 'update-alias'; readonly functionName: string; readonly aliasName: string; readonly functionVersion: Value; readonly description: string }
  | { readonly kind: 'delete-alias'; readonly functionName: string; readonly aliasName: string }
  | { readonly kind: 'put-provisioned-concurrency'; readonly functionName: string; readonly qualifier: string; readonly executions: number }
  | { readonly kind: 'delete-provisioned-concurrency'; readonly functionName: string; readonly qualifier: string }
  | { readonly kind: 'put-event-invoke-config'; readonly functionName: string; readonly qualifier?: string; readonly settings: EventInvokeSettings }
  | { readonly kind: 'delete-event-invoke-config'; readonly functionName: string; readonly qualifier?: string };

export type FunctionExtrasKind = FunctionExtrasInstruction['kind'];

/** Every kind, with whether its call removes something ("already gone" then counts as done). */
const KINDS: Readonly<Record<FunctionExtrasKind, { readonly deletion: boolean; readonly call: string }>> = {
  'publish-version': { deletion: false, call: 'Lambda.PublishVersion' },
  'create-alias': { deletion: false, call: 'Lambda.CreateAlias' },
  'update-alias': { deletion: false, call: 'Lambda.UpdateAlias' },
  'delete-alias': { deletion: true, call: 'Lambda.DeleteAlias' },
  'put-provisioned-concurrency': { deletion: false, call: 'Lambda.PutProvisionedConcurrencyConfig' },
  'delete-provisioned-concurrency': { deletion: true, call: 'Lambda.DeleteProvisionedConcurrencyConfig' },
  'put-event-invoke-config': { deletion: false, call: 'Lambda.PutFunctionEventInvokeConfig' },
  'delete-event-invoke-config': { deletion: true, call: 'Lambda.DeleteFunctionEventInvokeConfig' },
};

export function isFunctionExtrasInstruction<I extends { readonly kind: string }>(instruction: I): instruction is Extract<I, FunctionExtrasInstruction & StateEffects> {
  return Object.hasOwn(KINDS, instruction.kind);
}

export function isFunctionExtrasDeletion(instruction: FunctionExtrasInstruction): boolean {
  return KINDS[instruction.kind].deletion;
}

export function functionExtrasCall(instruction: FunctionExtrasInstruction): string {
  return KINDS[instruction.kind].call;
}

/** The output a function's published version is known by. */
export function versionOutput(functionName: string): FunctionExtrasOutput {
  return `version:${functionName}`;
}

export function functionExtrasTitle(instruction: FunctionExtrasInstruction, valueToText: (value: Value) => string): string {
  const qualified = (name: string, qualifier: string | undefined) => (qualifier === undefined ? name : `${name}:${qualifier}`);
  switch (instruction.kind) {
    case 'publish-version':
      return `Publishing a version of function ${instruction.functionName}`;
    case 'create-alias':
      return `Creating alias ${instruction.aliasName} of function ${instruction.functionName} at version ${valueToText(instruction.functionVersion)}`;
    case 'update-alias':
      return `Pointing alias ${instruction.aliasName} of function ${instruction.functionName} at version ${valueToText(instruction.functionVersion)}`;
    case 'delete-alias':
      return `Deleting alias ${instruction.aliasName} of function ${instruction.functionName}`;
    case 'put-provisioned-concurrency':
      return `Provisioning ${instruction.executions} concurrent executions for ${qualified(instruction.functionName, instruction.qualifier)}`;
    case 'delete-provisioned-concurrency':
      return `Removing the provisioned concurrency of ${qualified(instruction.functionName, instruction.qualifier)}`;
    case 'put-event-invoke-config': {
      const { settings } = instruction;
      const destinations = [settings.onFailure && `on failure ${settings.onFailure}`, settings.onSuccess && `on success ${settings.onSuccess}`].filter(Boolean);
      return `Setting asynchronous invocation of ${qualified(instruction.functionName, instruction.qualifier)}: ${settings.maximumRetryAttempts} retries, events up to ${settings.maximumEventAgeInSeconds} s old${destinations.length > 0 ? `, ${destinations.join(', ')}` : ''}`;
    }
    case 'delete-event-invoke-config':
      return `Removing the asynchronous invocation settings of ${qualified(instruction.functionName, instruction.qualifier)}`;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
