/**
 * `chalice package` and `chalice gen-policy` run end to end through bin/chalice.js (the
 * compiled CLI in dist/, which `npm test` builds first), on a copy of the hello fixture.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChalice } from '../local/chalice-process.js';
import { copyFixture, REPO_ROOT, removeTempDirs, tempDir, zipEntryNames } from './package-helpers.js';

afterAll(removeTempDirs);

describe('chalice package (CLI)', () => {
  it.each([
    [['--pkg-format', 'cloudformation'], ['deployment.zip', 'sam.json']],
    [['--pkg-format', 'cloudformation', '--template-format', 'yaml'], ['deployment.zip', 'sam.yaml']],
    [['--pkg-format', 'terraform'], ['chalice.tf.json', 'deployment.zip']],
  ])('writes the package with %j', async (options, files) => {
    const project = copyFixture('hello');
    const out = join(tempDir(), 'out');
    const result = await runChalice(['--project-dir', project, 'package', '--stage', 'dev', ...options, out]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of files) {
      expect(existsSync(join(out, file))).toBe(true);
      expect(result.stdout).toContain(`Wrote ${join(out, file)}`);
    }
    expect(zipEntryNames(readFileSync(join(out, 'deployment.zip')))).toEqual(['app.mjs']);
    expect(existsSync(join(project, '.chalice/policy-dev.json'))).toBe(true);
  });

  it('merges --merge-template into sam.json', async () => {
    const project = copyFixture('hello');
    const dir = tempDir();
    writeFileSync(join(dir, 'extras.json'), JSON.stringify({ Resources: { MusicTable: { Type: 'AWS::DynamoDB::Table' } } }));
    const result = await runChalice(['--project-dir', project, 'package', '--merge-template', join(dir, 'extras.json'), join(dir, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/sam.json'), 'utf8')).Resources.MusicTable).toEqual({ Type: 'AWS::DynamoDB::Table' });
  });

  it('exits 2 with one line when OUT holds other files', async () => {
    const project = copyFixture('hello');
    const result = await runChalice(['--project-dir', project, 'package', project]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^Error: .* already contains files chalice package did not write \(.*\); give an empty or new directory$/);
  });

  it('rejects an unknown --pkg-format as a usage error', async () => {
    const result = await runChalice(['package', '--pkg-format', 'pulumi', join(tempDir(), 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pulumi');
  });
});

describe('chalice gen-policy (CLI)', () => {
  it('prints the policy JSON on stdout, the same as the golden file', async () => {
    const project = copyFixture('hello');
    const result = await runChalice(['--project-dir', project, 'gen-policy']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(REPO_ROOT, 'test/golden/policy/projects/hello-dev.json'), 'utf8'));
    expect(existsSync(join(project, '.chalice/policy-dev.json'))).toBe(false);
  });

  it('prints analyser warnings on stderr, keeping stdout valid JSON', async () => {
    const result = await runChalice(['--project-dir', join(REPO_ROOT, 'test/functional/package/fixtures/sdk-app'), 'gen-policy']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: '2012-10-17' });
    expect(result.stderr).toMatch(/Warning: app\.ts:19: /);
  });
});
