/** Schedule expressions for `app.schedule`: `Rate`, `Cron`, or a raw string. */

export type RateUnit = 'minutes' | 'hours' | 'days';

export class Rate {
  static readonly MINUTES: RateUnit = 'minutes';
  static readonly HOURS: RateUnit = 'hours';
  static readonly DAYS: RateUnit = 'days';

  constructor(
    readonly value: number,
    readonly unit: RateUnit,
  ) {
    if (!Number.isInteger(value) || value < 1) {
      throw new TypeError(`Rate value must be a positive integer, got ${String(value)}`);
    }
    if (unit !== 'minutes' && unit !== 'hours' && unit !== 'days') {
      throw new TypeError(`Rate unit must be Rate.MINUTES, Rate.HOURS or Rate.DAYS, got ${String(unit)}`);
    }
  }

  /** `rate(1 minute)` / `rate(5 minutes)`: EventBridge wants the singular for 1. */
  toString(): string {
    const unit = this.value === 1 ? this.unit.slice(0, -1) : this.unit;
    return `rate(${this.value} ${unit})`;
  }
}

type CronField = string | number;

export class Cron {
  constructor(
    readonly minutes: CronField,
    readonly hours: CronField,
    readonly dayOfMonth: CronField,
    readonly month: CronField,
    readonly dayOfWeek: CronField,
    readonly year: CronField,
  ) {
    const dom = String(dayOfMonth);
    const dow = String(dayOfWeek);
    // EventBridge rejects expressions that set both day fields.
    if (dom !== '?' && dow !== '?') {
      throw new TypeError(
        `Cron: dayOfMonth (${dom}) and dayOfWeek (${dow}) cannot both be set; use '?' in one of them`,
      );
    }
  }

  toString(): string {
    const fields = [this.minutes, this.hours, this.dayOfMonth, this.month, this.dayOfWeek, this.year];
    return `cron(${fields.map(String).join(' ')})`;
  }
}

export type ScheduleExpression = string | Rate | Cron;

const RAW_EXPRESSION = /^(rate|cron)\(.+\)$/;

export function scheduleExpressionToString(expression: ScheduleExpression): string {
  const text = typeof expression === 'string' ? expression : expression.toString();
  if (!RAW_EXPRESSION.test(text)) {
    throw new TypeError(
      `Invalid schedule expression ${JSON.stringify(text)}: use new Rate(...), new Cron(...) or a string like 'rate(5 minutes)' or 'cron(0 10 * * ? *)'`,
    );
  }
  return text;
}
