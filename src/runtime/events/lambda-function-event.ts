/** `LambdaFunctionEvent`: what `pure_lambda` middleware sees around an `app.lambdaFunction` handler. */
import type { LambdaContext } from '../lambda-context.js';
import { BaseLambdaEvent } from './base-event.js';

export class LambdaFunctionEvent<Event = unknown> extends BaseLambdaEvent<Event> {
  /** The original input event. */
  readonly event: Event;

  constructor(event: Event, context: LambdaContext | null = null) {
    super(event, context);
    this.event = event;
  }
}
