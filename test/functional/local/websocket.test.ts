import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

/** A client that queues what it receives, so replies can be awaited in order. */
class TestClient {
  readonly received: string[] = [];
  #waiting: Array<(message: string) => void> = [];
  closed: Promise<{ code: number }>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(data.toString());
      else this.received.push(data.toString());
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
  }

  static open(url: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new TestClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  next(): Promise<string> {
    const queued = this.received.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async ask(message: string): Promise<string> {
    this.ws.send(message);
    return this.next();
  }
}

// The same behaviour whether the handlers run in sandboxes or on the server's thread.
describe.each([
  ['in sandboxes', []],
  ['--in-process', ['--in-process']],
])('chalice local websockets (%s)', (_mode, modeArgs: string[]) => {
  let projectDir: string;
  let local: ChaliceLocal;
  let wsUrl: string;

  beforeAll(async () => {
    projectDir = copyFixture('server-app');
    local = await startChaliceLocal(projectDir, ['--no-autoreload', ...modeArgs]);
    wsUrl = `${local.url.replace(/^http/, 'ws')}/ws`;
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  it('runs the message handler, which answers through app.websocketApi.send', async () => {
    const client = await TestClient.open(wsUrl);
    try {
      expect(await client.ask('hello')).toBe('echo: hello');
      expect(await client.ask('again')).toBe('echo: again');
    } finally {
      client.ws.close();
    }
  });

  it('answers app.websocketApi.info with the connection identity', async () => {
    const client = await TestClient.open(wsUrl);
    try {
      expect(JSON.parse(await client.ask('info'))).toEqual({ sourceIp: '127.0.0.1' });
    } finally {
      client.ws.close();
    }
  });

  it('raises WebsocketDisconnectedError when sending to an unknown connection', async () => {
    const client = await TestClient.open(wsUrl);
    try {
      expect(await client.ask('ghost')).toBe('ghost: WebsocketDisconnectedError');
    } finally {
      client.ws.close();
    }
  });

  it('closes the connection on app.websocketApi.close and runs the disconnect handler', async () => {
    const client = await TestClient.open(wsUrl);
    const id = await client.ask('whoami');
    client.ws.send('bye');
    expect((await client.closed).code).toBe(1000);
    await expect.poll(async () => ((await (await fetch(`${local.url}/disconnected`)).json()) as { ids: string[] }).ids).toContain(id);
  });

  it('runs the disconnect handler when the client hangs up', async () => {
    const client = await TestClient.open(wsUrl);
    const id = await client.ask('whoami');
    client.ws.close(1000, 'done');
    await client.closed;
    await expect.poll(async () => ((await (await fetch(`${local.url}/disconnected`)).json()) as { ids: string[] }).ids).toContain(id);
  });

  it('tells the client when the message handler fails, as API Gateway does, and keeps the connection', async () => {
    const client = await TestClient.open(wsUrl);
    try {
      expect(JSON.parse(await client.ask('fail'))).toMatchObject({ message: 'Internal server error' });
      await local.waitFor(/websocket_message: Error: message handler failed/);
      expect(await client.ask('still there?')).toBe('echo: still there?');
    } finally {
      client.ws.close();
    }
  });

  it('refuses the connection when the connect handler answers 403', async () => {
    await expect(TestClient.open(`${wsUrl}?reject=1`)).rejects.toThrow('HTTP 403');
  });

  it('answers 404 to an upgrade on any other path', async () => {
    await expect(TestClient.open(`${local.url.replace(/^http/, 'ws')}/other`)).rejects.toThrow('HTTP 404');
  });
});

describe('chalice local websockets at shutdown', () => {
  it('closes open connections with 1001 Going Away and exits 0', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload']);
    try {
      const client = await TestClient.open(`${local.url.replace(/^http/, 'ws')}/ws`);
      expect(await client.ask('hi')).toBe('echo: hi');
      const exited = local.stop('SIGTERM');
      expect((await client.closed).code).toBe(1001);
      expect(await exited).toBe(0);
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });
});
