/**
 * Picks a stage's state store: `--state-url`, else `deployed_state.s3` of `stages.<stage>`,
 * else the top-level `deployed_state.s3`, else the local file. S3 needs an AWS session; it is
 * asked for only when the state is in S3, so `chalice url` on a local state makes no AWS call.
 */
import { existsSync } from 'node:fs';
import { configPathOf, readProjectConfig } from '../../project/config-file.js';
import { parseStateUrl, stateKeys } from '../../project/state-url.js';
import type { AwsSession } from '../aws/session.js';
import { localStateStore } from './local-state-store.js';
import { createSdkS3Objects } from './s3-objects.js';
import { s3StateStore } from './s3-state-store.js';
import type { StateStore } from './state-store.js';

export interface StateStoreOptions {
  readonly projectDir: string;
  readonly stage: string;
  /** `--state-url s3://bucket/prefix`; wins over the config. */
  readonly stateUrl?: string;
}

/** The S3 URL the stage's state is kept at (undefined: the local file), and where it was set. */
export function stateUrlOf(options: StateStoreOptions): { url: string; source: string; appName: string } | undefined {
  // `url`, `logs` and `invoke` work from a bare deployed-state file; only S3 needs the config
  // (for the app name in the key).
  if (options.stateUrl === undefined && !existsSync(configPathOf(options.projectDir))) return undefined;
  const config = readProjectConfig(options.projectDir);
  if (options.stateUrl !== undefined) return { url: options.stateUrl, source: '--state-url', appName: config.appName };
  const fromStage = config.file.stages?.[options.stage]?.deployed_state?.s3;
  if (fromStage !== undefined) return { url: fromStage, source: `${config.configPath}: stages.${options.stage}.deployed_state.s3`, appName: config.appName };
  const fromTop = config.file.deployed_state?.s3;
  if (fromTop !== undefined) return { url: fromTop, source: `${config.configPath}: deployed_state.s3`, appName: config.appName };
  return undefined;
}

/** A store plus `close()`, which frees the S3 client (if any). */
export type OpenedStateStore = StateStore & { close(): void };

export async function openStateStore(options: StateStoreOptions, session: () => Promise<AwsSession>): Promise<OpenedStateStore> {
  const where = stateUrlOf(options);
  if (where === undefined) return { ...localStateStore(options.projectDir, options.stage), close: () => undefined };
  const location = parseStateUrl(where.url, where.source);
  const objects = await createSdkS3Objects(await session(), location.bucket);
  return { ...s3StateStore({ objects, keys: stateKeys(location, where.appName, options.stage), stage: options.stage }), close: () => objects.destroy() };
}
