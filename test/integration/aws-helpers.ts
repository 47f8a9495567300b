/**
 * Helpers of the end-to-end tests against the AWS API emulator of this run: skipping where it
 * is absent, SDK settings, its call recorder, and the `chalice` command with stdin.
 */
import { describe, inject } from 'vitest';
import { runChalice, type RunResult } from '../functional/local/chalice-process.js';
import { emulatorEnv } from './emulator-process.js';
import { startRecording, stopRecording, type RecordedCall } from './emulator-recorder.js';

export { writes, type RecordedCall } from './emulator-recorder.js';

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

/** The emulator's call recorder, on this run's emulator. */
export const recorder = {
  start: (): Promise<void> => startRecording(endpoint!),
  stop: (): Promise<RecordedCall[]> => stopRecording(endpoint!),
};

export type CliResult = RunResult;

/** Runs `chalice --project-dir <project> …args` against the emulator, with `input` on stdin. */
export function chalice(project: string, args: readonly string[], options: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return runChalice(['--project-dir', project, ...args], {
    env: { ...emulatorEnv(endpoint!), AWS_PROFILE: undefined, ...options.env },
    input: options.input ?? '',
  });
}

/** Runs `chalice …args` like `chalice` does, with the AWS calls it made (from the emulator's recorder). */
export async function recorded(project: string, args: readonly string[]): Promise<CliResult & { calls: RecordedCall[] }> {
  await recorder.start();
  const result = await chalice(project, args);
  return { ...result, calls: await recorder.stop() };
}
