/**
 * `terraform validate` of a generated `chalice.tf.json` against the real AWS provider schema:
 * it fails on a version constraint Terraform refuses, an argument the provider removed or
 * deprecated, a runtime it does not accept, or a reference to a missing attribute.
 *
 * Runs only where the `terraform` CLI and a local provider mirror are installed (nothing is
 * downloaded): the mirror is `$CHALICE_TS_TERRAFORM_MIRROR`, else `/opt/tf-plugins`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTerraformTemplate } from '../../../src/build/templates/index.js';
import { fixtureGraph } from '../graph/fixture-graph.js';

const MIRROR = process.env.CHALICE_TS_TERRAFORM_MIRROR ?? '/opt/tf-plugins';
const hasProvider = (name: string) => existsSync(join(MIRROR, 'registry.terraform.io', 'hashicorp', name));
const canValidate = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0 && hasProvider('aws');

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function terraform(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  return spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8' });
}

describe.skipIf(!canValidate)('terraform validate', () => {
  // full/prod: arm64, provisioned concurrency (aliases), event invoke configs, a rule on a custom bus; http-api/prod has its custom domain.
  it.each([
    { fixture: 'full', stage: 'dev' },
    { fixture: 'full', stage: 'prod' },
    { fixture: 'http-api', stage: 'prod' },
  ] as const)('accepts the $fixture fixture ($stage) with no error and no warning', async ({ fixture, stage }) => {
    const template: any = generateTerraformTemplate(await fixtureGraph(fixture, stage));
    if (!hasProvider('null')) {
      // The mirror lacks the null provider: validate everything else.
      delete template.terraform.required_providers.null;
      delete template.data.null_data_source;
    }
    const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-tf-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'chalice.tf.json'), JSON.stringify(template));
    for (const zip of ['deployment.zip', 'layer-deployment.zip']) writeFileSync(join(dir, zip), Buffer.from('504b0506' + '00'.repeat(18), 'hex'));
    writeFileSync(
      join(dir, 'cli.tfrc'),
      `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(MIRROR)}\n  }\n}\n`,
    );
    const init = terraform(dir, ['init', '-input=false', '-no-color', '-backend=false']);
    expect(init.status, init.stderr).toBe(0);
    const validate = terraform(dir, ['validate', '-json', '-no-color']);
    const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string }[] };
    expect(result.diagnostics.map((d) => `${d.severity}: ${d.summary} ${d.detail ?? ''}`)).toEqual([]);
    expect(result.valid).toBe(true);
  }, 120_000);
});
