/**
 * Starting and stopping the AWS API emulator of `<project root>/../shared/aws-emulator` (moto;
 * see its README), for the vitest globalSetup and for `bench/deploy.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<project root>/../shared/aws-emulator/`; absent on a user's fresh clone. */
export const EMULATOR_DIR = fileURLToPath(new URL('../../../shared/aws-emulator/', import.meta.url));

export interface RunningEmulator {
  readonly endpoint: string;
  stop(): void;
}

export function emulatorAvailable(): boolean {
  return existsSync(`${EMULATOR_DIR}start`);
}

/**
 * Installs what is missing (`setup`: Debian packages with apt, as root; ~40 s the first time),
 * starts an emulator on a free loopback port and returns its endpoint.
 */
export function startEmulator(): RunningEmulator {
  execFileSync(`${EMULATOR_DIR}setup`, { stdio: ['ignore', 'ignore', 'inherit'] });
  // The call recorder writes into the emulator's working directory, which every emulator on
  // this machine shares: give this one a file of its own.
  const recordingDir = mkdtempSync(join(tmpdir(), 'chalice-aws-emulator-'));
  const line = execFileSync(`${EMULATOR_DIR}start`, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_RECORDER_FILEPATH: join(recordingDir, 'recording.jsonl') },
  });
  const endpoint = line.trim().replace(/^AWS_ENDPOINT_URL=/, '');
  return {
    endpoint,
    stop() {
      execFileSync(`${EMULATOR_DIR}stop`, [new URL(endpoint).port], { stdio: 'ignore' });
      rmSync(recordingDir, { recursive: true, force: true });
    },
  };
}

/** What the SDK (and `chalice` child processes) need to talk to the emulator. */
export function emulatorEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-west-2',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
