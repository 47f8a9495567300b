/**
 * The messages between `chalice local` (main thread) and its Lambda sandboxes (worker threads).
 *
 * Events and results cross as JSON text, as they cross the Lambda boundary: a result is what
 * `JSON.stringify` makes of it (dates become strings, `undefined` disappears), and posting a
 * string is the cheapest thing a MessagePort carries. Errors cross as plain data.
 */
import type { MessagePort } from 'node:worker_threads';
import type { WebsocketConnectionClient } from '../../runtime/websocket-api.js';

/** What a worker is started with (`workerData`). */
export interface SandboxWorkerData {
  /** The bundled app (see `bundleApp`). */
  readonly bundleFile: string;
  readonly projectDir: string;
  readonly entryFile: string;
  readonly dependencies: readonly string[];
  /** The Lambda function this sandbox runs (`api_handler`, `websocket_message`, an authorizer…). */
  readonly functionName: string;
  /** Chalice stage, for the fake Lambda context's function name. */
  readonly stage: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Whether to send the app's description once loaded (the first sandbox of a load does). */
  readonly describe: boolean;
  /** Which handed-over invocations have started (claims.ts); set by the pool. */
  readonly claims: SharedArrayBuffer;
  /** Where the sandbox posts every `FromSandbox` message; set by the pool. */
  readonly replies: MessagePort;
}

/** An error as plain data (`name`, `message`, `stack`, and the tool-error fields). */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly fault?: string;
  readonly cause?: ErrorData;
}

/** The part of the app the main thread needs to emulate API Gateway in front of it. */
export interface AppDescription {
  readonly appName: string;
  readonly binaryTypes: readonly string[];
  /** Route entries without their handlers; `cors` carries its computed headers. */
  readonly routes: readonly RouteData[];
  readonly websocketHandlers: { readonly connect: boolean; readonly message: boolean; readonly disconnect: boolean };
  readonly experimentalFeatureFlags: readonly string[];
  /** Every Lambda function of the app (`app.lambdaFunctionNames()`), for the Invoke API. */
  readonly functions: readonly string[];
  /** `app.schedule` handlers: function name and `rate(…)`/`cron(…)` expression. */
  readonly schedules: readonly { readonly name: string; readonly expression: string }[];
}

export interface RouteData {
  readonly path: string;
  readonly method: string;
  readonly name: string;
  readonly cors: (Record<string, unknown> & { readonly accessControlHeaders: Record<string, string> }) | null;
  readonly authorizer: Record<string, unknown> | null;
  readonly apiKeyRequired: boolean;
  readonly [field: string]: unknown;
}

export type WebsocketOperation = keyof WebsocketConnectionClient;

/** Main thread → worker. */
export type ToSandbox =
  /** Invocations to run one after another, each only if still claimable (claims.ts). */
  | { readonly t: 'invoke'; readonly seqs: readonly number[]; readonly events: readonly string[] }
  | { readonly t: 'ws-reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'ws-reply'; readonly id: number; readonly ok: false; readonly error: ErrorData & Record<string, unknown> };

/** Worker → main thread. */
export type FromSandbox =
  | { readonly t: 'ready'; readonly description?: AppDescription }
  | { readonly t: 'load-failed'; readonly error: ErrorData }
  | { readonly t: 'result'; readonly seq: number; readonly ok: true; readonly json: string }
  | { readonly t: 'result'; readonly seq: number; readonly ok: false; readonly error: ErrorData }
  | { readonly t: 'ws'; readonly id: number; readonly op: WebsocketOperation; readonly input: unknown };

export function errorToData(error: unknown): ErrorData {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error) };
  const e = error as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; fault?: unknown; cause?: unknown };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.fault === 'string' ? { fault: e.fault } : {}),
    ...(e.cause !== undefined && e.cause !== error ? { cause: errorToData(e.cause) } : {}),
  };
}

/** An Error again, with the same name, message, stack and fields (so `instanceof Error` holds). */
export function dataToError(data: ErrorData): Error {
  const error = new Error(data.message) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(data as unknown as Record<string, unknown>)) {
    if (key === 'cause') error.cause = dataToError(value as ErrorData);
    else error[key] = value;
  }
  return error;
}

/**
 * A handler's result as the JSON that leaves a Lambda (`null` for a handler that returns
 * nothing); throws, saying why, when it cannot be serialized (a cycle, a BigInt).
 */
export function resultToJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    throw new Error(`The result could not be serialized to JSON: ${(error as Error).message}`);
  }
}
