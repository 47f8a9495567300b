/**
 * `chalice local` fires the app's schedules: the server (built, in this process) on a fake
 * clock that the test steps through a day, with the real Lambda sandboxes running the handlers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalServer, LocalServerEvent, LocalServerOptions } from '../../../src/local/server/index.js';
import { fakeClock } from '../../helpers/fake-clock.js';
import { assertBuilt, copyFixture, removeDir, REPO_ROOT, startChaliceLocal } from './chalice-process.js';

async function startBuiltServer(options: LocalServerOptions): Promise<LocalServer> {
  assertBuilt();
  const built = (await import(pathToFileURL(join(REPO_ROOT, 'dist', 'local', 'server', 'index.js')).href)) as typeof import('../../../src/local/server/index.js');
  return built.startLocalServer(options);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('chalice local fires schedules', () => {
  let server: LocalServer | undefined;
  let projectDir: string | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (projectDir) removeDir(projectDir);
  });

  it('invokes each schedule at its time with the event EventBridge sends, and reports each run and failure', async () => {
    projectDir = copyFixture('events-app');
    const log = join(projectDir, 'events.jsonl');
    const config = JSON.parse(readFileSync(join(projectDir, '.chalice', 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(projectDir, '.chalice', 'config.json'), JSON.stringify({ ...config, environment_variables: { EVENTS_LOG: log } }));
    const clock = fakeClock('2024-05-03T10:30:00Z'); // a Friday
    const events: LocalServerEvent[] = [];
    server = await startBuiltServer({ projectDir, port: 0, autoreload: false, schedulerClock: clock, onEvent: (event) => events.push(event) });
    expect(events.find((e) => e.kind === 'schedules')).toEqual({
      kind: 'schedules',
      schedules: [
        { name: 'every_hour', expression: 'rate(1 hour)', next: Date.parse('2024-05-03T11:30:00Z') },
        { name: 'weekday_noon', expression: 'cron(0 12 ? * MON-FRI *)', next: Date.parse('2024-05-03T12:00:00Z') },
      ],
    });

    clock.advanceTo('2024-05-03T13:00:00Z');
    const fired = () => events.filter((e) => e.kind === 'schedule-fired').map((e) => e.kind === 'schedule-fired' && `${new Date(e.at).toISOString()} ${e.name} ${e.expression}`);
    expect(fired()).toEqual([
      '2024-05-03T11:30:00.000Z every_hour rate(1 hour)',
      '2024-05-03T12:00:00.000Z weekday_noon cron(0 12 ? * MON-FRI *)',
      '2024-05-03T12:30:00.000Z every_hour rate(1 hour)',
    ]);
    await until(() => existsSync(log) && readFileSync(log, 'utf8').trim().split('\n').length === 2);
    const runs = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { fn: string; event: Record<string, unknown> });
    expect(runs.map((run) => run.event)).toEqual([
      expect.objectContaining({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {}, time: '2024-05-03T11:30:00Z', resources: ['arn:aws:events:us-east-1:123456789012:rule/events-app-dev-every_hour'], account: '123456789012', region: 'us-east-1', version: '0' }),
      expect.objectContaining({ time: '2024-05-03T12:30:00Z' }),
    ]);
    await until(() => events.some((e) => e.kind === 'invocation-failed'));
    const failure = events.find((e) => e.kind === 'invocation-failed');
    expect(failure).toMatchObject({ functionName: 'weekday_noon', message: expect.stringMatching(/^failed: Error: noon report failed\n.*app\.ts/) });

    // The weekend: no weekday_noon on Saturday or Sunday, on Monday again.
    clock.advanceTo('2024-05-06T12:00:00Z');
    expect(fired().filter((line) => line && line.includes('weekday_noon'))).toEqual([
      '2024-05-03T12:00:00.000Z weekday_noon cron(0 12 ? * MON-FRI *)',
      '2024-05-06T12:00:00.000Z weekday_noon cron(0 12 ? * MON-FRI *)',
    ]);
  });

  it('fires nothing with schedules turned off', async () => {
    projectDir = copyFixture('events-app');
    const clock = fakeClock('2024-05-03T10:30:00Z');
    const events: LocalServerEvent[] = [];
    server = await startBuiltServer({ projectDir, port: 0, autoreload: false, schedules: false, schedulerClock: clock, onEvent: (event) => events.push(event) });
    clock.advanceTo('2024-05-04T10:30:00Z');
    expect(events.filter((e) => e.kind === 'schedules' || e.kind === 'schedule-fired')).toEqual([]);
  });

  it('lists the schedules when chalice local starts, and not with --no-schedules', async () => {
    projectDir = copyFixture('events-app');
    const on = await startChaliceLocal(projectDir, ['--no-autoreload']);
    await on.waitFor(/SCHEDULE {2}weekday_noon {2}cron\(0 12 \? \* MON-FRI \*\) {2}next \d{4}-\d\d-\d\dT12:00:00Z/);
    await on.waitFor(/SCHEDULE {2}every_hour {2}rate\(1 hour\)/);
    await on.stop();
    const off = await startChaliceLocal(projectDir, ['--no-autoreload', '--no-schedules']);
    await off.waitFor(/Press Ctrl\+C to stop/);
    expect(off.output).not.toContain('SCHEDULE');
    await off.stop();
  });
});
