/**
 * Which invocations a sandbox has started, shared with the workers: one Int32 slot per
 * invocation (by sequence number), holding the sequence number and a state. The worker moves
 * QUEUED → STARTED before it runs an invocation; this thread moves QUEUED → WITHDRAWN to take
 * an invocation back. Both are compare-and-swap on the same word, so exactly one of them wins:
 * an invocation handed to a sandbox ahead of time either runs there or elsewhere, never twice,
 * and a sandbox that dies fails only the invocation it had started.
 */
export interface Claims {
  readonly buffer: SharedArrayBuffer;
  offer(seq: number): void;
  /** True when taken back before the sandbox started it. */
  withdraw(seq: number): boolean;
}

export const CLAIM_SLOTS = 4096;
export const CLAIM_QUEUED = 0;
export const CLAIM_STARTED = 1;
const CLAIM_WITHDRAWN = 2;

/** The slot word: the sequence number (29 bits, enough to never meet itself in a slot) and a state. */
export function claimWord(seq: number, state: number): number {
  return ((seq & 0x1fffffff) << 2) | state;
}

export function createClaims(): Claims {
  const buffer = new SharedArrayBuffer(CLAIM_SLOTS * 4);
  const words = new Int32Array(buffer);
  return {
    buffer,
    offer(seq) {
      Atomics.store(words, seq & (CLAIM_SLOTS - 1), claimWord(seq, CLAIM_QUEUED));
    },
    withdraw(seq) {
      const queued = claimWord(seq, CLAIM_QUEUED);
      return Atomics.compareExchange(words, seq & (CLAIM_SLOTS - 1), queued, claimWord(seq, CLAIM_WITHDRAWN)) === queued;
    },
  };
}
