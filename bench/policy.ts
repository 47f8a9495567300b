/**
 * IAM policy analysis on a large generated app: the analysis `chalice package`, `gen-policy`
 * and `deploy` run (`analyzeSdkUsage`), against the cost of merely reading and tokenizing the
 * same files, in one run.
 * Run: `node --import tsx bench/policy.ts [runs] [lines]` (defaults: 5 runs, 10,000 lines).
 *
 * The app comes from the test generator (test/unit/policy/support/large-app.ts): many modules
 * that import each other in a cycle, hundreds of routes, the same names re-defined in every
 * function and chains of aliases, the shapes that once made the analysis exponential. Printed:
 * the median analysis time per 1,000 lines, the median read+tokenize time per 1,000 lines, and
 * their ratio; then the same for a quarter, half and twice the size, where a flat ms/1,000 lines
 * shows that the analysis is linear. Every run also checks that the analysis found exactly the
 * actions the generator placed. No assertions on time: the numbers are for people.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeSdkUsage } from '../src/build/policy/index.js';
import { tokenize } from '../src/build/policy/js-tokenizer.js';
import { generateLargeApp, removeProject, writeProject, type GeneratedApp } from '../test/unit/policy/support/large-app.js';

const RUNS = Number(process.argv[2] ?? 5);
const LINES = Number(process.argv[3] ?? 10_000);
const MODULES_PER_10K_LINES = 40;

export interface PolicyBenchRow {
  readonly lines: number;
  readonly modules: number;
  readonly routes: number;
  /** Median over runs, milliseconds. */
  readonly analysisMs: number;
  readonly baselineMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The generated app closest to `lines` lines from above. */
function appOfSize(lines: number): GeneratedApp {
  const modules = Math.max(2, Math.round((lines / 10_000) * MODULES_PER_10K_LINES));
  for (let operationsPerModule = 1; ; operationsPerModule++) {
    const app = generateLargeApp({ modules, operationsPerModule, aliasChain: 20, seed: 7 });
    if (app.lines >= lines) return app;
  }
}

export async function benchPolicy(lines = LINES, runs = RUNS): Promise<PolicyBenchRow> {
  const app = appOfSize(lines);
  const dir = await writeProject(app.files, 'chalice-ts-bench-policy-');
  try {
    const files = [...app.files.keys()].map((file) => path.join(dir, file));
    const analysisMs: number[] = [];
    const baselineMs: number[] = [];
    // One untimed round of each warms up esbuild's service and the JIT.
    for (let run = -1; run < runs; run++) {
      // Interleaved, so that machine noise hits both alike.
      let started = performance.now();
      let tokens = 0;
      for (const file of files) tokens += tokenize(await readFile(file, 'utf8')).length;
      const baseline = performance.now() - started;

      started = performance.now();
      const usage = await analyzeSdkUsage('app.ts', { projectDir: dir });
      const analysis = performance.now() - started;
      if (JSON.stringify(usage.actions) !== JSON.stringify(app.actions) || usage.warnings.length > 0 || tokens === 0) {
        throw new Error(`the analysis of the ${app.lines}-line app found ${usage.actions.join(', ')} (${usage.warnings.length} warnings), expected ${app.actions.join(', ')}`);
      }
      if (run < 0) continue;
      baselineMs.push(baseline);
      analysisMs.push(analysis);
    }
    return { lines: app.lines, modules: app.files.size, routes: app.routes, analysisMs: median(analysisMs), baselineMs: median(baselineMs) };
  } finally {
    await removeProject(dir);
  }
}

function perThousand(ms: number, lines: number): number {
  return (ms / lines) * 1000;
}

function report(main: PolicyBenchRow, scaling: readonly PolicyBenchRow[]): void {
  const analysis = perThousand(main.analysisMs, main.lines);
  const baseline = perThousand(main.baselineMs, main.lines);
  console.log(`policy analysis — generated app, ${main.lines} lines, ${main.modules} files, ${main.routes} routes (median of ${RUNS} runs, node ${process.versions.node})`);
  console.log(`  ${'analyzeSdkUsage (package / gen-policy / deploy)'.padEnd(50)} ${analysis.toFixed(2).padStart(8)} ms per 1,000 lines  (${main.analysisMs.toFixed(0)} ms)`);
  console.log(`  ${'baseline: read + tokenize the same files'.padEnd(50)} ${baseline.toFixed(2).padStart(8)} ms per 1,000 lines  (${main.baselineMs.toFixed(0)} ms)`);
  console.log(`  ${'ratio analysis / baseline'.padEnd(50)} ${(analysis / baseline).toFixed(1).padStart(8)}×`);
  console.log('  scaling (flat ms per 1,000 lines = linear):');
  for (const row of [...scaling, main].sort((a, b) => a.lines - b.lines)) {
    const perK = perThousand(row.analysisMs, row.lines);
    const ratio = row.analysisMs / row.baselineMs;
    console.log(`    ${String(row.lines).padStart(6)} lines  ${perK.toFixed(2).padStart(8)} ms per 1,000 lines  ${ratio.toFixed(1).padStart(6)}× baseline`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const main = await benchPolicy();
  const scaling: PolicyBenchRow[] = [];
  for (const factor of [0.25, 0.5, 2]) scaling.push(await benchPolicy(Math.round(LINES * factor), Math.max(1, Math.ceil(RUNS / 2))));
  report(main, scaling);
}
