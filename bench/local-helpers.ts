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

/**
 * The bare server with each request handed to a worker thread and answered with what it sends
 * back (the proxy result as JSON text, as a sandbox would): the cost of the thread hop alone.
 */
function bareServerWithWorkerHop(body: unknown): string {
  const result = JSON.stringify({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return `
const http = require('node:http');
const { Worker } = require('node:worker_threads');
const worker = new Worker(${JSON.stringify(`const { parentPort } = require('node:worker_threads');
const result = ${JSON.stringify(result)};
parentPort.on('message', (seq) => parentPort.postMessage({ seq, json: result }));`)}, { eval: true });
const waiting = new Map();
let seq = 0;
worker.on('message', ({ seq, json }) => {
  const res = waiting.get(seq);
  waiting.delete(seq);
  const result = JSON.parse(json);
  res.writeHead(result.statusCode, { ...result.headers, 'Content-Length': Buffer.byteLength(result.body) });
  res.end(result.body);
});
const server = http.createServer({ keepAlive: true }, (req, res) => {
  waiting.set(++seq, res);
  worker.postMessage(seq);
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

interface Contender {
  readonly name: string;
  readonly server: { url: string; child: ChildProcess };
  readonly rounds: AutocannonResult[];
  readonly cpu: CpuPerRequest[];
}

/**
 * Runs the comparison and prints it; resolves with the ratio ours/bare (the sandboxed
 * `chalice local`, the default). Also measured, for context: the bare server plus one hop to a
 * worker thread and back (the least any sandboxed design pays, with no gateway work at all),
 * and `chalice local --in-process` (the same gateway with the app on the server's thread).
 */
export async function compareLocalWithBare(options: LocalBenchOptions): Promise<number> {
  const projectDir = mkdtempSync(join(tmpdir(), 'chalice-bench-'));
  mkdirSync(join(projectDir, '.chalice'));
  writeFileSync(join(projectDir, 'app.ts'), options.appSource);
  writeFileSync(join(projectDir, '.chalice', 'config.json'), JSON.stringify(options.config));
  const servers: ChildProcess[] = [];
  const contender = async (name: string, args: readonly string[]): Promise<Contender> => {
    const server = await startServer(args);
    servers.push(server.child);
    return { name, server, rounds: [], cpu: [] };
  };
  try {
    const ourName = options.label === undefined ? 'chalice local' : `chalice local (${options.label})`;
    const local = [join(REPO_ROOT, 'bin', 'chalice.js'), '--project-dir', projectDir, 'local', '--port', '0', '--no-autoreload'];
    const bare = await contender('bare node:http', ['-e', bareServer(options.body)]);
    const hop = await contender('bare + worker hop', ['-e', bareServerWithWorkerHop(options.body)]);
    const ours = await contender(ourName, local);
    const inProcess = await contender(`${ourName} --in-process`, [...local, '--in-process']);
    const contenders = [bare, hop, ours, inProcess];

    const loadAverage = (): string => loadavg().map((value) => value.toFixed(1)).join(' ');
    console.log(`machine: ${availableParallelism()} cores, load average ${loadAverage()} (1/5/15 min)`);
    console.log(`GET / with ${CONNECTIONS} keep-alive connections, ${options.rounds} alternating rounds of ${options.seconds} s (after a 1 s warm-up each); median round:`);
    for (const c of contenders) await load(c.server.url, 1); // warm-up: JIT, caches
    for (let round = 0; round < options.rounds; round++) {
      for (const c of contenders) {
        const measured = await measuredLoad(c.server, options.seconds);
        c.rounds.push(measured.result);
        if (measured.cpu) c.cpu.push(measured.cpu);
      }
    }
    const width = Math.max(...contenders.map((c) => c.name.length));
    for (const c of contenders) console.log(row(c.name.padEnd(width), median(c.rounds)));
    if (contenders.every((c) => c.cpu.length > 0)) {
      // Steadier than req/s on a busy machine: what each request cost the server's threads.
      const us = (values: readonly number[]): string => `${medianOf(values).toFixed(1)} µs (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
      console.log('CPU µs per request, median (range) of rounds:');
      for (const c of contenders) {
        console.log(`  ${c.name.padEnd(width)}   main thread ${us(c.cpu.map((x) => x.main))}   other threads ${us(c.cpu.map((x) => x.others))}   load generator ${us(c.cpu.map((x) => x.loadGenerator))}`);
      }
      console.log('  (other threads: the Lambda sandboxes or the hop\'s worker, GC and I/O helpers)');
    }
    // A round measures every server back to back, so drift in the machine's load cancels.
    const ratiosOf = (c: Contender): number[] => c.rounds.map((result, i) => result.requests.average / bare.rounds[i].requests.average);
    for (const c of [hop, ours, inProcess]) console.log(`per-round ratios ${c.name.padEnd(width)}: ${ratiosOf(c).map((r) => r.toFixed(3)).join(' ')}`);
    console.log(`load average after: ${loadAverage()}`);
    const ratio = medianOf(ratiosOf(ours));
    console.log(`ratio hop-only/bare: ${medianOf(ratiosOf(hop)).toFixed(3)} (the ceiling of any design that runs the app off the server's thread, on this machine)`);
    console.log(`ratio in-process/bare: ${medianOf(ratiosOf(inProcess)).toFixed(3)} (chalice local --in-process: no sandbox, no containment)`);
    console.log(`ratio ours/bare: ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)}% of the bare server's throughput; median of ${options.rounds} rounds)`);
    return ratio;
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    rmSync(projectDir, { recursive: true, force: true });
  }
}
