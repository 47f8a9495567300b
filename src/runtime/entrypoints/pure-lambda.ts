/**
 * Entry point of an `app.lambdaFunction` Lambda: the handler gets the raw event and context
 * and its result goes back unchanged. `pure_lambda` middleware sees a `LambdaFunctionEvent`
 * and may replace it before calling on.
 */
import type { Chalice } from '../app.js';
import { LambdaFunctionEvent } from '../events/lambda-function-event.js';
import type { LambdaContext } from '../lambda-context.js';
import type { LambdaFunctionEntry } from '../resources.js';
import { createMiddlewareChain, runInLambdaScope } from './middleware-chain.js';

export type PureLambdaEntryPoint = (event: unknown, context?: LambdaContext | null) => Promise<unknown>;

export function createPureLambdaHandler(app: Chalice, entry: LambdaFunctionEntry): PureLambdaEntryPoint {
  // Lambda always passes a context; only local callers may omit it.
  const run = createMiddlewareChain(app, 'pure_lambda', (event: LambdaFunctionEvent) => entry.handler(event.event, event.context as LambdaContext));
  return (event, context) => runInLambdaScope(context, async () => run(new LambdaFunctionEvent(event, context ?? null)));
}
