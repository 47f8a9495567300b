/**
 * Invoking the app's Lambda entry points for the gateway: the handler from
 * `app.lambdaHandler(name)` (looked up once per name), a Lambda context per invocation, the
 * caller's `wrapInvocation` around it, and the integration timeout (invocation-deadlines.ts).
 * A handler that throws, rejects or runs past the timeout is reported as an outcome; nothing
 * here rejects on the handler's behalf.
 *
 * Each invocation costs one `then` on the handler's promise (plus the caller's own promise):
 * this runs once per request, so it avoids async wrappers and per-request timers.
 */
import type { LambdaContext } from '../../runtime/index.js';
import type { InvocationOutcome } from './authorizers.js';
import { createInvocationDeadlines, type Deadline } from './invocation-deadlines.js';
import { createFakeLambdaContextFactory, type FakeLambdaContextFactory } from './lambda-context.js';
import type { ApiGatewayOptions, Clock, GatewayApp, InvocationWrapper } from './types.js';

export interface InvokerOptions {
  readonly lambdaContext: (functionName: string) => LambdaContext;
  readonly wrapInvocation?: InvocationWrapper | undefined;
  /** 0, NaN or Infinity: no timeout. */
  readonly timeoutMs: number;
}

export interface Invoker {
  /** The outcome of one invocation; rejects only when `wrapInvocation` itself fails. */
  invoke(functionName: string, event: unknown): Promise<InvocationOutcome>;
  /**
   * Starts one invocation and calls `onOutcome` exactly once with its outcome (`onOutcome`
   * must not throw). Throws only when `wrapInvocation` itself fails.
   */
  run(functionName: string, event: unknown, onOutcome: (outcome: InvocationOutcome) => void): void;
  /** `run` with the event as JSON text, for an app with `lambdaJsonHandler` (else it is parsed for `lambdaHandler`). */
  runJson(functionName: string, eventJson: string, onOutcome: (outcome: InvocationOutcome) => void): void;
}

type LambdaEntry = (event: unknown, context?: LambdaContext | null) => Promise<unknown>;

const TIMED_OUT: InvocationOutcome = Object.freeze({ kind: 'timed-out' });

