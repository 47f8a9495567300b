import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCronFire, nextFire, parseScheduleExpression, ScheduleExpressionError, type CronSchedule } from '../../../src/local/schedule/cron.js';

const utc = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));
const cron = (expression: string): CronSchedule => {
  const parsed = parseScheduleExpression(expression);
  if (parsed.kind !== 'cron') throw new Error('not a cron');
  return parsed;
};

describe('nextCronFire (UTC, strictly after the given time)', () => {
  it.each([
    // expression, now, next
    ['cron(* * * * ? *)', '2024-05-01T10:00:30Z', '2024-05-01T10:01:00Z'],
    ['cron(* * * * ? *)', '2024-05-01T10:01:00Z', '2024-05-01T10:02:00Z'],
    ['cron(0 10 * * ? *)', '2024-05-01T09:59:00Z', '2024-05-01T10:00:00Z'],
    ['cron(0 10 * * ? *)', '2024-05-01T10:00:00Z', '2024-05-02T10:00:00Z'],
    ['cron(15 12 * * ? *)', '2024-12-31T23:59:00Z', '2025-01-01T12:15:00Z'],
    ['cron(0/15 * * * ? *)', '2024-05-01T10:16:00Z', '2024-05-01T10:30:00Z'],
    ['cron(*/20 * * * ? *)', '2024-05-01T10:41:00Z', '2024-05-01T11:00:00Z'],
    ['cron(5/15 * * * ? *)', '2024-05-01T10:51:00Z', '2024-05-01T11:05:00Z'],
    ['cron(0 8-10 * * ? *)', '2024-05-01T10:30:00Z', '2024-05-02T08:00:00Z'],
    ['cron(0 9-17/4 * * ? *)', '2024-05-01T13:00:00Z', '2024-05-01T17:00:00Z'],
    ['cron(0,30 9,18 * * ? *)', '2024-05-01T09:30:00Z', '2024-05-01T18:00:00Z'],
    // day of week: 1 = SUN … 7 = SAT; names; ranges of names
    ['cron(0 18 ? * MON-FRI *)', '2024-05-03T18:00:00Z', '2024-05-06T18:00:00Z'],
    ['cron(0 18 ? * 2-6 *)', '2024-05-03T18:00:00Z', '2024-05-06T18:00:00Z'],
    ['cron(0 0 ? * SUN *)', '2024-05-01T00:00:00Z', '2024-05-05T00:00:00Z'],
    ['cron(0 0 ? * 1 *)', '2024-05-01T00:00:00Z', '2024-05-05T00:00:00Z'],
    ['cron(0 0 ? * sat,sun *)', '2024-05-01T00:00:00Z', '2024-05-04T00:00:00Z'],
    // day of month, month names
    ['cron(0 12 1 * ? *)', '2024-05-01T12:00:00Z', '2024-06-01T12:00:00Z'],
    ['cron(0 0 31 * ? *)', '2024-04-01T00:00:00Z', '2024-05-31T00:00:00Z'],
    ['cron(0 0 29 FEB ? *)', '2024-03-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['cron(0 0 1 JAN-MAR ? *)', '2024-03-05T00:00:00Z', '2025-01-01T00:00:00Z'],
    ['cron(0 0 1 */4 ? *)', '2024-02-01T00:00:00Z', '2024-05-01T00:00:00Z'],
    // L: last day of the month; LW: last weekday
    ['cron(0 0 L * ? *)', '2024-02-01T00:00:00Z', '2024-02-29T00:00:00Z'],
    ['cron(0 0 L * ? *)', '2023-02-01T00:00:00Z', '2023-02-28T00:00:00Z'],
    ['cron(0 0 LW * ? *)', '2024-08-01T00:00:00Z', '2024-08-30T00:00:00Z'], // Aug 31 2024 is a Saturday
    // W: nearest weekday, never leaving the month
    ['cron(0 0 15W * ? *)', '2024-06-01T00:00:00Z', '2024-06-14T00:00:00Z'], // 15 Jun 2024 is a Saturday
    ['cron(0 0 16W * ? *)', '2024-06-01T00:00:00Z', '2024-06-17T00:00:00Z'], // 16 Jun 2024 is a Sunday
    ['cron(0 0 1W * ? *)', '2024-06-01T00:00:00Z', '2024-06-03T00:00:00Z'], // 1 Jun 2024 is a Saturday: Monday the 3rd, not May 31st
    ['cron(0 0 3W * ? *)', '2024-05-01T00:00:00Z', '2024-05-03T00:00:00Z'],
    // nL: last such weekday; n#k: k-th such weekday
    ['cron(0 0 ? * 6L *)', '2024-05-01T00:00:00Z', '2024-05-31T00:00:00Z'], // last Friday of May 2024
    ['cron(0 0 ? * FRIL *)', '2024-06-01T00:00:00Z', '2024-06-28T00:00:00Z'],
    ['cron(0 0 ? * 3#2 *)', '2024-05-01T00:00:00Z', '2024-05-14T00:00:00Z'], // second Tuesday
    ['cron(0 0 ? * MON#1 *)', '2024-05-07T00:00:00Z', '2024-06-03T00:00:00Z'],
    ['cron(0 0 ? * 2#5 *)', '2024-05-01T00:00:00Z', '2024-07-29T00:00:00Z'], // next month with 5 Mondays
    ['cron(0 0 ? * L *)', '2024-05-01T00:00:00Z', '2024-05-04T00:00:00Z'], // L alone: Saturday
    // years
    ['cron(0 0 1 1 ? 2030)', '2024-05-01T00:00:00Z', '2030-01-01T00:00:00Z'],
    ['cron(0 0 1 1 ? 2020-2022)', '2024-05-01T00:00:00Z', undefined],
    ['cron(30 23 31 DEC ? 2199)', '2199-12-31T23:29:00Z', '2199-12-31T23:30:00Z'],
  ])('%s after %s → %s', (expression, now, next) => {
    expect(iso(nextCronFire(cron(expression), utc(now)))).toBe(next);
  });
});

describe('rate schedules', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(3 days)', 259_200_000],
  ])('%s fires every %i ms counted from the start', (expression, period) => {
    const schedule = parseScheduleExpression(expression);
    const start = utc('2024-05-01T10:00:17Z');
    expect(nextFire(schedule, start, start)).toBe(start + period);
    expect(nextFire(schedule, start + period, start)).toBe(start + 2 * period);
    expect(nextFire(schedule, start + period + 1, start)).toBe(start + 2 * period);
  });
});

