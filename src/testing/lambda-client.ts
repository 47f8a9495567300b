/**
 * `client.lambda`: invoke any of the app's Lambda functions by resource name with a raw
 * event, through the same entry point the deployed function runs (`app.lambdaHandler`), with
 * a fake Lambda context and the function's environment variables from the project config.
 */
import type { LambdaContext } from '../runtime/index.js';

/** What `client.lambda.invoke` returns. */
export interface InvokeResponse {
  /** The function's return value as returned (not round-tripped through JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads into it freely, like Chalice's payload
  readonly payload: any;
}

export interface LambdaInvoker {
  readonly assertUsable: () => void;
  readonly handlerFor: (name: string) => (event: unknown, context?: LambdaContext | null) => Promise<unknown>;
  readonly contextFor: (name: string) => LambdaContext;
  readonly around: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
}

export class TestLambdaClient {
  readonly #invoker: LambdaInvoker;

  /** @internal Created by `Client`. */
  constructor(invoker: LambdaInvoker) {
    this.#invoker = invoker;
  }

  /**
   * Invokes the function called `functionName` (`api_handler`, an authorizer, an event
   * handler, a `lambdaFunction`, `websocket_message`…) with `payload` as the event.
   * An error thrown by the function rejects the returned promise, so tests see it as is.
   */
  async invoke(functionName: string, payload: unknown = {}): Promise<InvokeResponse> {
    this.#invoker.assertUsable();
    const handler = this.#invoker.handlerFor(functionName);
    const result = await this.#invoker.around(functionName, () => handler(payload, this.#invoker.contextFor(functionName)));
    return { payload: result };
  }
}
