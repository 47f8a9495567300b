/**
 * A fake Lambda context for local invocations (the local server and the test client), shaped
 * like the Node.js runtime's: the deployed function name `<app>-<stage>-<function>`, its ARN,
 * memory size, a fresh request id, and `getRemainingTimeInMillis()` counting down from the
 * function's configured timeout.
 */
import { randomUUID } from 'node:crypto';
import type { LambdaContext } from '../../runtime/index.js';
import { systemClock, type Clock } from './types.js';

export interface FakeLambdaContextOptions {
  readonly appName: string;
  /** The chalice stage (not the API Gateway stage). */
  readonly stage: string;
  /** Resource name: `api_handler`, an authorizer's name, an event handler's name… */
  readonly functionName: string;
  /** @default 60 */
  readonly timeoutSeconds?: number;
  /** @default 128 */
  readonly memoryMb?: number;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  readonly clock?: Clock;
  readonly awsRequestId?: string;
}

export function createFakeLambdaContext(options: FakeLambdaContextOptions): LambdaContext {
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + (options.timeoutSeconds ?? 60) * 1000;
  const deployedName = `${options.appName}-${options.stage}-${options.functionName}`;
  const awsRequestId = options.awsRequestId ?? randomUUID();
  const day = new Date(clock.now()).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    functionName: deployedName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region ?? 'us-east-1'}:${options.accountId ?? '123456789012'}:function:${deployedName}`,
    memoryLimitInMB: String(options.memoryMb ?? 128),
    awsRequestId,
    logGroupName: `/aws/lambda/${deployedName}`,
    logStreamName: `${day}/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
  };
}
