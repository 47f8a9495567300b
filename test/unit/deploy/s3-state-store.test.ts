/**
 * The shared (S3) state store against an in-memory S3 with S3's conditional writes: the lock a
 * deploy or delete holds, what a second run sees, --wait-for-lock, --force-unlock, and the
 * If-Match guard on state writes. Deploys run the real deployer on the fake AWS.
 */
import { describe, expect, it } from 'vitest';
import { ChaliceTsError } from '../../../src/project/errors.js';
import type { DeployedState } from '../../../src/project/deployed-state.js';
import { stateKeys } from '../../../src/project/state-url.js';
import { s3StateStore } from '../../../src/deploy/state/s3-state-store.js';
import type { StateStore } from '../../../src/deploy/state/state-store.js';
import { withStateLock } from '../../../src/deploy/state/state-store.js';
import { FakeAwsClient } from './fake-aws-client.js';
import { FakeS3Objects } from './fake-s3-objects.js';
import { fixtureInputs, harness } from './deploy-helpers.js';

const KEYS = stateKeys({ bucket: 'team-state', prefix: 'chalice' }, 'hello', 'dev');
const T0 = new Date('2026-12-02T10:00:00.000Z');

function store(s3: FakeS3Objects, who: string, pid: number, extra: { sleep?: (ms: number) => Promise<void> } = {}): StateStore {
  return s3StateStore({ objects: s3, keys: KEYS, stage: 'dev', owner: who, pid, now: () => T0, sleep: extra.sleep ?? (async () => undefined) });
}

/** `chalice deploy` as deploy-project.ts composes it: lock, then the deployer on the store. */
async function deployWith(client: FakeAwsClient, s: StateStore, wait = false) {
  const inputs = await fixtureInputs('hello');
  return withStateLock(s, { command: 'deploy', wait }, () => harness(client, s as never).deploy(inputs));
}

async function failure(promise: Promise<unknown>): Promise<ChaliceTsError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChaliceTsError);
  return error as ChaliceTsError;
}

