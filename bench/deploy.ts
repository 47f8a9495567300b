/**
 * AWS calls and wall time of `chalice deploy` and `chalice delete` against the AWS API emulator
 * (`../shared/aws-emulator`, started here on a free port and stopped at the end).
 * Run: `npx tsx bench/deploy.ts` (needs `npm run build`: the commands run as users run them,
 * `node bin/chalice.js`, one fresh process each).
 *
 * For the example app (examples/hello) and the all-events fixture (11 functions: a REST API with
 * a built-in authorizer, 3 EventBridge rules, S3, SNS, SQS, Kinesis and DynamoDB-stream sources,
 * a pure function), and the `api_type: "http"` fixture (an HTTP API with JWT and Lambda
 * authorizers), four phases: first deploy, no-op redeploy, a one-line code change, delete.
 * Each row has the calls the emulator recorded (total and writes: any call but
 * Get/List/Describe) and the wall time. Baseline in the same run: a fresh `node` process making
 * one STS GetCallerIdentity call (process start + SDK load + one round trip), and the ratio of
 * each phase to it. Reference figures (issue 8): Python Chalice 1.33 makes 63 calls to deploy
 * an 11-function app, 79 to redeploy it unchanged and 29 to delete it. No assertions: the
 * numbers are for people.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createAllEventsSources } from '../test/integration/all-events-sources.js';
import { EMULATOR_DIR, emulatorAvailable, emulatorEnv, startEmulator } from '../test/integration/emulator-process.js';
import { startRecording, stopRecording, writes } from '../test/integration/emulator-recorder.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CHALICE = join(ROOT, 'bin/chalice.js');

/** Python Chalice 1.33 on its 11-function app (issue 8). */
const REFERENCE: Readonly<Record<string, number>> = { 'first deploy': 63, 'no-op redeploy': 79, delete: 29 };

interface Row {
  readonly app: string;
  readonly phase: string;
  readonly calls: number;
  readonly writes: number;
  readonly wallMs: number;
}

interface BenchApp {
  readonly name: string;
  readonly source: string;
  /** Edits one function's code in the copied project. */
  readonly changeCode: (dir: string) => void;
  readonly prepare?: (endpoint: string) => Promise<Record<string, string>>;
}

const APPS: readonly BenchApp[] = [
  {
    name: 'hello',
    source: join(ROOT, 'examples/hello'),
    changeCode: (dir) => edit(join(dir, 'app.ts'), "return { hello: 'world' };", "return { hello: 'bench' };"),
  },
  {
    // api_type "http": an HTTP API with a JWT and a Lambda authorizer, an IAM route and CORS.
    name: 'http-api',
    source: join(ROOT, 'test/fixtures/projects/http-api'),
    changeCode: (dir) => edit(join(dir, 'app.ts'), "return { hello: 'http' };", "return { hello: 'bench' };"),
  },
  {
    name: 'all-events',
    source: join(ROOT, 'test/integration/fixtures/all-events'),
    changeCode: (dir) => edit(join(dir, 'app.ts'), 'version: 1', 'version: 2'),
    prepare: async (endpoint) => (await createAllEventsSources(endpoint)).env,
  },
];

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed(endpoint: string, project: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ calls: number; writes: number; wallMs: number }> {
  await startRecording(endpoint);
  const start = performance.now();
  await run(process.execPath, [CHALICE, '--project-dir', project, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const calls = await stopRecording(endpoint);
  return { calls: calls.length, writes: writes(calls).length, wallMs };
}

const BASELINE_SCRIPT = `
const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
await new STSClient({}).send(new GetCallerIdentityCommand({}));
`;

async function baselineMs(env: NodeJS.ProcessEnv, samples = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run(process.execPath, ['--input-type=module', '-e', BASELINE_SCRIPT], { env, cwd: ROOT });
    times.push(performance.now() - start);
  }
  return median(times);
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (!emulatorAvailable()) {
    console.log(`AWS emulator not found at ${EMULATOR_DIR}: nothing to measure`);
    return;
  }
  const emulator = startEmulator();
  const env: NodeJS.ProcessEnv = { ...process.env, ...emulatorEnv(emulator.endpoint), NO_COLOR: '1' };
  delete env.AWS_PROFILE;
  const work = mkdtempSync(join(tmpdir(), 'chalice-bench-deploy-'));
  const rows: Row[] = [];
  try {
    // Loads IAM's managed policies and Lambda once, so the first app does not pay for them.
    await baselineMs(env, 1);
    const baseline = await baselineMs(env);
    for (const app of APPS) {
      const project = join(work, app.name);
      cpSync(app.source, project, { recursive: true, filter: (path) => !path.includes(join('.chalice', 'deployed')) });
      const appEnv = { ...env, ...(await app.prepare?.(emulator.endpoint)) };
      const phases: Array<[string, () => void]> = [
        ['first deploy', () => {}],
        ['no-op redeploy', () => {}],
        ['code change', () => app.changeCode(project)],
      ];
      for (const [phase, before] of phases) {
        before();
        rows.push({ app: app.name, phase, ...(await timed(emulator.endpoint, project, ['deploy', '--yes'], appEnv)) });
      }
      rows.push({ app: app.name, phase: 'delete', ...(await timed(emulator.endpoint, project, ['delete'], appEnv)) });
    }
    print(rows, baseline);
  } finally {
    rmSync(work, { recursive: true, force: true });
    emulator.stop();
  }
}

function print(rows: readonly Row[], baseline: number): void {
  const header = ['app', 'phase', 'AWS calls', 'writes', 'wall ms', '× baseline', 'Python Chalice calls (11 fns)'];
  const lines = rows.map((row) => [
    row.app,
    row.phase,
    String(row.calls),
    String(row.writes),
    row.wallMs.toFixed(0),
    (row.wallMs / baseline).toFixed(1),
    row.app === 'all-events' && REFERENCE[row.phase] !== undefined ? String(REFERENCE[row.phase]) : '',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`baseline: fresh node process + one STS GetCallerIdentity = ${baseline.toFixed(0)} ms (median of 5)`);
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  const first = rows.find((row) => row.app === 'all-events' && row.phase === 'first deploy');
  const noop = rows.find((row) => row.app === 'all-events' && row.phase === 'no-op redeploy');
  const del = rows.find((row) => row.app === 'all-events' && row.phase === 'delete');
  if (first && noop && del) {
    console.log(`all-events vs Python Chalice calls: deploy ${(first.calls / 63).toFixed(2)}×, redeploy ${(noop.calls / 79).toFixed(2)}×, delete ${(del.calls / 29).toFixed(2)}×`);
  }
}

await main();
