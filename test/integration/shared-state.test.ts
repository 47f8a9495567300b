/**
 * Shared deployed state end to end against the AWS API emulator (its S3 honours If-None-Match
 * and If-Match on PutObject and DeleteObject): `chalice deploy` with `deployed_state.s3` keeps
 * the state in S3 and no local file, `chalice url` reads it from there, concurrent deploys of
 * one stage are serialised by the lock object (a run without --wait-for-lock fails at once
 * naming the holder; two waiting runs go one after the other, creating nothing twice), and
 * `chalice delete` removes the state object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRestApisCommand, APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHALICE_BIN, REPO_ROOT, childEnv } from '../functional/local/chalice-process.js';
import { REGION, chalice, describeWithEmulator, endpoint, sdkConfig, type CliResult } from './aws-helpers.js';
import { emulatorEnv } from './emulator-process.js';

const SUFFIX = Date.now().toString(36);
const APP = `shared${SUFFIX}`;
const BUCKET = `chalice-state-${SUFFIX}`;
const STATE_KEY = `team/${APP}/dev.json`;
const LOCK_KEY = `team/${APP}/dev.lock`;

const s3 = () => new S3Client({ ...sdkConfig(), forcePathStyle: true });

async function keys(): Promise<string[]> {
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

/** A `chalice` child that keeps running; resolves when it exits, exposes its output so far. */
function start(project: string, args: readonly string[]): { child: ChildProcess; output: () => string; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CHALICE_BIN, '--project-dir', project, ...args], {
    cwd: REPO_ROOT,
    env: childEnv({ ...emulatorEnv(endpoint!), AWS_PROFILE: undefined }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, output: () => stdout + stderr, done };
}

/** Polls (no timing assertion) until `condition` holds; the test timeout bounds it. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 100));
}

describeWithEmulator('shared deployed state in S3', () => {
  let project: string;

  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    project = join(mkdtempSync(join(tmpdir(), 'chalice-shared-')), 'project');
    cpSync(join(REPO_ROOT, 'examples/hello'), project, { recursive: true, filter: (path) => !path.includes(join('.chalice', 'deployed')) });
    const configPath = join(project, '.chalice', 'config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...config, app_name: APP, deployed_state: { s3: `s3://${BUCKET}/team` } }, null, 2));
  });

  afterAll(async () => {
    if (project && (await keys()).includes(STATE_KEY)) await chalice(project, ['delete', '--force-unlock']);
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('deploy keeps the state in S3, not in .chalice/deployed/, and releases the lock', async () => {
    const result = await chalice(project, ['deploy', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(project, '.chalice', 'deployed'))).toBe(false);
    expect(await keys()).toEqual([STATE_KEY]);
    const state = JSON.parse(await (await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: STATE_KEY }))).Body!.transformToString()) as { resources: { name: string }[] };
    expect(state.resources.map((r) => r.name)).toContain('api_handler');
  });

  it('url reads the state from S3', async () => {
    const url = await chalice(project, ['url']);
    expect(url.code).toBe(0);
    expect(url.stdout).toMatch(new RegExp(`^https://[a-z0-9]+\\.execute-api\\.${REGION}\\.amazonaws\\.com/api/\\n$`));
    // Without the shared location the same project has no state.
    const elsewhere = await chalice(project, ['url', '--state-url', `s3://${BUCKET}/other`]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(`Stage "dev" has not been deployed (no s3://${BUCKET}/other/${APP}/dev.json)`);
  });

  it('concurrent deploys: one without --wait-for-lock fails at once naming the holder; two waiting ones run one after the other', async () => {
    // Someone else's deploy holds the lock while the test starts its runs.
    const holder = { id: 'test', owner: 'ci@runner-7', pid: 4242, command: 'deploy', stage: 'dev', createdAt: '2026-12-02T10:00:00.000Z' };
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: LOCK_KEY, Body: JSON.stringify(holder), IfNoneMatch: '*' }));
    const app = join(project, 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace("return { hello: 'world' };", "return { hello: 'shared world' };"));

    const first = start(project, ['deploy', '--yes', '--wait-for-lock']);
    const second = start(project, ['deploy', '--yes', '--wait-for-lock']);
    await until(() => first.output().includes('Waiting for the lock') && second.output().includes('Waiting for the lock'));
    expect(first.output()).toContain('Waiting for the lock on stage "dev" held by ci@runner-7 (pid 4242, chalice deploy) since 2026-12-02T10:00:00.000Z');

    const refused = await chalice(project, ['deploy', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`Stage "dev" is locked by ci@runner-7 (pid 4242, chalice deploy) since 2026-12-02T10:00:00.000Z (s3://${BUCKET}/${LOCK_KEY}); wait for that run to finish or rerun with --wait-for-lock, or if it is no longer running, rerun with --force-unlock`);

    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: LOCK_KEY }));
    const results = await Promise.all([first.done, second.done]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    // One of them updated the code; the other, running after it, found nothing to change.
    expect(results.filter((r) => r.stdout.includes('Nothing to change'))).toHaveLength(1);
    expect(await keys()).toEqual([STATE_KEY]);
    const functions = ((await new LambdaClient(sdkConfig()).send(new ListFunctionsCommand({}))).Functions ?? []).filter((f) => f.FunctionName!.startsWith(APP));
    expect(functions.map((f) => f.FunctionName)).toEqual([`${APP}-dev`]);
    const apis = ((await new APIGatewayClient(sdkConfig()).send(new GetRestApisCommand({ limit: 500 }))).items ?? []).filter((a) => a.name === APP);
    expect(apis).toHaveLength(1);
  });

  it('--force-unlock removes a dead run\'s lock, naming its holder', async () => {
    const holder = { id: 'dead', owner: 'alice@laptop', pid: 99, command: 'delete', stage: 'dev', createdAt: '2026-12-01T09:00:00.000Z' };
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: LOCK_KEY, Body: JSON.stringify(holder) }));
    const result = await chalice(project, ['deploy', '--yes', '--force-unlock']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Removed the lock held by alice@laptop (pid 99, chalice delete) since 2026-12-01T09:00:00.000Z');
    expect(await keys()).toEqual([STATE_KEY]);
  });

  it('Ctrl+C during a deploy releases the lock', async () => {
    const app = join(project, 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace("return { hello: 'shared world' };", "return { hello: 'interrupted world' };"));
    const run = start(project, ['deploy', '--yes']);
    await until(async () => (await keys()).includes(LOCK_KEY) || run.child.exitCode !== null);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(await keys()).toEqual([STATE_KEY]);
  });

  it('state pull copies the shared state into the working copy; delete removes the state object', async () => {
    const pulled = await chalice(project, ['state', 'pull']);
    expect(pulled.code).toBe(0);
    expect(readFileSync(join(project, '.chalice', 'deployed', 'dev.json'), 'utf8')).toBe(
      await (await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: STATE_KEY }))).Body!.transformToString(),
    );
    const deleted = await chalice(project, ['delete']);
    expect(deleted.code).toBe(0);
    expect(await keys()).toEqual([]);
    const functions = ((await new LambdaClient(sdkConfig()).send(new ListFunctionsCommand({}))).Functions ?? []).filter((f) => f.FunctionName!.startsWith(APP));
    expect(functions).toEqual([]);
  });
});
