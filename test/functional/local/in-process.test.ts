/**
 * `chalice local --in-process`: the app runs on the server's own thread. What a sandbox keeps
 * still holds (each function's environment variables and lambda_timeout, `app.currentRequest`
 * per request, results as JSON, reloads); what it cannot contain is reported, not fatal where
 * it can be caught. The per-function cases run in both modes, so the two cannot drift apart;
 * the HTTP behaviour suites run against this mode too (test/contract/local-server-in-process.test.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}

describe('chalice local --in-process', () => {
  let projectDir: string;
  let local: ChaliceLocal;

  beforeAll(async () => {
    projectDir = copyFixture('server-app');
    local = await startChaliceLocal(projectDir, ['--no-autoreload', '--in-process']);
    await local.waitFor(/In-process \(--in-process\): no Lambda sandboxes/);
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  it('serves the app with the stage environment variables', async () => {
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { hello: 'world' } });
    expect(await get(`${local.url}/env`)).toEqual({ status: 200, body: { value: 'from-config' } });
  });

  it('keeps app.currentRequest per request when concurrent requests share the one copy of the app', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => get(`${local.url}/whoami?id=${i}`)));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => ({ status: 200, body: { asked: String(i), seen: String(i) } })));
  });

  it('fails an invocation still running at lambda_timeout with 502, says so, and drops its late result', async () => {
    const from = local.stderr.length;
    // lambda_timeout is 2 s; the view sleeps 5.
    const started = Date.now();
    expect(await get(`${local.url}/sleep`)).toEqual({ status: 502, body: { message: 'Internal server error' } });
    expect(Date.now() - started).toBeLessThan(4500);
    await local.waitFor(/api_handler timed out after 2 s \(its lambda_timeout\); with --in-process its code may still be running \(answered 502\)/, { from: local.stdout.length });
    expect(local.stderr.slice(from)).not.toMatch(/please report this/);
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { hello: 'world' } });
  });

  it('reports what the app throws outside any invocation as the app\'s, and keeps serving', async () => {
    const from = local.stderr.length;
    expect(await get(`${local.url}/stray`)).toEqual({ status: 200, body: { ok: true } });
    await local.waitFor(/Uncaught exception in the app \(running in-process; chalice local keeps running\): Error: stray timer error/, { from: local.stdout.length });
    await local.waitFor(/Unhandled promise rejection in the app \(running in-process; chalice local keeps running\): Error: stray rejection/, { from: local.stdout.length });
    expect(local.stderr.slice(from)).not.toMatch(/please report this/);
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { hello: 'world' } });
    expect(local.child.exitCode).toBeNull();
  });

  it('answers a view that throws with 500, as the runtime does in a sandbox', async () => {
    expect(await get(`${local.url}/boom`)).toEqual({ status: 500, body: { Code: 'InternalServerError', Message: 'An internal server error occurred.' } });
  });
});

// Run in both modes: what --in-process keeps must match what a sandbox does.
describe.each([
  ['in sandboxes', []],
  ['--in-process', ['--in-process']],
])('chalice local (%s) with functions configured differently', (_mode, modeArgs: string[]) => {
  let projectDir: string;
  let local: ChaliceLocal;

  const APP = `import { Chalice } from 'chalice-ts';
export const app = new Chalice({ appName: 'env-app' });
const atLoad = process.env.SHARED ?? null;
app.route('/', function index() {
  return { shared: process.env.SHARED ?? null, own: process.env.OWN ?? null, atLoad };
});
app.lambdaFunction(function other() {
  return { shared: process.env.SHARED ?? null, own: process.env.OWN ?? null, when: new Date(0) };
});
app.lambdaFunction(function quick() {
  return new Promise(() => {});
});
app.lambdaFunction(function cyclic() {
  const result: Record<string, unknown> = {};
  result.self = result;
  return result;
});
`;

  beforeAll(async () => {
    projectDir = mkdtempSync(join(tmpdir(), 'chalice-in-process-'));
    mkdirSync(join(projectDir, '.chalice'));
    writeFileSync(join(projectDir, 'app.ts'), APP);
    writeFileSync(
      join(projectDir, '.chalice', 'config.json'),
      JSON.stringify({
        version: '2.0',
        app_name: 'env-app',
        environment_variables: { SHARED: 'stage' },
        lambda_functions: { other: { environment_variables: { OWN: 'other-only' } }, quick: { lambda_timeout: 1 } },
      }),
    );
    local = await startChaliceLocal(projectDir, ['--no-autoreload', '--no-schedules', ...modeArgs]);
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  const invoke = async (name: string) => {
    const response = await fetch(`${local.url}/2015-03-31/functions/${name}/invocations`, { method: 'POST', body: '{}' });
    return { status: response.status, error: response.headers.get('x-amz-function-error'), body: (await response.json()) as unknown };
  };

  it('gives each function its own environment variables, as its sandbox would have them (the app\'s top-level code too)', async () => {
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { shared: 'stage', own: null, atLoad: 'stage' } });
    // The result crosses as JSON, as from Lambda: the Date arrives as a string.
    expect(await invoke('other')).toEqual({ status: 200, error: null, body: { shared: 'stage', own: 'other-only', when: '1970-01-01T00:00:00.000Z' } });
    // Back on the API handler, the other function's variable is gone again.
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { shared: 'stage', own: null, atLoad: 'stage' } });
  });

  it('fails an invocation whose result cannot be serialized to JSON, saying so', async () => {
    const answer = await invoke('cyclic');
    expect(answer).toMatchObject({ status: 200, error: 'Unhandled', body: { errorMessage: expect.stringMatching(/^The result could not be serialized to JSON: Converting circular structure to JSON/) } });
  });

  it("applies each function's own lambda_timeout", async () => {
    const from = local.stdout.length;
    const answer = await invoke('quick');
    expect(answer.status).toBe(200);
    expect(answer.error).toBe('Unhandled');
    await local.waitFor(/quick timed out after 1 s \(its lambda_timeout\)/, { from });
  });
});

describe('chalice local --in-process when the app calls process.exit()', () => {
  it('stops, and says that the app ended it and how to contain that', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload', '--in-process']);
    try {
      await fetch(`${local.url}/crash/exit`).catch(() => undefined);
      expect(await local.exited).toBe(3);
      expect(local.stderr).toMatch(/chalice local stopped: the app called process\.exit\(3\), which with --in-process ends the server \(without --in-process it fails only that request\)/);
    } finally {
      await local.stop('SIGKILL');
      removeDir(projectDir);
    }
  });

  it('says nothing of the kind when it stops on Ctrl+C', async () => {
    const projectDir = copyFixture('server-app');
    const local = await startChaliceLocal(projectDir, ['--no-autoreload', '--in-process']);
    try {
      expect(await local.stop('SIGINT')).toBe(0);
      expect(local.stderr).not.toMatch(/the app called process\.exit/);
    } finally {
      removeDir(projectDir);
    }
  });
});
