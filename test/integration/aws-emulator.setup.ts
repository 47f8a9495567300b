/**
 * vitest globalSetup of the `aws` test project: starts the AWS API emulator of
 * `<project root>/../shared/aws-emulator` once per run, points the AWS SDK of this process and
 * of the test workers at it, and stops it afterwards. vitest runs it only when an AWS test file
 * is part of the run, so unit test runs never pay for it.
 *
 * On a fresh clone the emulator folder is absent: one line says so and the AWS tests skip.
 * `setup` installs missing Debian packages with apt (as root in CI; about 40 s the first time).
 */
import type { TestProject } from 'vitest/node';
import { EMULATOR_DIR, emulatorAvailable, emulatorEnv, startEmulator } from './emulator-process.js';

export default function setup(project: TestProject): (() => void) | undefined {
  if (!emulatorAvailable()) {
    console.warn(`AWS emulator not found at ${EMULATOR_DIR}: AWS integration tests are skipped`);
    project.provide('awsEndpoint', null);
    return undefined;
  }
  const emulator = startEmulator();
  Object.assign(process.env, emulatorEnv(emulator.endpoint));
  delete process.env.AWS_PROFILE;
  project.provide('awsEndpoint', emulator.endpoint);
  return () => emulator.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string | null;
  }
}
