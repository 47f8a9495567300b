/**
 * `npm run bench`: runs every benchmark in `bench/`, one after another, each in its own Node
 * process (so one benchmark's JIT state, heap and open handles cannot skew the next), with
 * its output streamed as it comes, then prints a summary and exits non-zero if any failed.
 *
 *   npm run bench                     every benchmark
 *   npm run bench -- local invoke     only these, in the order given
 *   npm run bench -- local -- 5 3     arguments after `--` go to each benchmark run
 *
 * A benchmark is any `bench/<name>.ts` found when the runner starts; adding a file adds a
 * benchmark. Not benchmarks: this runner, a file another bench file imports (`./stats.js`),
 * files whose name starts with `_`, files named `helpers.ts`/`*-helpers.ts` (or `utils`, `lib`,
 * `shared`, `common`), declaration files, and anything in a subdirectory. `npm run bench` builds `dist/`
 * first (`prebench`), since some benchmarks run the built `chalice` command.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Benchmark {
  /** File name without `.ts`, as given on the command line. */
  readonly name: string;
  readonly file: string;
}

export interface BenchmarkResult {
  readonly name: string;
  /** The exit code, or null when the process was ended by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly seconds: number;
}

const RUNNER = basename(import.meta.filename);
const REPO_ROOT = resolve(import.meta.dirname, '..');
const HELPER = /^(_.*|(.*[-.])?(helpers?|utils?|lib|shared|common))\.ts$/;

/** Relative imports of sibling files: `from './stats.js'`, `import('./stats')`. */
const SIBLING_IMPORT = /(?:\bfrom|\bimport\s*\(?)\s*['"]\.\/([^'"/]+?)(?:\.[cm]?[jt]s)?['"]/g;

/** The benchmarks in `dir`, sorted by name. */
export function findBenchmarks(dir: string): Benchmark[] {
  const candidates = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => ({ name: entry.name.slice(0, -'.ts'.length), file: join(dir, entry.name) }));
  const imported = new Set(candidates.flatMap((c) => [...readFileSync(c.file, 'utf8').matchAll(SIBLING_IMPORT)].map((m) => m[1])));
  return candidates
    .filter((c) => `${c.name}.ts` !== RUNNER && !HELPER.test(`${c.name}.ts`) && !imported.has(c.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export class UsageError extends Error {}

/** The benchmarks named in `names` (all of them when none is named); an unknown name is a UsageError. */
export function selectBenchmarks(all: readonly Benchmark[], names: readonly string[]): Benchmark[] {
  if (names.length === 0) return [...all];
  return names.map((raw) => {
    const name = basename(raw).replace(/\.ts$/, ''); // `bench/local.ts` and `local` both work
    const found = all.find((b) => b.name === name);
    if (!found) throw new UsageError(`No benchmark named "${raw}"; the benchmarks are: ${all.map((b) => b.name).join(', ')}`);
    return found;
  });
}

/** Splits `[names…] [-- args…]`. */
export function parseArgs(argv: readonly string[]): { names: string[]; args: string[] } {
  const dash = argv.indexOf('--');
  return dash === -1 ? { names: [...argv], args: [] } : { names: argv.slice(0, dash), args: argv.slice(dash + 1) };
}

/** tsx's loader as a file URL: resolved here, not by the child from its cwd, so any benchmark file works. */
function tsxLoader(): string {
  return import.meta.resolve('tsx');
}

/** Runs one benchmark with tsx in a child process that shares this terminal. */
function runOne(benchmark: Benchmark, args: readonly string[]): Promise<BenchmarkResult> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', tsxLoader(), benchmark.file, ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
    const done = (code: number | null, signal: NodeJS.Signals | null): void =>
      resolvePromise({ name: benchmark.name, code, signal, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => {
      process.stderr.write(`Could not start ${benchmark.name}: ${error.message}\n`);
      done(127, null);
    });
    child.on('close', done);
  });
}

function status(result: BenchmarkResult): string {
  if (result.signal) return `failed (killed by ${result.signal})`;
  return result.code === 0 ? 'ok' : `failed (exit code ${result.code})`;
}

/** The summary table printed after the last benchmark. */
export function formatSummary(results: readonly BenchmarkResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length), 'benchmark'.length);
  const failed = results.filter((r) => r.code !== 0);
  return [
    '',
    `Summary: ${results.length - failed.length} of ${results.length} benchmark${results.length === 1 ? '' : 's'} succeeded`,
    ...results.map((r) => `  ${r.name.padEnd(width)}  ${`${r.seconds.toFixed(1)} s`.padStart(8)}  ${status(r)}`),
    ...(failed.length > 0 ? [`Failed: ${failed.map((r) => r.name).join(', ')}`] : []),
    '',
  ].join('\n');
}

/** Runs the selected benchmarks in order; resolves to the process exit code. */
export async function main(argv: readonly string[], benchDir: string): Promise<number> {
  const { names, args } = parseArgs(argv);
  let selected: Benchmark[];
  try {
    selected = selectBenchmarks(findBenchmarks(benchDir), names);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    return 2;
  }
  if (selected.length === 0) {
    process.stderr.write(`Error: no benchmarks in ${benchDir}\n`);
    return 2;
  }
  const results: BenchmarkResult[] = [];
  for (const [i, benchmark] of selected.entries()) {
    process.stdout.write(`\n=== [${i + 1}/${selected.length}] ${benchmark.name} (bench/${basename(benchmark.file)}) ===\n`);
    const result = await runOne(benchmark, args);
    results.push(result);
    // Ctrl+C reaches the benchmark too (same process group): stop rather than start the next.
    if (result.signal === 'SIGINT') break;
  }
  process.stdout.write(formatSummary(results));
  return results.length === selected.length && results.every((r) => r.code === 0) ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Ctrl+C ends the running benchmark (it shares the terminal); the runner stays to print the summary.
  process.on('SIGINT', () => undefined);
  // BENCH_DIR lets the runner's own tests point it at a directory of stand-in benchmarks.
  process.exitCode = await main(process.argv.slice(2), resolve(process.env.BENCH_DIR ?? import.meta.dirname));
}
