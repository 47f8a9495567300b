/**
 * `chalice logs [-n NAME] [--stage] [--since] [--follow] [--num-entries] [--include-lambda-messages]`:
 * prints a deployed function's CloudWatch logs, one `<time> <stream id> <message>` line per event
 * (deploy/inspect/log-retriever.ts). With --follow it polls until Ctrl+C, then exits 0.
 */
import { Option, type Command } from 'commander';
import { regionOfArn, requireDeployedState, requireFunction } from '../../deploy/inspect/deployed-lookup.js';
import { ChaliceTsError } from '../../project/errors.js';
import { DEPLOYED_REGION, addAwsOptions, awsSession, type AwsOptions } from '../aws-options.js';
import { globalOptions, terminal } from '../context.js';

interface LogsOptions extends AwsOptions {
  readonly name: string;
  readonly stage: string;
  readonly since?: string;
  readonly follow: boolean;
  readonly numEntries?: number;
  readonly includeLambdaMessages: boolean;
}

/** With --follow and no --since, start this far back (as Chalice). */
const FOLLOW_DEFAULT_SINCE_MS = 10 * 60_000;

export function register(program: Command): void {
  const command = program
    .command('logs')
    .description('Print the CloudWatch logs of a deployed function.')
    .option('-n, --name <name>', 'The function to show logs of: a handler\'s name, or api_handler for the routes.', 'api_handler')
    .option('--stage <stage>', 'Name of the Chalice stage to get logs for.', 'dev')
    .option('-s, --since <time>', 'Only logs since this time: relative (30s, 10m, 1h, 2d, 1w) or ISO 8601 (2024-05-01T12:00:00Z). Default: all, or 10m with --follow.')
    .option('-f, --follow', 'Keep polling for new log events until Ctrl+C (best effort; for interactive use).', false)
    .addOption(new Option('--num-entries <n>', 'Maximum number of log events to show.').argParser(positiveInteger))
    .option('--include-lambda-messages', 'Also show the START/END/REPORT lines Lambda writes around each invocation.', false)
    .option('--no-include-lambda-messages', 'Hide them (the default).');
  addAwsOptions(command, DEPLOYED_REGION).action(async (options: LogsOptions, cmd: Command) => {
    const { projectDir } = globalOptions(cmd);
    const ui = terminal();
    const now = Date.now();
    const { parseSince, retrieveLogs, formatLogEvent } = await import('../../deploy/inspect/log-retriever.js');
    const startTime = options.since !== undefined ? parseSince(options.since, now) : options.follow ? now - FOLLOW_DEFAULT_SINCE_MS : undefined;
    const state = requireDeployedState(projectDir, options.stage);
    const fn = requireFunction(state, options.stage, options.name);
    const session = await awsSession(options, regionOfArn(fn.lambdaArn));
    const { createLogEventReader } = await import('../../deploy/inspect/sdk-adapters.js');
    const reader = await createLogEventReader(session);
    const logGroupName = `/aws/lambda/${fn.functionName}`;

    // Ctrl+C ends --follow cleanly: the current poll is cancelled, nothing more is printed,
    // exit 0. So does a reader that went away (`chalice logs | head`: EPIPE on stdout).
    const stop = new AbortController();
    const onSigint = (): void => stop.abort();
    const onStdoutError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EPIPE') stop.abort();
      else throw error;
    };
    if (options.follow) process.once('SIGINT', onSigint);
    process.stdout.on('error', onStdoutError);
    try {
      const events = retrieveLogs(reader, {
        logGroupName,
        startTime,
        follow: options.follow,
        includeLambdaMessages: options.includeLambdaMessages,
        maxEntries: options.numEntries,
        signal: stop.signal,
        onNoLogGroup: () => ui.warn(`No logs yet for ${options.name}: log group ${logGroupName} does not exist until the function first runs${options.follow ? '; waiting for it' : ''}`),
      });
      for await (const event of events) {
        if (stop.signal.aborted) break;
        ui.info(formatLogEvent(event));
      }
    } finally {
      process.removeListener('SIGINT', onSigint);
      process.stdout.removeListener('error', onStdoutError);
    }
  });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1) {
    throw new ChaliceTsError(`Invalid --num-entries ${JSON.stringify(value)}: expected a whole number of at least 1`, 'option_invalid');
  }
  return n;
}
