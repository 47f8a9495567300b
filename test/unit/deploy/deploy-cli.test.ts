/**
 * The CLI side of deploy: missing AWS settings fail with one line before anything is built,
 * step rendering (plain lines, JSON), the policy-change question, and an undeclared stage
 * deploying with the top-level settings.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { confirmPolicyChanges, createDeployRenderer } from '../../../src/cli/commands/deploy.js';
import type { Ui } from '../../../src/cli/output.js';
import { createUi } from '../../../src/cli/output.js';
import { buildDeployInputs } from '../../../src/deploy/deploy-project.js';
import { copyFixture, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../../functional/local/chalice-process.js';

afterAll(removeTempDirs);

function captureUi(): { ui: Ui; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ui = createUi({ write: (s: string) => void out.push(s) }, { write: (s: string) => void err.push(s) }, { NO_COLOR: '1' });
  return { ui, out, err };
}

describe('without AWS settings', () => {
  const home = tempDir('chalice-ts-home-');
  mkdirSync(join(home, '.aws'));
  const noAws = {
    HOME: home,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_CONFIG_FILE: join(home, '.aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws/credentials'),
  };

  it.each([['deploy'], ['delete'], ['dev', 'plan']])('`chalice %s` fails with one line and exit 2 before building anything', async (...command) => {
    const project = copyFixture('hello');
    const result = await runChalice(['--project-dir', project, ...command], { env: noAws });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Error: No AWS region configured: pass --region, set AWS_REGION/);
    expect(result.stdout).toBe('');
    expect(existsSync(join(project, '.chalice/deployed'))).toBe(false);
    expect(existsSync(join(project, '.chalice/policy-dev.json'))).toBe(false);
  });
});

describe('the deploy renderer', () => {
  it('prints one plain line per step when the output is not a terminal', () => {
    const { ui, out } = captureUi();
    const renderer = createDeployRenderer(ui, { json: false, tty: false, write: (s) => out.push(s) });
    renderer.onMessage({ kind: 'progress', text: 'Bundling the app' });
    renderer.onMessage({ kind: 'planned', instructions: 2, writes: 2 });
    renderer.onMessage({ kind: 'step-started', index: 1, total: 2, text: 'Creating IAM role hello-dev' });
    renderer.onMessage({ kind: 'step-finished', index: 1, total: 2, text: 'Creating IAM role hello-dev' });
    renderer.onMessage({ kind: 'retrying', text: 'Creating function hello-dev: the new IAM role is not usable by Lambda yet', attempt: 1, delayMs: 1000 });
    expect(out.join('')).toBe(
      'Bundling the app\n2 changes to make\nCreating IAM role hello-dev\nCreating function hello-dev: the new IAM role is not usable by Lambda yet; retrying in 1 s\n',
    );
  });

  it('prints nothing but collects steps and warnings with --json', () => {
    const { ui, out, err } = captureUi();
    const renderer = createDeployRenderer(ui, { json: true, tty: false, write: (s) => out.push(s) });
    renderer.onMessage({ kind: 'progress', text: 'Bundling the app' });
    renderer.onMessage({ kind: 'step-started', index: 1, total: 1, text: 'Creating function hello-dev' });
    renderer.onMessage({ kind: 'warning', text: 'careful' });
    expect(out).toEqual([]);
    expect(err.join('')).toBe('Warning: careful\n');
    expect(renderer.steps).toEqual(['Creating function hello-dev']);
    expect(renderer.warnings).toEqual(['careful']);
  });
});

describe('the IAM policy question', () => {
  const changes = [{ roleName: 'hello-dev', added: ['s3:PutObject'], removed: [] }];

  it('is answered yes by --yes', async () => {
    expect(await confirmPolicyChanges(captureUi().ui, changes, { yes: true, interactive: false })).toBe(true);
  });

  it('refuses with one line naming the role and --yes when there is no terminal', async () => {
    await expect(confirmPolicyChanges(captureUi().ui, changes, { yes: false, interactive: false })).rejects.toThrow(
      'The IAM policy of existing role hello-dev (1 added, 0 removed) would change and there is no terminal to confirm it; review it with `chalice dev plan`, then rerun with --yes',
    );
  });
});

describe('an undeclared stage', () => {
  it('deploys with the top-level settings, as in Chalice', async () => {
    const project = copyFixture('hello');
    const { inputs } = await buildDeployInputs(project, 'staging', () => undefined);
    expect(inputs.graph.stage).toBe('staging');
    expect(inputs.graph.resources.find((r) => r.kind === 'lambda-function')).toMatchObject({ functionName: 'hello-staging' });
    expect(inputs.graph.resources.find((r) => r.kind === 'rest-api')).toMatchObject({ stage: 'api' });
    expect(inputs.deploymentZip.length).toBeGreaterThan(0);
  });
});
