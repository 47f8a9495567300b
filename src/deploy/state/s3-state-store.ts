/**
 * The shared state store: a stage's deployed state as an S3 object, and a lock object next to
 * it (key layout in `project/state-url.ts`).
 *
 *   lock     PutObject `<stage>.lock` with If-None-Match: * — only one run can create it. The
 *            body names the holder (user@host, pid, command, time) for the one-line refusal.
 *            Released with DeleteObject If-Match: <its ETag>, so a run whose lock was forcibly
 *            removed (and taken by another run) does not remove the newer lock.
 *   state    read remembers the object's ETag; every write is PutObject If-Match: <that ETag>
 *            (If-None-Match: * for the first), so a run that lost its lock fails on its next
 *            write instead of silently overwriting what another run recorded.
 */
import { hostname, userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DeployedState } from '../../project/deployed-state.js';
import { deployedStateToJson, parseDeployedState } from '../../project/deployed-state.js';
import { ChaliceTsError } from '../../project/errors.js';
import { s3Url } from '../../project/state-url.js';
import type { S3Objects } from './s3-objects.js';
import { ConditionFailedError } from './s3-objects.js';
import type { HeldLock, LockHolder, LockRequest, StateStore } from './state-store.js';
import { describeHolder } from './state-store.js';

export interface S3StateStoreOptions {
  readonly objects: S3Objects;
  readonly keys: { readonly state: string; readonly lock: string };
  readonly stage: string;
  /** @default a real timer */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default the current time */
  readonly now?: () => Date;
  /** @default user@host of this process */
  readonly owner?: string;
  /** @default process.pid */
  readonly pid?: number;
}

/** How often a run waiting for the lock (--wait-for-lock) asks again. */
export const LOCK_POLL_MS = 2_000;

export function s3StateStore(options: S3StateStoreOptions): StateStore {
  const { objects, keys, stage } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());
  const stateUrl = s3Url(objects.bucket, keys.state);
  const lockUrl = s3Url(objects.bucket, keys.lock);
  /** ETag of the state object as last read or written; undefined: it did not exist. */
  let etag: string | undefined;

  const readHolder = async (): Promise<{ holder: LockHolder | undefined; etag: string } | undefined> => {
    const found = await objects.get(keys.lock);
    if (found === undefined) return undefined;
    return { holder: parseHolder(found.body), etag: found.etag };
  };

  return {
    location: stateUrl,
    async read() {
      const found = await objects.get(keys.state);
      etag = found?.etag;
      return found === undefined ? undefined : parseDeployedState(found.body, stateUrl);
    },
    async write(state: DeployedState) {
      try {
        etag = await objects.put(keys.state, deployedStateToJson(state), etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        throw new ChaliceTsError(
          `${stateUrl} was changed by another run while this one held the lock (was the lock removed with --force-unlock?); this run stopped without overwriting it: check who deployed, then run the command again`,
          'state_conflict',
        );
      }
    },
    async remove() {
      await objects.delete(keys.state);
      etag = undefined;
    },
    async lock(request: LockRequest): Promise<HeldLock> {
      const holder: LockHolder = {
        id: randomBytes(8).toString('hex'),
        owner: options.owner ?? defaultOwner(),
        pid: options.pid ?? process.pid,
        command: request.command,
        stage,
        createdAt: now().toISOString(),
      };
      let told = false;
      for (;;) {
        let lockEtag: string;
        try {
          lockEtag = await objects.put(keys.lock, `${JSON.stringify(holder, null, 2)}\n`, { ifNoneMatch: '*' });
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error;
          const current = await readHolder();
          if (current === undefined) continue; // released between our write and our read: try again
          if (request.wait !== true) throw lockedError(stage, lockUrl, current.holder);
          if (!told) request.onWaiting?.(current.holder);
          told = true;
          await sleep(LOCK_POLL_MS);
          continue;
        }
        let released = false;
        return {
          async release() {
            if (released) return;
            released = true;
            try {
              await objects.delete(keys.lock, lockEtag);
            } catch (error) {
              // Someone removed our lock (--force-unlock) and may hold a new one: leave it.
              if (!(error instanceof ConditionFailedError)) throw error;
            }
          },
        };
      }
    },
    async forceUnlock() {
      const current = await readHolder();
      if (current === undefined) return undefined;
      await objects.delete(keys.lock);
      return current.holder ?? { id: '?', owner: 'unknown (unreadable lock object)', pid: 0, command: '?', stage, createdAt: '?' };
    },
  };
}

function lockedError(stage: string, lockUrl: string, holder: LockHolder | undefined): ChaliceTsError {
  const who = holder === undefined ? 'another run (its lock object is unreadable)' : describeHolder(holder);
  return new ChaliceTsError(
    `Stage "${stage}" is locked by ${who} (${lockUrl}); wait for that run to finish or rerun with --wait-for-lock, or if it is no longer running, rerun with --force-unlock`,
    'state_locked',
  );
}

function parseHolder(body: string): LockHolder | undefined {
  try {
    const value = JSON.parse(body) as Partial<LockHolder>;
    if (typeof value.owner !== 'string' || typeof value.createdAt !== 'string') return undefined;
    return { id: String(value.id), owner: value.owner, pid: Number(value.pid), command: String(value.command), stage: String(value.stage), createdAt: value.createdAt };
  } catch {
    return undefined;
  }
}

function defaultOwner(): string {
  let user = process.env.USER ?? process.env.USERNAME;
  try {
    user ??= userInfo().username;
  } catch {
    user ??= 'unknown';
  }
  return `${user}@${hostname()}`;
}
