import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketAPI, WebsocketDisconnectedError } from '../../../../src/runtime/index.js';
import type { WebsocketConnectionClient, WebsocketConnectionInfo } from '../../../../src/runtime/websocket-api.js';

type Call = [operation: string, connectionId: string, data?: string];

/** An in-memory management API: records calls, fails like API Gateway when told to. */
class FakeManagementApi implements WebsocketConnectionClient {
  readonly calls: Call[] = [];
  failure: unknown;
  info: WebsocketConnectionInfo = {
    ConnectedAt: new Date('2024-05-01T12:00:00Z'),
    Identity: { SourceIp: '203.0.113.10', UserAgent: 'wscat' },
    LastActiveAt: new Date('2024-05-01T12:05:00Z'),
  };
  async postToConnection(input: { ConnectionId: string; Data: Uint8Array }) {
    this.calls.push(['post', input.ConnectionId, Buffer.from(input.Data).toString('utf8')]);
    if (this.failure) throw this.failure;
  }
  async deleteConnection(input: { ConnectionId: string }) {
    this.calls.push(['delete', input.ConnectionId]);
    if (this.failure) throw this.failure;
  }
  async getConnection(input: { ConnectionId: string }) {
    this.calls.push(['get', input.ConnectionId]);
    if (this.failure) throw this.failure;
    return this.info;
  }
}

function configuredApi() {
  const api = new WebsocketAPI();
  const fake = new FakeManagementApi();
  const factoryCalls: [string, string][] = [];
  api.clientFactory = (endpoint, region) => {
    factoryCalls.push([endpoint, region]);
    return fake;
  };
  api.configure('abc123defg.execute-api.eu-central-1.amazonaws.com', 'dev');
  return { api, fake, factoryCalls };
}

const operations = {
  send: (api: WebsocketAPI, id: string) => api.send(id, 'hi'),
  close: (api: WebsocketAPI, id: string) => api.close(id),
  info: (api: WebsocketAPI, id: string) => api.info(id),
};

describe('WebsocketAPI before configure', () => {
  it.each([
    ['send', 'WebsocketAPI needs to be configured before sending messages.'],
    ['close', 'WebsocketAPI needs to be configured before closing connections.'],
    ['info', 'WebsocketAPI needs to be configured before getting connection info.'],
  ] as const)('%s rejects with %j and says how to fix it', async (operation, message) => {
    const api = new WebsocketAPI();
    api.clientFactory = () => new FakeManagementApi();
    const attempt = operations[operation](api, 'C1=');
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(/app\.websocketApi\.configure\(domainName, stage\)/);
  });

  it('works with only endpointUrl set (local mode)', async () => {
    const api = new WebsocketAPI();
    const fake = new FakeManagementApi();
    api.clientFactory = () => fake;
    api.endpointUrl = 'http://localhost:8000/dev/';
    expect(api.endpoint).toBe('http://localhost:8000/dev');
    await api.send('C1=', 'hi');
    expect(fake.calls).toEqual([['post', 'C1=', 'hi']]);
  });

  it.each([
    ['', 'dev'],
    ['abc.execute-api.us-east-1.amazonaws.com', ''],
  ])('configure(%j, %j) is a TypeError', (domainName, stage) => {
    expect(() => new WebsocketAPI().configure(domainName, stage)).toThrow(TypeError);
  });
});

