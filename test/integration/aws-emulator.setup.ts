/**
 * vitest globalSetup of the `aws` test project: starts the AWS API emulator of
 * `<project root>/../shared/aws-emulator` (moto; see its README) once per run, points the AWS
 * SDK of this process and of the test workers at it, and stops it afterwards. vitest runs it
 * only when an AWS test file is part of the run, so unit test runs never pay for it.
 *
 * On a fresh clone the emulator folder is absent: one line says so and the AWS tests skip.
 * `setup` installs missing Debian packages with apt (as root in CI; about 40 s the first time).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/** `<project root>/../shared/aws-emulator/`; absent on a user's fresh clone. */
export const EMULATOR_DIR = fileURLToPath(new URL('../../../shared/aws-emulator/', import.meta.url));

export default function setup(project: TestProject): (() => void) | undefined {
  if (!existsSync(`${EMULATOR_DIR}start`)) {
    console.warn(`AWS emulator not found at ${EMULATOR_DIR}: AWS integration tests are skipped`);
    project.provide('awsEndpoint', null);
    return undefined;
  }
  execFileSync(`${EMULATOR_DIR}setup`, { stdio: ['ignore', 'ignore', 'inherit'] });
  const line = execFileSync(`${EMULATOR_DIR}start`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = line.trim().replace(/^AWS_ENDPOINT_URL=/, '');
  Object.assign(process.env, emulatorEnv(endpoint));
  delete process.env.AWS_PROFILE;
  project.provide('awsEndpoint', endpoint);
  return () => {
    execFileSync(`${EMULATOR_DIR}stop`, [new URL(endpoint).port], { stdio: ['ignore', 'ignore', 'inherit'] });
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

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string | null;
  }
}
