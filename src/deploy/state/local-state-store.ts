/**
 * The default state store: `.chalice/deployed/<stage>.json` in the working copy, read and
 * written by `project/deployed-state.ts` (atomic, deterministic). Its lock does nothing: the
 * file belongs to one working copy; a team that deploys from several shares an S3 store.
 */
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { deployedStatePath, readDeployedState, writeDeployedState } from '../../project/deployed-state.js';
import type { StateStore } from './state-store.js';

export function localStateStore(projectDir: string, stage: string): StateStore {
  const file = deployedStatePath(projectDir, stage);
  return {
    location: relative(process.cwd(), file) || file,
    read: async () => readDeployedState(projectDir, stage),
    write: async (state) => writeDeployedState(projectDir, stage, state),
    remove: async () => rmSync(file, { force: true }),
    lock: async () => ({ release: async () => undefined }),
    forceUnlock: async () => undefined,
  };
}
