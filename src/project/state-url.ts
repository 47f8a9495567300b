/**
 * Where a stage's deployed state lives when a team shares it: `s3://bucket/prefix` (from
 * `deployed_state.s3` in `.chalice/config.json` or `--state-url`). Pure parsing; the S3 store
 * itself is in `deploy/state/`.
 *
 * Key layout under the prefix (documented in the README):
 *   <prefix>/<app_name>/<stage>.json   the deployed state, same text as the local file
 *   <prefix>/<app_name>/<stage>.lock   the lock of a running deploy/delete
 * The app name is part of the key so one bucket/prefix can hold every app of a team.
 */
import { ChaliceTsError } from './errors.js';

export interface S3StateLocation {
  readonly bucket: string;
  /** Without leading or trailing "/"; "" for the bucket's root. */
  readonly prefix: string;
}

// S3 general purpose bucket names: 3-63 lowercase letters, digits, "." and "-", starting and
// ending with a letter or digit.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why `text` is not an `s3://bucket/prefix` URL, or undefined when it is one. */
export function stateUrlProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'must be an S3 URL such as "s3://my-bucket/chalice-state"';
  const match = /^s3:\/\/([^/]*)(\/.*)?$/.exec(text);
  if (match === null) return `must be an S3 URL such as "s3://my-bucket/chalice-state", got ${JSON.stringify(text)}`;
  if (!BUCKET_PATTERN.test(match[1]!)) return `names bucket ${JSON.stringify(match[1])}, which is not a valid S3 bucket name (3-63 lowercase letters, digits, "." and "-")`;
  if ((match[2] ?? '').split('/').some((part, i, all) => part === '' && i > 0 && i < all.length - 1)) return `has an empty path segment ("//") in ${JSON.stringify(text)}`;
  return undefined;
}

/** Parses `s3://bucket/prefix`; `source` names where it came from in the error. */
export function parseStateUrl(text: string, source: string): S3StateLocation {
  const problem = stateUrlProblem(text);
  if (problem !== undefined) throw new ChaliceTsError(`${source} ${problem}`, 'state_url_invalid');
  const [, bucket, path = ''] = /^s3:\/\/([^/]*)(\/.*)?$/.exec(text)!;
  return { bucket: bucket!, prefix: path.replace(/^\/+|\/+$/g, '') };
}

/** The state object's key and the lock object's key of one app's stage. */
export function stateKeys(location: S3StateLocation, appName: string, stage: string): { readonly state: string; readonly lock: string } {
  const base = [location.prefix, appName, stage].filter((part) => part !== '').join('/');
  return { state: `${base}.json`, lock: `${base}.lock` };
}

/** `s3://bucket/key` for messages. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
