/**
 * AWS EventBridge schedule expressions, evaluated in UTC as EventBridge evaluates them:
 * `rate(N minute|minutes|hour|hours|day|days)` and the 6-field
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`.
 *
 * Cron fields take `*`, lists `a,b`, ranges `a-b`, steps `a/n` and `a-b/n` (and `* /n`), names
 * of months (JAN-DEC) and days (SUN-SAT, 1 = Sunday as in EventBridge); day-of-month also `L`
 * (last day), `nW` (weekday nearest day n, within the month), `LW` (last weekday); day-of-week
 * also `L` (Saturday), `nL` (last such day of the month) and `n#k` (k-th such day). One of the two day fields
 * must be `?`, as EventBridge requires. A bad expression throws a `ScheduleExpressionError`
 * naming the field and what it accepts.
 *
 * `nextCronFire` walks days, not minutes: it skips years and months that cannot match, so an
 * expression that fires once in 2099 is found as fast as one that fires every minute.
 */

export class ScheduleExpressionError extends Error {
  override name = 'ScheduleExpressionError';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** EventBridge accepts years up to 2199. */
const LAST_YEAR = 2199;

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const SPECS = {
  minutes: { label: 'Minutes', min: 0, max: 59 },
  hours: { label: 'Hours', min: 0, max: 23 },
  dayOfMonth: { label: 'Day-of-month', min: 1, max: 31 },
  month: { label: 'Month', min: 1, max: 12, names: MONTHS },
  dayOfWeek: { label: 'Day-of-week', min: 1, max: 7, names: DAYS },
  year: { label: 'Year', min: 1970, max: LAST_YEAR },
} satisfies Record<string, FieldSpec>;

/** A day test: whether the day-of-month field matches `day` of `year`/`month` (1-based). */
type DayTest = (year: number, month: number, day: number) => boolean;

export interface CronSchedule {
  readonly kind: 'cron';
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** `undefined`: any year. */
  readonly years: ReadonlySet<number> | undefined;
  readonly day: DayTest;
}

export interface RateSchedule {
  readonly kind: 'rate';
  readonly periodMs: number;
}

export type ParsedSchedule = CronSchedule | RateSchedule;

const RATE = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/;
const RATE_UNIT_MS: Readonly<Record<string, number>> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: DAY_MS };

/** Parses `rate(…)` or `cron(…)`; throws a `ScheduleExpressionError` saying what is wrong. */
export function parseScheduleExpression(expression: string): ParsedSchedule {
  const text = expression.trim();
  if (text.startsWith('rate(')) {
    const match = RATE.exec(text);
    if (!match) throw new ScheduleExpressionError(`${expression}: expected rate(N minute|minutes|hour|hours|day|days), e.g. rate(5 minutes)`);
    const value = Number(match[1]);
    const unit = match[2];
    if (value < 1) throw new ScheduleExpressionError(`${expression}: the rate must be a positive whole number`);
    // EventBridge wants the singular for 1 and the plural otherwise.
    if ((value === 1) !== !unit.endsWith('s')) throw new ScheduleExpressionError(`${expression}: write rate(1 ${unit.replace(/s$/, '')}) for 1 and rate(${value === 1 ? 2 : value} ${unit.replace(/s?$/, 's')}) for more`);
    return { kind: 'rate', periodMs: value * RATE_UNIT_MS[unit.replace(/s$/, '')] };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (!cron) throw new ScheduleExpressionError(`${expression}: expected rate(…) or cron(…)`);
  return parseCron(cron[1], expression);
}

function parseCron(body: string, expression: string): CronSchedule {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new ScheduleExpressionError(`${expression}: cron needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${fields.length}`);
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields.map((field) => field.toUpperCase());
  const fail = (spec: FieldSpec, field: string, why: string): never => {
    throw new ScheduleExpressionError(`${expression}: ${spec.label} field ${JSON.stringify(field)} ${why}`);
  };
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new ScheduleExpressionError(`${expression}: exactly one of Day-of-month (${dayOfMonth}) and Day-of-week (${dayOfWeek}) must be '?'`);
  }
  return {
    kind: 'cron',
    minutes: valueSet(SPECS.minutes, minutes, fail),
    hours: valueSet(SPECS.hours, hours, fail),
    months: valueSet(SPECS.month, month, fail),
    years: year === '*' ? undefined : valueSet(SPECS.year, year, fail),
    day: dayOfMonth === '?' ? dayOfWeekTest(dayOfWeek, fail) : dayOfMonthTest(dayOfMonth, fail),
  };
}

type Fail = (spec: FieldSpec, field: string, why: string) => never;

/** The values a plain field (`*`, lists, ranges, steps, names) allows. */
function valueSet(spec: FieldSpec, field: string, fail: Fail): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    for (const value of partValues(spec, field, part, fail)) values.add(value);
  }
  return values;
}

