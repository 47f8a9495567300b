/** `chalice state push|pull` between a real state file and an in-memory S3. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeployedState } from '../../../src/project/deployed-state.js';
import { deployedStateToJson, writeDeployedState } from '../../../src/project/deployed-state.js';
import { stateKeys } from '../../../src/project/state-url.js';
import { localStateStore } from '../../../src/deploy/state/local-state-store.js';
import { s3StateStore } from '../../../src/deploy/state/s3-state-store.js';
import { pullState, pushState } from '../../../src/deploy/state/state-transfer.js';
import { FakeS3Objects } from './fake-s3-objects.js';

const KEYS = stateKeys({ bucket: 'team-state', prefix: '' }, 'hello', 'dev');
const A: DeployedState = { resources: [{ name: 'api_handler', resourceType: 'lambda_function', lambdaArn: 'arn:a' }] };
const B: DeployedState = { resources: [{ name: 'api_handler', resourceType: 'lambda_function', lambdaArn: 'arn:b' }] };

let dir: string;
let s3: FakeS3Objects;
const shared = () => s3StateStore({ objects: s3, keys: KEYS, stage: 'dev', owner: 'alice@laptop', pid: 1 });
const local = () => localStateStore(dir, 'dev');
const file = () => join(dir, '.chalice', 'deployed', 'dev.json');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chalice-state-'));
  s3 = new FakeS3Objects();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('chalice state push', () => {
  it('copies the local state to S3, byte for byte, and leaves no lock', async () => {
    writeDeployedState(dir, 'dev', A);
    expect(await pushState(local(), shared(), { stage: 'dev' })).toBe('copied');
    expect(s3.objects.get(KEYS.state)!.body).toBe(readFileSync(file(), 'utf8'));
    expect(s3.objects.has(KEYS.lock)).toBe(false);
    expect(await pushState(local(), shared(), { stage: 'dev' })).toBe('unchanged');
  });

  it('refuses to replace a different shared state without --force', async () => {
    writeDeployedState(dir, 'dev', A);
    s3.objects.set(KEYS.state, { body: deployedStateToJson(B), etag: '"b"' });
    await expect(pushState(local(), shared(), { stage: 'dev' })).rejects.toThrow(
      's3://team-state/hello/dev.json already holds a different deployed state for stage "dev"; compare the two, then rerun `chalice state push --stage dev --force` to replace it',
    );
    expect(s3.objects.get(KEYS.state)!.body).toBe(deployedStateToJson(B));
    expect(await pushState(local(), shared(), { stage: 'dev', force: true })).toBe('replaced');
    expect(s3.objects.get(KEYS.state)!.body).toBe(deployedStateToJson(A));
  });

  it('refuses while a deploy holds the lock', async () => {
    writeDeployedState(dir, 'dev', A);
    await s3StateStore({ objects: s3, keys: KEYS, stage: 'dev', owner: 'bob@ci', pid: 9 }).lock({ command: 'deploy' });
    await expect(pushState(local(), shared(), { stage: 'dev' })).rejects.toThrow(/^Stage "dev" is locked by bob@ci \(pid 9, chalice deploy\)/);
    expect(s3.objects.has(KEYS.state)).toBe(false);
  });

  it('says what to do when there is no local state', async () => {
    await expect(pushState(local(), shared(), { stage: 'dev' })).rejects.toThrow(/^There is no .*dev\.json to push; deploy the stage first/);
  });
});

describe('chalice state pull', () => {
  it('copies the shared state into .chalice/deployed/<stage>.json', async () => {
    s3.objects.set(KEYS.state, { body: deployedStateToJson(A), etag: '"a"' });
    expect(await pullState(shared(), local(), { stage: 'dev' })).toBe('copied');
    expect(readFileSync(file(), 'utf8')).toBe(deployedStateToJson(A));
  });

  it('refuses to replace a different local state without --force', async () => {
    s3.objects.set(KEYS.state, { body: deployedStateToJson(A), etag: '"a"' });
    writeDeployedState(dir, 'dev', B);
    await expect(pullState(shared(), local(), { stage: 'dev' })).rejects.toThrow(/already holds a different deployed state for stage "dev".*chalice state pull --stage dev --force/);
    expect(await pullState(shared(), local(), { stage: 'dev', force: true })).toBe('replaced');
    expect(readFileSync(file(), 'utf8')).toBe(deployedStateToJson(A));
  });

  it('says so when the shared location has no state', async () => {
    writeFileSync(join(dir, 'x'), '');
    await expect(pullState(shared(), local(), { stage: 'dev' })).rejects.toThrow('There is no deployed state at s3://team-state/hello/dev.json to pull');
  });
});
