/**
 * Fires an app's `app.schedule` handlers on time for `chalice local`: one timer per schedule,
 * set for its next fire time (cron.ts, UTC), re-armed after each fire from the fire time, so a
 * slow handler never shifts the schedule (as EventBridge, it does not wait for the previous run).
 *
 * Time comes from an injected `SchedulerClock`, so tests step a fake clock through hours of
 * schedule without waiting. Timers longer than Node allows (~24.8 days) are set in chunks.
 * The scheduler never invokes anything itself: `fire` does (the server sends the event to the
 * function's Lambda sandbox).
 */
import { nextFire, parseScheduleExpression, type ParsedSchedule } from './cron.js';

export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // Schedules alone never keep the process running.
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ScheduleEntry {
  /** The function's (resource) name, e.g. `every_hour`. */
  readonly name: string;
  /** `rate(…)` or `cron(…)`. */
  readonly expression: string;
}

export interface Scheduler {
  /** When each schedule fires next (epoch ms), by name; absent when it never fires again. */
  nextFireTimes(): ReadonlyMap<string, number>;
  stop(): void;
}

export interface SchedulerOptions {
  readonly schedules: readonly ScheduleEntry[];
  /** @default systemSchedulerClock */
  readonly clock?: SchedulerClock;
  /** Runs one scheduled invocation; `at` is the time it was due (epoch ms). */
  readonly fire: (entry: ScheduleEntry, at: number) => void;
  /** An expression that cannot be evaluated (the schedule is skipped). */
  readonly onInvalid?: (entry: ScheduleEntry, message: string) => void;
}

/** Node's setTimeout limit (2^31 - 1 ms); longer waits are set again when it ends. */
const MAX_TIMER_MS = 2_147_483_647;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemSchedulerClock;
  const started = clock.now();
  const timers = new Map<string, unknown>();
  const next = new Map<string, number>();
  let stopped = false;

  const arm = (entry: ScheduleEntry, schedule: ParsedSchedule, after: number): void => {
    const at = nextFire(schedule, after, started);
    if (at === undefined || stopped) {
      next.delete(entry.name);
      return;
    }
    next.set(entry.name, at);
    const wait = (): void => {
      const remaining = at - clock.now();
      if (remaining > MAX_TIMER_MS) {
        timers.set(entry.name, clock.setTimer(wait, MAX_TIMER_MS));
        return;
      }
      timers.set(
        entry.name,
        clock.setTimer(() => {
          if (stopped) return;
          arm(entry, schedule, at);
          options.fire(entry, at);
        }, Math.max(0, remaining)),
      );
    };
    wait();
  };

  for (const entry of options.schedules) {
    let schedule: ParsedSchedule;
    try {
      schedule = parseScheduleExpression(entry.expression);
    } catch (error) {
      options.onInvalid?.(entry, (error as Error).message);
      continue;
    }
    arm(entry, schedule, started);
  }

  return {
    nextFireTimes: () => new Map(next),
    stop() {
      stopped = true;
      for (const handle of timers.values()) clock.clearTimer(handle);
      timers.clear();
      next.clear();
    },
  };
}
