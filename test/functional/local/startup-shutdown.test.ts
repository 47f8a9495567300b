import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, runChalice, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

describe('chalice local start-up and shutdown', () => {
  let projectDir: string;
  let local: ChaliceLocal;

  beforeAll(async () => {
    projectDir = copyFixture('server-app');
    local = await startChaliceLocal(projectDir);
    await local.waitFor(/Press Ctrl\+C to stop/);
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  it('prints the bound URL as the first line', () => {
    expect(local.stdout.split('\n')[0]).toMatch(/^Serving on http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.url).not.toMatch(/:0$/);
  });

  it('lists every route with its method, and the websocket endpoint', () => {
    expect(local.stdout).toMatch(new RegExp(`GET\\s+${local.url}/whoami`));
    expect(local.stdout).toMatch(new RegExp(`POST\\s+${local.url}/echo`));
    expect(local.stdout).toContain(`${local.url.replace('http', 'ws')}/ws`);
  });

  it('warns about authorizers that cannot run locally', async () => {
    const [line] = await local.waitFor(/^Warning:.*$/m);
    expect(line).toMatch(/IAM|sigv4/i);
    expect(line).toContain('--allow-unsupported-authorizers');
  });

  it('warns that the websocket handlers need the WEBSOCKETS feature flag, and serves them anyway', async () => {
    await local.waitFor(/^Warning: The app registers websocket handlers.*experimentalFeatureFlags\.add\('WEBSOCKETS'\)/m);
    expect(local.stdout).toContain(`${local.url.replace('http', 'ws')}/ws`);
  });

  it('serves the app', async () => {
    const response = await fetch(`${local.url}/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: 'world' });
  });

  it('sets the environment variables of the stage from .chalice/config.json', async () => {
    const response = await fetch(`${local.url}/env`);
    expect(await response.json()).toEqual({ value: 'from-config' });
  });

  it('refuses IAM-authorized routes with 401 by default, saying so on every request', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${local.url}/iam`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { message: string }).message).toContain('restart chalice local with --allow-unsupported-authorizers');
    }
    await local.waitFor(/request refused with 401[\s\S]*request refused with 401/);
  });

  it('exits 0 on SIGTERM after closing the server', async () => {
    const url = local.url;
    expect(await local.stop('SIGTERM')).toBe(0);
    expect(local.stdout).toMatch(/shutting down/i);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('chalice local options and failures', () => {
  it('exits 0 on SIGINT', async () => {
    const projectDir = copyFixture('server-app');
    try {
      const local = await startChaliceLocal(projectDir, ['--no-autoreload']);
      expect(await local.stop('SIGINT')).toBe(0);
    } finally {
      removeDir(projectDir);
    }
  });

  it('lets IAM-authorized routes through with --allow-unsupported-authorizers', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--allow-unsupported-authorizers', '--no-autoreload']);
    try {
      const response = await fetch(`${local.url}/iam`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ secret: true });
    } finally {
      await local.stop();
      removeDir(projectDir);
    }
  });

  it('starts anyway when the app throws at load time, answering 500 until it is fixed', async () => {
    const projectDir = copyFixture('server-app');
    appendFileSync(join(projectDir, 'app.ts'), "\nthrow new Error('broken at start-up');\n");
    const local = await startChaliceLocal(projectDir);
    try {
      await local.waitFor(/Error: app\.ts failed while loading \(at app\.ts:\d+:\d+\): broken at start-up/);
      const response = await fetch(`${local.url}/`);
      expect(response.status).toBe(500);
      expect(await response.text()).toContain('broken at start-up');
    } finally {
      await local.stop();
      removeDir(projectDir);
    }
  });

  it('exits 2 when the app throws at load time and --no-autoreload is given', async () => {
    const projectDir = copyFixture('server-app');
    appendFileSync(join(projectDir, 'app.ts'), "\nthrow new Error('broken at start-up');\n");
    try {
      const result = await runChalice(['--project-dir', projectDir, 'local', '--port', '0', '--no-autoreload']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('broken at start-up');
    } finally {
      removeDir(projectDir);
    }
  });

  it.each([
    ['a missing project directory', ['--project-dir', '/nonexistent/chalice-project', 'local', '--port', '0'], /does not exist/],
    ['an unknown stage', ['--project-dir', 'examples/hello', 'local', '--port', '0', '--stage', 'nope'], /stages\.nope.*not defined/],
    ['an invalid port', ['--project-dir', 'examples/hello', 'local', '--port', 'abc'], /port number/],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    const result = await runChalice(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).not.toMatch(/Serving on/);
  });
});