export function createInvoker(app: GatewayApp, options: InvokerOptions): Invoker {
  const { lambdaContext, wrapInvocation, timeoutMs } = options;
  const deadlines = timeoutMs > 0 && timeoutMs !== Infinity ? createInvocationDeadlines(timeoutMs) : undefined;
  const handlers = new Map<string, LambdaEntry>();

  /** The handler's promise; a synchronous throw (no such function, a sync handler) becomes a rejection. */
  const call = (functionName: string, event: unknown): Promise<unknown> => {
    try {
      let handler = handlers.get(functionName);
      if (handler === undefined) {
        handler = app.lambdaHandler(functionName);
        handlers.set(functionName, handler);
      }
      return Promise.resolve(handler(event, lambdaContext(functionName)));
    } catch (error) {
      return Promise.reject(error);
    }
  };

  type JsonEntry = (eventJson: string, onDone: (ok: boolean, valueOrError: unknown) => void) => void;
  const jsonHandlers = new Map<string, JsonEntry>();
  const jsonHandlerOf = (functionName: string): JsonEntry => {
    let handler = jsonHandlers.get(functionName);
    if (handler === undefined) {
      handler = app.lambdaJsonHandler!(functionName);
      jsonHandlers.set(functionName, handler);
    }
    return handler;
  };
  /** The JSON entry point as a promise (for `wrapInvocation`), or the object one when the app has none. */
  const callJson = (functionName: string, eventJson: string): Promise<unknown> => {
    if (app.lambdaJsonHandler === undefined) return call(functionName, JSON.parse(eventJson));
    return new Promise((resolve, reject) => jsonHandlerOf(functionName)(eventJson, (ok, value) => (ok ? resolve(value) : reject(value))));
  };

  const run: Invoker['run'] = (functionName, event, onOutcome) => {
    settleOnce(wrapInvocation ? wrapInvocation(functionName, () => call(functionName, event)) : call(functionName, event), onOutcome);
  };

  /** Without `wrapInvocation`, no promise: the handler's callback settles the outcome directly. */
  const runJson: Invoker['runJson'] = (functionName, eventJson, onOutcome) => {
    if (wrapInvocation !== undefined || app.lambdaJsonHandler === undefined) {
      return settleOnce(wrapInvocation ? wrapInvocation(functionName, () => callJson(functionName, eventJson)) : callJson(functionName, eventJson), onOutcome);
    }
    let deadline: Deadline | undefined;
    let settled = false;
    const done = (ok: boolean, value: unknown): void => {
      if (settled) return; // a late result after the timeout is dropped, as API Gateway drops it
      settled = true;
      if (deadline !== undefined) deadlines!.finish(deadline);
      onOutcome(ok ? { kind: 'returned', value } : { kind: 'failed', error: value });
    };
    try {
      jsonHandlerOf(functionName)(eventJson, done);
    } catch (error) {
      done(false, error);
    }
    if (!settled && deadlines !== undefined) {
      deadline = deadlines.start(() => {
        if (settled) return;
        settled = true;
        onOutcome(TIMED_OUT);
      });
    }
  };

  /** Calls `onOutcome` once: with the invocation's outcome, or a timeout when that comes first. */
  const settleOnce = (invocation: Promise<unknown>, onOutcome: (outcome: InvocationOutcome) => void): void => {
    let deadline: Deadline | undefined;
    let settled = false;
    const settle = (outcome: InvocationOutcome): void => {
      if (settled) return; // a late result after the timeout is dropped, as API Gateway drops it
      settled = true;
      if (deadline !== undefined) deadlines!.finish(deadline);
      onOutcome(outcome);
    };
    invocation.then(
      (value) => settle({ kind: 'returned', value }),
      (error: unknown) => settle({ kind: 'failed', error }),
    );
    if (deadlines !== undefined) deadline = deadlines.start(() => settle(TIMED_OUT));
  };

  return {
    run,
    runJson,
    invoke: (functionName, event) => new Promise((resolve) => run(functionName, event, resolve)),
  };
}

/**
 * The invoker behind an API Gateway emulation (REST or HTTP API). Whichever limit is shorter
 * ends a slow invocation: the Lambda's own timeout (`lambdaTimesOutFirst`: the function failed)
 * or the API's integration timeout (`defaultTimeoutMs` unless `options.timeoutMs`). Without
 * `options.lambdaContext`, each function gets fake contexts named as deployed.
 */
export function createGatewayInvoker(
  app: GatewayApp,
  options: Pick<ApiGatewayOptions, 'lambdaContext' | 'wrapInvocation' | 'timeoutMs' | 'lambdaTimeoutMs' | 'chaliceStage'>,
  context: { readonly region: string; readonly accountId: string; readonly clock: Clock; readonly defaultTimeoutMs: number },
): { readonly invoker: Invoker; readonly lambdaTimesOutFirst: boolean } {
  const factories = new Map<string, FakeLambdaContextFactory>();
  const stage = options.chaliceStage ?? 'dev';
  const fakeContext = (functionName: string): LambdaContext => {
    let factory = factories.get(functionName);
    if (factory === undefined) {
      factory = createFakeLambdaContextFactory({ appName: app.appName, stage, functionName, region: context.region, accountId: context.accountId, clock: context.clock });
      factories.set(functionName, factory);
    }
    return factory();
  };
  const integrationTimeoutMs = options.timeoutMs ?? context.defaultTimeoutMs;
  const integrationLimit = integrationTimeoutMs > 0 ? integrationTimeoutMs : Infinity;
  const lambdaTimeoutMs = options.lambdaTimeoutMs;
  const lambdaTimesOutFirst = lambdaTimeoutMs !== undefined && lambdaTimeoutMs > 0 && lambdaTimeoutMs < integrationLimit;
  const invoker = createInvoker(app, {
    lambdaContext: options.lambdaContext ?? fakeContext,
    wrapInvocation: options.wrapInvocation,
    timeoutMs: lambdaTimesOutFirst ? lambdaTimeoutMs : integrationTimeoutMs,
  });
  return { invoker, lambdaTimesOutFirst };
}
