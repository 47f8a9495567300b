/**
 * The warm sandboxes of ONE Lambda function of one loaded app, as Lambda keeps them: each
 * sandbox (a worker thread, sandbox-worker.ts) runs one invocation at a time; an invocation
 * takes an idle sandbox (the most recently used, the warmest), else a new one is started (a
 * cold start) while it waits for whichever frees up first, up to `maxSandboxes`.
 *
 * Containment: an invocation still running at the function's timeout is failed and its sandbox
 * terminated (Node stops even a busy loop); a sandbox that exits (`process.exit()`), throws
 * outside a handler, leaves a rejection unhandled or runs out of heap fails the invocation it
 * was running and is dropped; the next invocation gets a fresh one. Each failure is reported
 * with the function's name and why, and rejects the invocation with a `SandboxFailure`.
 *
 * Per invocation the main thread does: one `postMessage` of the event's JSON, one link in the
 * timeout list (invocation-deadlines.ts), one message back.
 */
import { Worker } from 'node:worker_threads';
import { createInvocationDeadlines, type Deadline, type InvocationDeadlines } from '../gateway/invocation-deadlines.js';
import type { WebsocketConnectionClient } from '../../runtime/websocket-api.js';
import { dataToError, errorToData, type AppDescription, type ErrorData, type FromSandbox, type SandboxWorkerData, type ToSandbox } from './protocol.js';

export interface FunctionPoolOptions {
  readonly workerFile: URL;
  readonly workerData: SandboxWorkerData;
  /** The function's environment (stage and function `environment_variables` over the server's own). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default 10 */
  readonly maxSandboxes?: number;
  /** Queued invocations older than this are dropped unrun: the gateway has answered them. */
  readonly queueLimitMs: number;
  /** Start the first sandbox now (a cold start before the first invocation). @default false */
  readonly startNow?: boolean;
  readonly websocketClient: () => WebsocketConnectionClient;
  /** A sandbox failed (with or without an invocation in flight). */
  readonly onFailure: (failure: SandboxFailure) => void;
}

/** Why an invocation (or an idle sandbox) failed; `message` says it for a person. */
export class SandboxFailure extends Error {
  constructor(
    readonly functionName: string,
    readonly reason: 'timeout' | 'exit' | 'crash' | 'out-of-memory' | 'init-failed' | 'stopped',
    message: string,
    readonly duringInvocation: boolean,
  ) {
    super(message);
    this.name = 'SandboxFailure';
  }
}

export interface FunctionPool {
  /** The first sandbox has loaded the app (its description when asked for); rejects with the load error. */
  readonly ready: Promise<AppDescription | undefined>;
  /** The handler's result (parsed JSON); rejects with its error or a `SandboxFailure`. */
  invoke(eventJson: string): Promise<unknown>;
  /** Stops sandboxes as they become idle (a reload replaced this app). */
  retire(): void;
  /** Terminates every sandbox now; invocations in flight fail. */
  close(): Promise<void>;
}

