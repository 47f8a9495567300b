/**
 * The `chalice local` vs bare `node:http` harness that bench/local.ts (a REST API app) and
 * bench/local-http-api.ts (an HTTP API app) share. Both servers run as child processes of this
 * one, which generates the load (all three share the machine's cores: on a 2-core machine the
 * load generator takes a good part of them). Each server gets a warm-up and then the same
 * load: keep-alive, 10 connections, a few seconds of GET /, in alternating rounds so a noisy
 * machine hits both alike. Printed: the median round of each (req/s, p50/p99 latency); the CPU
 * time per request of each server's main thread, of its other threads (for `chalice local` the
 * Lambda sandboxes, plus GC and I/O helpers) and of the load generator, from Linux's per-thread
 * accounting (much steadier than req/s when other work runs on the machine, so use it to
 * compare changes); and the ratio ours/bare as the median over rounds of each round's ratio
 * (a round measures both servers back to back, so drift in the machine's load cancels).
 * `chalice local` runs every request in a Lambda sandbox (a worker thread), so each request
 * crosses threads twice; on a machine whose cores are busy with other work that hop costs most,
 * hence the load average printed before and after (the ratio is only comparable between runs
 * under similar load).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 10;

export interface LocalBenchOptions {
  /** What is measured, shown after "chalice local", e.g. 'HTTP API'. */
  readonly label?: string;
  /** app.ts of the project `chalice local` serves. */
  readonly appSource: string;
  /** Its .chalice/config.json. */
  readonly config: Record<string, unknown>;
  /** The JSON body both servers answer GET / with (the app must answer the same). */
  readonly body: unknown;
  readonly seconds: number;
  readonly rounds: number;
}

/** The baseline: the same status, content type and body, nothing else. */
function bareServer(body: unknown): string {
  return `
const http = require('node:http');
const body = ${JSON.stringify(JSON.stringify(body))};
const server = http.createServer({ keepAlive: true }, (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('Serving on http://127.0.0.1:' + server.address().port));
`;
}