describe('WebsocketAPI with a client', () => {
  it('sends text as UTF-8 bytes and bytes unchanged', async () => {
    const { api, fake } = configuredApi();
    await api.send('C1=', 'héllo ✓');
    await api.send('C2=', new TextEncoder().encode('raw'));
    expect(fake.calls).toEqual([
      ['post', 'C1=', 'héllo ✓'],
      ['post', 'C2=', 'raw'],
    ]);
  });

  it('closes connections and returns connection info', async () => {
    const { api, fake } = configuredApi();
    await api.close('C1=');
    await expect(api.info('C2=')).resolves.toEqual(fake.info);
    expect(fake.calls).toEqual([
      ['delete', 'C1='],
      ['get', 'C2='],
    ]);
  });

  it('builds one client per endpoint, with the region of the execute-api domain when AWS_REGION is unset', async () => {
    const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      const { api, factoryCalls } = configuredApi();
      await api.send('C1=', 'a');
      await api.send('C2=', 'b');
      api.configure('zyx987.execute-api.eu-central-1.amazonaws.com', 'prod');
      await api.send('C3=', 'c');
      expect(factoryCalls).toEqual([
        ['https://abc123defg.execute-api.eu-central-1.amazonaws.com/dev', 'eu-central-1'],
        ['https://zyx987.execute-api.eu-central-1.amazonaws.com/prod', 'eu-central-1'],
      ]);
    } finally {
      if (saved[0] !== undefined) process.env.AWS_REGION = saved[0];
      if (saved[1] !== undefined) process.env.AWS_DEFAULT_REGION = saved[1];
    }
  });

  describe.each(['send', 'close', 'info'] as const)('%s on a gone connection', (operation) => {
    it.each([
      ['an SDK GoneException', Object.assign(new Error('GoneException'), { name: 'GoneException', $metadata: { httpStatusCode: 410 } })],
      ['any error with $metadata.httpStatusCode 410', Object.assign(new Error('gone'), { $metadata: { httpStatusCode: 410 } })],
      ['any error with statusCode 410', Object.assign(new Error('gone'), { statusCode: 410 })],
    ])('turns %s into WebsocketDisconnectedError(connectionId)', async (_what, failure) => {
      const { api, fake } = configuredApi();
      fake.failure = failure;
      const error = await operations[operation](api, 'Gone1=').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebsocketDisconnectedError);
      expect((error as WebsocketDisconnectedError).connectionId).toBe('Gone1=');
    });

    it('lets other failures through unchanged', async () => {
      const { api, fake } = configuredApi();
      fake.failure = Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } });
      await expect(operations[operation](api, 'C1=')).rejects.toBe(fake.failure);
    });
  });

  it('retries creating the client after the factory failed', async () => {
    const api = new WebsocketAPI();
    const fake = new FakeManagementApi();
    let attempts = 0;
    api.clientFactory = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('no credentials');
      return fake;
    };
    api.configure('abc.execute-api.us-east-1.amazonaws.com', 'dev');
    await expect(api.send('C1=', 'a')).rejects.toThrow('no credentials');
    await api.send('C1=', 'b');
    expect(fake.calls).toEqual([['post', 'C1=', 'b']]);
  });
});

describe('WebsocketAPI with the AWS SDK client against an HTTP management API', () => {
  const requests: { method: string; url: string; body: string }[] = [];
  let server: Server;
  let endpoint: string;
  const savedEnv: Record<string, string | undefined> = {};
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined };

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  beforeAll(async () => {
    for (const [key, value] of Object.entries(env)) {
      savedEnv[key] = process.env[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    server = createServer(async (req, res) => {
      const body = await read(req);
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      // API Gateway's management API: 410 + GoneException for connections that are gone.
      if (req.url?.includes('Gone')) {
        res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
        res.end('{}');
      } else if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ connectedAt: '2024-05-01T12:00:00Z', identity: { sourceIp: '203.0.113.10', userAgent: 'wscat' }, lastActiveAt: '2024-05-01T12:05:00Z' }));
      } else {
        res.writeHead(req.method === 'DELETE' ? 204 : 200);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('posts, deletes and gets @connections and maps 410 to WebsocketDisconnectedError', async () => {
    const api = new WebsocketAPI();
    api.endpointUrl = endpoint;
    await api.send('Abc1=', 'hello');
    await api.close('Abc1=');
    const info = await api.info('Abc1=');
    const gone = await api.send('Gone2=', 'x').catch((e: unknown) => e);

    expect(requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}`)).toEqual([
      'POST /dev/@connections/Abc1=',
      'DELETE /dev/@connections/Abc1=',
      'GET /dev/@connections/Abc1=',
      'POST /dev/@connections/Gone2=',
    ]);
    expect(requests[0].body).toBe('hello');
    expect(info.Identity).toEqual({ SourceIp: '203.0.113.10', UserAgent: 'wscat' });
    expect(info.ConnectedAt?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(gone).toBeInstanceOf(WebsocketDisconnectedError);
    expect((gone as WebsocketDisconnectedError).connectionId).toBe('Gone2=');
  });
});
