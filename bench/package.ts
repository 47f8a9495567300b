/**
 * `chalice package` on the hello fixture, and the cold-start cost of what it builds.
 * Run: `npx tsx bench/package.ts [runs] [init-samples]` (needs `npm run build`: the command runs
 * as users run it, `node bin/chalice.js`, in a fresh process each time).
 *
 * Reports, in one run:
 * - wall time of `chalice package` (median of `runs` fresh processes);
 * - the size of deployment.zip;
 * - module init time of the built app.mjs: in fresh `node` processes, `performance.now()`
 *   around `await import()` of the bundle, next to an empty module measured the same way
 *   (interleaved, median of each), and the ratio of the two.
 * Targets: ≤ 1 s wall, zip < 20 KB, init ≤ 1.5× the empty module. No assertions: the numbers
 * are for people, with their baseline from the same run.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CHALICE = join(ROOT, 'bin/chalice.js');
const HELLO = join(ROOT, 'test/fixtures/projects/hello');
const RUNS = Number(process.argv[2] ?? 5);
const INIT_SAMPLES = Number(process.argv[3] ?? 31);

// Runs in each fresh child: one timed dynamic import, the only work the child does.
const IMPORT_TIMER = "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";

export interface PackageBenchResult {
  readonly wallMs: number[];
  readonly zipBytes: number;
  readonly appInitMs: number[];
  readonly emptyInitMs: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeImport(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(file).href]);
  return Number(stdout);
}

export async function benchPackage(runs = RUNS, initSamples = INIT_SAMPLES): Promise<PackageBenchResult> {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'chalice-ts-bench-package-'));
  try {
    // A copy, so that writing .chalice/policy-dev.json does not touch the fixture. Outside the
    // repository the project does not resolve chalice-ts, so the command bundles its own dist/,
    // exactly what the fixture resolves through the package self-reference.
    const project = join(work, 'hello');
    cpSync(HELLO, project, { recursive: true, filter: (src) => !src.includes(join('.chalice', '.cache')) });

    const wallMs: number[] = [];
    let zip: Uint8Array = new Uint8Array();
    for (let i = 0; i < runs; i++) {
      const out = join(work, `out-${i}`);
      const started = performance.now();
      await run(process.execPath, [CHALICE, '--project-dir', project, 'package', out]);
      wallMs.push(performance.now() - started);
      zip = readFileSync(join(out, 'deployment.zip'));
    }

    const unzipped = join(work, 'task');
    for (const [path, data] of Object.entries(unzipSync(zip))) {
      if (path.endsWith('/')) continue;
      mkdirSync(dirname(join(unzipped, path)), { recursive: true });
      writeFileSync(join(unzipped, path), data);
    }
    const empty = join(unzipped, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const appInitMs: number[] = [];
    const emptyInitMs: number[] = [];
    for (let i = 0; i < initSamples; i++) {
      // Interleaved, so that machine noise hits both series alike.
      appInitMs.push(await timeImport(join(unzipped, 'app.mjs')));
      emptyInitMs.push(await timeImport(empty));
    }
    return { wallMs, zipBytes: zip.length, appInitMs, emptyInitMs };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(result: PackageBenchResult): void {
  const wall = median(result.wallMs);
  const app = median(result.appInitMs);
  const empty = median(result.emptyInitMs);
  const ratio = app / empty;
  const mark = (ok: boolean): string => (ok ? 'ok' : 'OVER TARGET');
  const rows = [
    ['chalice package wall (median)', `${wall.toFixed(0)} ms`, '≤ 1000 ms', mark(wall <= 1000)],
    ['deployment.zip size', `${result.zipBytes} B (${(result.zipBytes / 1024).toFixed(1)} KB)`, '< 20 KB', mark(result.zipBytes < 20 * 1024)],
    ['app.mjs init (median)', `${app.toFixed(2)} ms`, '', ''],
    ['empty module init (median)', `${empty.toFixed(2)} ms`, '', ''],
    ['init ratio app / empty', `${ratio.toFixed(2)}×`, '≤ 1.5×', mark(ratio <= 1.5)],
  ];
  console.log(`chalice package — hello fixture (${result.wallMs.length} runs, ${result.appInitMs.length} init samples each, node ${process.versions.node})`);
  for (const [name, value, target, verdict] of rows) console.log(`  ${name.padEnd(32)} ${value.padEnd(22)} ${target.padEnd(10)} ${verdict}`);
  console.log(`  wall runs: ${result.wallMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  report(await benchPackage());
}