describe('invalid expressions say which field is wrong and what it accepts', () => {
  it.each([
    ['rate(5 minute)', /rate\(5 minutes\)/],
    ['rate(1 minutes)', /rate\(1 minute\)/],
    ['rate(0 minutes)', /positive/],
    ['rate(5 weeks)', /minute\|minutes/],
    ['every 5 minutes', /rate\(…\) or cron\(…\)/],
    ['cron(0 10 * * *)', /6 fields.*got 5/],
    ['cron(0 10 * * * *)', /exactly one of Day-of-month/],
    ['cron(0 10 ? * ? *)', /exactly one of Day-of-month/],
    ['cron(60 10 * * ? *)', /Minutes field "60" has 60, outside 0-59/],
    ['cron(0 24 * * ? *)', /Hours field "24"/],
    ['cron(0 0 32 * ? *)', /Day-of-month field "32"/],
    ['cron(0 0 1 FOO ? *)', /Month field "FOO" has "FOO", which is not a number or a name \(JAN-DEC\)/],
    ['cron(0 0 ? * 8 *)', /Day-of-week field "8"/],
    ['cron(0 0 ? * 2#6 *)', /occurrence 6/],
    ['cron(0 0 1 * ? 1969)', /Year field "1969"/],
    ['cron(0/0 0 1 * ? *)', /step "0"/],
    ['cron(30-10 0 1 * ? *)', /ends before it starts/],
    ['cron(0 0 L-2 * ? *)', /Day-of-month field "L-2"/],
  ])('%s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});

/** A brute-force reference: does the expression fire at this (whole) minute? */
function firesAt(expression: string, ms: number): boolean {
  const [minutes, hours, dom, month, dow, year] = expression.slice(5, -1).split(' ');
  const d = new Date(ms);
  const inList = (field: string, value: number): boolean =>
    field === '*' || field === '?' || field.split(',').some((part) => {
      const [range, step] = part.split('/');
      const [from, to] = range === '*' ? [-Infinity, Infinity] : range.includes('-') ? range.split('-').map(Number) : [Number(range), step ? Infinity : Number(range)];
      const base = range === '*' ? 0 : from;
      return value >= from && value <= to && (value - base) % Number(step ?? 1) === 0;
    });
  return (
    inList(minutes, d.getUTCMinutes()) &&
    inList(hours, d.getUTCHours()) &&
    inList(dom, d.getUTCDate()) &&
    inList(month, d.getUTCMonth() + 1) &&
    inList(dow, d.getUTCDay() + 1) &&
    inList(year, d.getUTCFullYear())
  );
}

describe('properties', () => {
  const numberField = (min: number, max: number) =>
    fc.oneof(
      fc.constant('*'),
      fc.integer({ min, max }).map(String),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 10 })).map(([a, s]) => `${a}/${s}`),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 }).map((values) => values.join(',')),
    );
  const expression = fc
    .tuple(numberField(0, 59), numberField(0, 23), numberField(1, 31), numberField(1, 12), numberField(1, 7), fc.boolean(), fc.oneof(fc.constant('*'), fc.integer({ min: 2024, max: 2030 }).map(String)))
    .map(([mi, h, dom, mo, dow, domSet, year]) => `cron(${mi} ${h} ${domSet ? dom : '?'} ${mo} ${domSet ? '?' : dow} ${year})`);
  const now = fc.integer({ min: utc('2024-01-01T00:00:00Z'), max: utc('2026-12-31T00:00:00Z') });

  it('the next fire is after now, on a whole minute, matches the expression, and nothing fires in between', () => {
    fc.assert(
      fc.property(expression, now, (text, at) => {
        const next = nextCronFire(cron(text), at);
        if (next === undefined) return;
        expect(next).toBeGreaterThan(at);
        expect(next % 60_000).toBe(0);
        expect(firesAt(text, next)).toBe(true);
        // Nothing in the first hour after now fires before `next` (checked minute by minute).
        for (let m = Math.floor(at / 60_000) * 60_000 + 60_000; m < Math.min(next, at + 3_600_000); m += 60_000) expect(firesAt(text, m)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a rate fires after now and on a whole number of periods from the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.constantFrom('minutes', 'hours', 'days'), now, fc.integer({ min: 0, max: 10 ** 10 }), (n, unit, start, elapsed) => {
        const text = `rate(${n} ${n === 1 ? unit.slice(0, -1) : unit})`;
        const schedule = parseScheduleExpression(text);
        if (schedule.kind !== 'rate') throw new Error('not a rate');
        const next = nextFire(schedule, start + elapsed, start)!;
        expect(next).toBeGreaterThan(start + elapsed);
        expect((next - start) % schedule.periodMs).toBe(0);
        expect(next - (start + elapsed)).toBeLessThanOrEqual(schedule.periodMs);
      }),
    );
  });
});
