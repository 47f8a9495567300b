/** `S3Event`: what `app.onS3Event` handlers receive (an S3 event notification). */
import type { LambdaContext } from '../lambda-context.js';
import { BaseLambdaEvent, expectObject, firstRecordOf } from './base-event.js';

/** One record of an S3 event notification (event structure version 2.x). */
export interface S3EventRecordPayload {
  readonly eventVersion: string;
  readonly eventSource: string;
  readonly awsRegion: string;
  readonly eventTime: string;
  /** E.g. `ObjectCreated:Put`. */
  readonly eventName: string;
  readonly s3: {
    readonly s3SchemaVersion: string;
    readonly configurationId: string;
    readonly bucket: { readonly name: string; readonly arn: string; readonly [extra: string]: unknown };
    /** `key` is URL-encoded (form encoding: a space arrives as `+`). */
    readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string; readonly sequencer?: string; readonly [extra: string]: unknown };
  };
  readonly [extra: string]: unknown;
}

export interface S3EventPayload {
  readonly Records: readonly S3EventRecordPayload[];
}

const EXPECTED = 'an S3 event notification ({"Records":[{"s3":{"bucket":{"name"},"object":{"key"}}}]})';

export class S3Event extends BaseLambdaEvent<S3EventPayload> {
  readonly bucket: string;
  /** The object key, URL-decoded (`toJSON()` keeps the encoded form S3 sent). */
  readonly key: string;

  constructor(raw: S3EventPayload, context: LambdaContext | null = null) {
    super(raw, context);
    // S3 sends one record per notification to Lambda.
    const s3 = expectObject(firstRecordOf(raw, 'S3Event', EXPECTED).s3, 'S3Event', 'Records[0].s3', EXPECTED);
    const bucket = expectObject(s3.bucket, 'S3Event', 'Records[0].s3.bucket', EXPECTED);
    const object = expectObject(s3.object, 'S3Event', 'Records[0].s3.object', EXPECTED);
    this.bucket = String(bucket.name);
    this.key = formEncodedToString(String(object.key));
  }
}

/**
 * Decodes a form-encoded string the way S3 encodes keys: `+` is a space, `%XX` a byte, bytes
 * are UTF-8. A malformed escape stays as written and invalid UTF-8 becomes U+FFFD, so a key
 * never makes the handler throw.
 */
export function formEncodedToString(encoded: string): string {
  const text = encoded.replaceAll('+', ' ');
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8'));
}
