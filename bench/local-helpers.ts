/**
 * The `chalice local` vs bare `node:http` harness: both servers as child processes (so the
 * load generator does not share their CPU), a 1 s warm-up each, then alternating rounds of the
 * same load (keep-alive, 10 connections, GET `path`); printed: the median round of each and
 * the median over rounds of each round's ratio ours/bare (a round measures both back to back,
 * so drift in the machine's load cancels), with the load average before and after.
 * Benchmarks (bench/local-http-api.ts) call `compareLocalWithBare` with their app and config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 10;

export interface LocalBenchOptions {
  /** What is measured, e.g. 'HTTP API'. */
  readonly label: string;
  /** app.ts of the project `chalice local` serves. */
  readonly appSource: string;
  /** Its .chalice/config.json. */
  readonly config: Record<string, unknown>;
  /** The JSON body both servers answer GET / with (the app must answer the same). */
  readonly body: unknown;
  readonly seconds: number;
  readonly rounds: number;
}

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

const load = (url: string, seconds: number): Promise<AutocannonResult> => autocannon({ url, connections: CONNECTIONS, duration: seconds });

function median(results: readonly AutocannonResult[]): AutocannonResult {
  return [...results].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)];
}

function medianOf(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function row(name: string, result: AutocannonResult): string {
  const rate = Math.round(result.requests.average).toString().padStart(8);
  return `${name.padEnd(24)}${rate} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   non-2xx ${result.non2xx}   errors ${result.errors}`;
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
    await load(bare.url, 1);
    await load(ours.url, 1);
    const bareRounds: AutocannonResult[] = [];
    const ourRounds: AutocannonResult[] = [];
    for (let round = 0; round < options.rounds; round++) {
      bareRounds.push(await load(bare.url, options.seconds));
      ourRounds.push(await load(ours.url, options.seconds));
    }
    console.log(row('bare node:http', median(bareRounds)));
    console.log(row(`chalice local (${options.label})`, median(ourRounds)));
    const ratios = ourRounds.map((ours, i) => ours.requests.average / bareRounds[i].requests.average);
    const ratio = medianOf(ratios);
    console.log(`per-round ratios: ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
    console.log(`load average after: ${loadAverage()}`);
    console.log(`ratio ours/bare: ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)}% of the bare server's throughput; median of ${options.rounds} rounds)`);
    return ratio;
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    rmSync(projectDir, { recursive: true, force: true });
  }
}
