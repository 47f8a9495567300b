/** Test clocks for the local scheduler. */
import type { SchedulerClock } from '../../src/local/schedule/scheduler.js';

/** A clock that only moves when told; due timers run in time order as it passes them. */
export function fakeClock(startIso: string): SchedulerClock & { advanceTo(iso: string): void; pending(): number } {
  let now = Date.parse(startIso);
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimer(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
    advanceTo(iso) {
      const target = Date.parse(iso);
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}