describe('S3 state store', () => {
  it('keeps the state at <prefix>/<app>/<stage>.json and the lock next to it', () => {
    expect(KEYS).toEqual({ state: 'chalice/hello/dev.json', lock: 'chalice/hello/dev.lock' });
    expect(stateKeys({ bucket: 'b', prefix: '' }, 'app', 'prod')).toEqual({ state: 'app/prod.json', lock: 'app/prod.lock' });
  });

  it('a deploy writes its state to S3 and leaves no lock behind', async () => {
    const s3 = new FakeS3Objects();
    const result = await deployWith(new FakeAwsClient(), store(s3, 'alice@laptop', 1));
    expect([...s3.objects.keys()]).toEqual([KEYS.state]);
    expect(await store(s3, 'bob@ci', 2).read()).toEqual(result.state);
  });

  it('of two concurrent deploys, one fails at once naming the holder, and nothing is created twice', async () => {
    const s3 = new FakeS3Objects();
    const client = new FakeAwsClient();
    const [first, second] = await Promise.allSettled([
      deployWith(client, store(s3, 'alice@laptop', 4242)),
      deployWith(client, store(s3, 'bob@ci-runner', 77)),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    const error = (second as PromiseRejectedResult).reason as ChaliceTsError;
    expect(error.code).toBe('state_locked');
    expect(error.message).toBe(
      'Stage "dev" is locked by alice@laptop (pid 4242, chalice deploy) since 2026-12-02T10:00:00.000Z (s3://team-state/chalice/hello/dev.lock); wait for that run to finish or rerun with --wait-for-lock, or if it is no longer running, rerun with --force-unlock',
    );
    // Exactly what one deploy alone makes.
    const alone = new FakeAwsClient();
    await deployWith(alone, store(new FakeS3Objects(), 'carol@home', 1));
    expect(client.dump()).toEqual(alone.dump());
    expect(client.writes.length).toBe(alone.writes.length);
    expect(s3.objects.has(KEYS.lock)).toBe(false);
  });

  it('with --wait-for-lock the second deploy waits, then finds nothing to change', async () => {
    const s3 = new FakeS3Objects();
    const client = new FakeAwsClient();
    const waited: string[] = [];
    let polls = 0;
    const waiting = s3StateStore({
      objects: s3, keys: KEYS, stage: 'dev', owner: 'bob@ci', pid: 2, now: () => T0,
      sleep: async () => { polls++; await new Promise((r) => setImmediate(r)); },
    });
    const inputs = await fixtureInputs('hello');
    const second = () => withStateLock(waiting, { command: 'deploy', wait: true, onWaiting: (h) => waited.push(h!.owner) }, () => harness(client, waiting as never).deploy(inputs));
    const alice = store(s3, 'alice@laptop', 1);
    const held = await alice.lock({ command: 'deploy' });
    const waitingRun = second();
    await harness(client, alice as never).deploy(inputs);
    await held.release();
    const result = await waitingRun;
    expect(waited).toEqual(['alice@laptop']);
    expect(polls).toBeGreaterThan(0);
    expect(result.plan.filter((i) => i.kind !== 'record')).toEqual([]);
    expect(s3.objects.has(KEYS.lock)).toBe(false);
  });

  it('releases the lock when the deploy fails, and the next deploy carries on', async () => {
    const s3 = new FakeS3Objects();
    const client = new FakeAwsClient();
    client.failAtWrite(2, 'fail');
    await expect(deployWith(client, store(s3, 'alice@laptop', 1))).rejects.toThrow();
    expect(s3.objects.has(KEYS.lock)).toBe(false);
    expect((await store(s3, 'x', 1).read())?.resources.length).toBeGreaterThan(0);
    await deployWith(client, store(s3, 'alice@laptop', 1));
    const alone = new FakeAwsClient();
    await deployWith(alone, store(new FakeS3Objects(), 'carol@home', 1));
    expect(client.dump()).toEqual(alone.dump());
  });

  it('--force-unlock removes a dead run\'s lock and names its holder; the dead run cannot remove a newer lock', async () => {
    const s3 = new FakeS3Objects();
    const dead = await store(s3, 'alice@laptop', 4242).lock({ command: 'delete' });
    const rescuer = store(s3, 'bob@ci', 7);
    expect(await rescuer.forceUnlock()).toMatchObject({ owner: 'alice@laptop', pid: 4242, command: 'delete', createdAt: '2026-12-02T10:00:00.000Z' });
    const fresh = await rescuer.lock({ command: 'deploy' });
    await dead.release(); // the old run wakes up: it must not remove bob's lock
    expect(JSON.parse(s3.objects.get(KEYS.lock)!.body)).toMatchObject({ owner: 'bob@ci' });
    await fresh.release();
    expect(s3.objects.has(KEYS.lock)).toBe(false);
    expect(await rescuer.forceUnlock()).toBeUndefined();
  });

  it('a run that lost its lock fails on its next state write instead of overwriting the newer state', async () => {
    const s3 = new FakeS3Objects();
    const slow = store(s3, 'alice@laptop', 1);
    const state: DeployedState = { resources: [{ name: 'api_handler', resourceType: 'lambda_function', lambdaArn: 'arn:1' }] };
    await slow.read();
    await slow.write(state);
    const other = store(s3, 'bob@ci', 2);
    await other.read();
    const newer: DeployedState = { resources: [{ name: 'api_handler', resourceType: 'lambda_function', lambdaArn: 'arn:2' }] };
    await other.write(newer);
    const error = await failure(slow.write({ resources: [] }));
    expect(error.code).toBe('state_conflict');
    expect(error.message).toMatch(/^s3:\/\/team-state\/chalice\/hello\/dev\.json was changed by another run while this one held the lock/);
    expect(await store(s3, 'x', 3).read()).toEqual(newer);
  });

  it('the first write refuses to replace a state that appeared meanwhile', async () => {
    const s3 = new FakeS3Objects();
    const late = store(s3, 'alice@laptop', 1);
    expect(await late.read()).toBeUndefined();
    await store(s3, 'bob@ci', 2).write({ resources: [] });
    expect((await failure(late.write({ resources: [] }))).code).toBe('state_conflict');
  });

  it('delete removes the state object and the lock', async () => {
    const s3 = new FakeS3Objects();
    const client = new FakeAwsClient();
    await deployWith(client, store(s3, 'alice@laptop', 1));
    const s = store(s3, 'alice@laptop', 1);
    expect(await withStateLock(s, { command: 'delete' }, () => harness(client, s as never).delete())).toBe(true);
    expect(s3.objects.size).toBe(0);
    expect(client.isEmpty()).toBe(true);
  });
});
