/**
 * One Lambda sandbox of `chalice local`: a worker thread that imports the bundled app once (the
 * cold start) and then runs ONE function's invocations, one at a time, as a warm Lambda
 * execution environment does.
 *
 *   main thread ── invoke {seq, event JSON} ──▶ app.lambdaHandler(functionName)(event, context)
 *               ◀── result {seq, JSON | error} ──
 *   app.websocketApi.send/close/info ── ws {op, input} ──▶ main thread's connection registry
 *
 * What Lambda does to a sandbox, the main thread does to this worker: past the function's
 * timeout it is terminated; `process.exit()`, an uncaught exception or an unhandled rejection
 * end the worker (and so the invocation in flight) and the main thread reports why. Nothing
 * here catches those: a thread that dies is the containment.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importAppBundle } from '../../project/app-loader.js';
import type { LambdaContext } from '../../runtime/index.js';
import type { WebsocketConnectionClient } from '../../runtime/websocket-api.js';
import { createFakeLambdaContextFactory } from '../gateway/lambda-context.js';
import { CLAIM_QUEUED, CLAIM_SLOTS, CLAIM_STARTED, claimWord } from './claims.js';
import { describeApp, type SandboxApp } from './describe-app.js';
import { dataToError, errorToData, resultToJson, type FromSandbox, type ToSandbox, type WebsocketOperation } from './protocol.js';

// Stack traces point at the user's files (the bundle carries an inline source map).
process.setSourceMapsEnabled(true);

const data = workerData as import('./protocol.js').SandboxWorkerData;
const port = parentPort!;
// Everything this sandbox says goes over its own channel, which the main thread drains when
// the sandbox ends (a result posted just before a crash still counts).
const post = (message: FromSandbox): void => data.replies.postMessage(message);

// Node ends a worker on an unhandled rejection too, but reports it as an uncaught exception;
// say what it was, as Lambda's runtime does (Runtime.UnhandledPromiseRejection).
process.on('unhandledRejection', (reason) => {
  const error = reason instanceof Error ? reason : new Error(String(reason));
  const wrapped = new Error(`Unhandled promise rejection: ${error.message}`);
  wrapped.name = 'UnhandledPromiseRejection';
  wrapped.stack = `UnhandledPromiseRejection: ${error.stack ?? error.message}`;
  throw wrapped;
});

let app: SandboxApp;
try {
  app = await importAppBundle<SandboxApp>({ file: data.bundleFile, root: data.projectDir, entryFile: data.entryFile, dependencies: data.dependencies });
} catch (error) {
  post({ t: 'load-failed', error: errorToData(error) });
  // Stay until the main thread terminates this worker: exiting first could lose the message.
  await new Promise(() => {});
  throw error; // unreachable
}

// `app.websocketApi` talks to the main thread's connections.
const pendingCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
let nextCallId = 0;
const callMain = (op: WebsocketOperation, input: unknown): Promise<never> =>
  new Promise((resolve, reject) => {
    const id = ++nextCallId;
    pendingCalls.set(id, { resolve: resolve as (value: unknown) => void, reject });
    post({ t: 'ws', id, op, input });
  });
const websocketClient: WebsocketConnectionClient = {
  postToConnection: (input) => callMain('postToConnection', input),
  deleteConnection: (input) => callMain('deleteConnection', input),
  getConnection: (input) => callMain('getConnection', input),
};
if (app.websocketApi) app.websocketApi.clientFactory = () => websocketClient;

const newContext = createFakeLambdaContextFactory({
  appName: app.appName,
  stage: data.stage,
  functionName: data.functionName,
  timeoutSeconds: data.timeoutSeconds,
  memoryMb: data.memoryMb,
});
let handler: ((event: unknown, context?: LambdaContext | null) => Promise<unknown>) | undefined;

// Invocations are handed over ahead of time while one runs; each starts only if the main
// thread has not taken it back meanwhile (see `Claims` in function-pool.ts).
const claims = new Int32Array(data.claims);
const waiting: Array<{ seq: number; event: string }> = [];
let busy = false;

const runNext = (): void => {
  while (!busy && waiting.length > 0) {
    const { seq, event } = waiting.shift()!;
    const queued = claimWord(seq, CLAIM_QUEUED);
    if (Atomics.compareExchange(claims, seq & (CLAIM_SLOTS - 1), queued, claimWord(seq, CLAIM_STARTED)) !== queued) continue;
    busy = true;
    invoke(seq, event);
  }
};

const done = (message: FromSandbox): void => {
  busy = false;
  // Start the next one before telling the main thread, which counts it as started from then.
  runNext();
  post(message);
};


const invoke = (seq: number, eventJson: string): void => {
  let result: Promise<unknown>;
  try {
    handler ??= app.lambdaHandler(data.functionName);
    result = Promise.resolve(handler(JSON.parse(eventJson), newContext()));
  } catch (error) {
    result = Promise.reject(error);
  }
  result.then(
    (value) => {
      let json: string;
      try {
        json = resultToJson(value);
      } catch (error) {
        return done({ t: 'result', seq, ok: false, error: errorToData(error) });
      }
      done({ t: 'result', seq, ok: true, json });
    },
    (error: unknown) => done({ t: 'result', seq, ok: false, error: errorToData(error) }),
  );
};

port.on('message', (message: ToSandbox): void => {
  if (message.t === 'invoke') {
    for (let i = 0; i < message.seqs.length; i++) waiting.push({ seq: message.seqs[i], event: message.events[i] });
    return runNext();
  }
  const call = pendingCalls.get(message.id);
  if (call === undefined) return;
  pendingCalls.delete(message.id);
  if (message.ok) call.resolve(message.value);
  else call.reject(dataToError(message.error));
});

post({ t: 'ready', ...(data.describe ? { description: describeApp(app) } : {}) });
