/**
 * The policy `chalice gen-policy` prints (and `chalice package` writes to
 * `.chalice/policy-<stage>.json`) for each fixture project, against committed golden files.
 * Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateProjectPolicy, policyToJson } from '../../../src/build/stage-policy.js';
import { collectMessages, FIXTURE_PROJECTS, REPO_ROOT } from './package-helpers.js';

const GOLDEN_DIR = join(REPO_ROOT, 'test/golden/policy/projects');

const SDK_APP = join(import.meta.dirname, 'fixtures/sdk-app');

describe.each([
  ['hello', 'dev', FIXTURE_PROJECTS, []],
  ['full', 'dev', FIXTURE_PROJECTS, []],
  ['full', 'prod', FIXTURE_PROJECTS, []],
  // The analyser cannot name the command sent on line 19; it says so and the policy lacks it.
  ['sdk-app', 'dev', join(SDK_APP, '..'), [expect.stringMatching(/^app\.ts:19: .*cannot identify/)]],
])('generated policy of the %s project, stage %s', (project, stage, parent, expectedWarnings) => {
  it('matches the golden file', async () => {
    const { onMessage, warnings } = collectMessages();
    const text = policyToJson(await generateProjectPolicy({ projectDir: join(parent, project), stage, onMessage }));
    const golden = join(GOLDEN_DIR, `${project}-${stage}.json`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`${golden} is missing; run with UPDATE_GOLDEN=1 to create it`);
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(golden, text);
    }
    expect(text).toBe(readFileSync(golden, 'utf8'));
    expect(warnings()).toEqual(expectedWarnings);
  });
});

describe('generated policy contents', () => {
  it('lets functions of the full fixture manage ENIs (a function runs in a VPC) and post to websocket connections', async () => {
    const policy = await generateProjectPolicy({ projectDir: join(FIXTURE_PROJECTS, 'full') });
    const actions = policy.Statement.flatMap((statement) => statement.Action ?? []);
    expect(actions).toEqual(expect.arrayContaining(['ec2:CreateNetworkInterface', 'execute-api:ManageConnections', 'logs:PutLogEvents']));
  });

  it('gives the hello fixture only CloudWatch Logs', async () => {
    const policy = await generateProjectPolicy({ projectDir: join(FIXTURE_PROJECTS, 'hello') });
    expect(policy.Statement.flatMap((statement) => statement.Action ?? [])).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
  });
});
