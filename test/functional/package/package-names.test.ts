/**
 * Resource names come from handler functions' own names, so the deployed bundle must keep
 * them: two modules that each declare `function onMessage` would otherwise see one renamed
 * (`onMessage2`) by the bundler, and the deployed Lambda would not find its function.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageProject } from '../../../src/build/package-project.js';
import { invokeBundle, REPO_ROOT, removeTempDirs, snsEvent, sqsEvent, tempDir, unzipToTemp, writeTree } from './package-helpers.js';

afterAll(removeTempDirs);

describe('chalice package keeps handler names', () => {
  it('runs functions whose handlers share a name across modules from the built zip', async () => {
    const project = join(tempDir(), 'names');
    writeTree(project, {
      '.chalice/config.json': JSON.stringify({ version: '2.0', app_name: 'names', stages: { dev: {} } }),
      'chalicelib/jobs.ts': [
        "import { Blueprint } from 'chalice-ts';",
        'export const jobs = new Blueprint();',
        "jobs.onSqsMessage('jobs', function onMessage() { return 'from the blueprint'; });",
      ].join('\n'),
      'app.ts': [
        "import { Chalice } from 'chalice-ts';",
        "import { jobs } from './chalicelib/jobs.js';",
        "export const app = new Chalice({ appName: 'names' });",
        "app.onSnsMessage('topic', function onMessage() { return 'from the app'; });",
        "app.registerBlueprint(jobs, { namePrefix: 'jobs_' });",
      ].join('\n'),
    });
    writeTree(project, { 'node_modules/.keep': '' });
    symlinkSync(REPO_ROOT, join(project, 'node_modules', 'chalice-ts'), 'dir');
    const out = join(tempDir(), 'out');
    await packageProject({ projectDir: project, outDir: out, writePolicyFile: false });
    const unzipped = unzipToTemp(readFileSync(join(out, 'deployment.zip')));
    const fromApp = await invokeBundle(unzipped, 'onMessage', snsEvent('arn:aws:sns:us-east-1:123456789012:topic', 'hi'));
    expect(fromApp.result).toBe('from the app');
    const fromBlueprint = await invokeBundle(unzipped, 'jobs_onMessage', sqsEvent('arn:aws:sqs:us-east-1:123456789012:jobs', ['x']));
    expect(fromBlueprint.result).toBe('from the blueprint');
  });
});

describe('chalice package with a CommonJS app', () => {
  it('bundles an app.js that requires chalice-ts and exports { app }, and runs it from the zip', async () => {
    const project = join(tempDir(), 'cjs');
    writeTree(project, {
      '.chalice/config.json': JSON.stringify({ version: '2.0', app_name: 'cjsapp', stages: { dev: {} } }),
      'package.json': JSON.stringify({ name: 'cjsapp', type: 'commonjs' }),
      'app.js': [
        "const { Chalice } = require('chalice-ts');",
        "const app = new Chalice({ appName: 'cjsapp' });",
        "app.onSnsMessage('topic', function onMessage() { return 'from cjs'; });",
        'module.exports = { app };',
      ].join('\n'),
      'node_modules/.keep': '',
    });
    symlinkSync(REPO_ROOT, join(project, 'node_modules', 'chalice-ts'), 'dir');
    const out = join(tempDir(), 'out');
    await packageProject({ projectDir: project, outDir: out, writePolicyFile: false });
    const unzipped = unzipToTemp(readFileSync(join(out, 'deployment.zip')));
    const run = await invokeBundle(unzipped, 'onMessage', snsEvent('arn:aws:sns:us-east-1:123456789012:topic', 'hi'));
    expect(run.result).toBe('from cjs');
  });
});
