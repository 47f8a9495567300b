/**
 * An in-memory S3 bucket behind `S3Objects`, with S3's conditional-write semantics: PutObject
 * with If-None-Match: * fails (412) when the key exists, with If-Match: <etag> when the ETag
 * differs; DeleteObject with If-Match likewise. Every call yields to the event loop first, so
 * concurrent runs interleave as they would against S3.
 */
import { createHash } from 'node:crypto';
import type { S3Objects, WriteCondition } from '../../../src/deploy/state/s3-objects.js';
import { ConditionFailedError } from '../../../src/deploy/state/s3-objects.js';

export class FakeS3Objects implements S3Objects {
  readonly objects = new Map<string, { body: string; etag: string }>();
  readonly calls: string[] = [];
  private version = 0;

  constructor(readonly bucket = 'team-state') {}

  async get(key: string) {
    await Promise.resolve();
    this.calls.push(`get ${key}`);
    return this.objects.get(key);
  }

  async put(key: string, body: string, condition?: WriteCondition) {
    await Promise.resolve();
    this.calls.push(`put ${key}${condition === undefined ? '' : 'ifNoneMatch' in condition ? ' if-none-match' : ' if-match'}`);
    const existing = this.objects.get(key);
    if (condition !== undefined && 'ifNoneMatch' in condition && existing !== undefined) throw new ConditionFailedError(`${key}: PreconditionFailed`);
    if (condition !== undefined && 'ifMatch' in condition && existing?.etag !== condition.ifMatch) throw new ConditionFailedError(`${key}: PreconditionFailed`);
    const etag = `"${createHash('md5').update(`${body}#${++this.version}`).digest('hex')}"`;
    this.objects.set(key, { body, etag });
    return etag;
  }

  async delete(key: string, ifMatch?: string) {
    await Promise.resolve();
    this.calls.push(`delete ${key}`);
    if (ifMatch !== undefined && this.objects.get(key)?.etag !== ifMatch) throw new ConditionFailedError(`${key}: PreconditionFailed`);
    this.objects.delete(key);
  }
}
