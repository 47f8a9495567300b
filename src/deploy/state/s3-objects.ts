/**
 * The four S3 object calls the S3 state store makes, behind an interface so that tests run
 * the store (and two concurrent deploys) against an in-memory fake with S3's semantics.
 *
 * S3 facts used here:
 *  - Conditional writes: PutObject with `If-None-Match: *` creates the object only if no object
 *    has the key; with `If-Match: <etag>` it replaces the object only if its ETag is still that.
 *    A failed condition is 412 PreconditionFailed; two racing conditional writes may also get
 *    409 ConditionalRequestConflict. Both mean "someone else wrote it first".
 *  - DeleteObject takes `If-Match` too, so a lock is removed only if it is still ours.
 *  - A missing key is NoSuchKey (404); a missing bucket is NoSuchBucket.
 *  - A bucket in another region answers 301 unless the client follows region redirects.
 */
import { ChaliceTsError } from '../../project/errors.js';
import { s3Url } from '../../project/state-url.js';
import type { AwsSession } from '../aws/session.js';
import { createClient } from '../aws/session.js';

export interface S3Object {
  readonly body: string;
  readonly etag: string;
}

/** Write only if no object has the key, or only if the object's ETag is still `ifMatch`. */
export type WriteCondition = { readonly ifNoneMatch: '*' } | { readonly ifMatch: string };

export interface S3Objects {
  readonly bucket: string;
  get(key: string): Promise<S3Object | undefined>;
  /** Returns the new ETag; throws `ConditionFailedError` when the condition does not hold. */
  put(key: string, body: string, condition?: WriteCondition): Promise<string>;
  /** With `ifMatch`, deletes only if the object's ETag is still that (else `ConditionFailedError`). */
  delete(key: string, ifMatch?: string): Promise<void>;
}

/** A conditional write lost: another writer got there first. */
export class ConditionFailedError extends Error {
  override readonly name = 'ConditionFailedError';
}

export async function createSdkS3Objects(session: AwsSession, bucket: string): Promise<S3Objects & { destroy(): void }> {
  const sdk = await import('@aws-sdk/client-s3');
  const client = await createClient(session, () => import('@aws-sdk/client-s3'), 'S3Client', { followRegionRedirects: true });
  const fail = (error: unknown, key: string): never => {
    const name = (error as { name?: unknown }).name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412) throw new ConditionFailedError(`${s3Url(bucket, key)}: ${String(name)}`);
    if (name === 'NoSuchBucket') {
      throw new ChaliceTsError(`The deployed-state bucket ${bucket} does not exist; create it (\`aws s3 mb s3://${bucket}\`, versioning on is a good idea) or fix deployed_state.s3 / --state-url`, 'state_bucket_missing');
    }
    if (name === 'AccessDenied' || status === 403) {
      throw new ChaliceTsError(`Access denied to ${s3Url(bucket, key)}: the credentials need s3:GetObject, s3:PutObject and s3:DeleteObject on the deployed-state prefix`, 'state_access_denied');
    }
    throw error;
  };
  return {
    bucket,
    async get(key) {
      try {
        const answer = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        return { body: (await answer.Body?.transformToString('utf8')) ?? '', etag: answer.ETag ?? '' };
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        if (name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket') return undefined;
        return fail(error, key);
      }
    },
    async put(key, body, condition) {
      try {
        const answer = await client.send(new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          ...(condition === undefined ? {} : 'ifNoneMatch' in condition ? { IfNoneMatch: '*' } : { IfMatch: condition.ifMatch }),
        }));
        return answer.ETag ?? '';
      } catch (error) {
        return fail(error, key);
      }
    },
    async delete(key, ifMatch) {
      try {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key, ...(ifMatch === undefined ? {} : { IfMatch: ifMatch }) }));
      } catch (error) {
        if ((error as { name?: unknown }).name === 'NoSuchKey') return; // already gone: the goal
        fail(error, key);
      }
    },
    destroy: () => client.destroy(),
  };
}