interface Invocation {
  readonly event: string;
  readonly queuedAt: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Sandbox {
  readonly worker: Worker;
  ready: boolean;
  current: Invocation | undefined;
  seq: number;
  deadline: Deadline | undefined;
  /** Set once the sandbox is gone or going; late messages are ignored. */
  dead: boolean;
  /** What the main thread did to it, if anything (terminate for a timeout, retire). */
  endedBy: 'timeout' | 'stopped' | undefined;
  /** What killed it, from the worker's 'error' event. */
  error: unknown;
}

const DEFAULT_MAX_SANDBOXES = 10;

export function createFunctionPool(options: FunctionPoolOptions): FunctionPool {
  const { functionName, timeoutSeconds, memoryMb } = options.workerData;
  const max = Math.max(1, options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES);
  const sandboxes = new Set<Sandbox>();
  const idle: Sandbox[] = [];
  const queue: Invocation[] = [];
  let starting = 0;
  let retired = false;
  let closed = false;
  const deadlines: InvocationDeadlines = createInvocationDeadlines(timeoutSeconds * 1000);

  let settleFirst!: { resolve: (d: AppDescription | undefined) => void; reject: (e: unknown) => void };
  const ready = new Promise<AppDescription | undefined>((resolve, reject) => (settleFirst = { resolve, reject }));
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection here
  let first = true;

  const start = (): void => {
    const describe = first && options.workerData.describe;
    const isFirst = first;
    first = false;
    starting++;
    const worker = new Worker(options.workerFile, {
      workerData: { ...options.workerData, describe },
      env: options.env,
      // Lambda's memory setting bounds the heap, so a leak fails here as it would there.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(32, memoryMb) },
    });
    const sandbox: Sandbox = { worker, ready: false, current: undefined, seq: 0, deadline: undefined, dead: false, endedBy: undefined, error: undefined };
    sandboxes.add(sandbox);
    worker.on('message', (message: FromSandbox) => onMessage(sandbox, message, isFirst));
    worker.on('error', (error) => {
      sandbox.error = error;
    });
    worker.on('exit', (code) => onExit(sandbox, code, isFirst));
  };

  const onMessage = (sandbox: Sandbox, message: FromSandbox, isFirst: boolean): void => {
    if (sandbox.dead) return;
    switch (message.t) {
      case 'result': {
        const invocation = sandbox.current;
        if (invocation === undefined || message.seq !== sandbox.seq) return;
        sandbox.current = undefined;
        if (sandbox.deadline !== undefined) deadlines.finish(sandbox.deadline);
        sandbox.deadline = undefined;
        if (message.ok) {
          let value: unknown;
          try {
            value = JSON.parse(message.json);
          } catch (error) {
            invocation.reject(error);
            return becomeIdle(sandbox);
          }
          invocation.resolve(value);
        } else {
          invocation.reject(dataToError(message.error as ErrorData & Record<string, unknown>));
        }
        return becomeIdle(sandbox);
      }
      case 'ws':
        return void answerWebsocketCall(sandbox, message.id, message.op, message.input);
      case 'ready':
        starting--;
        sandbox.ready = true;
        if (isFirst) settleFirst.resolve(message.description);
        return becomeIdle(sandbox);
      case 'load-failed': {
        starting--;
        const error = dataToError(message.error as ErrorData & Record<string, unknown>);
        stop(sandbox, 'stopped');
        if (isFirst) settleFirst.reject(error);
        // The describing sandbox's failure is the load's failure, reported by whoever loads.
        if (isFirst && options.workerData.describe) return;
        const failure = new SandboxFailure(functionName, 'init-failed', `failed to start: ${error.message}`, queue.length > 0);
        options.onFailure(failure);
        queue.shift()?.reject(failure);
        return;
      }
      default: {
        const never: never = message;
        void never;
      }
    }
  };

  const answerWebsocketCall = async (sandbox: Sandbox, id: number, op: keyof WebsocketConnectionClient, input: unknown): Promise<void> => {
    let reply: ToSandbox;
    try {
      const client = options.websocketClient() as unknown as Record<string, (input: unknown) => Promise<unknown>>;
      reply = { t: 'ws-reply', id, ok: true, value: await client[op](input) };
    } catch (error) {
      const e = error as { $metadata?: unknown; $fault?: unknown };
      reply = { t: 'ws-reply', id, ok: false, error: { ...errorToData(error), $metadata: e.$metadata, $fault: e.$fault } };
    }
    if (!sandbox.dead) sandbox.worker.postMessage(reply);
  };

  const becomeIdle = (sandbox: Sandbox): void => {
    if (closed) return stop(sandbox, 'stopped');
    const now = performance.now();
    while (queue.length > 0) {
      const next = queue.shift()!;
      // The gateway answered it (timed out) while it waited: running it would be wasted work.
      if (now - next.queuedAt > options.queueLimitMs) continue;
      return dispatch(sandbox, next);
    }
    if (retired) return stop(sandbox, 'stopped');
    idle.push(sandbox);
  };

  const dispatch = (sandbox: Sandbox, invocation: Invocation): void => {
    sandbox.current = invocation;
    const seq = ++sandbox.seq;
    sandbox.deadline = deadlines.start(() => {
      if (sandbox.current !== invocation) return;
      sandbox.deadline = undefined;
      const failure = new SandboxFailure(functionName, 'timeout', `timed out after ${timeoutSeconds} s (its lambda_timeout); the sandbox was stopped`, true);
      sandbox.current = undefined;
      options.onFailure(failure);
      invocation.reject(failure);
      stop(sandbox, 'timeout');
    });
    const message: ToSandbox = { t: 'invoke', seq, event: invocation.event };
    sandbox.worker.postMessage(message);
  };

  const stop = (sandbox: Sandbox, why: 'timeout' | 'stopped'): void => {
    if (sandbox.dead) return;
    sandbox.dead = true;
    sandbox.endedBy = why;
    sandboxes.delete(sandbox);
    const at = idle.indexOf(sandbox);
    if (at >= 0) idle.splice(at, 1);
    void sandbox.worker.terminate();
  };

  const onExit = (sandbox: Sandbox, code: number, isFirst: boolean): void => {
    const wasDead = sandbox.dead;
    sandbox.dead = true;
    sandboxes.delete(sandbox);
    const at = idle.indexOf(sandbox);
    if (at >= 0) idle.splice(at, 1);
    if (sandbox.deadline !== undefined) deadlines.finish(sandbox.deadline);
    if (wasDead) return; // terminated on purpose, already accounted for
    if (!sandbox.ready) starting--;
    const invocation = sandbox.current;
    sandbox.current = undefined;
    const failure = exitToFailure(functionName, sandbox.error, code, memoryMb, invocation !== undefined || !sandbox.ready);
    if (!sandbox.ready && isFirst) {
      settleFirst.reject(sandbox.error instanceof Error ? sandbox.error : failure);
      if (options.workerData.describe) return;
    }
    options.onFailure(failure);
    if (invocation) invocation.reject(failure);
    else if (!sandbox.ready) queue.shift()?.reject(failure);
    // Invocations still waiting need a sandbox if none is left to serve them.
    if (queue.length > 0 && !closed && sandboxes.size < max) start();
  };

  if (options.startNow) start();

  return {
    ready,
    invoke(event) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new SandboxFailure(functionName, 'stopped', 'the server is shutting down', false));
        const invocation: Invocation = { event, queuedAt: performance.now(), resolve, reject };
        const sandbox = idle.pop();
        if (sandbox !== undefined) return dispatch(sandbox, invocation);
        queue.push(invocation);
        // Start one more sandbox unless enough are already starting for what waits.
        if (sandboxes.size < max && starting < queue.length) start();
      });
    },
    retire() {
      retired = true;
      for (const sandbox of [...idle]) stop(sandbox, 'stopped');
    },
    async close() {
      closed = true;
      const all = [...sandboxes];
      for (const sandbox of all) {
        const invocation = sandbox.current;
        sandbox.current = undefined;
        stop(sandbox, 'stopped');
        invocation?.reject(new SandboxFailure(functionName, 'stopped', 'the server is shutting down', true));
      }
      for (const invocation of queue.splice(0)) invocation.reject(new SandboxFailure(functionName, 'stopped', 'the server is shutting down', false));
      await Promise.all(all.map((sandbox) => sandbox.worker.terminate()));
    },
  };
}

function exitToFailure(functionName: string, error: unknown, code: number, memoryMb: number, duringInvocation: boolean): SandboxFailure {
  const e = error as { code?: unknown; stack?: unknown; message?: unknown } | undefined;
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new SandboxFailure(functionName, 'out-of-memory', `ran out of memory (its lambda_memory_size is ${memoryMb} MB)`, duringInvocation);
  }
  if (e !== undefined) {
    const text = typeof e.stack === 'string' ? e.stack : String(e.message ?? error);
    const what = text.startsWith('UnhandledPromiseRejection') ? text.replace(/^UnhandledPromiseRejection: /, 'unhandled promise rejection: ') : `uncaught exception: ${text}`;
    return new SandboxFailure(functionName, 'crash', `crashed with an ${what}`, duringInvocation);
  }
  return new SandboxFailure(functionName, 'exit', `exited (process.exit(${code}) in the app)`, duringInvocation);
}
