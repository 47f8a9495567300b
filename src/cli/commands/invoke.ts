/**
 * `chalice invoke -n NAME [--stage] < payload.json`: invokes a deployed function with the JSON
 * on stdin (none, or a terminal, means `{}`) and prints its answer on stdout. A function that
 * fails prints its error and stack on stderr and the command exits non-zero, as in Chalice.
 */
import type { Command } from 'commander';
import { regionOfArn, requireDeployedState, requireFunction } from '../../deploy/inspect/deployed-lookup.js';
import { ChaliceTsError } from '../../project/errors.js';
import { DEPLOYED_REGION, addAwsOptions, awsSession, type AwsOptions } from '../aws-options.js';
import { globalOptions, terminal } from '../context.js';

interface InvokeOptions extends AwsOptions {
  readonly name: string;
  readonly stage: string;
}

export function register(program: Command): void {
  const command = program
    .command('invoke')
    .description('Invoke a deployed Lambda function with the JSON payload read from stdin.')
    .requiredOption('-n, --name <name>', 'The function to invoke: a handler\'s name, or api_handler for the routes.')
    .option('--stage <stage>', 'Name of the Chalice stage the function is deployed in.', 'dev');
  addAwsOptions(command, DEPLOYED_REGION).action(async (options: InvokeOptions, cmd: Command) => {
    const { projectDir } = globalOptions(cmd);
    const state = requireDeployedState(projectDir, options.stage);
    const fn = requireFunction(state, options.stage, options.name);
    const { invokePayload, formatFunctionError } = await import('../../deploy/inspect/function-invoker.js');
    const payload = invokePayload(await readStdin());
    const session = await awsSession(options, regionOfArn(fn.lambdaArn));
    const { createFunctionInvoker } = await import('../../deploy/inspect/sdk-adapters.js');
    const invoker = await createFunctionInvoker(session);
    const response = await invoker.invoke(fn.functionName, payload);
    if (response.functionError !== undefined) {
      process.stderr.write(`${formatFunctionError(response.payload)}\n`);
      throw new ChaliceTsError(
        `Function ${options.name} (${fn.functionName}) failed (FunctionError: ${response.functionError}), details above`,
        'function_error',
      );
    }
    terminal().info(response.payload);
  });
}

/** All of stdin; nothing when it is a terminal (a payload is piped or redirected, not typed). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
