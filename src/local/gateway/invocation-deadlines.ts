/**
 * The integration timeout of every invocation of one gateway, on ONE timer.
 *
 * All invocations get the same timeout, so their deadlines come in the order they started: a
 * linked list kept in start order is also sorted by deadline. Starting and finishing an
 * invocation only links and unlinks a node; the single timer fires at the head's deadline,
 * times out every invocation that is due and re-arms for the next one. The timer keeps the
 * process alive only while an invocation is pending, as one timer per invocation would.
 */

export interface Deadline {
  /** `performance.now()` after which the invocation has timed out. */
  readonly at: number;
  readonly onTimeout: () => void;
  prev: Deadline | undefined;
  next: Deadline | undefined;
  /** Unlinked: finished or timed out. */
  done: boolean;
}

export interface InvocationDeadlines {
  /** Starts the clock for one invocation; `onTimeout` runs once it is due, unless finished first. */
  start(onTimeout: () => void): Deadline;
  /** The invocation finished (idempotent; a no-op once it timed out). */
  finish(deadline: Deadline): void;
}

/** Node clamps longer delays to 1 ms; so does this, to behave like a plain `setTimeout`. */
const MAX_TIMER_MS = 2_147_483_647;

export function createInvocationDeadlines(timeoutMs: number): InvocationDeadlines {
  const ms = timeoutMs > MAX_TIMER_MS ? 1 : timeoutMs;
  let head: Deadline | undefined;
  let tail: Deadline | undefined;
  let pending = 0;
  let timer: NodeJS.Timeout | undefined;

  const unlink = (deadline: Deadline): void => {
    deadline.done = true;
    if (deadline.prev === undefined) head = deadline.next;
    else deadline.prev.next = deadline.next;
    if (deadline.next === undefined) tail = deadline.prev;
    else deadline.next.prev = deadline.prev;
    deadline.prev = deadline.next = undefined;
    // Nothing pending: the armed timer must not keep the process alive any more.
    if (--pending === 0) timer?.unref();
  };

  const expire = (): void => {
    timer = undefined;
    const now = performance.now();
    while (head !== undefined && head.at <= now) {
      const due = head;
      unlink(due);
      due.onTimeout();
    }
    if (head !== undefined) timer = setTimeout(expire, Math.max(1, Math.ceil(head.at - now)));
  };

  return {
    start(onTimeout) {
      const deadline: Deadline = { at: performance.now() + ms, onTimeout, prev: tail, next: undefined, done: false };
      if (tail === undefined) head = deadline;
      else tail.next = deadline;
      tail = deadline;
      if (pending++ === 0) {
        // A timer armed for an earlier (finished) invocation fires no later than this one is due.
        if (timer === undefined) timer = setTimeout(expire, ms);
        else timer.ref();
      }
      return deadline;
    },
    finish(deadline) {
      if (!deadline.done) unlink(deadline);
    },
  };
}
