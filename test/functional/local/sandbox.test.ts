/**
 * `chalice local` runs the app in Lambda-like sandboxes: whatever one invocation does to its
 * sandbox (exit, crash, spin past its timeout) fails that invocation with API Gateway's 502,
 * is reported on the console with the function's name and why, and nothing else is affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function get(url: string): Promise<Answer> {
  const response = await fetch(url);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}

describe('chalice local contains what a view does to its sandbox', () => {
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

  it.each([
    ['calls process.exit()', 'exit', /api_handler exited \(process\.exit\(3\) in the app\) \(answered 502\)/],
    ['throws from a timer', 'timer', /api_handler crashed with an uncaught exception: Error: timer went off\n\s+at .*app\.ts:\d+:\d+[\s\S]*?\(answered 502\)/],
    ['leaves a promise rejection unhandled', 'rejection', /api_handler crashed with an unhandled promise rejection: Error: nobody caught this[\s\S]*?\(answered 502\)/],
  ])('a view that %s fails that request alone with 502, and the console says why', async (_case, how, consoleLine) => {
    const from = local.stderr.length;
    // Another request in flight in another sandbox while this one goes down.
    const bystander = get(`${local.url}/slow/1500`);
    await local.waitFor(/slow 1500 started/, { from: local.stdout.length });
    const crashed = await get(`${local.url}/crash/${how}`);
    expect(crashed).toEqual({ status: 502, body: { message: 'Internal server error' } });
    expect(local.stderr.slice(from)).toMatch(consoleLine);
    expect(await bystander).toEqual({ status: 200, body: { slept: 1500 } });
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { hello: 'world' } });
    expect(local.child.exitCode).toBeNull();
  });

  it('a view that spins the CPU past lambda_timeout gets 502 at the timeout while other clients are served', async () => {
    const from = local.stderr.length;
    const order: string[] = [];
    const spinning = get(`${local.url}/crash/spin`).then((answer) => {
      order.push('spin');
      return answer;
    });
    await local.waitFor(/crash spin starting/, { from: 0 });
    const other = await get(`${local.url}/`);
    order.push('other');
    expect(other.status).toBe(200);
    // lambda_timeout is 2 s; the view would spin for 20.
    expect(await spinning).toEqual({ status: 502, body: { message: 'Internal server error' } });
    expect(order).toEqual(['other', 'spin']);
    await local.waitFor(/api_handler timed out after 2 s \(its lambda_timeout\); the sandbox was stopped/, { from: local.stdout.length });
    expect(local.stderr.slice(from)).toMatch(/api_handler timed out/);
    expect(await get(`${local.url}/`)).toEqual({ status: 200, body: { hello: 'world' } });
  });

  it('runs each invocation with the stage environment variables in the sandbox', async () => {
    expect(await get(`${local.url}/env`)).toEqual({ status: 200, body: { value: 'from-config' } });
  });
});
