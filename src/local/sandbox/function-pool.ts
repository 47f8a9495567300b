/**
 * The warm sandboxes of ONE Lambda function of one loaded app, as Lambda keeps them: each
 * sandbox (a worker thread, sandbox-worker.ts) runs one invocation at a time. An invocation
 * goes to an idle sandbox, else it is handed ahead to a sandbox whose current invocation is
 * young (a warm sandbox that is about to be free beats a cold start), else it waits; when work
 * has waited and every sandbox is on a long invocation, another sandbox starts (up to
 * `maxSandboxes`). Work handed ahead to a sandbox that turns out slow is taken back for others;
 * a compare-and-swap per invocation (claims.ts) makes sure it runs exactly once either way.
 *
 * Containment: an invocation still running at the function's timeout is failed and its sandbox
 * terminated (Node stops even a busy loop); a sandbox that exits (`process.exit()`), throws
 * outside a handler, leaves a rejection unhandled or runs out of heap fails the invocation it
 * had started, and what it held but had not started runs elsewhere. Each failure is reported
 * with the function's name and why, and rejects the invocation with a `SandboxFailure`.
 *
 * Cost per invocation on the server's thread: the event's JSON in a message (messages of one
 * event-loop turn travel together: waking a thread is the expensive part), one link in the
 * timeout list (invocation-deadlines.ts), one message back.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { createInvocationDeadlines, type Deadline, type InvocationDeadlines } from '../gateway/invocation-deadlines.js';
import type { WebsocketConnectionClient } from '../../runtime/websocket-api.js';
import { createClaims } from './claims.js';
import { dataToError, errorToData, type AppDescription, type FromSandbox, type SandboxWorkerData, type ToSandbox } from './protocol.js';

export interface FunctionPoolOptions {
  readonly workerFile: URL;
  readonly workerData: Omit<SandboxWorkerData, 'claims' | 'replies'>;
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
  /** `invoke` for a caller that needs no promise (the gateway, once per request): `onDone` is called once. */
  run(eventJson: string, onDone: InvocationCallback): void;
  /** Stops sandboxes as they become idle (a reload replaced this app). */
  retire(): void;
  /** Terminates every sandbox now; invocations in flight fail. */
  close(): Promise<void>;
}

/** Called once per invocation: `(true, result)` or `(false, error)`. */
export type InvocationCallback = (ok: boolean, valueOrError: unknown) => void;

/** One invocation (a class, not a record of closures: one object per request). */
class Invocation {
  /** Fresh on every hand-over: an invocation taken back and handed out again is a new claim. */
  seq = 0;
  /** `performance.now()` when its sandbox started it (as far as this thread can tell). */
  startedAt = 0;
  deadline: Deadline | undefined = undefined;
  constructor(
    readonly event: string,
    readonly queuedAt: number,
    private readonly onDone: InvocationCallback,
  ) {}
  resolve(value: unknown): void {
    this.onDone(true, value);
  }
  reject(error: unknown): void {
    this.onDone(false, error);
  }
}

interface Sandbox {
  readonly worker: Worker;
  /** Our end of the channel the sandbox answers on. */
  readonly replies: MessagePort;
  ready: boolean;
  /**
   * Invocations posted to the worker, in order: the first is running (or about to), the rest
   * wait there and can still be taken back (see `claims`).
   */
  readonly assigned: Invocation[];
  /**
   * Hand-overs not posted yet (sequence numbers and events), posted together one turn of the
   * event loop later (see `flushOutboxes`). The sequence number is the one of this hand-over (taken back and handed elsewhere, the
   * invocation gets a new one; this one is then withdrawn and the sandbox skips it).
   */
  outbox: { seqs: number[]; events: string[] };
  /** Set once the sandbox is gone or going; late messages are ignored. */
  dead: boolean;
  /** What killed it, from the worker's 'error' event. */
  error: unknown;
}

const DEFAULT_MAX_SANDBOXES = 10;
/** Invocations a busy sandbox may be handed ahead, while what it runs is young. */
const PREFETCH_DEPTH = 8;
/** A sandbox whose invocation has run this long gets nothing more ahead… */
const YOUNG_MS = 5;
/** …and past this, what it holds ahead is taken back for other sandboxes. */
const STUCK_MS = 20;
/** An invocation waiting this long for a sandbox starts a new one (below that, reuse is faster than a cold start). */
const GROW_AFTER_MS = 10;
/**
 * …and one waiting this long starts one even while sandboxes run short invocations: Lambda
 * gives every concurrent request its own sandbox, so a burst of them must not queue behind one
 * another up to the timeout.
 */
