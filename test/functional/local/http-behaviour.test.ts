import { Agent, request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

const MB = 1024 * 1024;

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly localPort: number;
}

/** One request with node:http (fetch hides the connection details these tests look at). */
function send(url: string, options: { method?: string; path: string; headers?: Record<string, string | number>; agent?: Agent; write?: (req: ReturnType<typeof request>) => void }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${options.path}`, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      const localPort = res.socket?.localPort ?? 0;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), localPort }));
      res.on('error', reject);
    });
    // The server may answer and hang up before the client has sent everything (413).
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.write) options.write(req);
    else req.end();
  });
}

/** Writes raw bytes on a fresh TCP connection and returns everything the server sends back. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('chalice local HTTP behaviour', () => {
  let projectDir: string;
  let local: ChaliceLocal;

  beforeAll(async () => {
    projectDir = copyFixture('server-app');
    local = await startChaliceLocal(projectDir, ['--no-autoreload']);
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  it('accepts a body the Lambda can take (base64-encoded, under its 6 MB event limit)', async () => {
    const body = Buffer.alloc(4 * MB, 1);
    const answer = await send(local.url, { method: 'POST', path: '/echo', headers: { 'content-type': 'application/octet-stream', 'content-length': body.length }, write: (req) => req.end(body) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ bytes: body.length });
  });

  it("passes a body just under 10 MB on to the gateway, where Lambda's 6 MB event limit refuses it", async () => {
    const body = Buffer.alloc(10 * MB - 1024, 1);
    const answer = await send(local.url, { method: 'POST', path: '/echo', headers: { 'content-type': 'application/octet-stream', 'content-length': body.length }, write: (req) => req.end(body) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: 'Request Too Long' });
  });

  it('answers 413 to a declared body over 10 MB without waiting for it', async () => {
    const answer = await send(local.url, {
      method: 'POST',
      path: '/echo',
      headers: { 'content-type': 'application/octet-stream', 'content-length': 11 * MB },
      write: (req) => req.write(Buffer.alloc(1024)), // never finishes the declared body
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['content-type']).toBe('text; charset=utf-8');
    expect(answer.body).toBe('HTTP content length exceeded 10485760 bytes.');
  });

  it('answers 413 to a chunked body once it passes 10 MB', async () => {
    const chunk = Buffer.alloc(MB, 2);
    const answer = await send(local.url, {
      method: 'POST',
      path: '/echo',
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      write: (req) => {
        for (let i = 0; i < 12; i++) req.write(chunk);
        req.end();
      },
    });
    expect(answer.status).toBe(413);
  });

  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    ['an invalid header line', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'],
    ['a negative Content-Length', 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'],
  ])('answers 400 to %s', async (_case, bytes) => {
    const received = await rawExchange(local.url, bytes);
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers 400 to a malformed request path', async () => {
    const answer = await send(local.url, { path: '/%zz' });
    expect(answer.status).toBe(400);
  });

  it('keeps serving after a handler throws', async () => {
    const failed = await send(local.url, { path: '/boom' });
    expect(failed.status).toBe(500);
    const after = await send(local.url, { path: '/' });
    expect(after.status).toBe(200);
  });

  it('reports app code that fails outside a request, and serves the next request from a fresh sandbox', async () => {
    expect((await send(local.url, { path: '/stray' })).status).toBe(200);
    // The unhandled rejection ends that sandbox (as it ends a Lambda runtime) before the timer fires.
    await local.waitFor(/api_handler crashed with an unhandled promise rejection: Error: stray rejection/);
    expect((await send(local.url, { path: '/' })).status).toBe(200);
  });

  it('answers 502 like API Gateway when a handler runs past lambda_timeout (the Lambda fails)', async () => {
    const answer = await send(local.url, { path: '/sleep' });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ message: 'Internal server error' });
    expect((await send(local.url, { path: '/' })).status).toBe(200);
  });

  it('answers HEAD without a body, leaving the connection usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const head = await send(local.url, { method: 'HEAD', path: '/head', agent });
      expect(head.status).toBe(200);
      expect(head.headers['content-type']).toBe('application/json');
      expect(head.body).toBe('');
      const get = await send(local.url, { path: '/head', agent });
      expect(get.localPort).toBe(head.localPort);
      expect(JSON.parse(get.body)).toEqual({ method: 'GET' });
    } finally {
      agent.destroy();
    }
  });

  it('serves 100 concurrent keep-alive connections with isolated app.currentRequest', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    try {
      const round = () =>
        Promise.all(Array.from({ length: 100 }, (_, i) => send(local.url, { path: `/whoami?id=${i}`, agent })));
      const first = await round();
      first.forEach((answer, i) => {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toEqual({ asked: String(i), seen: String(i) });
      });
      const portsOfFirst = new Set(first.map((answer) => answer.localPort));
      expect(portsOfFirst.size).toBe(100);
      const second = await round();
      // Every request of the second round went over a connection opened in the first.
      expect(second.every((answer) => portsOfFirst.has(answer.localPort))).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});
