/**
 * `chalice invoke --local --event KIND …`: builds a sample event of the kind an event handler
 * receives from a few command-line flags, with the test client's factories
 * (testing/event-factories.ts), so the event is the one `client.events` would give a test.
 *
 *   sqs       --body (repeatable: one message each) [--queue]
 *   sns       --body [--subject] [--topic]
 *   s3        --bucket --key [--event-name ObjectCreated:Put] [--size]
 *   cw        [--source] [--detail-type] [--detail JSON] [--resource ARN (repeatable)]
 *   kinesis   --body (repeatable: one record each) [--stream] [--partition-key]
 *   dynamodb  --keys JSON [--new-image JSON] [--old-image JSON] [--table] [--event-name]
 *
 * DynamoDB items may be written plainly (`{"id": "1"}`) or in DynamoDB's typed form
 * (`{"id": {"S": "1"}}`); plain ones are converted. A flag that does not apply to the kind,
 * a missing required flag or bad JSON is a one-line `ChaliceTsError` naming the flag.
 */
import type { DynamoDBItem } from '../../runtime/index.js';
import { ChaliceTsError } from '../../project/errors.js';
import { createCwEvent, createDynamodbEvent, createKinesisEvent, createS3Event, createSnsEvent, createSqsEvent } from '../../testing/event-factories.js';

export const EVENT_KINDS = ['sqs', 'sns', 's3', 'cw', 'kinesis', 'dynamodb'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The event flags as commander gives them (camelCase; repeatable ones as arrays). */
export interface EventFlags {
  readonly body?: readonly string[];
  readonly queue?: string;
  readonly subject?: string;
  readonly topic?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly eventName?: string;
  readonly size?: string;
  readonly source?: string;
  readonly detailType?: string;
  readonly detail?: string;
  readonly resource?: readonly string[];
  readonly stream?: string;
  readonly partitionKey?: string;
  readonly keys?: string;
  readonly newImage?: string;
  readonly oldImage?: string;
  readonly table?: string;
}

type Flag = keyof EventFlags;

const FLAG_NAMES: Readonly<Record<Flag, string>> = {
  body: '--body', queue: '--queue', subject: '--subject', topic: '--topic', bucket: '--bucket', key: '--key',
  eventName: '--event-name', size: '--size', source: '--source', detailType: '--detail-type', detail: '--detail',
  resource: '--resource', stream: '--stream', partitionKey: '--partition-key', keys: '--keys', newImage: '--new-image',
  oldImage: '--old-image', table: '--table',
};

const FLAGS_OF: Readonly<Record<EventKind, readonly Flag[]>> = {
  sqs: ['body', 'queue'],
  sns: ['body', 'subject', 'topic'],
  s3: ['bucket', 'key', 'eventName', 'size'],
  cw: ['source', 'detailType', 'detail', 'resource'],
  kinesis: ['body', 'stream', 'partitionKey'],
  dynamodb: ['keys', 'newImage', 'oldImage', 'table', 'eventName'],
};

/** The event flags given (for "needs --event" and "does not apply" errors). */
export function givenEventFlags(flags: EventFlags): string[] {
  return (Object.keys(FLAG_NAMES) as Flag[]).filter((flag) => flags[flag] !== undefined).map((flag) => FLAG_NAMES[flag]);
}

export function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}

export function eventFromFlags(kind: EventKind, flags: EventFlags): unknown {
  const allowed = new Set(FLAGS_OF[kind]);
  const stray = (Object.keys(FLAG_NAMES) as Flag[]).filter((flag) => flags[flag] !== undefined && !allowed.has(flag));
  if (stray.length > 0) {
    throw invalid(`${stray.map((flag) => FLAG_NAMES[flag]).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to --event ${kind}; it takes ${FLAGS_OF[kind].map((flag) => FLAG_NAMES[flag]).join(', ')}`);
  }
  const need = (flag: Flag): string => {
    const value = flags[flag];
    if (value === undefined) throw invalid(`--event ${kind} needs ${FLAG_NAMES[flag]}`);
    return Array.isArray(value) ? String(value[0]) : String(value);
  };
  switch (kind) {
    case 'sqs':
      return createSqsEvent(bodies(kind, flags), flags.queue);
    case 'sns':
      return createSnsEvent(bodies(kind, flags).join('\n'), flags.subject, flags.topic !== undefined ? { topic: flags.topic } : {});
    case 's3': {
      const size = flags.size === undefined ? undefined : Number(flags.size);
      if (size !== undefined && (!Number.isInteger(size) || size < 0)) throw invalid(`--size ${flags.size} is not a size in bytes; pass a whole number`);
      return createS3Event(need('bucket'), need('key'), flags.eventName, size !== undefined ? { size } : {});
    }
    case 'cw':
      return createCwEvent(flags.source ?? 'chalice.local', flags.detailType ?? 'Local Event', flags.detail === undefined ? {} : json('--detail', flags.detail), flags.resource ?? []);
    case 'kinesis':
      return createKinesisEvent(bodies(kind, flags), { ...(flags.stream !== undefined ? { stream: flags.stream } : {}), ...(flags.partitionKey !== undefined ? { partitionKey: flags.partitionKey } : {}) });
    case 'dynamodb': {
      const eventName = flags.eventName;
      if (eventName !== undefined && eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE') {
        throw invalid(`--event-name ${eventName} is not a DynamoDB stream event; use INSERT, MODIFY or REMOVE`);
      }
      const image = (flag: 'newImage' | 'oldImage') => (flags[flag] === undefined ? undefined : toDynamoItem(FLAG_NAMES[flag], json(FLAG_NAMES[flag], flags[flag])));
      const newImage = image('newImage');
      const oldImage = image('oldImage');
      return createDynamodbEvent(
        [{ keys: toDynamoItem('--keys', json('--keys', need('keys'))), ...(newImage ? { newImage } : {}), ...(oldImage ? { oldImage } : {}), ...(eventName ? { eventName } : {}) }],
        flags.table !== undefined ? { table: flags.table } : {},
      );
    }
    default: {
      const never: never = kind;
      throw invalid(`unknown event kind ${String(never)}`);
    }
  }
}

function bodies(kind: EventKind, flags: EventFlags): string[] {
  if (flags.body === undefined || flags.body.length === 0) throw invalid(`--event ${kind} needs --body (the message${kind === 'sns' ? '' : '; repeat it for several records'})`);
  return [...flags.body];
}

function json(flag: string, text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch (error) {
    throw invalid(`${flag} is not valid JSON (${(error as Error).message}); quote it for the shell, e.g. ${flag} '{"id": "1"}'`);
  }
}

const TYPE_KEYS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

/** An item as given: DynamoDB's typed form is kept, plain JSON is converted to it. */
function toDynamoItem(flag: string, value: unknown): DynamoDBItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${flag} must be a JSON object, e.g. ${flag} '{"id": "1"}'`);
  const entries = Object.entries(value as Record<string, unknown>);
  const typed = entries.length > 0 && entries.every(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && TYPE_KEYS.has(Object.keys(v)[0]));
  if (typed) return value as DynamoDBItem;
  return Object.fromEntries(entries.map(([k, v]) => [k, toAttribute(v)])) as DynamoDBItem;
}

function toAttribute(value: unknown): unknown {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  return { M: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toAttribute(v)])) };
}

function invalid(message: string): ChaliceTsError {
  return new ChaliceTsError(message, 'invoke_event_invalid');
}
