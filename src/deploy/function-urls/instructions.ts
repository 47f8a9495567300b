/**
 * The instructions of Lambda function URLs: part of the deploy plan's `Instruction` union
 * (instructions.ts), kept here with their texts so the planner, executor and `chalice dev
 * plan` printer each handle them through one function. A created or updated URL config's
 * address (`https://<id>.lambda-url.<region>.on.aws/`) is the `functionUrl` output, which
 * fills in its state record. Removing a URL's permission is the planner's `remove-permission`.
 */
import type { FunctionUrlSettings, FunctionUrlStatement } from '../aws/function-url-calls.js';
import type { StateEffects } from '../instructions.js';

/** Outputs of these instructions (see `OutputName`). */
export type FunctionUrlOutput = 'functionUrl';

export type FunctionUrlInstruction =
  | { readonly kind: 'create-function-url-config'; readonly functionName: string; readonly settings: FunctionUrlSettings }
  | { readonly kind: 'update-function-url-config'; readonly functionName: string; readonly settings: FunctionUrlSettings; readonly changed: readonly string[] }
  | { readonly kind: 'delete-function-url-config'; readonly functionName: string }
  | { readonly kind: 'add-function-url-permission'; readonly functionName: string; readonly statement: FunctionUrlStatement };

export type FunctionUrlKind = FunctionUrlInstruction['kind'];

/** Every kind, with whether its call removes something ("already gone" then counts as done). */
const KINDS: Readonly<Record<FunctionUrlKind, { readonly deletion: boolean; readonly call: string }>> = {
  'create-function-url-config': { deletion: false, call: 'Lambda.CreateFunctionUrlConfig' },
  'update-function-url-config': { deletion: false, call: 'Lambda.UpdateFunctionUrlConfig' },
  'delete-function-url-config': { deletion: true, call: 'Lambda.DeleteFunctionUrlConfig' },
  'add-function-url-permission': { deletion: false, call: 'Lambda.AddPermission' },
};

export function isFunctionUrlInstruction<I extends { readonly kind: string }>(instruction: I): instruction is Extract<I, FunctionUrlInstruction & StateEffects> {
  return Object.hasOwn(KINDS, instruction.kind);
}

export function isFunctionUrlDeletion(instruction: FunctionUrlInstruction): boolean {
  return KINDS[instruction.kind].deletion;
}

export function functionUrlCall(instruction: FunctionUrlInstruction): string {
  return KINDS[instruction.kind].call;
}

export function functionUrlTitle(instruction: FunctionUrlInstruction): string {
  switch (instruction.kind) {
    case 'create-function-url-config':
      return `Creating the function URL (${instruction.settings.authType}) of ${instruction.functionName}`;
    case 'update-function-url-config':
      return `Updating the function URL of ${instruction.functionName} (${instruction.changed.join(', ')})`;
    case 'delete-function-url-config':
      return `Deleting the function URL of ${instruction.functionName}`;
    case 'add-function-url-permission':
      return `Allowing public ${instruction.statement.action} through the function URL of ${instruction.functionName}`;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
