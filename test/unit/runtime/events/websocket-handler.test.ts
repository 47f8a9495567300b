import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Chalice,
  ForbiddenError,
  MIDDLEWARE_EVENT_TYPES,
  Response,
  UnauthorizedError,
  WebsocketDisconnectedError,
  WebsocketEvent,
} from '../../../../src/runtime/index.js';
import type { WebsocketConnectionClient } from '../../../../src/runtime/websocket-api.js';
import { handlerResultToWebsocketResult, managementDomainName } from '../../../../src/runtime/entrypoints/websocket.js';
import { lambdaContext, websocketEvent } from './aws-samples.js';

/** Records what handlers send; `gone` connections answer like API Gateway does (410). */
class FakeConnections implements WebsocketConnectionClient {
  readonly sent: { endpoint: string; connectionId: string; text: string }[] = [];
  readonly gone = new Set<string>();
  constructor(readonly endpoint: string) {}
  async postToConnection(input: { ConnectionId: string; Data: Uint8Array }) {
    if (this.gone.has(input.ConnectionId)) throw Object.assign(new Error('410'), { name: 'GoneException' });
    this.sent.push({ endpoint: this.endpoint, connectionId: input.ConnectionId, text: Buffer.from(input.Data).toString('utf8') });
  }
  async deleteConnection() {}
  async getConnection() {
    return {};
  }
}

let savedRegion: string | undefined;
beforeEach(() => {
  savedRegion = process.env.AWS_REGION;
  process.env.AWS_REGION = 'us-west-2';
});
afterEach(() => {
  if (savedRegion === undefined) delete process.env.AWS_REGION;
  else process.env.AWS_REGION = savedRegion;
});

function echoApp() {
  const app = new Chalice({ appName: 'chat' });
  const clients: FakeConnections[] = [];
  app.websocketApi.clientFactory = (endpoint) => {
    const client = new FakeConnections(endpoint);
    clients.push(client);
    return client;
  };
  return { app, clients };
}

describe.each([
  ['connect', 'websocket_connect', 'CONNECT', undefined],
  ['message', 'websocket_message', 'MESSAGE', '{"text":"hi"}'],
  ['disconnect', 'websocket_disconnect', 'DISCONNECT', undefined],
] as const)('the websocket %s entry point (%s)', (route, functionName, eventType, body) => {
  const register = (app: Chalice, handler: (event: WebsocketEvent) => unknown) => {
    if (route === 'connect') app.onWsConnect({ name: 'handle' }, handler);
    else if (route === 'message') app.onWsMessage({ name: 'handle' }, handler);
    else app.onWsDisconnect({ name: 'handle' }, handler);
  };

  it('passes a WebsocketEvent, sets app.lambdaContext and answers { statusCode: 200 }', async () => {
    const app = new Chalice({ appName: 'chat' });
    const seen: unknown[] = [];
    register(app, (event) => {
      seen.push(event, app.lambdaContext);
    });
    const context = lambdaContext(`chat-dev-${functionName}`);
    await expect(app.lambdaHandler(functionName)(websocketEvent(eventType, body), context)).resolves.toEqual({ statusCode: 200 });
    expect(seen[0]).toBeInstanceOf(WebsocketEvent);
    expect((seen[0] as WebsocketEvent).eventType).toBe(eventType);
    expect(seen[1]).toBe(context);
  });

  it("runs 'all' and 'websocket' middleware only", async () => {
    const app = new Chalice({ appName: 'chat' });
    const ran: string[] = [];
    register(app, () => {
      ran.push('handler');
    });
    for (const type of MIDDLEWARE_EVENT_TYPES) {
      app.middleware(type, (event, next) => {
        ran.push(type);
        return next(event);
      });
    }
    await app.lambdaHandler(functionName)(websocketEvent(eventType, body));
    expect(ran).toEqual(['all', 'websocket', 'handler']);
  });

  it('configures app.websocketApi from the event before the handler runs', async () => {
    const app = new Chalice({ appName: 'chat' });
    let endpoint: string | undefined;
    register(app, () => {
      endpoint = app.websocketApi.endpoint;
    });
    await app.lambdaHandler(functionName)(websocketEvent(eventType, body, { stage: 'prod' }));
    expect(endpoint).toBe('https://abc123defg.execute-api.us-west-2.amazonaws.com/prod');
  });
});

