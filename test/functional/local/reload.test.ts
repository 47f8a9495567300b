import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

/** Rewrites a project file and waits for the server to report the outcome. */
async function editAndWait(local: ChaliceLocal, file: string, edit: (text: string) => string, outcome: RegExp): Promise<void> {
  const from = local.stdout.length;
  const fromErr = local.stderr.length;
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (outcome.test(local.stdout.slice(from)) || outcome.test(local.stderr.slice(fromErr))) {
        clearInterval(poll);
        resolve();
      } else if (local.child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`chalice local exited:\n${local.output}`));
      }
    }, 20);
    setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`no ${outcome} after editing ${file}:\n${local.output}`));
    }, 15_000);
  });
}

async function getJson(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

// The same whether the app runs in sandboxes or on the server's thread (a new copy per load).
describe.each([
  ['in sandboxes', []],
  ['--in-process', ['--in-process']],
])('chalice local reload (%s)', (_mode, modeArgs: string[]) => {
  let projectDir: string;
  let local: ChaliceLocal;

  beforeAll(async () => {
    projectDir = copyFixture('server-app');
    local = await startChaliceLocal(projectDir, modeArgs);
    await local.waitFor(/Reloading on changes/);
  });

  afterAll(async () => {
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  it('serves the new app after app.ts changes', async () => {
    await editAndWait(local, join(projectDir, 'app.ts'), (text) => text.replace('{ hello: greeting }', "{ hello: greeting, edited: 'app' }"), /Reloaded in \d+ ms/);
    expect(JSON.parse((await getJson(`${local.url}/`)).body)).toEqual({ hello: 'world', edited: 'app' });
  });

  it('reloads when a module the app imports changes', async () => {
    await editAndWait(local, join(projectDir, 'chalicelib', 'greeting.ts'), () => "export const greeting = 'reloaded';\n", /Reloaded in \d+ ms/);
    expect(JSON.parse((await getJson(`${local.url}/`)).body)).toMatchObject({ hello: 'reloaded' });
  });

  it('reloads when .chalice/config.json changes, applying its environment variables', async () => {
    await editAndWait(local, join(projectDir, '.chalice', 'config.json'), (text) => text.replace('from-config', 'changed-config'), /Reloaded in \d+ ms/);
    expect(JSON.parse((await getJson(`${local.url}/env`)).body)).toEqual({ value: 'changed-config' });
  });

  it('answers 500 with the error while the app does not build, and recovers when fixed', async () => {
    const appFile = join(projectDir, 'app.ts');
    const good = readFileSync(appFile, 'utf8');
    await editAndWait(local, appFile, (text) => text.replace('function index() {', 'function index() {{{'), /Reload failed/);
    expect(local.child.exitCode).toBeNull();
    const broken = await getJson(`${local.url}/`);
    expect(broken.status).toBe(500);
    expect(broken.body).toMatch(/app\.ts:\d+:\d+/);
    expect((await getJson(`${local.url}/env`)).status).toBe(500);

    await editAndWait(local, appFile, () => good, /Reloaded in \d+ ms/);
    expect((await getJson(`${local.url}/`)).status).toBe(200);
  });

  it('answers 500 with the stack while the app throws at load time, and recovers when fixed', async () => {
    const appFile = join(projectDir, 'app.ts');
    const good = readFileSync(appFile, 'utf8');
    await editAndWait(local, appFile, (text) => `${text}\nthrow new Error('broken at import');\n`, /Reload failed/);
    const broken = await getJson(`${local.url}/`);
    expect(broken.status).toBe(500);
    expect(broken.body).toContain('broken at import');

    await editAndWait(local, appFile, () => good, /Reloaded in \d+ ms/);
    expect((await getJson(`${local.url}/`)).status).toBe(200);
  });
});
