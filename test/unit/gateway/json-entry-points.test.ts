/**
 * An app with `lambdaJsonHandler` (how `chalice local` reaches its sandboxes) gets the REST
 * event as JSON text through a callback, and the gateway answers exactly as it does for an
 * app reached through `lambdaHandler`.
 */
import { describe, expect, it } from 'vitest';
import { createApiGateway, type GatewayApp, type GatewayResponse } from '../../../src/local/gateway/index.js';
import { fakeApp, fakeClock, json, ok, request } from './fake-app.js';

type OnDone = (ok: boolean, valueOrError: unknown) => void;

/** The fake app with a JSON entry point that records the text it gets and answers as `answer` says. */
function jsonApp(answer: (eventJson: string, onDone: OnDone) => void): { app: GatewayApp; texts: string[] } {
  const app = fakeApp();
  app.addRoute({ path: '/items/{id}' });
  const texts: string[] = [];
  return {
    texts,
    app: {
      ...app,
      lambdaJsonHandler: () => (eventJson: string, onDone: OnDone) => {
        texts.push(eventJson);
        answer(eventJson, onDone);
      },
    },
  };
}

const settings = { clock: fakeClock(), newRequestId: () => 'req-1', timeoutMs: 50 };

describe('lambdaJsonHandler', () => {
  it('receives the text of the event lambdaHandler would receive, and the gateway answers alike', async () => {
    const { app, texts } = jsonApp((_, onDone) => onDone(true, ok({ from: 'json' })));
    const objectApp = fakeApp({ api_handler: async () => ok({ from: 'json' }) });
    objectApp.addRoute({ path: '/items/{id}' });
    const get = request('GET', '/items/7?q=1&q=2', { Host: 'localhost:8000', 'X-Many': ['a', 'b'] });
    const [viaText, viaObject] = await Promise.all([createApiGateway(app, settings).handle(get), createApiGateway(objectApp, settings).handle(get)]);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toBe(JSON.stringify(objectApp.events[0].event));
    expect(viaText).toEqual(viaObject);
    expect(json(viaText.body)).toEqual({ from: 'json' });
  });

  it.each<[string, (eventJson: string, onDone: OnDone) => void, number]>([
    ['an error passed back', (_, onDone) => onDone(false, new Error('boom')), 502],
    ['an error thrown at once', () => {
      throw new Error('boom');
    }, 502],
    ['a malformed result', (_, onDone) => onDone(true, { statusCode: 'x' }), 502],
    ['no answer before the integration timeout', () => {}, 504],
  ])('%s is answered %i', async (_, answer, status) => {
    const { app } = jsonApp(answer);
    const response = await createApiGateway(app, settings).handle(request('GET', '/items/1'));
    expect(response.statusCode).toBe(status);
  });

  it('drops a result that comes after the timeout, and answers once', async () => {
    let late: OnDone | undefined;
    const { app } = jsonApp((_, onDone) => (late = onDone));
    const answers: GatewayResponse[] = [];
    await new Promise<void>((resolve) =>
      createApiGateway(app, settings).answer(request('GET', '/items/1'), (response) => {
        answers.push(response);
        resolve();
      }),
    );
    late!(true, ok());
    late!(false, new Error('again'));
    expect(answers.map((response) => response.statusCode)).toEqual([504]);
  });

  it('answers synchronously when the entry point calls back synchronously', () => {
    const { app } = jsonApp((_, onDone) => onDone(true, ok()));
    const statuses: number[] = [];
    createApiGateway(app, settings).answer(request('GET', '/items/1'), (response) => statuses.push(response.statusCode));
    expect(statuses).toEqual([200]);
  });
});
