import { describe, expect, it } from 'vitest';
import { Chalice, ConvertToMiddleware, LambdaFunctionEvent, type LambdaContext } from '../../../../src/runtime/index.js';
import { lambdaContext } from './aws-samples.js';

function appWithFunction(handler: (event: unknown, context: LambdaContext) => unknown) {
  const app = new Chalice({ appName: 'pure' });
  app.lambdaFunction({ name: 'worker' }, handler);
  return app;
}

describe('the pure Lambda entry point', () => {
  it('calls the handler with the raw event and context and returns its result unchanged', async () => {
    const calls: unknown[][] = [];
    const app = appWithFunction((event, context) => {
      calls.push([event, context]);
      return { hello: 'world' };
    });
    const event = { orderId: 7 };
    const context = lambdaContext('pure-dev-worker');
    await expect(app.lambdaHandler('worker')(event, context)).resolves.toEqual({ hello: 'world' });
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe(event);
    expect(calls[0][1]).toBe(context);
  });

  it('sets app.lambdaContext during the call', async () => {
    const app = appWithFunction(() => app.lambdaContext?.awsRequestId);
    const context = lambdaContext();
    await expect(app.lambdaHandler('worker')(null, context)).resolves.toBe(context.awsRequestId);
    expect(app.lambdaContext).toBeUndefined();
  });

  it("gives 'pure_lambda' middleware a LambdaFunctionEvent and lets it change the response", async () => {
    const app = appWithFunction(() => ({ result: 1 }));
    const seen: unknown[] = [];
    app.middleware('pure_lambda', async (event: LambdaFunctionEvent, next) => {
      seen.push(event);
      const response = await next(event);
      return { ...response, metadata: { wrapped: true } };
    });
    const raw = { a: 1 };
    const context = lambdaContext();
    await expect(app.lambdaHandler('worker')(raw, context)).resolves.toEqual({ result: 1, metadata: { wrapped: true } });
    expect(seen[0]).toBeInstanceOf(LambdaFunctionEvent);
    expect((seen[0] as LambdaFunctionEvent).event).toBe(raw);
    expect((seen[0] as LambdaFunctionEvent).context).toBe(context);
  });

  it('passes on the event a middleware substitutes', async () => {
    const app = appWithFunction((event) => event);
    app.middleware('pure_lambda', (event: LambdaFunctionEvent<{ n: number }>, next) =>
      next(new LambdaFunctionEvent({ n: event.event.n * 10 }, event.context)),
    );
    await expect(app.lambdaHandler('worker')({ n: 4 })).resolves.toEqual({ n: 40 });
  });

  it.each<[string, boolean]>([
    ['all', true],
    ['pure_lambda', true],
    ['http', false],
    ['sqs', false],
    ['websocket', false],
  ])("runs '%s' middleware: %s", async (type, runs) => {
    const app = appWithFunction(() => 'plain');
    app.middleware(type as 'all', async () => 'intercepted');
    await expect(app.lambdaHandler('worker')({})).resolves.toBe(runs ? 'intercepted' : 'plain');
  });

  it('applies a ConvertToMiddleware wrapper around the function', async () => {
    const log: string[] = [];
    const logInvocation = (fn: (event: unknown, context: unknown) => unknown) => async (event: unknown, context: unknown) => {
      log.push(`before ${JSON.stringify(event)} ${(context as LambdaContext).functionName}`);
      const response = await fn(event, context);
      log.push('after');
      return response;
    };
    const app = appWithFunction((event) => {
      log.push('in function');
      return event;
    });
    app.registerMiddleware(new ConvertToMiddleware(logInvocation));
    await expect(app.lambdaHandler('worker')({ x: 1 }, lambdaContext('fn'))).resolves.toEqual({ x: 1 });
    expect(log).toEqual(['before {"x":1} fn', 'in function', 'after']);
  });

  it('propagates handler errors to the middleware and to Lambda', async () => {
    class MyCustomError extends Error {}
    const app = appWithFunction(() => {
      throw new MyCustomError('Raising an error.');
    });
    await expect(app.lambdaHandler('worker')({})).rejects.toThrow(MyCustomError);
    app.middleware('all', async (event, next) => {
      try {
        return await next(event);
      } catch (error) {
        return { Error: (error as Error).constructor.name, Message: (error as Error).message };
      }
    });
    await expect(app.lambdaHandler('worker')({})).resolves.toEqual({ Error: 'MyCustomError', Message: 'Raising an error.' });
  });
});
