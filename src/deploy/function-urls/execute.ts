/**
 * Runs one function URL instruction through the `AwsClient` (the executor calls this for these
 * kinds; state records, retries and "not found" on deletions are the executor's). Returns the
 * URL a create or update answered with, which is also the `functionUrl` output.
 */
import type { AwsClient } from '../aws/aws-client.js';
import type { OutputName } from '../instructions.js';
import type { FunctionUrlInstruction } from './instructions.js';

export async function executeFunctionUrlInstruction(client: AwsClient, instruction: FunctionUrlInstruction, setOutput: (name: OutputName, value: string) => void): Promise<string | undefined> {
  switch (instruction.kind) {
    case 'create-function-url-config': {
      const { functionUrl } = await client.createFunctionUrlConfig(instruction.functionName, instruction.settings);
      setOutput('functionUrl', functionUrl);
      return functionUrl;
    }
    case 'update-function-url-config': {
      const { functionUrl } = await client.updateFunctionUrlConfig(instruction.functionName, instruction.settings);
      setOutput('functionUrl', functionUrl);
      return functionUrl;
    }
    case 'delete-function-url-config':
      await client.deleteFunctionUrlConfig(instruction.functionName);
      return undefined;
    case 'add-function-url-permission':
      await client.addFunctionUrlPermission(instruction.functionName, instruction.statement);
      return undefined;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
