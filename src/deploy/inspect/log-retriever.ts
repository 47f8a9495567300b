/**
 * `chalice logs`: reads a function's CloudWatch Logs group (`/aws/lambda/<function name>`) with
 * FilterLogEvents, across all its streams in timestamp order, page by page, and optionally keeps
 * polling for new events (`--follow`) until its signal aborts.
 *
 * AWS is behind `LogEventReader` so tests drive the paging and polling with a fake. Polling
 * restarts each round at the newest timestamp seen and skips the event ids already shown at that
 * timestamp: FilterLogEvents' startTime is inclusive and milliseconds are not unique. Like
 * Chalice's own follow mode this is best effort: an event ingested late, with a timestamp older
 * than one already shown, is missed.
 */
import { ChaliceTsError } from '../../project/errors.js';

export interface LogEvent {
  readonly eventId: string;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly logStreamName: string;
  readonly message: string;
}

export interface LogEventsPage {
  readonly events: readonly LogEvent[];
  readonly nextToken?: string;
}

export interface FilterLogEventsRequest {
  readonly logGroupName: string;
  readonly startTime?: number;
  readonly nextToken?: string;
}

/**
 * One FilterLogEvents call; `undefined` when the log group does not exist (yet). When `signal`
 * aborts during the call, it may end early with no events.
 */
export interface LogEventReader {
  filterLogEvents(request: FilterLogEventsRequest, signal?: AbortSignal): Promise<LogEventsPage | undefined>;
}

export interface RetrieveLogsOptions {
  readonly logGroupName: string;
  /** Only events at or after this time (ms since the epoch). @default all */
  readonly startTime?: number;
  /** Keep polling for new events until `signal` aborts. @default false */
  readonly follow?: boolean;
  /** Show Lambda's own START/END/REPORT lines. @default false (as Chalice) */
  readonly includeLambdaMessages?: boolean;
  /** Stop after this many events. @default unlimited */
  readonly maxEntries?: number;
  readonly signal?: AbortSignal;
  /** Pause between polls. @default 2000 */
  readonly pollIntervalMs?: number;
  /** Waits `ms` or until `signal` aborts; injectable so tests do not wait. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called once when the log group does not exist (the function has not run yet). */
  readonly onNoLogGroup?: () => void;
}

/** Yields the group's events in order; with `follow`, keeps going until the signal aborts. */
export async function* retrieveLogs(reader: LogEventReader, options: RetrieveLogsOptions): AsyncGenerator<LogEvent> {
  const sleep = options.sleep ?? abortableSleep;
  const include = options.includeLambdaMessages === true;
  let startTime = options.startTime;
  // Ids already shown at `startTime`, which the next inclusive poll returns again.
  let shownAtStart = new Set<string>();
  let shown = 0;
  let reportedMissing = false;
  for (;;) {
    let nextToken: string | undefined;
    let newest = startTime;
    let shownAtNewest = new Set(shownAtStart);
    do {
      if (options.signal?.aborted) return;
      const request = { logGroupName: options.logGroupName, ...(startTime !== undefined ? { startTime } : {}), ...(nextToken !== undefined ? { nextToken } : {}) };
      const page = await reader.filterLogEvents(request, options.signal);
      if (options.signal?.aborted) return;
      if (page === undefined) {
        if (!reportedMissing) options.onNoLogGroup?.();
        reportedMissing = true;
        break;
      }
      for (const event of page.events) {
        if (event.timestamp === startTime && shownAtStart.has(event.eventId)) continue;
        if (newest === undefined || event.timestamp > newest) {
          newest = event.timestamp;
          shownAtNewest = new Set();
        }
        if (event.timestamp === newest) shownAtNewest.add(event.eventId);
        if (!include && isLambdaPlatformMessage(event.message)) continue;
        yield event;
        shown += 1;
        if (options.maxEntries !== undefined && shown >= options.maxEntries) return;
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    if (options.follow !== true) return;
    startTime = newest;
    shownAtStart = shownAtNewest;
    await sleep(options.pollIntervalMs ?? 2_000, options.signal);
    if (options.signal?.aborted) return;
  }
}

/** Lines Lambda itself writes around each invocation, hidden unless asked for. */
export function isLambdaPlatformMessage(message: string): boolean {
  return /^(START|END|REPORT) RequestId:|^INIT_(START|REPORT|RUNTIME_DONE)\b/.test(message.trimStart());
}

/**
 * One output line, `<timestamp> <stream id> <message>` as Chalice prints it: the time in UTC
 * (`2024-05-01 12:00:00.123`), the first 6 characters after `]` of the stream name
 * (`2024/05/01/[$LATEST]9d2a92…` → `9d2a92`; the instance), the message without its trailing newline.
 */
export function formatLogEvent(event: LogEvent): string {
  const time = new Date(event.timestamp).toISOString().replace('T', ' ').replace('Z', '');
  return `${time} ${shortStreamId(event.logStreamName)} ${event.message.trim()}`;
}

export function shortStreamId(logStreamName: string): string {
  const bracket = logStreamName.indexOf(']');
  return bracket === -1 ? logStreamName : logStreamName.slice(bracket + 1, bracket + 7);
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`: a relative time (`30s`, `10m`, `1h`, `2d`, `1w`: that long before `now`) or an
 * ISO 8601 date or date-time (`2024-05-01`, `2024-05-01T12:00:00Z`; without a zone it is UTC).
 * Returns ms since the epoch.
 */
export function parseSince(text: string, now: number): number {
  const value = text.trim();
  const relative = /^(\d+)\s*([smhdw])$/i.exec(value);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) && value.length > 10;
    const iso = value.replace(' ', 'T');
    const time = Date.parse(value.length === 10 ? `${iso}T00:00:00Z` : hasZone ? iso : `${iso}Z`);
    if (!Number.isNaN(time)) return time;
  }
  throw new ChaliceTsError(
    `Invalid --since ${JSON.stringify(text)}: use a relative time such as 30s, 10m, 1h, 2d, 1w, or an ISO 8601 time such as 2024-05-01T12:00:00Z`,
    'since_invalid',
  );
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
