/**
 * A fake Lambda context for local invocations (the local server and the test client), shaped
 * like the Node.js runtime's: the deployed function name (`<app>-<stage>` for the REST API's
 * `api_handler`, as packaged; `<app>-<stage>-<function>` for every other function), its ARN,
 * memory size, a fresh request id, and `getRemainingTimeInMillis()` counting down from the
 * function's configured timeout.
 *
 * One is built per invocation, so the per-function strings (name, ARN, log group) are computed
 * once by `createFakeLambdaContextFactory`; an invocation only adds its request id, log stream
 * and deadline. The context stays a plain object with the same own properties as the runtime's.
 */
import { randomFillSync } from 'node:crypto';
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

/** Builds contexts for one function; `awsRequestId` defaults to a random UUID. */
export type FakeLambdaContextFactory = (awsRequestId?: string) => LambdaContext;

export function createFakeLambdaContext(options: FakeLambdaContextOptions): LambdaContext {
  return createFakeLambdaContextFactory(options)(options.awsRequestId);
}

export function createFakeLambdaContextFactory(options: Omit<FakeLambdaContextOptions, 'awsRequestId'>): FakeLambdaContextFactory {
  const clock = options.clock ?? systemClock;
  const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
  const functionName = deployedFunctionName(options.appName, options.stage, options.functionName);
  const invokedFunctionArn = `arn:aws:lambda:${options.region ?? 'us-east-1'}:${options.accountId ?? '123456789012'}:function:${functionName}`;
  const memoryLimitInMB = String(options.memoryMb ?? 128);
  const logGroupName = `/aws/lambda/${functionName}`;
  return (requestId) => {
    const now = clock.now();
    const deadline = now + timeoutMs;
    const awsRequestId = requestId ?? randomUuid();
    return {
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn,
      memoryLimitInMB,
      awsRequestId,
      logGroupName,
      logStreamName: `${logStreamDay(now)}/[$LATEST]${requestId === undefined ? lastUuidHex : awsRequestId.replaceAll('-', '')}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    };
  };
}

/** The config name of the function behind every route; deployed without a suffix. */
const REST_API_FUNCTION = 'api_handler';

/** The Lambda function name `package`/`deploy` give a function (see graph/function-builder.ts). */
export function deployedFunctionName(appName: string, stage: string, functionName: string): string {
  return functionName === REST_API_FUNCTION ? `${appName}-${stage}` : `${appName}-${stage}-${functionName}`;
}

const DAY_MS = 86_400_000;
let cachedDayNumber = Number.NaN;
let cachedDay = '';

/** `2024/05/01` for the UTC day of `epochMs` (the date changes once a day: remember it). */
function logStreamDay(epochMs: number): string {
  const dayNumber = Math.floor(epochMs / DAY_MS);
  if (dayNumber !== cachedDayNumber) {
    // toISOString throws for an invalid time, as building the name always did.
    cachedDay = new Date(epochMs).toISOString().slice(0, 10).replaceAll('-', '/');
    cachedDayNumber = dayNumber;
  }
  return cachedDay;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Random bytes for 256 ids, refilled when used up (as `randomUUID` caches its entropy). */
const entropy = Buffer.alloc(16 * 256);
let entropyOffset = entropy.length;
/** The hex digits of the last `randomUuid()` without dashes (the log stream name uses them). */
let lastUuidHex = '';

/**
 * A random (version 4) UUID, like `crypto.randomUUID()`. Built from its five groups so the
 * dash-less form comes for free: slicing a UUID string apart costs more than making it.
 */
function randomUuid(): string {
  if (entropyOffset === entropy.length) {
    randomFillSync(entropy);
    entropyOffset = 0;
  }
  const b = entropy;
  const o = entropyOffset;
  entropyOffset += 16;
  const time = HEX[b[o]] + HEX[b[o + 1]] + HEX[b[o + 2]] + HEX[b[o + 3]];
  const mid = HEX[b[o + 4]] + HEX[b[o + 5]];
  const version = HEX[(b[o + 6] & 0x0f) | 0x40] + HEX[b[o + 7]];
  const variant = HEX[(b[o + 8] & 0x3f) | 0x80] + HEX[b[o + 9]];
  const node = HEX[b[o + 10]] + HEX[b[o + 11]] + HEX[b[o + 12]] + HEX[b[o + 13]] + HEX[b[o + 14]] + HEX[b[o + 15]];
  lastUuidHex = time + mid + version + variant + node;
  return `${time}-${mid}-${version}-${variant}-${node}`;
}
