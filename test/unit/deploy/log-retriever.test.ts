import { describe, expect, it } from 'vitest';
import {
  formatLogEvent,
  isLambdaPlatformMessage,
  parseSince,
  retrieveLogs,
  shortStreamId,
  type FilterLogEventsRequest,
  type LogEvent,
  type LogEventReader,
  type LogEventsPage,
} from '../../../src/deploy/inspect/log-retriever.js';
import { ChaliceTsError } from '../../../src/project/errors.js';

const STREAM = '2024/05/01/[$LATEST]9d2a92f0c1b2';

function event(id: string, timestamp: number, message = `message ${id}`): LogEvent {
  return { eventId: id, timestamp, logStreamName: STREAM, message: `${message}\n` };
}

/**
 * A log group in memory that answers FilterLogEvents like CloudWatch Logs: events at or after
 * startTime, in timestamp order, `pageSize` per page. `arrivals[i]` are added before poll i+1.
 */
class FakeLogGroup implements LogEventReader {
  readonly requests: FilterLogEventsRequest[] = [];
  private events: LogEvent[];
  private polls = 0;

  constructor(events: LogEvent[] | undefined, private readonly pageSize = 2, private readonly arrivals: LogEvent[][] = []) {
    this.events = [...(events ?? [])].sort((a, b) => a.timestamp - b.timestamp);
    this.exists = events !== undefined;
  }

  exists: boolean;

  async filterLogEvents(request: FilterLogEventsRequest): Promise<LogEventsPage | undefined> {
    this.requests.push(request);
    if (request.nextToken === undefined) {
      const arriving = this.polls > 0 ? this.arrivals[this.polls - 1] : undefined;
      if (arriving !== undefined) {
        this.exists = true;
        this.events = [...this.events, ...arriving].sort((a, b) => a.timestamp - b.timestamp);
      }
      this.polls += 1;
    }
    if (!this.exists) return undefined;
    const matching = this.events.filter((e) => request.startTime === undefined || e.timestamp >= request.startTime);
    const offset = request.nextToken === undefined ? 0 : Number(request.nextToken);
    const page = matching.slice(offset, offset + this.pageSize);
    const next = offset + this.pageSize < matching.length ? String(offset + this.pageSize) : undefined;
    return { events: page, ...(next !== undefined ? { nextToken: next } : {}) };
  }
}

async function collect(events: AsyncIterable<LogEvent>): Promise<string[]> {
  const ids: string[] = [];
  for await (const e of events) ids.push(e.eventId);
  return ids;
}

/** A sleep that aborts `controller` after `polls` pauses, so follow mode ends deterministically. */
function stopAfter(polls: number, controller: AbortController) {
  let pauses = 0;
  return async (): Promise<void> => {
    pauses += 1;
    if (pauses >= polls) controller.abort();
  };
}

