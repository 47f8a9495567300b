/**
 * The base of every event wrapper: it keeps the raw Lambda event (returned unchanged by
 * `toJSON()`) and the Lambda context, and offers the small checks the wrappers use to fail
 * with a message that names the wrapper and the field a malformed event lacks.
 */
import type { LambdaContext } from '../lambda-context.js';

export abstract class BaseLambdaEvent<Raw = unknown> {
  readonly #raw: Raw;
  /** The Lambda context of the invocation (`null` when invoked without one, e.g. in some tests). */
  readonly context: LambdaContext | null;

  constructor(raw: Raw, context: LambdaContext | null = null) {
    this.#raw = raw;
    this.context = context ?? null;
  }

  /** The original event exactly as Lambda delivered it (`JSON.stringify(event)` uses it too). */
  toJSON(): Raw {
    return this.#raw;
  }
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` if it is an object, else a TypeError naming the wrapper, the path and the expected event. */
export function expectObject(value: unknown, wrapper: string, path: string, expected: string): JsonObject {
  if (!isJsonObject(value)) {
    throw new TypeError(`${wrapper}: the Lambda event has no object at ${path}; expected ${expected}. Check what invokes this function.`);
  }
  return value;
}

/** The `Records` array of a batch event (SQS, Kinesis, DynamoDB, SNS, S3). */
export function recordsOf(raw: unknown, wrapper: string, expected: string): JsonObject[] {
  const records = isJsonObject(raw) ? raw.Records : undefined;
  if (!Array.isArray(records)) {
    throw new TypeError(`${wrapper}: the Lambda event has no Records array; expected ${expected}. Check what invokes this function.`);
  }
  return records.map((record, i) => expectObject(record, wrapper, `Records[${i}]`, expected));
}

/** The first record of an event that always carries exactly one (S3, SNS). */
export function firstRecordOf(raw: unknown, wrapper: string, expected: string): JsonObject {
  const records = recordsOf(raw, wrapper, expected);
  if (records.length === 0) {
    throw new TypeError(`${wrapper}: the Lambda event has an empty Records array; expected ${expected}.`);
  }
  return records[0];
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Epoch seconds (possibly fractional, as Kinesis and DynamoDB send them) to a Date. */
export function epochSecondsToDate(seconds: unknown): Date | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}
