/**
 * Helpers of the end-to-end tests against the AWS API emulator: SDK settings, the emulator's
 * call recorder (which AWS calls a command made, and which of them wrote), the `chalice`
 * command with stdin, and an inventory of what exists.
 */
import { spawn } from 'node:child_process';
import { describe, inject } from 'vitest';
import { CHALICE_BIN, REPO_ROOT, assertBuilt, childEnv } from '../functional/local/chalice-process.js';
import { emulatorEnv } from './emulator-process.js';

export const REGION = 'us-west-2';
export const ACCOUNT = '123456789012';

/** The emulator's endpoint, or null where it is absent (the tests then skip). */
export const endpoint = inject('awsEndpoint');

/** `describe` that skips, saying why in its title, where the emulator is absent. */
export function describeWithEmulator(title: string, body: () => void): void {
  describe.skipIf(!endpoint)(endpoint ? `${title} (AWS emulator)` : `${title} (SKIPPED: ../shared/aws-emulator not found)`, () => {
    if (endpoint) Object.assign(process.env, emulatorEnv(endpoint));
    body();
  });
}

/** Settings for SDK clients the tests use to arrange and inspect. */
export function sdkConfig(): { region: string; endpoint: string; maxAttempts: number; credentials: { accessKeyId: string; secretAccessKey: string } } {
  return { region: REGION, endpoint: endpoint!, maxAttempts: 1, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
}

/**
 * A JSON-protocol call (Kinesis, DynamoDB) made without an SDK client of its own: the emulator
 * routes on the credential scope and X-Amz-Target and does not check signatures.
 */
export async function jsonCall<T>(service: 'kinesis' | 'dynamodb', target: string, body: unknown): Promise<T> {
  const response = await fetch(endpoint!, {
    method: 'POST',
    headers: {
      'content-type': service === 'kinesis' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0',
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20240101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target} failed: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export interface RecordedCall {
  readonly service: string;
  /** The operation (`CreateFunction`) where the request names it, else `METHOD /path`. */
  readonly operation: string;
  /** Anything but a Get/List/Describe/Head call (for REST services: anything but GET/HEAD). */
  readonly write: boolean;
}

interface RawRecord {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly body_encoded: boolean;
}

const READ = /^(Get|List|Describe|Head)/;

export function classifyCall(record: RawRecord): RecordedCall {
  const header = (name: string) => Object.entries(record.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const service = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(header('authorization') ?? '')?.[1] ?? 'unknown';
  const target = header('x-amz-target');
  if (target !== undefined) {
    const operation = target.slice(target.lastIndexOf('.') + 1);
    return { service, operation, write: !READ.test(operation) };
  }
  const body = record.body_encoded ? Buffer.from(record.body, 'base64').toString('utf8') : record.body;
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  if (action !== undefined) return { service, operation: action, write: !READ.test(action) };
  const path = new URL(record.url).pathname;
  return { service, operation: `${record.method} ${path}`, write: record.method !== 'GET' && record.method !== 'HEAD' };
}

/** The emulator's call recorder: every request between `start` and `stop`. */
export const recorder = {
  async start(): Promise<void> {
    await emulatorPost('/moto-api/recorder/reset-recording');
    await emulatorPost('/moto-api/recorder/start-recording');
  },
  async stop(): Promise<RecordedCall[]> {
    await emulatorPost('/moto-api/recorder/stop-recording');
    const response = await fetch(`${endpoint!}/moto-api/recorder/download-recording`);
    const text = await response.text();
    return text.split('\n').filter((line) => line.trim() !== '').map((line) => classifyCall(JSON.parse(line) as RawRecord));
  },
};

export function writes(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((call) => call.write);
}

async function emulatorPost(path: string): Promise<void> {
  const response = await fetch(`${endpoint!}${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  await response.text();
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `chalice --project-dir <project> …args` against the emulator, with `input` on stdin. */
export function chalice(project: string, args: readonly string[], options: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHALICE_BIN, '--project-dir', project, ...args], {
      cwd: REPO_ROOT,
      env: childEnv({ ...emulatorEnv(endpoint!), AWS_PROFILE: undefined, ...options.env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