/** Starts a child that prints `Serving on <url>` and resolves with the URL. */
function startServer(args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Serving on (http:\/\/\S+)$/m.exec(output);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before serving:\n${output}`)));
  });
}

function load(url: string, seconds: number): Promise<AutocannonResult> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds });
}

/**
 * CPU time of each thread of a process so far (ns, from Linux's /proc/<pid>/task/<tid>/schedstat);
 * empty where there is no /proc. The main thread's id is the process id.
 */
function threadCpuNs(pid: number): Map<number, number> {
  const times = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return times;
  }
  for (const tid of tids) {
    try {
      times.set(Number(tid), Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return times;
}

/** CPU µs per request of one round: the main thread, and every other thread (sandboxes, GC, I/O). */
interface CpuPerRequest {
  readonly main: number;
  readonly others: number;
  /** This process: the load generator, which shares the machine's cores with the server. */
  readonly loadGenerator: number;
}

/** Runs one round against a server and measures what its threads spent per request. */
async function measuredLoad(server: { url: string; child: ChildProcess }, seconds: number): Promise<{ result: AutocannonResult; cpu: CpuPerRequest | undefined }> {
  const pid = server.child.pid!;
  const before = threadCpuNs(pid);
  const ownBefore = process.cpuUsage();
  const result = await load(server.url, seconds);
  const own = process.cpuUsage(ownBefore);
  const after = threadCpuNs(pid);
  if (after.size === 0 || result.requests.total === 0) return { result, cpu: undefined };
  let main = 0;
  let others = 0;
  for (const [tid, ns] of after) {
    const spent = ns - (before.get(tid) ?? 0);
    if (tid === pid) main += spent;
    else others += spent;
  }
  const perRequest = (ns: number): number => ns / 1000 / result.requests.total;
  return { result, cpu: { main: perRequest(main), others: perRequest(others), loadGenerator: perRequest((own.user + own.system) * 1000) } };
}

/** The round with the median throughput. */
function median(results: readonly AutocannonResult[]): AutocannonResult {
  return [...results].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)];
}

function medianOf(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function row(name: string, result: AutocannonResult): string {
  const rate = Math.round(result.requests.average).toString().padStart(8);
  return `${name.padEnd(26)}${rate} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   non-2xx ${result.non2xx}   errors ${result.errors}`;
}

/** Runs the comparison and prints it; resolves with the ratio ours/bare. */
export async function compareLocalWithBare(options: LocalBenchOptions): Promise<number> {
  const projectDir = mkdtempSync(join(tmpdir(), 'chalice-bench-'));
  mkdirSync(join(projectDir, '.chalice'));
  writeFileSync(join(projectDir, 'app.ts'), options.appSource);
  writeFileSync(join(projectDir, '.chalice', 'config.json'), JSON.stringify(options.config));
  const servers: ChildProcess[] = [];
  try {
    const bare = await startServer(['-e', bareServer(options.body)]);
    servers.push(bare.child);
    const ours = await startServer([join(REPO_ROOT, 'bin', 'chalice.js'), '--project-dir', projectDir, 'local', '--port', '0', '--no-autoreload']);
    servers.push(ours.child);

    const loadAverage = (): string => loadavg().map((value) => value.toFixed(1)).join(' ');
    console.log(`machine: ${availableParallelism()} cores, load average ${loadAverage()} (1/5/15 min)`);
    console.log(`GET / with ${CONNECTIONS} keep-alive connections, ${options.rounds} alternating rounds of ${options.seconds} s (after a 1 s warm-up each); median round:`);
    await load(bare.url, 1); // warm-up: JIT, caches
    await load(ours.url, 1);
    const bareRounds: AutocannonResult[] = [];
    const ourRounds: AutocannonResult[] = [];
    const bareCpu: CpuPerRequest[] = [];
    const ourCpu: CpuPerRequest[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const bareRound = await measuredLoad(bare, options.seconds);
      const ourRound = await measuredLoad(ours, options.seconds);
      bareRounds.push(bareRound.result);
      ourRounds.push(ourRound.result);
      if (bareRound.cpu) bareCpu.push(bareRound.cpu);
      if (ourRound.cpu) ourCpu.push(ourRound.cpu);
    }
    const ourName = options.label === undefined ? 'chalice local' : `chalice local (${options.label})`;
    const bareResult = median(bareRounds);
    const ourResult = median(ourRounds);
    console.log(row('bare node:http', bareResult));
    console.log(row(ourName, ourResult));
    const ratios = ourRounds.map((ours, i) => ours.requests.average / bareRounds[i].requests.average);
    const ratio = medianOf(ratios);
    if (bareCpu.length > 0 && ourCpu.length > 0) {
      // Steadier than req/s on a busy machine: what each request cost the server's threads.
      const us = (values: readonly number[]): string => `${medianOf(values).toFixed(1)} µs (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
      console.log('CPU µs per request, median (range) of rounds:');
      const width = Math.max('bare node:http'.length, ourName.length);
      console.log(`  ${'bare node:http'.padEnd(width)}   main thread ${us(bareCpu.map((c) => c.main))}   other threads ${us(bareCpu.map((c) => c.others))}   load generator ${us(bareCpu.map((c) => c.loadGenerator))}`);
      console.log(`  ${ourName.padEnd(width)}   main thread ${us(ourCpu.map((c) => c.main))}   other threads ${us(ourCpu.map((c) => c.others))}   load generator ${us(ourCpu.map((c) => c.loadGenerator))}`);
      console.log('  (other threads: the Lambda sandboxes, GC and I/O helpers)');
    }
    console.log(`per-round ratios: ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
    console.log(`load average after: ${loadAverage()}`);
    console.log(`ratio ours/bare: ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)}% of the bare server's throughput; median of ${options.rounds} rounds)`);
    return ratio;
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    rmSync(projectDir, { recursive: true, force: true });
  }
}
