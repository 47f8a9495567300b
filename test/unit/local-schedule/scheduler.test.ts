import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/local/schedule/scheduler.js';
import { fakeClock } from '../../helpers/fake-clock.js';
import { scheduledEventFor } from '../../../src/local/schedule/scheduled-event.js';

const isoOf = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('the local scheduler', () => {
  it('fires rate and cron schedules at their times, in order, for a day of fake time', () => {
    const clock = fakeClock('2024-05-01T10:00:17Z');
    const fired: string[] = [];
    const scheduler = createScheduler({
      clock,
      schedules: [
        { name: 'every_6_hours', expression: 'rate(6 hours)' },
        { name: 'weekday_noon', expression: 'cron(0 12 ? * MON-FRI *)' },
        { name: 'quarter_hours', expression: 'cron(0/15 22-23 * * ? *)' },
      ],
      fire: (entry, at) => fired.push(`${isoOf(at)} ${entry.name}`),
    });
    clock.advanceTo('2024-05-02T10:00:17Z');
    expect(fired).toEqual([
      '2024-05-01T12:00:00Z weekday_noon',
      '2024-05-01T16:00:17Z every_6_hours',
      '2024-05-01T22:00:00Z quarter_hours',
      '2024-05-01T22:00:17Z every_6_hours',
      '2024-05-01T22:15:00Z quarter_hours',
      '2024-05-01T22:30:00Z quarter_hours',
      '2024-05-01T22:45:00Z quarter_hours',
      '2024-05-01T23:00:00Z quarter_hours',
      '2024-05-01T23:15:00Z quarter_hours',
      '2024-05-01T23:30:00Z quarter_hours',
      '2024-05-01T23:45:00Z quarter_hours',
      '2024-05-02T04:00:17Z every_6_hours',
      '2024-05-02T10:00:17Z every_6_hours',
    ]);
    scheduler.stop();
  });

  it('reports when each schedule fires next, and fires nothing once stopped', () => {
    const clock = fakeClock('2024-05-01T10:00:00Z');
    const fired: string[] = [];
    const scheduler = createScheduler({ clock, schedules: [{ name: 'hourly', expression: 'rate(1 hour)' }], fire: (entry) => fired.push(entry.name) });
    expect(isoOf(scheduler.nextFireTimes().get('hourly')!)).toBe('2024-05-01T11:00:00Z');
    scheduler.stop();
    clock.advanceTo('2024-05-01T15:00:00Z');
    expect(fired).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('waits in chunks for a schedule months away (beyond the longest Node timer) and fires it on time', () => {
    const clock = fakeClock('2024-01-01T00:00:00Z');
    const fired: string[] = [];
    createScheduler({ clock, schedules: [{ name: 'new_year', expression: 'cron(0 0 1 1 ? *)' }], fire: (entry, at) => fired.push(isoOf(at)) });
    clock.advanceTo('2024-12-31T23:59:00Z');
    expect(fired).toEqual([]);
    clock.advanceTo('2025-01-01T00:00:00Z');
    expect(fired).toEqual(['2025-01-01T00:00:00Z']);
  });

  it('skips a schedule whose expression it cannot evaluate, saying why, and runs the others', () => {
    const clock = fakeClock('2024-05-01T10:00:00Z');
    const invalid: string[] = [];
    const fired: string[] = [];
    createScheduler({
      clock,
      schedules: [
        { name: 'broken', expression: 'cron(0 10 * * * *)' },
        { name: 'minutely', expression: 'rate(1 minute)' },
      ],
      fire: (entry) => fired.push(entry.name),
      onInvalid: (entry, message) => invalid.push(`${entry.name}: ${message}`),
    });
    clock.advanceTo('2024-05-01T10:02:00Z');
    expect(invalid).toEqual(["broken: cron(0 10 * * * *): exactly one of Day-of-month (*) and Day-of-week (*) must be '?'"]);
    expect(fired).toEqual(['minutely', 'minutely']);
  });
});

describe('the scheduled event', () => {
  it('has the shape EventBridge sends a scheduled rule target', () => {
    const event = scheduledEventFor('myapp', 'dev', 'every_hour', Date.parse('2024-05-01T11:00:00.250Z'));
    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2024-05-01T11:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/myapp-dev-every_hour'],
      detail: {},
    });
    expect(scheduledEventFor('myapp', 'dev', 'every_hour', 0).id).not.toBe(event.id);
  });
});
