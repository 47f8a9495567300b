/** Where a stage's state is kept: --state-url, then stages.<stage>.deployed_state, then the top level, then the local file. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStateUrl, stateKeys } from '../../../src/project/state-url.js';
import { stateUrlOf } from '../../../src/deploy/state/open-state-store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(config: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-state-url-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.chalice'));
  writeFileSync(join(dir, '.chalice', 'config.json'), JSON.stringify({ version: '2.0', app_name: 'shop', ...config }));
  return dir;
}

describe('which state location a stage uses', () => {
  const dir = project({ deployed_state: { s3: 's3://team/top' }, stages: { dev: {}, prod: { deployed_state: { s3: 's3://team/prod-only' } } } });
  it.each([
    { stage: 'dev', flag: undefined, url: 's3://team/top', source: /deployed_state\.s3$/ },
    { stage: 'prod', flag: undefined, url: 's3://team/prod-only', source: /stages\.prod\.deployed_state\.s3$/ },
    { stage: 'prod', flag: 's3://other/x', url: 's3://other/x', source: /^--state-url$/ },
  ])('$stage with --state-url $flag → $url', ({ stage, flag, url, source }) => {
    const where = stateUrlOf({ projectDir: dir, stage, ...(flag === undefined ? {} : { stateUrl: flag }) });
    expect(where).toMatchObject({ url, appName: 'shop' });
    expect(where!.source).toMatch(source);
  });

  it('is the local file without deployed_state or --state-url', () => {
    expect(stateUrlOf({ projectDir: project({}), stage: 'dev' })).toBeUndefined();
  });
});

describe('s3://bucket/prefix', () => {
  it.each([
    ['s3://team-state', { bucket: 'team-state', prefix: '' }, 'shop/dev.json'],
    ['s3://team-state/', { bucket: 'team-state', prefix: '' }, 'shop/dev.json'],
    ['s3://team-state/chalice', { bucket: 'team-state', prefix: 'chalice' }, 'chalice/shop/dev.json'],
    ['s3://team-state/a/b/', { bucket: 'team-state', prefix: 'a/b' }, 'a/b/shop/dev.json'],
  ])('%s', (url, location, key) => {
    expect(parseStateUrl(url, '--state-url')).toEqual(location);
    expect(stateKeys(location, 'shop', 'dev').state).toBe(key);
  });

  it.each([
    ['team-state/x', '--state-url must be an S3 URL such as "s3://my-bucket/chalice-state", got "team-state/x"'],
    ['s3://Team_State/x', '--state-url names bucket "Team_State", which is not a valid S3 bucket name (3-63 lowercase letters, digits, "." and "-")'],
    ['s3://team-state/a//b', '--state-url has an empty path segment ("//") in "s3://team-state/a//b"'],
  ])('rejects %s in one line', (url, message) => {
    expect(() => parseStateUrl(url, '--state-url')).toThrow(message);
  });
});
