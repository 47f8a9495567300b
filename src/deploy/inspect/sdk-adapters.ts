/**
 * The AWS SDK v3 implementations of the small interfaces `logs` and `invoke` work through.
 * Each loads its client module only when created, so other commands never pay for it.
 */
import { createClient, type AwsSession } from '../aws/session.js';
import { awsCallError } from './aws-call-error.js';
import type { FunctionInvoker } from './function-invoker.js';
import type { LogEventReader } from './log-retriever.js';

export async function createLogEventReader(session: AwsSession): Promise<LogEventReader> {
  const logs = await import('@aws-sdk/client-cloudwatch-logs');
  const client = await createClient(session, () => Promise.resolve(logs), 'CloudWatchLogsClient');
  return {
    async filterLogEvents({ logGroupName, startTime, nextToken }, signal) {
      try {
        const page = await client.send(new logs.FilterLogEventsCommand({ logGroupName, startTime, nextToken }), { abortSignal: signal });
        const events = (page.events ?? []).map((event) => ({
          eventId: event.eventId ?? `${event.logStreamName}/${event.timestamp}`,
          timestamp: event.timestamp ?? 0,
          logStreamName: event.logStreamName ?? '',
          message: event.message ?? '',
        }));
        return { events, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
      } catch (error) {
        // Lambda creates the group on the function's first run.
        if (error instanceof logs.ResourceNotFoundException) return undefined;
        // Ctrl+C during --follow: the call was cancelled, nothing went wrong.
        if (signal?.aborted) return { events: [] };
        throw awsCallError('CloudWatch Logs FilterLogEvents', `log group ${logGroupName}`, error);
      }
    },
  };
}

export async function createFunctionInvoker(session: AwsSession): Promise<FunctionInvoker> {
  const lambda = await import('@aws-sdk/client-lambda');
  const client = await createClient(session, () => Promise.resolve(lambda), 'LambdaClient', {
    // A function may run for 15 minutes before it answers.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 16 * 60_000 },
    // One attempt: a retried timeout or 5xx could run the function twice.
    maxAttempts: 1,
  });
  return {
    async invoke(functionName, payload) {
      try {
        const response = await client.send(new lambda.InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(payload),
        }));
        const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
        return { payload: text, ...(response.FunctionError ? { functionError: response.FunctionError } : {}) };
      } catch (error) {
        const hint = error instanceof lambda.ResourceNotFoundException
          ? 'the function is gone from AWS; run `chalice deploy` to create it again'
          : undefined;
        throw awsCallError('Lambda Invoke', `function ${functionName}`, error, hint);
      }
    },
  };
}
