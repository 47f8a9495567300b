/**
 * Middleware: `(event, next) => result` functions wrapped around a handler, outermost
 * first in registration order. One chain builder serves every kind of Lambda.
 */
import type { Awaitable } from './resources.js';

export const MIDDLEWARE_EVENT_TYPES = [
  'all',
  'http',
  's3',
  'sns',
  'sqs',
  'cloudwatch',
  'scheduled',
  'kinesis',
  'dynamodb',
  'websocket',
  'pure_lambda',
] as const;
export type MiddlewareEventType = (typeof MIDDLEWARE_EVENT_TYPES)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MiddlewareFunction<E = any, R = any> = (event: E, next: (event: E) => Promise<R>) => Awaitable<R>;

export interface MiddlewareEntry {
  readonly eventType: MiddlewareEventType;
  readonly fn: MiddlewareFunction;
}

/** Wraps `handler` in the middleware that applies to `eventType`. */
export function composeMiddleware<E, R>(
  middleware: readonly MiddlewareEntry[],
  eventType: Exclude<MiddlewareEventType, 'all'>,
  handler: (event: E) => Awaitable<R>,
): (event: E) => Promise<R> {
  const applicable = middleware.filter((m) => m.eventType === 'all' || m.eventType === eventType);
  let next = async (event: E): Promise<R> => handler(event);
  for (let i = applicable.length - 1; i >= 0; i--) {
    const fn = applicable[i].fn as MiddlewareFunction<E, R>;
    const inner = next;
    next = async (event: E) => fn(event, inner);
  }
  return next;
}

/** A Lambda-wrapping function `(handler) => (event, context) => …` as middleware. */
export type LambdaWrapper = (
  handler: (event: unknown, context: unknown) => Awaitable<unknown>,
) => (event: unknown, context: unknown) => Awaitable<unknown>;

export class ConvertToMiddleware {
  constructor(readonly wrapper: LambdaWrapper) {}
}