describe('websocket handlers sending messages', () => {
  it('can reply on the same connection through app.websocketApi', async () => {
    const { app, clients } = echoApp();
    app.onWsMessage(async function message(event) {
      await app.websocketApi.send(event.connectionId, `echo: ${event.body}`);
    });
    await app.lambdaHandler('websocket_message')(websocketEvent('MESSAGE', 'hello', { connectionId: 'C1=' }));
    expect(clients.flatMap((c) => c.sent)).toEqual([
      { endpoint: 'https://abc123defg.execute-api.us-west-2.amazonaws.com/dev', connectionId: 'C1=', text: 'echo: hello' },
    ]);
  });

  it('sees WebsocketDisconnectedError for a client that is gone', async () => {
    const { app, clients } = echoApp();
    const disconnected: string[] = [];
    app.onWsMessage(async function message(event) {
      for (const id of ['alive=', 'gone=']) {
        try {
          await app.websocketApi.send(id, String(event.body));
        } catch (error) {
          if (!(error instanceof WebsocketDisconnectedError)) throw error;
          disconnected.push(error.connectionId);
        }
      }
    });
    const handler = app.lambdaHandler('websocket_message');
    await handler(websocketEvent('MESSAGE', 'warm-up', { connectionId: 'alive=' }));
    clients[0].gone.add('gone=');
    await expect(handler(websocketEvent('MESSAGE', 'broadcast'))).resolves.toEqual({ statusCode: 200 });
    expect(disconnected).toEqual(['gone=']);
    expect(clients[0].sent.map((s) => `${s.connectionId}:${s.text}`)).toEqual(['alive=:warm-up', 'gone=:warm-up', 'alive=:broadcast']);
  });
});

describe('websocket handler results and errors', () => {
  it.each<[string, unknown, unknown]>([
    ['nothing', undefined, { statusCode: 200 }],
    ['a string', 'ignored', { statusCode: 200 }],
    ['an object without statusCode', { body: 'welcome' }, { statusCode: 200, body: 'welcome' }],
    ['an object with statusCode', { statusCode: 204 }, { statusCode: 204 }],
    [
      'a Response',
      new Response({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v1' }, body: { ok: true } }),
      { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v1' }, body: '{"ok":true}' },
    ],
    [
      'a Response with a binary body and list headers',
      new Response({ statusCode: 200, headers: { 'X-Tag': ['a', 'b'] }, body: Buffer.from([1, 2]) }),
      { statusCode: 200, headers: {}, multiValueHeaders: { 'X-Tag': ['a', 'b'] }, body: 'AQI=', isBase64Encoded: true },
    ],
  ])('returning %s answers %j', async (_what, returned, expected) => {
    expect(handlerResultToWebsocketResult(returned)).toEqual(expected);
    const app = new Chalice({ appName: 'chat' });
    app.onWsConnect(function connect() {
      return returned;
    });
    await expect(app.lambdaHandler('websocket_connect')(websocketEvent('CONNECT'))).resolves.toEqual(expected);
  });

  it.each([
    [new UnauthorizedError('missing token'), 401, { Code: 'UnauthorizedError', Message: 'missing token' }],
    [new ForbiddenError('banned'), 403, { Code: 'ForbiddenError', Message: 'banned' }],
  ])('maps a thrown %s to its status so API Gateway rejects the connection', async (error, statusCode, body) => {
    const app = new Chalice({ appName: 'chat' });
    app.onWsConnect(function connect() {
      throw error;
    });
    const result = (await app.lambdaHandler('websocket_connect')(websocketEvent('CONNECT'))) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(statusCode);
    expect(JSON.parse(result.body)).toEqual(body);
  });

  it('lets other errors fail the invocation', async () => {
    const app = new Chalice({ appName: 'chat' });
    const failure = new Error('database down');
    app.onWsMessage(function message() {
      throw failure;
    });
    await expect(app.lambdaHandler('websocket_message')(websocketEvent('MESSAGE', 'x'))).rejects.toBe(failure);
  });

  it('maps a BadRequestError from jsonBody to 400', async () => {
    const app = new Chalice({ appName: 'chat' });
    app.onWsMessage(function message(event) {
      return { statusCode: 200, body: JSON.stringify(event.jsonBody) };
    });
    const result = (await app.lambdaHandler('websocket_message')(websocketEvent('MESSAGE', 'not json'))) as { statusCode: number };
    expect(result.statusCode).toBe(400);
  });
});

describe('managementDomainName', () => {
  const event = (domainName: string, apiId = 'abc123defg') => {
    const raw = websocketEvent('MESSAGE', 'x', { domainName });
    return new WebsocketEvent({ ...raw, requestContext: { ...raw.requestContext, apiId } });
  };

  it.each([
    ['abc123defg.execute-api.us-west-2.amazonaws.com', 'us-west-2', 'abc123defg.execute-api.us-west-2.amazonaws.com'],
    ['ws.example.com', 'us-west-2', 'abc123defg.execute-api.us-west-2.amazonaws.com'],
    ['ws.example.cn', 'cn-north-1', 'abc123defg.execute-api.cn-north-1.amazonaws.com.cn'],
    ['ws.example.com', undefined, 'ws.example.com'],
    ['localhost:8000', 'us-west-2', 'localhost:8000'],
    ['127.0.0.1:8000', 'us-west-2', '127.0.0.1:8000'],
  ])('a client on %s in region %s is answered through %s', (domainName, region, expected) => {
    expect(managementDomainName(event(domainName), region)).toBe(expected);
  });
});
