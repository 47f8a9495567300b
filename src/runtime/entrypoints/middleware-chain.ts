/**
 * Shared plumbing of the non-HTTP entry points: the app's middleware chain for one event type
 * and the invocation scope that makes `app.lambdaContext` work inside handlers.
 */
import type { Chalice } from '../app.js';
import { runInInvocationScope } from '../invocation-scope.js';
import type { LambdaContext } from '../lambda-context.js';
import { composeMiddleware, type MiddlewareEventType } from '../middleware.js';
import type { Awaitable } from '../resources.js';

/**
 * `handler` wrapped in the app's middleware for `eventType`. Middleware is append-only, so
 * the chain is rebuilt only when more was registered since the last invocation; middleware
 * registered after the entry point was created still applies, as in Chalice.
 */
export function createMiddlewareChain<E, R>(
  app: Chalice,
  eventType: Exclude<MiddlewareEventType, 'all'>,
  handler: (event: E) => Awaitable<R>,
): (event: E) => Promise<R> {
  let built: { count: number; run: (event: E) => Promise<R> } | undefined;
  return (event) => {
    const middleware = app.middlewareHandlers;
    if (built === undefined || built.count !== middleware.length) {
      built = { count: middleware.length, run: composeMiddleware(middleware, eventType, handler) };
    }
    return built.run(event);
  };
}

/** Runs one invocation with `app.lambdaContext` set (and no current request). */
export function runInLambdaScope<T>(context: LambdaContext | null | undefined, fn: () => Promise<T>): Promise<T> {
  return runInInvocationScope({ request: null, lambdaContext: context ?? null }, fn);
}
