import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBenchmarks, formatSummary, parseArgs, selectBenchmarks } from '../../../bench/run.js';
import { REPO_ROOT, removeDir, runNode, type RunResult } from '../local/chalice-process.js';

const RUNNER = join(REPO_ROOT, 'bench', 'run.ts');

/** `node --import tsx bench/run.ts …args` with BENCH_DIR=dir, as `npm run bench -- …args` runs it. */
function runBench(dir: string, args: readonly string[]): Promise<RunResult> {
  return runNode(['--import', 'tsx', RUNNER, ...args], { env: { BENCH_DIR: dir } });
}

describe('bench/run.ts', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chalice-bench-'));
    const files: Record<string, string> = {
      // TypeScript syntax, so the test also shows each benchmark runs through tsx.
      'alpha.ts': "import { one } from './stats.js';\nconst n: number = one;\nconsole.log(`alpha ran in pid ${process.pid} with [${process.argv.slice(2).join(' ')}] ${n}`);\n",
      'beta.ts': "console.log(`beta ran in pid ${process.pid}`);\nprocess.exitCode = 3;\n",
      'gamma.ts': "console.log(`gamma ran in pid ${process.pid}`);\n",
      'run.ts': 'throw new Error("the runner is not a benchmark");\n',
      'stats.ts': 'export const one = 1;\n',
      '_timing.ts': 'throw new Error("a helper is not a benchmark");\n',
      'helpers.ts': 'throw new Error("a helper is not a benchmark");\n',
      'bench-utils.ts': 'throw new Error("a helper is not a benchmark");\n',
      'types.d.ts': 'export {};\n',
      'notes.md': 'not code\n',
      'lib/deep.ts': 'throw new Error("subdirectories hold helpers");\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  });

  afterAll(() => removeDir(dir));

  it('finds every bench/<name>.ts except itself and helpers (named so, or imported by another bench file)', () => {
    expect(findBenchmarks(dir).map((b) => b.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it("finds this repository's benchmarks, and new files without being told", () => {
    const names = findBenchmarks(join(REPO_ROOT, 'bench')).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining(['invoke', 'local', 'package']));
    expect(names).not.toContain('run');
  });

  it.each([
    { argv: [], names: [], args: [] },
    { argv: ['local'], names: ['local'], args: [] },
    { argv: ['local', 'invoke', '--', '5', '3'], names: ['local', 'invoke'], args: ['5', '3'] },
    { argv: ['--', '5'], names: [], args: ['5'] },
  ])('parses $argv', ({ argv, names, args }) => {
    expect(parseArgs(argv)).toEqual({ names, args });
  });

  it('selects named benchmarks in the order given and rejects unknown names', () => {
    const all = findBenchmarks(dir);
    expect(selectBenchmarks(all, ['gamma', 'bench/alpha.ts']).map((b) => b.name)).toEqual(['gamma', 'alpha']);
    expect(() => selectBenchmarks(all, ['alpah'])).toThrow('No benchmark named "alpah"; the benchmarks are: alpha, beta, gamma');
  });

  it('runs each benchmark in its own process, streams its output, summarises, and exits 1 when one failed', async () => {
    const result = await runBench(dir, []);
    expect(result.code).toBe(1);
    const out = result.stdout;
    const order = ['=== [1/3] alpha', 'alpha ran', '=== [2/3] beta', 'beta ran', '=== [3/3] gamma', 'gamma ran', 'Summary: 2 of 3 benchmarks succeeded'];
    const positions = order.map((text) => out.indexOf(text));
    expect(positions.every((p) => p >= 0), out).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const pids = new Set([...out.matchAll(/ran in pid (\d+)/g)].map((m) => m[1]));
    expect(pids.size).toBe(3);
    expect(out).toMatch(/^ {2}beta +\d+\.\d s {2}failed \(exit code 3\)$/m);
    expect(out).toMatch(/^ {2}alpha +\d+\.\d s {2}ok$/m);
    expect(out).toMatch(/^Failed: beta$/m);
  });

  it('runs only the benchmark named, passing arguments after --, and exits 0 when it succeeds', async () => {
    const result = await runBench(dir, ['alpha', '--', '5', '3']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('alpha ran');
    expect(result.stdout).toContain('with [5 3]');
    expect(result.stdout).not.toContain('beta ran');
    expect(result.stdout).toContain('Summary: 1 of 1 benchmark succeeded');
  });

  it('exits 2 naming the benchmarks for an unknown name', async () => {
    const result = await runBench(dir, ['nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('Error: No benchmark named "nope"; the benchmarks are: alpha, beta, gamma');
  });

  it('prints a failure killed by a signal', () => {
    expect(formatSummary([{ name: 'x', code: null, signal: 'SIGKILL', seconds: 1 }])).toContain('failed (killed by SIGKILL)');
  });
});
