/**
 * Per-invocation state (`app.currentRequest`, `app.lambdaContext`), so concurrent requests
 * served by one process (the local server, the test client) never see each other's request.
 *
 * Two ways to hold it:
 * - `runInInvocationScope`: an AsyncLocalStorage run, for work that awaits. The first run
 *   turns on Node's async hooks for the whole process, which every later promise pays for.
 * - `runInSyncInvocationScope`: a plain variable set for the duration of a synchronous call.
 *   JavaScript runs one synchronous call at a time, so nothing else can observe it; it is
 *   restored before the call returns. Used when a view cannot await (see rest-api.ts).
 * The synchronous scope wins while it is set: it is always the innermost one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LambdaContext } from './lambda-context.js';
import type { Request } from './request.js';

export interface InvocationScope {
  request: Request | null;
  readonly lambdaContext: LambdaContext | null;
}

const storage = new AsyncLocalStorage<InvocationScope>();
let syncScope: InvocationScope | undefined;

export function runInInvocationScope<T>(scope: InvocationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function runInSyncInvocationScope<T>(scope: InvocationScope, fn: () => T): T {
  const outer = syncScope;
  syncScope = scope;
  try {
    return fn();
  } finally {
    syncScope = outer;
  }
}

export function currentInvocationScope(): InvocationScope | undefined {
  return syncScope ?? storage.getStore();
}
