/**
 * `packageProject` on the full fixture, as Terraform and as SAM:
 * every function is an export of app.mjs, event handlers run with real event shapes,
 * chalicelib/ is shipped, and the automatic layer is dropped when there is nothing to put in it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageProjectResult } from '../../../src/build/package-project.js';
import { packageProject } from '../../../src/build/package-project.js';
import { resourcesOfKind } from '../../../src/graph/index.js';
import { collectMessages, copyFixture, FIXTURE_PROJECTS, invokeBundle, removeTempDirs, snsEvent, sqsEvent, tempDir, unzipToTemp, zipEntryNames } from './package-helpers.js';

const FULL = join(FIXTURE_PROJECTS, 'full');

afterAll(removeTempDirs);

describe('chalice package --pkg-format terraform (full fixture)', () => {
  let out: string;
  let result: PackageProjectResult;
  let unzipped: string;
  const { onMessage, messages } = collectMessages();

  beforeAll(async () => {
    out = join(tempDir(), 'out');
    result = await packageProject({ projectDir: FULL, outDir: out, pkgFormat: 'terraform', writePolicyFile: false, onMessage });
    unzipped = unzipToTemp(readFileSync(join(out, 'deployment.zip')));
  });

  it('ships app.mjs and chalicelib/ as it is in the project', () => {
    expect(zipEntryNames(readFileSync(join(out, 'deployment.zip')))).toEqual(['app.mjs', 'chalicelib/', 'chalicelib/items.ts']);
    expect(readFileSync(join(unzipped, 'chalicelib/items.ts'), 'utf8')).toBe(readFileSync(join(FULL, 'chalicelib/items.ts'), 'utf8'));
  });

  it('exports one handler per Lambda function of the graph, named as the templates expect', async () => {
    const expected = resourcesOfKind(result.graph, 'lambda-function').map((fn) => fn.exportName).sort();
    const { exports } = await invokeBundle(unzipped, 'worker', {});
    expect(exports).toEqual(expected);
    const tf = readFileSync(join(out, 'chalice.tf.json'), 'utf8');
    for (const fn of resourcesOfKind(result.graph, 'lambda-function')) expect(tf).toContain(`"app.${fn.exportName}"`);
  });

  it('runs a pure Lambda function with its raw event', async () => {
    const { result: value } = await invokeBundle(unzipped, 'worker', { job: 42 });
    expect(value).toEqual({ job: 42 });
  });

  it('runs an event handler with an SNS event', async () => {
    await expect(invokeBundle(unzipped, 'onTopic', snsEvent('arn:aws:sns:us-west-2:123456789012:full-topic', 'hi'))).resolves.toMatchObject({ result: null });
  });

  it('answers an SQS batch with the messages that failed, as Lambda reads a partial batch response', async () => {
    const event = sqsEvent('arn:aws:sqs:us-west-2:123456789012:jobs', ['{"id": 1}', 'not json', '{"id": 3}']);
    await expect(invokeBundle(unzipped, 'jobs', event)).resolves.toMatchObject({ result: { batchItemFailures: [{ itemIdentifier: 'm-1' }] } });
  });

  it('drops the automatic layer when no dependency needs it (Lambda rejects empty layers)', () => {
    expect(result.files).toEqual(['chalice.tf.json', 'deployment.zip']);
    expect(resourcesOfKind(result.graph, 'lambda-layer')).toEqual([]);
    expect(resourcesOfKind(result.graph, 'lambda-function').filter((fn) => fn.managedLayer !== undefined)).toEqual([]);
    expect(readFileSync(join(out, 'chalice.tf.json'), 'utf8')).not.toContain('layer-deployment.zip');
    expect(messages).toContainEqual({ kind: 'progress', text: expect.stringContaining('no layer is created') });
  });
});

describe('chalice package --pkg-format cloudformation (full fixture)', () => {
  it('packages the S3 event sources through the bucket notifications custom resource', async () => {
    const project = copyFixture('full');
    const out = join(tempDir(), 'out');
    await packageProject({ projectDir: project, outDir: out });
    const template = JSON.parse(readFileSync(join(out, 'sam.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    expect(template.Resources.FullUploadsNotifications.Type).toBe('Custom::S3BucketNotifications');
    expect(template.Resources.S3NotificationsHandler.Type).toBe('AWS::Lambda::Function');
    expect(existsSync(join(project, '.chalice', 'policy-dev.json'))).toBe(true);
  });
});