const GROW_ANYWAY_MS = 50;
const TICK_MS = 5;

export function createFunctionPool(options: FunctionPoolOptions): FunctionPool {
  const { functionName, timeoutSeconds, memoryMb } = options.workerData;
  const max = Math.max(1, options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES);
  const sandboxes = new Set<Sandbox>();
  /** Waiting for a sandbox, oldest first. */
  const queue: Invocation[] = [];
  const claims = createClaims();
  let nextSeq = 0;
  let starting = 0;
  let retired = false;
  let closed = false;
  let ticker: NodeJS.Timeout | undefined;
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
    const channel = new MessageChannel();
    const worker = new Worker(options.workerFile, {
      workerData: { ...options.workerData, describe, claims: claims.buffer, replies: channel.port2 } satisfies SandboxWorkerData,
      transferList: [channel.port2],
      env: options.env,
      // Lambda's memory setting bounds the heap, so a leak fails here as it would there.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(32, memoryMb) },
    });
    const sandbox: Sandbox = { worker, replies: channel.port1, ready: false, assigned: [], outbox: { seqs: [], events: [] }, dead: false, error: undefined };
    sandboxes.add(sandbox);
    channel.port1.on('message', (message: FromSandbox) => onMessage(sandbox, message, isFirst));
    channel.port1.unref(); // the worker itself keeps the process alive while it runs
    worker.on('error', (error) => {
      sandbox.error = error;
    });
    worker.on('exit', (code) => {
      // Whatever it said before it ended counts (a result posted just before a crash).
      for (let received = receiveMessageOnPort(channel.port1); received !== undefined; received = receiveMessageOnPort(channel.port1)) {
        onMessage(sandbox, received.message as FromSandbox, isFirst);
      }
      channel.port1.close();
      onExit(sandbox, code, isFirst);
    });
  };

  const onMessage = (sandbox: Sandbox, message: FromSandbox, isFirst: boolean): void => {
    if (sandbox.dead) return;
    switch (message.t) {
      case 'result': {
        const at = sandbox.assigned.findIndex((invocation) => invocation.seq === message.seq);
        if (at < 0) return;
        const [invocation] = sandbox.assigned.splice(at, 1);
        if (invocation.deadline !== undefined) deadlines.finish(invocation.deadline);
        // The worker starts the next one it holds as soon as it posts this result.
        const next = sandbox.assigned[0];
        if (next !== undefined && next.deadline === undefined) startClock(sandbox, next);
        if (message.ok) {
          let value: unknown;
          try {
            value = JSON.parse(message.json);
          } catch (error) {
            invocation.reject(error);
            return feed(sandbox);
          }
          invocation.resolve(value);
        } else {
          invocation.reject(dataToError(message.error));
        }
        return feed(sandbox);
      }
      case 'ws':
        return void answerWebsocketCall(sandbox, message.id, message.op, message.input);
      case 'ready':
        starting--;
        sandbox.ready = true;
        if (isFirst) settleFirst.resolve(message.description);
        return feed(sandbox);
      case 'load-failed': {
        starting--;
        const error = dataToError(message.error);
        stop(sandbox);
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

  const startClock = (sandbox: Sandbox, invocation: Invocation): void => {
    invocation.startedAt = performance.now();
    invocation.deadline = deadlines.start(() => onTimeout(sandbox, invocation));
  };

  const onTimeout = (sandbox: Sandbox, invocation: Invocation): void => {
    invocation.deadline = undefined;
    if (sandbox.assigned[0] !== invocation || sandbox.dead) return;
    sandbox.assigned.shift();
    const failure = new SandboxFailure(functionName, 'timeout', `timed out after ${timeoutSeconds} s (its lambda_timeout); the sandbox was stopped`, true);
    options.onFailure(failure);
    invocation.reject(failure);
    stop(sandbox);
  };

  /** Hands the sandbox what waits (or takes back work held ahead by a busy one); else it idles. */
  const feed = (sandbox: Sandbox): void => {
    if (closed) return stop(sandbox);
    if (sandbox.dead || !sandbox.ready) return;
    const now = performance.now();
    while (queue.length > 0 && sandbox.assigned.length < PREFETCH_DEPTH) {
      const head = sandbox.assigned[0];
      if (head !== undefined && now - head.startedAt > YOUNG_MS) break;
      const next = queue.shift()!;
      if (expired(next, now)) continue;
      dispatch(sandbox, next);
    }
    if (sandbox.assigned.length === 0) {
      const taken = takeBackFromBusiest();
      if (taken !== undefined) return dispatch(sandbox, taken);
      if (retired) stop(sandbox);
    }
  };

  /** The gateway has answered an invocation that waited this long: running it would be wasted. */
  const expired = (invocation: Invocation, now: number): boolean => {
    if (now - invocation.queuedAt <= options.queueLimitMs) return false;
    const failure = new SandboxFailure(functionName, 'timeout', `waited ${Math.round((now - invocation.queuedAt) / 1000)} s for a free sandbox (all ${sandboxes.size} busy) and was answered at its timeout`, true);
    options.onFailure(failure);
    invocation.reject(failure);
    return true;
  };

  const dispatch = (sandbox: Sandbox, invocation: Invocation): void => {
    invocation.seq = ++nextSeq;
    claims.offer(invocation.seq);
    sandbox.assigned.push(invocation);
    if (sandbox.assigned.length === 1) startClock(sandbox, invocation);
    // Waking a thread is the costly part of a message: requests that arrive in the same turn
    // of the event loop travel together.
    const outbox = sandbox.outbox;
    outbox.events.push(invocation.event);
    if (outbox.seqs.push(invocation.seq) === 1) {
      pendingOutboxes.push(sandbox);
      if (pendingOutboxes.length === 1) setImmediate(flushOutboxes);
    }
    if (sandbox.assigned.length > 1) tick();
  };

  /**
   * The flush waits one more turn of the event loop: under load, the requests whose bytes
   * arrive during the next poll join the batch, so each wake-up of a sandbox carries more
   * invocations (about 5.5 instead of 4 with 10 connections, for 10–15% less CPU per request
   * on the server's thread); when idle, the extra turn costs microseconds.
   */
  let flushDeferred = false;
  const pendingOutboxes: Sandbox[] = [];
  const flushOutboxes = (): void => {
    if (!flushDeferred) {
      flushDeferred = true;
      setImmediate(flushOutboxes);
      return;
    }
    flushDeferred = false;
    for (const sandbox of pendingOutboxes.splice(0)) {
      const { seqs, events } = sandbox.outbox;
      sandbox.outbox = { seqs: [], events: [] };
      if (sandbox.dead) continue;
      const message: ToSandbox = { t: 'invoke', seqs, events };
      sandbox.worker.postMessage(message);
    }
  };

  const allBusyWithLongWork = (now: number): boolean => {
    for (const sandbox of sandboxes) {
      const head = sandbox.assigned[0];
      if (!sandbox.ready || head === undefined || now - head.startedAt <= STUCK_MS) return false;
    }
    return true;
  };

  /** The last invocation held ahead by the sandbox with the most, if it has not started. */
  const takeBackFromBusiest = (): Invocation | undefined => {
    let busiest: Sandbox | undefined;
    for (const other of sandboxes) if (other.assigned.length > 1 && (busiest === undefined || other.assigned.length > busiest.assigned.length)) busiest = other;
    if (busiest === undefined) return undefined;
    const last = busiest.assigned[busiest.assigned.length - 1];
    if (!claims.withdraw(last.seq)) return undefined;
    busiest.assigned.pop();
    return last;
  };

  /** Invocations a sandbox held but never started, back to the front of the queue (in order). */
  const takeBackAll = (sandbox: Sandbox, from: number): Invocation[] => {
    const running: Invocation[] = [];
    const back: Invocation[] = [];
    for (const invocation of sandbox.assigned.splice(from)) {
      if (claims.withdraw(invocation.seq)) back.push(invocation);
      else running.push(invocation);
    }
    for (const invocation of back) {
      if (invocation.deadline !== undefined) deadlines.finish(invocation.deadline);
      invocation.deadline = undefined;
    }
    queue.unshift(...back);
    return running;
  };

  /**
   * Every few ms while anything waits: take work back from sandboxes stuck on a long
   * invocation, start a sandbox for work that has waited, drop what the gateway gave up on.
   */
  const tick = (): void => {
    if (ticker !== undefined) return;
    ticker = setInterval(() => {
      const now = performance.now();
      for (const sandbox of sandboxes) {
        const head = sandbox.assigned[0];
        if (sandbox.assigned.length > 1 && head !== undefined && now - head.startedAt > STUCK_MS) {
          for (const invocation of takeBackAll(sandbox, 1)) sandbox.assigned.push(invocation);
        }
      }
      while (queue.length > 0 && expired(queue[0], now)) queue.shift();
      for (const sandbox of sandboxes) if (queue.length > 0 && sandbox.assigned.length === 0) feed(sandbox);
      // A new sandbox when work has waited AND every sandbox is on a long invocation (a sandbox
      // running short ones serves the queue sooner than a cold start would), or when work has
      // waited long whatever the sandboxes run.
      const waited = queue.length === 0 ? 0 : now - queue[0].queuedAt;
      if (waited > GROW_AFTER_MS && !closed && sandboxes.size < max && starting === 0 && (waited > GROW_ANYWAY_MS || allBusyWithLongWork(now))) start();
      const holding = [...sandboxes].some((sandbox) => sandbox.assigned.length > 1);
      if (queue.length === 0 && !holding) {
        clearInterval(ticker);
        ticker = undefined;
      }
    }, TICK_MS);
    ticker.unref();
  };

  const stop = (sandbox: Sandbox): void => {
    if (sandbox.dead) return;
    sandbox.dead = true;
    sandboxes.delete(sandbox);
    void sandbox.worker.terminate();
    // What it held but had not started runs elsewhere; what it had started fails.
    const started = takeBackAll(sandbox, 0);
    for (const invocation of started) {
      if (invocation.deadline !== undefined) deadlines.finish(invocation.deadline);
      const failure = new SandboxFailure(functionName, 'stopped', 'was stopped with its sandbox', true);
      invocation.reject(failure);
    }
    if (queue.length > 0) reschedule();
  };

  /** Work is waiting: give it to an idle sandbox or start one. */
  const reschedule = (): void => {
    if (closed) return;
    for (const sandbox of sandboxes) if (sandbox.ready && sandbox.assigned.length === 0) feed(sandbox);
    if (queue.length > 0 && sandboxes.size < max && starting < queue.length) start();
    if (queue.length > 0) tick();
  };

  const onExit = (sandbox: Sandbox, code: number, isFirst: boolean): void => {
    if (sandbox.dead) return; // stopped on purpose, already accounted for
    sandbox.dead = true;
    sandboxes.delete(sandbox);
    if (!sandbox.ready) starting--;
    const running = takeBackAll(sandbox, 0);
    const invocation = running[0];
    if (invocation?.deadline !== undefined) deadlines.finish(invocation.deadline);
    const failure = exitToFailure(functionName, sandbox.error, code, memoryMb, invocation !== undefined || !sandbox.ready);
    if (!sandbox.ready && isFirst) {
      settleFirst.reject(sandbox.error instanceof Error ? sandbox.error : failure);
      if (options.workerData.describe) return;
    }
    options.onFailure(failure);
    for (const failed of running) failed.reject(failure);
    if (!sandbox.ready) queue.shift()?.reject(failure);
    if (queue.length > 0) reschedule();
  };

  if (options.startNow) start();

  const run = (event: string, onDone: InvocationCallback): void => {
    if (closed) return onDone(false, new SandboxFailure(functionName, 'stopped', 'the server is shutting down', false));
    const invocation = new Invocation(event, performance.now(), onDone);
    // An idle sandbox, else one whose current invocation is young enough to be over soon.
    let best: Sandbox | undefined;
    for (const sandbox of sandboxes) {
      if (!sandbox.ready) continue;
      const count = sandbox.assigned.length;
      if (count === 0) {
        best = sandbox;
        break;
      }
      if (count < PREFETCH_DEPTH && invocation.queuedAt - sandbox.assigned[0].startedAt <= YOUNG_MS && (best === undefined || count < best.assigned.length)) best = sandbox;
    }
    if (best !== undefined) return dispatch(best, invocation);
    queue.push(invocation);
    // More sandboxes start once work has waited a little (tick): reusing a warm one that
    // is about to be free beats a cold start.
    if (sandboxes.size === 0) start();
    tick();
  };

  return {
    ready,
    run,
    invoke(event) {
      return new Promise((resolve, reject) => run(event, (ok, value) => (ok ? resolve(value) : reject(value))));
    },
    retire() {
      retired = true;
      for (const sandbox of [...sandboxes]) if (sandbox.ready && sandbox.assigned.length === 0) stop(sandbox);
    },
    async close() {
      closed = true;
      if (ticker !== undefined) clearInterval(ticker);
      const all = [...sandboxes];
      for (const sandbox of all) {
        const held = sandbox.assigned.splice(0);
        sandbox.dead = true;
        sandboxes.delete(sandbox);
        for (const invocation of held) {
          if (invocation.deadline !== undefined) deadlines.finish(invocation.deadline);
          invocation.reject(new SandboxFailure(functionName, 'stopped', 'the server is shutting down', true));
        }
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
