/**
 * The example page (examples/sdk-page/web) in a real headless Chromium: the page is served from
 * its own origin by web/serve.mjs and calls `chalice local` on another origin through the
 * generated client.js, so CORS preflights, JSON bodies, path parameters, the API-key header
 * and typed errors all go through a browser's fetch.
 *
 * Needs Debian's `chromium` (/usr/bin/chromium; `.ci/run` installs it); skipped without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { startChaliceLocal, type ChaliceLocal } from '../local/chalice-process.js';
import { copySdkExample } from './sdk-example.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`Skipping the browser test of the typed client: ${CHROMIUM} is missing (apt-get install chromium)`);

/** Starts `node web/serve.mjs --port 0` and resolves with its URL. */
async function serveWeb(project: string): Promise<{ readonly url: string; readonly child: ChildProcess }> {
  const child = spawn(process.execPath, [join(project, 'web/serve.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /on (http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`web/serve.mjs exited (${code}) before serving: ${text}`)));
  });
  return { url, child };
}

describe.skipIf(!hasChromium)('the example page in headless Chromium', { timeout: 60_000 }, () => {
  let local: ChaliceLocal;
  let web: { readonly url: string; readonly child: ChildProcess };
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const project = copySdkExample();
    local = await startChaliceLocal(project, ['--no-autoreload', '--api-key', 'sekret']);
    web = await serveWeb(project);
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(tempDir('chalice-ts-chromium-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${web.url}?api=${encodeURIComponent(local.url)}`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await context?.close();
    web?.child.kill();
    await local?.stop();
    removeTempDirs();
  });

  it('adds todos through the client (a cross-origin JSON POST) and lists them', async () => {
    for (const title of ['buy milk', 'walk dog']) {
      await page.fill('#title', title);
      await page.click('#add-form button');
      await page.waitForSelector(`#todos li:has-text("${title}")`);
    }
    expect(await page.locator('#todos li span').allTextContents()).toEqual(['#1 buy milk', '#2 walk dog']);
    expect(await page.textContent('#status')).toBe('');
  });

  it('updates (PUT with a path parameter) and deletes (204) a todo', async () => {
    await page.check('#todos li[data-id="1"] input[type=checkbox]');
    await page.waitForSelector('#todos li.done[data-id="1"]');
    await page.click('#todos li[data-id="2"] button');
    await page.waitForSelector('#todos li[data-id="2"]', { state: 'detached' });
    expect(await page.locator('#todos li span').allTextContents()).toEqual(['#1 buy milk']);
  });

  it("shows Chalice's errors as the client's typed exceptions", async () => {
    await page.fill('#find-id', '42');
    await page.click('#find-form button');
    await expect.poll(() => page.textContent('#status')).toBe('NotFoundError (404): No todo 42');
    await page.fill('#title', '   ');
    await page.click('#add-form button');
    await expect.poll(() => page.textContent('#status')).toBe('BadRequestError (400): Send a JSON body like {"title": "buy milk"}');
  });

  it('sends the API key as x-api-key (a CORS-preflighted header)', async () => {
    // Without a key API Gateway answers 403 itself, without CORS headers, so the browser's
    // fetch sees only a network error, as it would against a deployed API.
    await page.click('#stats-form button');
    await expect.poll(() => page.textContent('#status')).toMatch(/^Request failed: .* \(the API is unreachable, or answered without CORS headers\)$/);
    await page.fill('#api-key', 'sekret');
    await page.click('#stats-form button');
    await expect.poll(() => page.textContent('#stats')).toBe('1 of 1 done');
    expect(await page.textContent('#status')).toBe('');
    expect(pageErrors).toEqual([]);
    // The page loaded the generated client.js, not some other copy.
    // (A string, so vitest's transform leaves the dynamic import alone.)
    expect(await page.evaluate("import('./sdk/client.js').then((m) => typeof m.TodosClient)")).toBe('function');
  });
});
