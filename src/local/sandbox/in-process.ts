/**
 * `chalice local --in-process`: the app's functions run on the server's own thread instead of
 * in sandboxes (worker threads). Same contract as `createAppSandboxes`, so the gateway, the
 * Invoke API, the scheduler and websockets work unchanged; what it gives up is containment.
 *
 * Kept, as a sandbox does it (the gateway hands over its event object: it is JSON data already):
 * - the result crosses as JSON (`JSON.stringify` of what the handler returned, parsed again),
 *   except the API handler's, which the runtime builds as plain JSON data;
 * - errors cross as data (name, message, stack and tool fields);
 * - each function's Lambda context, and its `lambda_timeout`: an invocation still running at
 *   its timeout is failed and reported (the result that comes later is dropped);
 * - each function's environment variables, set in `process.env` before it runs when they
 *   differ from the function that ran last.
 * Not kept: a view that spins blocks the whole server until it returns; `process.exit()` stops
 * the server; `lambda_memory_size` bounds nothing; an async function whose environment differs
 * from another that runs meanwhile sees that one's variables after an `await`; module-level
 * state is shared by every function and every concurrent request (one copy of the app).
 */
import { importAppBundle } from '../../project/app-loader.js';
import type { LambdaContext } from '../../runtime/index.js';
import { createInvocationDeadlines, type InvocationDeadlines } from '../gateway/invocation-deadlines.js';
import { createFakeLambdaContextFactory, type FakeLambdaContextFactory } from '../gateway/lambda-context.js';
import type { AppSandboxes, AppSandboxesOptions, FunctionSettings } from './app-sandboxes.js';
import { describeApp, type SandboxApp } from './describe-app.js';
import { SandboxFailure, type InvocationCallback } from './function-pool.js';
import { dataToError, errorToData, resultToJson } from './protocol.js';

type Handler = (event: unknown, context?: LambdaContext | null) => unknown;

/** One function of the loaded app: its handler, settings, contexts and timeout clock. */
interface InProcessFunction {
  readonly handler: Handler;
  readonly settings: FunctionSettings;
  readonly newContext: FakeLambdaContextFactory;
  readonly deadlines: InvocationDeadlines | undefined;
}

export function createInProcessSandboxes(options: AppSandboxesOptions): AppSandboxes {
  process.setSourceMapsEnabled(true);
  let closed = false;
  // The app's top-level code sees the describing function's environment, as in its sandbox.
  applyEnvironment(options.settings(options.describingFunction).environmentVariables);
  const loaded = importAppBundle<SandboxApp>(options.bundle).then((app) => {
    if (app.websocketApi) app.websocketApi.clientFactory = () => options.websocketClient();
    return app;
  });
  // Nothing runs before the description is read, so the load error is reported once, there.
  loaded.catch(() => {});
  let app: SandboxApp | undefined;
  const functions = new Map<string, InProcessFunction>();

  const functionOf = (name: string, loadedApp: SandboxApp): InProcessFunction => {
    let fn = functions.get(name);
    if (fn === undefined) {
      const settings = options.settings(name);
      fn = {
        handler: loadedApp.lambdaHandler(name),
        settings,
        newContext: createFakeLambdaContextFactory({
          appName: loadedApp.appName,
          stage: options.stage,
          functionName: name,
          timeoutSeconds: settings.timeoutSeconds,
          memoryMb: settings.memoryMb,
        }),
        deadlines: settings.timeoutSeconds > 0 ? createInvocationDeadlines(settings.timeoutSeconds * 1000) : undefined,
      };
      functions.set(name, fn);
    }
    return fn;
  };

  const runEvent = (functionName: string, event: unknown, onDone: InvocationCallback): void => {
    if (closed || app === undefined) return onDone(false, new SandboxFailure(functionName, 'stopped', closed ? 'the server is shutting down' : 'the app is not loaded', false));
    let settled = false;
    let deadline: ReturnType<InvocationDeadlines['start']> | undefined;
    let fn: InProcessFunction | undefined;
    const finish = (ok: boolean, value: unknown): void => {
      if (settled) return; // after its timeout: dropped, as Lambda drops it
      settled = true;
      if (deadline !== undefined) fn!.deadlines!.finish(deadline);
      // The API handler's result is the runtime's proxy result, plain JSON data by construction.
      if (ok && functionName === options.describingFunction) return onDone(true, value);
      if (ok) {
        let json: string;
        try {
          json = resultToJson(value);
        } catch (error) {
          return onDone(false, error);
        }
        return onDone(true, JSON.parse(json));
      }
      onDone(false, dataToError(errorToData(value)));
    };
    let result: Promise<unknown>;
    try {
      fn = functionOf(functionName, app);
      applyEnvironment(fn.settings.environmentVariables);
      result = Promise.resolve(fn.handler(event, fn.newContext()));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => finish(true, value),
      (error: unknown) => finish(false, error),
    );
    if (!settled && fn?.deadlines !== undefined) {
      const timeoutSeconds = fn.settings.timeoutSeconds;
      deadline = fn.deadlines.start(() => {
        if (settled) return;
        settled = true;
        const failure = new SandboxFailure(functionName, 'timeout', `timed out after ${timeoutSeconds} s (its lambda_timeout); with --in-process its code may still be running`, true);
        options.onFailure(failure);
        onDone(false, failure);
      });
    }
  };

  const run = (functionName: string, eventJson: string, onDone: InvocationCallback): void => {
    let event: unknown;
    try {
      event = JSON.parse(eventJson);
    } catch (error) {
      return onDone(false, error);
    }
    runEvent(functionName, event, onDone);
  };

  return {
    description: loaded.then((loadedApp) => {
      app = loadedApp;
      return describeApp(loadedApp);
    }),
    run,
    runEvent,
    invoke: (functionName, eventJson) => new Promise((resolve, reject) => run(functionName, eventJson, (ok, value) => (ok ? resolve(value) : reject(value)))),
    retire() {
      // Nothing to stop: invocations in flight finish on the old app, which is then unreferenced.
    },
    async close() {
      closed = true;
    },
  };
}

/**
 * `process.env` as one function's sandbox would have it: its variables set, and the variables
 * of the function that ran before put back to what the server started with. One per process
 * (reloads share it), so the server's own values are never lost.
 */
const serverValues = new Map<string, string | undefined>();
let applied: Readonly<Record<string, string>> = {};

function applyEnvironment(variables: Readonly<Record<string, string>>): void {
  if (variables === applied) return;
  for (const name of Object.keys(applied)) {
    if (Object.hasOwn(variables, name)) continue;
    const original = serverValues.get(name);
    if (original === undefined) delete process.env[name];
    else process.env[name] = original;
  }
  for (const [name, value] of Object.entries(variables)) {
    if (!serverValues.has(name)) serverValues.set(name, process.env[name]);
    if (process.env[name] !== value) process.env[name] = value;
  }
  applied = variables;
}
