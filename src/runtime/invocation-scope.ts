/**
 * Per-invocation state (`app.currentRequest`, `app.lambdaContext`) kept in an
 * AsyncLocalStorage, so concurrent requests served by one process (the local server, the
 * test client) never see each other's request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LambdaContext } from './lambda-context.js';
import type { Request } from './request.js';

export interface InvocationScope {
  request: Request | null;
  readonly lambdaContext: LambdaContext | null;
}

const storage = new AsyncLocalStorage<InvocationScope>();

export function runInInvocationScope<T>(scope: InvocationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentInvocationScope(): InvocationScope | undefined {
  return storage.getStore();
}
