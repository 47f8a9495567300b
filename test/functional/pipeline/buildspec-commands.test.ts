/**
 * The generated buildspec's packaging command, run as CodeBuild would run it, in a user project
 * that has chalice-ts installed: `npx --no -- chalice package DIR` finds the project's own
 * chalice (never the unrelated npm package named "chalice") and writes the SAM template that
 * `aws cloudformation package` then reads.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildspecText } from '../../../src/build/pipeline/buildspec.js';
import { assertBuilt, createUserProject, REPO_ROOT, removeUserProjects } from '../runners/user-project.js';

afterAll(removeUserProjects);

function sh(command: string, cwd: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NO_COLOR: '1', npm_config_yes: 'false' };
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: stdout + stderr });
    });
  });
}

describe('the buildspec in a user project', () => {
  it('packages the app with the project\'s own chalice-ts, as the build phase runs it', async () => {
    assertBuilt();
    const project = createUserProject({ type: 'module', files: { 'app.ts': "import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'runner-app' });\napp.route('/', function index() { return { ok: true }; });\n" } });
    // What `npm ci` leaves for a dependency's bin.
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'bin', 'chalice.js'), join(project, 'node_modules', '.bin', 'chalice'));
    const spec = parseYaml(buildspecText({ nodeMajor: 22, managedImage: true })) as { phases: { build: { commands: string[] } } };
    const packageCommand = spec.phases.build.commands[0];
    expect(packageCommand).toBe('npx --no -- chalice package /tmp/packaged');
    const out = join(project, 'packaged');
    const result = await sh(packageCommand.replace('/tmp/packaged', out), project);
    expect(result.code, result.output).toBe(0);
    expect(existsSync(join(out, 'deployment.zip'))).toBe(true);
    const sam = JSON.parse(readFileSync(join(out, 'sam.json'), 'utf8')) as { Transform: string; Resources: Record<string, { Properties: { CodeUri?: string } }> };
    expect(sam.Transform).toBe('AWS::Serverless-2016-10-31');
    // `aws cloudformation package` uploads what CodeUri names, relative to the template.
    expect(sam.Resources.APIHandler.Properties.CodeUri).toBe('./deployment.zip');
  });
});
