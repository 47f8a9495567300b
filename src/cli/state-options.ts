/**
 * The options of the commands that read or write a stage's deployed state: `--state-url`
 * (deploy, delete, url, logs, invoke, dev plan, state) and, on deploy/delete, the lock's
 * `--wait-for-lock` and `--force-unlock`. Also reads a stage's state for the inspecting
 * commands from wherever it is kept.
 */
import type { Command } from 'commander';
import type { DeployedState } from '../project/deployed-state.js';
import type { AwsSession } from '../deploy/aws/session.js';
import type { AwsOptions } from './aws-options.js';
import { ChaliceTsError } from '../project/errors.js';

export interface StateUrlOptions {
  readonly stateUrl?: string;
}

export interface LockOptions extends StateUrlOptions {
  readonly waitForLock?: boolean;
  readonly forceUnlock?: boolean;
}

export function addStateUrlOption(command: Command): Command {
  return command.option('--state-url <url>', 'Keep the deployed state at s3://bucket/prefix instead of .chalice/deployed/ (default: deployed_state.s3 of the config).');
}

export function addLockOptions(command: Command): Command {
  return addStateUrlOption(command)
    .option('--wait-for-lock', 'With a shared (S3) state: wait while another run holds the stage\'s lock instead of failing at once.')
    .option('--force-unlock', 'With a shared (S3) state: remove the stage\'s lock first (naming who held it), e.g. after a run was killed.');
}

/** The engine's state options from the parsed flags. */
export function stateOptionsOf(options: LockOptions): { url?: string; waitForLock?: boolean; forceUnlock?: boolean } {
  return {
    ...(options.stateUrl !== undefined ? { url: options.stateUrl } : {}),
    ...(options.waitForLock === true ? { waitForLock: true } : {}),
    ...(options.forceUnlock === true ? { forceUnlock: true } : {}),
  };
}

/**
 * A session for reaching the state bucket when no region is configured: any region does,
 * because the S3 client follows the bucket's region redirect.
 */
export async function stateSession(options: AwsOptions): Promise<AwsSession> {
  const { resolveAwsSession } = await import('../deploy/aws/session.js');
  try {
    return await resolveAwsSession({ profile: options.profile, region: options.region });
  } catch (error) {
    if (error instanceof ChaliceTsError && error.code === 'aws_region_missing') return resolveAwsSession({ profile: options.profile, region: 'us-east-1' });
    throw error;
  }
}

/** The stage's state from the file or S3; a never-deployed stage is a user error naming the fix. */
export async function loadDeployedState(projectDir: string, stage: string, options: StateUrlOptions & AwsOptions): Promise<DeployedState> {
  const { openStateStore, stateUrlOf } = await import('../deploy/state/open-state-store.js');
  if (stateUrlOf({ projectDir, stage, ...(options.stateUrl !== undefined ? { stateUrl: options.stateUrl } : {}) }) === undefined) {
    const { requireDeployedState } = await import('../deploy/inspect/deployed-lookup.js');
    return requireDeployedState(projectDir, stage);
  }
  const store = await openStateStore({ projectDir, stage, ...(options.stateUrl !== undefined ? { stateUrl: options.stateUrl } : {}) }, () => stateSession(options));
  try {
    const state = await store.read();
    if (state === undefined) {
      throw new ChaliceTsError(`Stage "${stage}" has not been deployed (no ${store.location}); run \`chalice deploy --stage ${stage}\` first`, 'stage_not_deployed');
    }
    return state;
  } finally {
    store.close();
  }
}
