/**
 * The options every AWS-touching command takes (`--profile`, `--region`) and the session they
 * resolve to. The session module (and the SDK behind it) loads only when a command runs.
 */
import type { Command } from 'commander';
import type { AwsSession } from '../deploy/aws/session.js';

export interface AwsOptions {
  readonly profile?: string;
  readonly region?: string;
}

export function addAwsOptions(command: Command, regionDefault = 'AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region'): Command {
  return command
    .option('--profile <profile>', 'AWS profile of the shared config files to use (default: AWS_PROFILE, else "default").')
    .option('--region <region>', `AWS region (default: ${regionDefault}).`);
}

/** For commands on a deployed function, which lives where it was deployed. */
export const DEPLOYED_REGION = 'the region the function was deployed to';

/** Resolves the session; `defaultRegion` (e.g. the region a function was deployed to) comes after --region. */
export async function awsSession(options: AwsOptions, defaultRegion?: string): Promise<AwsSession> {
  const { resolveAwsSession } = await import('../deploy/aws/session.js');
  return resolveAwsSession({ profile: options.profile, region: options.region ?? defaultRegion });
}