function partValues(spec: FieldSpec, field: string, part: string, fail: Fail): number[] {
  const [range, stepText, extra] = part.split('/');
  if (extra !== undefined) fail(spec, field, 'has more than one /');
  const step = stepText === undefined ? 1 : Number(stepText);
  if (stepText !== undefined && (!/^\d+$/.test(stepText) || step < 1)) fail(spec, field, `has step ${JSON.stringify(stepText)}; a step is a positive whole number`);
  let from: number;
  let to: number;
  if (range === '*') {
    [from, to] = [spec.min, spec.max];
  } else if (range.includes('-')) {
    const [a, b] = range.split('-');
    [from, to] = [fieldValue(spec, field, a, fail), fieldValue(spec, field, b, fail)];
    if (from > to) fail(spec, field, `has range ${range} that ends before it starts`);
  } else {
    from = fieldValue(spec, field, range, fail);
    // `5/15` means from 5 to the end, every 15.
    to = stepText === undefined ? from : spec.max;
  }
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function fieldValue(spec: FieldSpec, field: string, text: string, fail: Fail): number {
  const named = spec.names?.indexOf(text) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) {
    return fail(spec, field, `has ${JSON.stringify(text)}, which is not ${spec.names ? `a number or a name (${spec.names[0]}-${spec.names[spec.names.length - 1]})` : 'a number'}`);
  }
  const value = Number(text);
  if (value < spec.min || value > spec.max) fail(spec, field, `has ${value}, outside ${spec.min}-${spec.max}`);
  return value;
}

function dayOfMonthTest(field: string, fail: Fail): DayTest {
  const spec = SPECS.dayOfMonth;
  if (field === 'L') return (year, month, day) => day === daysIn(year, month);
  if (field === 'LW') return (year, month, day) => day === lastWeekday(year, month);
  const nearest = /^(\d+)W$/.exec(field);
  if (nearest) {
    const target = fieldValue(spec, field, nearest[1], fail);
    return (year, month, day) => day === nearestWeekday(year, month, target);
  }
  if (/[LW#]/.test(field)) fail(spec, field, 'uses L or W in a way EventBridge does not accept (L, LW or nW alone)');
  const days = valueSet(spec, field, fail);
  return (_year, _month, day) => days.has(day);
}

function dayOfWeekTest(field: string, fail: Fail): DayTest {
  const spec = SPECS.dayOfWeek;
  // `L` alone is the last day of the week (every Saturday); `nL` the last such day of the month.
  if (field === 'L') return (year, month, day) => weekdayOf(year, month, day) === 7;
  const last = /^([A-Z]+|\d+)L$/.exec(field);
  if (last) {
    const weekday = fieldValue(spec, field, last[1], fail);
    return (year, month, day) => weekdayOf(year, month, day) === weekday && day + 7 > daysIn(year, month);
  }
  const nth = /^([A-Z]+|\d+)#(\d+)$/.exec(field);
  if (nth) {
    const weekday = fieldValue(spec, field, nth[1], fail);
    const k = Number(nth[2]);
    if (k < 1 || k > 5) fail(spec, field, `asks for occurrence ${k}; use 1 to 5`);
    return (year, month, day) => weekdayOf(year, month, day) === weekday && Math.ceil(day / 7) === k;
  }
  if (/[LW#]/.test(field)) fail(spec, field, 'uses L or # in a way EventBridge does not accept (nL or n#k alone)');
  const days = valueSet(spec, field, fail);
  return (year, month, day) => days.has(weekdayOf(year, month, day));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

const isWeekday = (weekday: number): boolean => weekday >= 2 && weekday <= 6;

/** The weekday nearest `target` without leaving the month (a day past the month's end means its last day). */
function nearestWeekday(year: number, month: number, target: number): number {
  const day = Math.min(target, daysIn(year, month));
  const weekday = weekdayOf(year, month, day);
  if (isWeekday(weekday)) return day;
  if (weekday === 7) return day > 1 ? day - 1 : day + 2; // Saturday: Friday before, or Monday after the 1st
  return day < daysIn(year, month) ? day + 1 : day - 2; // Sunday: Monday after, or Friday before the last
}

function lastWeekday(year: number, month: number): number {
  let day = daysIn(year, month);
  while (!isWeekday(weekdayOf(year, month, day))) day--;
  return day;
}

/**
 * The first time strictly after `afterMs` (epoch ms, UTC) at which the cron schedule fires,
 * on a whole minute; `undefined` when it never fires again (its years are past).
 */
export function nextCronFire(schedule: CronSchedule, afterMs: number): number | undefined {
  const start = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const first = new Date(start);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth() + 1;
  let day = first.getUTCDate();
  let minuteOfDay = first.getUTCHours() * 60 + first.getUTCMinutes();
  const hours = [...schedule.hours].sort((a, b) => a - b);
  const minutes = [...schedule.minutes].sort((a, b) => a - b);
  while (year <= LAST_YEAR) {
    if (schedule.years !== undefined && !schedule.years.has(year)) {
      [year, month, day, minuteOfDay] = [year + 1, 1, 1, 0];
      continue;
    }
    if (!schedule.months.has(month)) {
      [month, day, minuteOfDay] = [month + 1, 1, 0];
      if (month > 12) [year, month] = [year + 1, 1];
      continue;
    }
    if (schedule.day(year, month, day)) {
      for (const hour of hours) {
        for (const minute of minutes) {
          if (hour * 60 + minute >= minuteOfDay) return Date.UTC(year, month - 1, day, hour, minute);
        }
      }
    }
    [day, minuteOfDay] = [day + 1, 0];
    if (day > daysIn(year, month)) {
      [month, day] = [month + 1, 1];
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  return undefined;
}

/**
 * When a schedule fires next after `afterMs`. A rate fires every period counted from
 * `startedMs` (when the rule was created: here, when the app was loaded), as EventBridge does.
 */
export function nextFire(schedule: ParsedSchedule, afterMs: number, startedMs: number): number | undefined {
  if (schedule.kind === 'cron') return nextCronFire(schedule, afterMs);
  const periods = Math.floor((afterMs - startedMs) / schedule.periodMs) + 1;
  return startedMs + Math.max(1, periods) * schedule.periodMs;
}
