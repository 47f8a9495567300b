/**
 * Runs one function-extras instruction through the `AwsClient` (the executor calls this for
 * these kinds; state records, retries, waiting for the function and "not found" on deletions
 * are the executor's). A published version is the instruction's result and its named output.
 */
import type { AwsClient } from '../aws/aws-client.js';
import type { OutputName, Value } from '../instructions.js';
import type { FunctionExtrasInstruction } from './instructions.js';
import { versionOutput } from './instructions.js';

export interface OutputAccess {
  value(value: Value): string;
  setOutput(name: OutputName, value: string): void;
}

export async function executeFunctionExtrasInstruction(client: AwsClient, instruction: FunctionExtrasInstruction, outputs: OutputAccess): Promise<string | undefined> {
  switch (instruction.kind) {
    case 'publish-version': {
      const { version } = await client.publishVersion(instruction.functionName);
      outputs.setOutput(versionOutput(instruction.functionName), version);
      return version;
    }
    case 'create-alias':
      await client.createAlias(instruction.functionName, instruction.aliasName, outputs.value(instruction.functionVersion), instruction.description);
      return undefined;
    case 'update-alias':
      await client.updateAlias(instruction.functionName, instruction.aliasName, outputs.value(instruction.functionVersion), instruction.description);
      return undefined;
    case 'delete-alias':
      await client.deleteAlias(instruction.functionName, instruction.aliasName);
      return undefined;
    case 'put-provisioned-concurrency':
      await client.putProvisionedConcurrency(instruction.functionName, instruction.qualifier, instruction.executions);
      return undefined;
    case 'delete-provisioned-concurrency':
      await client.deleteProvisionedConcurrency(instruction.functionName, instruction.qualifier);
      return undefined;
    case 'put-event-invoke-config':
      await client.putEventInvokeConfig(instruction.functionName, instruction.qualifier, instruction.settings);
      return undefined;
    case 'delete-event-invoke-config':
      await client.deleteEventInvokeConfig(instruction.functionName, instruction.qualifier);
      return undefined;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
