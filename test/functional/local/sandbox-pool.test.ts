/**
 * The sandbox pool under concurrent load: work handed ahead to busy sandboxes is taken back,
 * handed elsewhere and run exactly once; a sandbox that dies fails only the invocation it had
 * started. Runs the built worker (dist/), like the other functional tests.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleApp, type AppBundle } from '../../../src/project/app-loader.js';
import { createFunctionPool, SandboxFailure, type FunctionPool } from '../../../src/local/sandbox/function-pool.js';
import { assertBuilt, removeDir, REPO_ROOT } from './chalice-process.js';

const WORKER = pathToFileURL(join(REPO_ROOT, 'dist', 'local', 'sandbox', 'sandbox-worker.js'));

interface Job {
  readonly id: number;
  readonly ms: number;
  readonly crash: boolean;
}

function poolOptions(bundle: AppBundle): Omit<Parameters<typeof createFunctionPool>[0], 'onFailure'> {
  return {
    workerFile: WORKER,
    workerData: { bundleFile: bundle.file, projectDir: bundle.root, entryFile: bundle.entryFile, dependencies: bundle.dependencies, functionName: 'work', stage: 'dev', timeoutSeconds: 10, memoryMb: 128, describe: false },
    env: process.env,
    queueLimitMs: Infinity,
    websocketClient: () => {
      throw new Error('no websockets here');
    },
  };
}

describe('the sandboxes of one function', () => {
  let projectDir: string;
  let bundle: AppBundle;
  let pool: FunctionPool;
  const failures: SandboxFailure[] = [];

  beforeAll(async () => {
    assertBuilt();
    projectDir = mkdtempSync(join(tmpdir(), 'chalice-pool-'));
    cpSync(fileURLToPath(new URL('./fixtures/pool-app', import.meta.url)), projectDir, { recursive: true });
    bundle = await bundleApp(projectDir, { chaliceTsSource: join(REPO_ROOT, 'dist') });
    pool = createFunctionPool({ ...poolOptions(bundle), maxSandboxes: 3, onFailure: (failure) => failures.push(failure) });
  });

  afterAll(async () => {
    await pool?.close();
    removeDir(projectDir);
  });

  it('runs every invocation exactly once, and fails only those whose sandbox died under them', async () => {
    const job = fc.record({
      ms: fc.constantFrom(0, 0, 0, 1, 2, 40),
      crash: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      // Issued over a few event-loop turns, so results, hand-overs and take-backs interleave.
      after: fc.constantFrom(0, 0, 1, 2),
    });
    let nextId = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(job, { minLength: 10, maxLength: 60 }), async (shapes) => {
        const jobs: Job[] = shapes.map(({ ms, crash }) => ({ id: ++nextId, ms, crash }));
        const outcomes = await Promise.allSettled(
          jobs.map(async (each, i) => {
            if (shapes[i].after > 0) await new Promise((resolve) => setTimeout(resolve, shapes[i].after));
            return pool.invoke(JSON.stringify(each));
          }),
        );
        outcomes.forEach((outcome, i) => {
          if (jobs[i].crash) {
            expect(outcome.status).toBe('rejected');
            expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(SandboxFailure);
            expect(((outcome as PromiseRejectedResult).reason as SandboxFailure).reason).toBe('exit');
          } else {
            expect(outcome).toEqual({ status: 'fulfilled', value: { id: jobs[i].id } });
          }
        });
      }),
      { numRuns: 8, seed: 7 },
    );
    expect(failures.every((failure) => failure.reason === 'exit')).toBe(true);
  });

  it('starts more sandboxes for a burst of short invocations instead of queueing them behind one another (as Lambda scales out)', async () => {
    const burstPool = createFunctionPool({ ...poolOptions(bundle), maxSandboxes: 4, onFailure: () => undefined });
    try {
      const answers = (await Promise.all(Array.from({ length: 60 }, (_, i) => burstPool.invoke(JSON.stringify({ id: i, ms: 15, who: true }))))) as { id: number; thread: number }[];
      expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      expect(new Set(answers.map((a) => a.thread)).size).toBeGreaterThan(1);
    } finally {
      await burstPool.close();
    }
  });
});