describe('retrieveLogs', () => {
  it('reads every page of the group in order', async () => {
    const group = new FakeLogGroup([event('a', 1), event('b', 2), event('c', 3), event('d', 4), event('e', 5)]);
    expect(await collect(retrieveLogs(group, { logGroupName: '/aws/lambda/app-dev' }))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(group.requests.map((r) => r.nextToken)).toEqual([undefined, '2', '4']);
    expect(group.requests.every((r) => r.logGroupName === '/aws/lambda/app-dev')).toBe(true);
  });

  it('passes --since as startTime', async () => {
    const group = new FakeLogGroup([event('a', 1_000), event('b', 2_000)]);
    expect(await collect(retrieveLogs(group, { logGroupName: 'g', startTime: 1_500 }))).toEqual(['b']);
    expect(group.requests[0]!.startTime).toBe(1_500);
  });

  it('hides Lambda START/END/REPORT lines unless asked for', async () => {
    const events = [
      event('s', 1, 'START RequestId: 1 Version: $LATEST'),
      event('m', 2, 'hello'),
      event('e', 3, 'END RequestId: 1'),
      event('r', 4, 'REPORT RequestId: 1\tDuration: 1 ms'),
      event('i', 0, 'INIT_START Runtime Version: nodejs:20'),
    ];
    expect(await collect(retrieveLogs(new FakeLogGroup(events), { logGroupName: 'g' }))).toEqual(['m']);
    expect(await collect(retrieveLogs(new FakeLogGroup(events), { logGroupName: 'g', includeLambdaMessages: true }))).toEqual(['i', 's', 'm', 'e', 'r']);
  });

  it('stops after --num-entries events without reading further pages', async () => {
    const group = new FakeLogGroup([event('a', 1), event('b', 2), event('c', 3), event('d', 4), event('e', 5)]);
    expect(await collect(retrieveLogs(group, { logGroupName: 'g', maxEntries: 3 }))).toEqual(['a', 'b', 'c']);
    expect(group.requests).toHaveLength(2);
  });

  it('reports a missing log group once and yields nothing', async () => {
    let reported = 0;
    const ids = await collect(retrieveLogs(new FakeLogGroup(undefined), { logGroupName: 'g', onNoLogGroup: () => (reported += 1) }));
    expect(ids).toEqual([]);
    expect(reported).toBe(1);
  });

  it('follows: shows new events once each, including new ones at an already-seen millisecond', async () => {
    const controller = new AbortController();
    const group = new FakeLogGroup([event('a', 10), event('b', 20)], 2, [
      [],
      [event('c', 20), event('d', 30)], // c shares b's timestamp: startTime is inclusive
      [event('e', 40), event('f', 40), event('g', 41)],
    ]);
    const ids = await collect(retrieveLogs(group, { logGroupName: 'g', follow: true, signal: controller.signal, sleep: stopAfter(4, controller) }));
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    // Each poll restarts at the newest timestamp shown so far.
    expect(group.requests.filter((r) => r.nextToken === undefined).map((r) => r.startTime)).toEqual([undefined, 20, 20, 30]);
  });

  it('follows a group that does not exist yet until it appears', async () => {
    const controller = new AbortController();
    let reported = 0;
    const group = new FakeLogGroup(undefined, 2, [[], [event('a', 5)]]);
    const ids = await collect(retrieveLogs(group, { logGroupName: 'g', follow: true, signal: controller.signal, sleep: stopAfter(3, controller), onNoLogGroup: () => (reported += 1) }));
    expect(ids).toEqual(['a']);
    expect(reported).toBe(1);
  });

  it('shows nothing of a page whose call the signal aborted', async () => {
    const controller = new AbortController();
    const reader: LogEventReader = {
      async filterLogEvents() {
        controller.abort();
        return { events: [event('late', 1)] };
      },
    };
    expect(await collect(retrieveLogs(reader, { logGroupName: 'g', follow: true, signal: controller.signal }))).toEqual([]);
  });

  it('ends follow mode as soon as the signal aborts, without another call', async () => {
    const controller = new AbortController();
    const group = new FakeLogGroup([event('a', 1)]);
    const sleep = async (): Promise<void> => controller.abort();
    expect(await collect(retrieveLogs(group, { logGroupName: 'g', follow: true, signal: controller.signal, sleep }))).toEqual(['a']);
    expect(group.requests).toHaveLength(1);
  });
});

describe('formatLogEvent', () => {
  it.each([
    [{ eventId: '1', timestamp: Date.UTC(2016, 10, 6, 20, 24, 25, 490), logStreamName: '2016/11/06/[$LATEST]9d2a92abcdef', message: 'demolog - ERROR - This is an error statement\n' }, '2016-11-06 20:24:25.490 9d2a92 demolog - ERROR - This is an error statement'],
    [{ eventId: '2', timestamp: 0, logStreamName: 'custom-stream', message: '  padded  ' }, '1970-01-01 00:00:00.000 custom-stream padded'],
  ])('prints <UTC time> <stream id> <message>', (input, expected) => {
    expect(formatLogEvent(input)).toBe(expected);
  });

  it.each([
    ['2024/05/01/[$LATEST]0123456789', '012345'],
    ['2024/05/01/[3]ab', 'ab'],
    ['no-bracket', 'no-bracket'],
  ])('short stream id of %s is %s', (stream, expected) => {
    expect(shortStreamId(stream)).toBe(expected);
  });
});

describe('isLambdaPlatformMessage', () => {
  it.each([
    ['START RequestId: abc Version: $LATEST', true],
    ['END RequestId: abc', true],
    ['REPORT RequestId: abc Duration: 2.00 ms', true],
    ['INIT_START Runtime Version: nodejs:20.v1', true],
    ['STARTED processing', false],
    ['2024-05-01T00:00:00.000Z\tabc\tINFO\thello', false],
  ])('%s → %s', (message, expected) => {
    expect(isLambdaPlatformMessage(message)).toBe(expected);
  });
});

describe('parseSince', () => {
  const now = Date.UTC(2024, 4, 1, 12, 0, 0);
  it.each([
    ['30s', now - 30_000],
    ['10m', now - 600_000],
    ['1h', now - 3_600_000],
    ['2d', now - 2 * 86_400_000],
    ['1w', now - 604_800_000],
    ['5M', now - 300_000],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01T10:30:00Z', Date.UTC(2024, 4, 1, 10, 30)],
    ['2024-05-01T10:30:00', Date.UTC(2024, 4, 1, 10, 30)],
    ['2024-05-01 10:30', Date.UTC(2024, 4, 1, 10, 30)],
    ['2024-05-01T10:30:00.250+02:00', Date.UTC(2024, 4, 1, 8, 30, 0, 250)],
  ])('%s', (text, expected) => {
    expect(parseSince(text, now)).toBe(expected);
  });

  it.each([['yesterday'], ['10'], ['10x'], ['-5m'], ['2024-13-45'], ['']])('rejects %j with one line naming the accepted forms', (text) => {
    expect(() => parseSince(text, now)).toThrow(ChaliceTsError);
    expect(() => parseSince(text, now)).toThrow(/^Invalid --since .*: use a relative time such as 30s, 10m.*or an ISO 8601 time/);
  });
});
