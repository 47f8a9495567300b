/**
 * `chalice state push|pull`: copies a stage's deployed state between the working copy's file
 * and the shared (S3) store. Neither replaces a different existing state without `force`
 * (states are compared by their file text, which is deterministic); the same state on both
 * sides is a no-op. A push holds the shared store's lock, so it cannot land in the middle of
 * someone's deploy.
 */
import { deployedStateToJson } from '../../project/deployed-state.js';
import { ChaliceTsError } from '../../project/errors.js';
import type { LockRequest, StateStore } from './state-store.js';
import { withStateLock } from './state-store.js';

export type TransferOutcome = 'copied' | 'replaced' | 'unchanged';

export interface TransferOptions {
  readonly stage: string;
  /** Replace a different state at the destination. @default false */
  readonly force?: boolean;
  readonly lock?: Omit<LockRequest, 'command'>;
}

/** Local file → S3. */
export async function pushState(local: StateStore, shared: StateStore, options: TransferOptions): Promise<TransferOutcome> {
  const state = await local.read();
  if (state === undefined) {
    throw new ChaliceTsError(`There is no ${local.location} to push; deploy the stage first, or pull the shared state with \`chalice state pull --stage ${options.stage}\``, 'state_missing');
  }
  return withStateLock(shared, { command: 'state push', ...options.lock }, async () => {
    const existing = await shared.read();
    const outcome = compare(existing === undefined ? undefined : deployedStateToJson(existing), deployedStateToJson(state), shared.location, 'push', options);
    if (outcome !== 'unchanged') await shared.write(state);
    return outcome;
  });
}

/** S3 → local file. */
export async function pullState(shared: StateStore, local: StateStore, options: TransferOptions): Promise<TransferOutcome> {
  const state = await shared.read();
  if (state === undefined) {
    throw new ChaliceTsError(`There is no deployed state at ${shared.location} to pull; push one with \`chalice state push --stage ${options.stage}\` or deploy with the shared state`, 'state_missing');
  }
  const existing = await local.read();
  const outcome = compare(existing === undefined ? undefined : deployedStateToJson(existing), deployedStateToJson(state), local.location, 'pull', options);
  if (outcome !== 'unchanged') await local.write(state);
  return outcome;
}

function compare(existing: string | undefined, incoming: string, destination: string, verb: string, options: TransferOptions): TransferOutcome {
  if (existing === undefined) return 'copied';
  if (existing === incoming) return 'unchanged';
  if (options.force === true) return 'replaced';
  throw new ChaliceTsError(
    `${destination} already holds a different deployed state for stage "${options.stage}"; compare the two, then rerun \`chalice state ${verb} --stage ${options.stage} --force\` to replace it`,
    'state_differs',
  );
}
