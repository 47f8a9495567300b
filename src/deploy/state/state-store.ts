/**
 * Where a stage's deployed state is kept, behind one interface: the working copy's
 * `.chalice/deployed/<stage>.json` (`local-state-store.ts`, the default) or an S3 object a team
 * shares (`s3-state-store.ts`). The deployer, `delete` and the inspecting commands go through
 * it; only this folder knows where the state lives.
 *
 * A deploy or delete holds the store's lock from before it reads the state until after its
 * last write (`withStateLock`), so two runs never work on one stage at once. The local store's
 * lock is a no-op (one working copy, one person); the S3 store's lock is an object created
 * with a conditional write.
 */
import type { DeployedState } from '../../project/deployed-state.js';
import type { StageStateStore } from '../deployer.js';

/** Who holds a lock, as written into the lock object. */
export interface LockHolder {
  /** Random; tells this run's lock from a newer one taken after a --force-unlock. */
  readonly id: string;
  /** `user@host` */
  readonly owner: string;
  readonly pid: number;
  /** e.g. `deploy`, `delete` */
  readonly command: string;
  readonly stage: string;
  /** ISO 8601, UTC. */
  readonly createdAt: string;
}

export interface LockRequest {
  /** The command taking the lock, for the holder record. */
  readonly command: string;
  /** Wait (polling) while another run holds the lock, instead of failing at once. @default false */
  readonly wait?: boolean;
  /** Called once when the lock is held by someone else and `wait` is set. */
  readonly onWaiting?: (holder: LockHolder | undefined) => void;
}

export interface HeldLock {
  /** Removes the lock if it is still this run's; safe to call more than once. */
  release(): Promise<void>;
}

export interface StateStore extends StageStateStore {
  /** Where the state is, for messages: a path or an `s3://` URL. */
  readonly location: string;
  read(): Promise<DeployedState | undefined>;
  write(state: DeployedState): Promise<void>;
  remove(): Promise<void>;
  /** Takes the stage's lock; throws `state_locked` naming the holder when it is taken. */
  lock(request: LockRequest): Promise<HeldLock>;
  /** Removes the stage's lock, whoever holds it; returns who held it (undefined: nobody). */
  forceUnlock(): Promise<LockHolder | undefined>;
}

/** One line naming a lock's holder: `alice@laptop (pid 4242, chalice deploy) since 2026-…Z`. */
export function describeHolder(holder: LockHolder): string {
  return `${holder.owner} (pid ${holder.pid}, chalice ${holder.command}) since ${holder.createdAt}`;
}

/**
 * Runs `work` while holding the store's lock; the lock is released when `work` succeeds,
 * fails, or the process gets Ctrl+C (SIGINT) or SIGTERM, which then exits 130 / 143.
 */
export async function withStateLock<T>(store: StateStore, request: LockRequest, work: () => Promise<T>): Promise<T> {
  const lock = await store.lock(request);
  const onSignal = (signal: NodeJS.Signals): void => {
    void lock.release().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await lock.release();
  }
}
