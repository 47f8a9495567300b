/**
 * `chalice invoke -n NAME [--stage] < payload.json`: invokes a deployed function with the JSON
 * on stdin (none, or a terminal, means `{}`) and prints its answer on stdout. A function that
 * fails prints its error and stack on stderr and the command exits non-zero, as in Chalice.
 *
 * `--local` invokes the function in a running `chalice local` instead (its Lambda Invoke API at
 * --host/--port); `--event KIND` plus a few flags builds the event instead of stdin.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { regionOfArn, requireFunction } from '../../deploy/inspect/deployed-lookup.js';
import { ChaliceTsError } from '../../project/errors.js';
import { DEPLOYED_REGION, addAwsOptions, awsSession, type AwsOptions } from '../aws-options.js';
import { globalOptions, terminal } from '../context.js';
import { addStateUrlOption, loadDeployedState, type StateUrlOptions } from '../state-options.js';
import { EVENT_KINDS, eventFromFlags, givenEventFlags, isEventKind, type EventFlags } from '../../local/invoke-client/event-from-flags.js';

interface InvokeOptions extends AwsOptions, EventFlags, StateUrlOptions {
  readonly name: string;
  readonly stage: string;
  readonly local?: boolean;
  readonly host: string;
  readonly port: number;
  readonly event?: string;
}

export function register(program: Command): void {
  const command = program
    .command('invoke')
    .description('Invoke a deployed Lambda function with the JSON payload read from stdin.')
    .requiredOption('-n, --name <name>', 'The function to invoke: a handler\'s name, or api_handler for the routes.')
    .option('--stage <stage>', 'Name of the Chalice stage the function is deployed in.', 'dev')
    .option('--local', 'Invoke the function in a running `chalice local` (its Lambda Invoke API) instead of the deployed one.')
    .option('--host <host>', 'With --local: the address chalice local listens on.', '127.0.0.1')
    .option('--port <port>', 'With --local: the port chalice local listens on.', parsePort, 8000)
    .option('--event <kind>', `With --local: build the event instead of reading stdin: ${EVENT_KINDS.join(', ')}.`)
    .option('--body <text>', '--event sqs|kinesis: a message (repeatable); sns: the message.', collect)
    .option('--queue <name>', '--event sqs: queue name or ARN.')
    .option('--subject <text>', '--event sns: the subject.')
    .option('--topic <name>', '--event sns: topic name or ARN.')
    .option('--bucket <name>', '--event s3: the bucket.')
    .option('--key <key>', '--event s3: the object key.')
    .option('--event-name <name>', '--event s3: e.g. ObjectRemoved:Delete (default ObjectCreated:Put); dynamodb: INSERT, MODIFY or REMOVE.')
    .option('--size <bytes>', '--event s3: the object size.')
    .option('--source <source>', '--event cw: the event source (default chalice.local).')
    .option('--detail-type <type>', '--event cw: the detail-type (default "Local Event").')
    .option('--detail <json>', '--event cw: the detail, as JSON.')
    .option('--resource <arn>', '--event cw: a resource ARN (repeatable).', collect)
    .option('--stream <name>', '--event kinesis: stream name or ARN.')
    .option('--partition-key <key>', '--event kinesis: the partition key.')
    .option('--keys <json>', '--event dynamodb: the item keys, as JSON (plain or DynamoDB-typed).')
    .option('--new-image <json>', '--event dynamodb: the new item, as JSON.')
    .option('--old-image <json>', '--event dynamodb: the old item, as JSON.')
    .option('--table <name>', '--event dynamodb: table name or stream ARN.');
  addAwsOptions(addStateUrlOption(command), DEPLOYED_REGION).action(async (options: InvokeOptions, cmd: Command) => {
    const { projectDir } = globalOptions(cmd);
    if (options.local) return invokeLocal(options);
    if (options.event !== undefined || givenEventFlags(options).length > 0) {
      const flag = options.event !== undefined ? '--event' : givenEventFlags(options)[0];
      throw new ChaliceTsError(`${flag} builds an event for a function in chalice local only; add --local (a deployed function takes its payload on stdin)`, 'invoke_event_needs_local');
    }
    const state = await loadDeployedState(projectDir, options.stage, options);
    const fn = requireFunction(state, options.stage, options.name);
    const { invokePayload, formatFunctionError } = await import('../../deploy/inspect/function-invoker.js');
    const payload = invokePayload(await readStdin());
    const session = await awsSession(options, regionOfArn(fn.lambdaArn));
    const { createFunctionInvoker } = await import('../../deploy/inspect/sdk-adapters.js');
    const invoker = await createFunctionInvoker(session);
    // A function with provisioned concurrency is invoked through its alias, like its triggers.
    const { deployedInvokeName } = await import('../../deploy/function-extras/names.js');
    const response = await invoker.invoke(deployedInvokeName(state, fn.functionName), payload);
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

/** Invokes the function in the `chalice local` at --host/--port and prints its answer. */
async function invokeLocal(options: InvokeOptions): Promise<void> {
  const { invokePayload, formatFunctionError } = await import('../../deploy/inspect/function-invoker.js');
  const { invokeLocalFunction } = await import('../../local/invoke-client/local-invoker.js');
  let payload: string;
  if (options.event !== undefined) {
    if (!isEventKind(options.event)) throw new ChaliceTsError(`--event ${options.event} is not an event kind; use one of ${EVENT_KINDS.join(', ')}`, 'invoke_event_invalid');
    payload = JSON.stringify(eventFromFlags(options.event, options));
  } else {
    const flags = givenEventFlags(options);
    if (flags.length > 0) throw new ChaliceTsError(`${flags[0]} needs --event (one of ${EVENT_KINDS.join(', ')}) to say which event to build`, 'invoke_event_invalid');
    payload = invokePayload(await readStdin());
  }
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const response = await invokeLocalFunction(`http://${host}:${options.port}`, options.name, payload);
  if (response.functionError !== undefined) {
    process.stderr.write(`${formatFunctionError(response.payload)}\n`);
    throw new ChaliceTsError(`Function ${options.name} failed in chalice local (FunctionError: ${response.functionError}), details above`, 'function_error');
  }
  terminal().info(response.payload);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new InvalidArgumentError('expected a port number from 1 to 65535.');
  return port;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** All of stdin; nothing when it is a terminal (a payload is piped or redirected, not typed). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
