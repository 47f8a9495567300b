/**
 * cfn-lint (AWS's CloudFormation linter, which knows properties newer than @aws-cdk/cfnspec,
 * such as PipelineType, and checks values, not only names) on every pipeline variant,
 * including one with the buildspec in a file and a custom image.
 *
 * Runs where `cfn-lint` is installed (`pip install cfn-lint`); skipped with one line otherwise.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PipelineSourceOption, PipelineVersion } from '../../../src/build/pipeline/pipeline-template.js';
import { generatePipelineTemplate } from '../../../src/build/pipeline/pipeline-template.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasCfnLint) console.log('Skipping cfn-lint of the pipeline templates: cfn-lint is not installed (pip install cfn-lint)');
afterAll(removeTempDirs);

describe.skipIf(!hasCfnLint)('cfn-lint on generated pipeline templates', () => {
  it('finds no error or warning in any variant', () => {
    const dir = tempDir();
    const files: string[] = [];
    for (const version of ['v1', 'v2'] as PipelineVersion[]) {
      for (const source of ['codecommit', 'github'] as PipelineSourceOption[]) {
        const file = join(dir, `${version}-${source}.json`);
        writeFileSync(file, JSON.stringify(generatePipelineTemplate({ appName: 'hello', nodeMajor: 22, pipelineVersion: version, source })));
        files.push(file);
      }
    }
    const custom = join(dir, 'custom.json');
    writeFileSync(custom, JSON.stringify(generatePipelineTemplate({ appName: 'my-app', nodeMajor: 20, codeBuildImage: 'node:20', buildspecPath: 'ci/buildspec.yml' })));
    files.push(custom);
    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8', timeout: 180_000 });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 200_000);
});
