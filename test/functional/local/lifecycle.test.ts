/**
 * `chalice local` start-up errors, bad listen addresses, a project that disappears, and
 * shutdown (Ctrl+C / SIGTERM) with requests in flight.
 */
import { createServer, type Server } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, removeDir, runChalice, startChaliceLocal } from './chalice-process.js';

const BROKEN_APPS: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['a syntax error', "import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'x' });\napp.route('/', function index() {\n", /Cannot build the app in .*: app\.ts:\d+:\d+: Unexpected end of file/],
  [
    'an import of a package that is not installed',
    "import { Chalice } from 'chalice-ts';\nimport pad from 'no-such-package-anywhere';\nexport const app = new Chalice({ appName: 'x' });\napp.route('/', function index() { return { pad: pad('x') }; });\n",
    /app\.ts imports "no-such-package-anywhere", which is not installed in .*; run `npm install no-such-package-anywhere`/,
  ],
  [
    'a registration error',
    "import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'x' });\napp.route('/', () => 1);\n",
    /app\.ts failed while loading \(at app\.ts:3:5\): route \/: the handler is an anonymous function/,
  ],
  ['a missing export', "import { Chalice } from 'chalice-ts';\nconst app = new Chalice({ appName: 'x' });\nvoid app;\n", /app\.ts does not export an app/],
];

describe('chalice local start-up errors', () => {
  it.each(BROKEN_APPS)('reports %s once, without internal paths, and serves 500 until fixed', async (_case, source, message) => {
    const projectDir = copyFixture('server-app');
    writeFileSync(join(projectDir, 'app.ts'), source);
    const local = await startChaliceLocal(projectDir);
    try {
      await local.waitFor(message);
      await local.waitFor(/Reloading on changes/);
      // A round trip, so anything printed after the first report has arrived too.
      expect((await fetch(`${local.url}/`)).status).toBe(500);
      const matches = local.output.match(new RegExp(message.source, 'g')) ?? [];
      expect(matches).toHaveLength(1);
      expect(local.output).not.toMatch(/\.chalice\/\.cache|file:\/\/|node:internal/);
      expect(local.output.match(/Every request is answered with 500/g)).toHaveLength(1);
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });

  it.each(BROKEN_APPS)('exits 2 with one line for %s under --no-autoreload', async (_case, source, message) => {
    const projectDir = copyFixture('server-app');
    writeFileSync(join(projectDir, 'app.ts'), source);
    try {
      const result = await runChalice(['--project-dir', projectDir, 'local', '--port', '0', '--no-autoreload']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      removeDir(projectDir);
    }
  });
});

describe('chalice local listen errors', () => {
  it.each([
    ['an address that is not an IP', ['--host', '999.1.1.1'], /--host 999\.1\.1\.1 is neither an IP address nor a name that resolves/],
    ['a name that does not resolve', ['--host', 'no-such-host.invalid'], /--host no-such-host\.invalid is neither an IP address nor a name that resolves/],
    ['a port out of range', ['--port', '70000'], /port number from 0 to 65535/],
    ['a --jwks file that does not exist', ['--jwks', 'no-such-jwks.json'], /Cannot read the JWKS file .*no-such-jwks\.json: .*point --jwks at a JSON file/],
    ['a --jwks file that is not JSON', ['--jwks', 'package.json'], /The JWKS from .*package\.json is not a JSON Web Key Set/],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    const result = await runChalice(['--project-dir', 'examples/hello', 'local', '--port', '0', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line when the port is in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await runChalice(['--project-dir', 'examples/hello', 'local', '--port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use; pass another with --port`));
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      taken.close();
    }
  });
});

describe('chalice local when its project directory disappears', () => {
  it('stops with a message saying so', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir);
    try {
      await local.waitFor(/Reloading on changes/);
      rmSync(projectDir, { recursive: true, force: true });
      expect(await local.exited).toBe(2);
      expect(local.stderr).toMatch(/The project directory .* was removed while serving; chalice local stopped/);
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });
});

describe('chalice local shutdown', () => {
  it('lets a request in flight finish, then exits 0', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload', '--stage', 'patient']);
    try {
      const answer = fetch(`${local.url}/slow/1000`);
      await local.waitFor(/slow 1000 started/);
      const exited = local.stop('SIGTERM');
      const response = await answer;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ slept: 1000 });
      expect(await exited).toBe(0);
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });

  it('answers 503 to a request still running at the end of the grace period', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload', '--stage', 'patient']);
    try {
      const answer = fetch(`${local.url}/slow/15000`);
      await local.waitFor(/slow 15000 started/);
      const exited = local.stop('SIGINT');
      const response = await answer;
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ message: 'Service Unavailable: chalice local is shutting down' });
      expect(await exited).toBe(0);
      expect(local.output).toMatch(/1 request still running at the end of the grace period; answered 503/);
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });

  it('exits at once on a second Ctrl+C', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload', '--stage', 'patient']);
    try {
      const answer = fetch(`${local.url}/slow/15000`).then((response) => response.status, () => 'connection closed');
      await local.waitFor(/slow 15000 started/);
      local.child.kill('SIGINT');
      await local.waitFor(/shutting down/);
      local.child.kill('SIGINT');
      const code = await local.exited;
      expect(code, local.output + String(local.child.signalCode)).toBe(130);
      expect(await answer).toBe('connection closed');
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });
});
