/**
 * `packageProject` on the hello fixture: the artifact is deterministic, has the documented
 * layout, runs in plain Node through its Lambda entry points, and the templates point at it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { packageProject } from '../../../src/build/package-project.js';
import {
  apiGatewayProxyEvent,
  collectMessages,
  copyFixture,
  FIXTURE_PROJECTS,
  invokeBundle,
  removeTempDirs,
  tempDir,
  unzipToTemp,
  zipEntryNames,
} from './package-helpers.js';

const HELLO = join(FIXTURE_PROJECTS, 'hello');

afterAll(removeTempDirs);

describe('chalice package (hello fixture, SAM JSON)', () => {
  let firstOut: string;
  let secondOut: string;

  beforeAll(async () => {
    firstOut = join(tempDir(), 'out');
    secondOut = join(tempDir(), 'out');
    // In place (the fixture resolves chalice-ts through the package self-reference), without
    // writing the policy file into the fixture.
    await packageProject({ projectDir: HELLO, outDir: firstOut, writePolicyFile: false });
    await packageProject({ projectDir: HELLO, outDir: secondOut, writePolicyFile: false });
  });

  it('produces byte-identical deployment.zip and sam.json from the same project twice', () => {
    expect(readFileSync(join(firstOut, 'deployment.zip')).equals(readFileSync(join(secondOut, 'deployment.zip')))).toBe(true);
    expect(readFileSync(join(firstOut, 'sam.json'), 'utf8')).toBe(readFileSync(join(secondOut, 'sam.json'), 'utf8'));
  });

  it('puts app.mjs at the zip root and nothing project-specific (no absolute paths) in it', () => {
    const zip = readFileSync(join(firstOut, 'deployment.zip'));
    expect(zipEntryNames(zip)).toEqual(['app.mjs']);
    const bundle = readFileSync(join(unzipToTemp(zip), 'app.mjs'), 'utf8');
    expect(bundle).not.toContain(HELLO);
    expect(bundle).not.toContain(FIXTURE_PROJECTS);
    expect(bundle).toContain('function index()');
  });

  it('runs the REST API through the exported api_handler in a fresh Node process', async () => {
    const dir = unzipToTemp(readFileSync(join(firstOut, 'deployment.zip')));
    const { exports, result } = await invokeBundle(dir, 'api_handler', apiGatewayProxyEvent('GET', '/', '/'));
    expect(exports).toEqual(['api_handler']);
    expect(result).toMatchObject({ statusCode: 200, body: JSON.stringify({ hello: 'world' }) });
  });

  it('answers an unknown route as API Gateway would, through the same handler', async () => {
    const dir = unzipToTemp(readFileSync(join(firstOut, 'deployment.zip')));
    const { result } = await invokeBundle(dir, 'api_handler', apiGatewayProxyEvent('POST', '/', '/'));
    expect((result as { statusCode: number }).statusCode).toBe(405);
  });

  it('writes a SAM template whose function loads app.mjs from deployment.zip', () => {
    const sam = JSON.parse(readFileSync(join(firstOut, 'sam.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const functions = Object.values(sam.Resources).filter((r) => r.Type === 'AWS::Serverless::Function');
    expect(functions).toHaveLength(1);
    expect(functions[0].Properties).toMatchObject({ CodeUri: './deployment.zip', Handler: 'app.api_handler', Runtime: expect.stringMatching(/^nodejs2[02]\.x$/) });
  });
});

describe('chalice package options (hello fixture)', () => {
  it('writes sam.yaml with --template-format yaml, equal to the JSON template', async () => {
    const jsonOut = join(tempDir(), 'out');
    const yamlOut = join(tempDir(), 'out');
    await packageProject({ projectDir: HELLO, outDir: jsonOut, writePolicyFile: false });
    const result = await packageProject({ projectDir: HELLO, outDir: yamlOut, templateFormat: 'yaml', writePolicyFile: false });
    expect(result.files).toEqual(['deployment.zip', 'sam.yaml']);
    const yaml = readFileSync(join(yamlOut, 'sam.yaml'), 'utf8');
    expect(yaml).not.toMatch(/[&*]a\d+\b/); // no YAML anchors or aliases: CloudFormation does not take them
    expect(parseYaml(yaml)).toEqual(JSON.parse(readFileSync(join(jsonOut, 'sam.json'), 'utf8')));
  });

  it('deep-merges --merge-template on top of the SAM template', async () => {
    const dir = tempDir();
    const mergeFile = join(dir, 'extras.yaml');
    writeFileSync(
      mergeFile,
      [
        'Resources:',
        '  MusicTable:',
        '    Type: AWS::DynamoDB::Table',
        '  APIHandler:',
        '    Properties:',
        '      Environment:',
        '        Variables:',
        '          MUSIC_TABLE: !Ref MusicTable',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    await packageProject({ projectDir: HELLO, outDir: out, mergeTemplate: mergeFile, writePolicyFile: false });
    const sam = JSON.parse(readFileSync(join(out, 'sam.json'), 'utf8')) as { Resources: Record<string, { Type?: string; Properties: Record<string, unknown> }> };
    expect(sam.Resources.MusicTable).toEqual({ Type: 'AWS::DynamoDB::Table' });
    expect(sam.Resources.APIHandler.Type).toBe('AWS::Serverless::Function');
    expect(sam.Resources.APIHandler.Properties).toMatchObject({
      Handler: 'app.api_handler',
      Environment: { Variables: { MUSIC_TABLE: { Ref: 'MusicTable' } } },
    });
  });

  it('writes chalice.tf.json with --pkg-format terraform, pointing at deployment.zip', async () => {
    const out = join(tempDir(), 'out');
    const result = await packageProject({ projectDir: HELLO, outDir: out, pkgFormat: 'terraform', writePolicyFile: false });
    expect(result.files).toEqual(['chalice.tf.json', 'deployment.zip']);
    const tf = readFileSync(join(out, 'chalice.tf.json'), 'utf8');
    expect(tf).toContain('deployment.zip');
    expect(tf).toContain('"app.api_handler"');
  });

  it.each([
    [{ pkgFormat: 'terraform', templateFormat: 'yaml' }, /--template-format yaml only applies/],
    [{ pkgFormat: 'terraform', mergeTemplate: 'extras.json' }, /--merge-template only applies/],
    [{ stage: 'nope' }, /stages\.nope is not defined/],
  ] as const)('refuses %j', async (options, message) => {
    await expect(packageProject({ projectDir: HELLO, outDir: join(tempDir(), 'out'), writePolicyFile: false, ...options })).rejects.toThrow(message);
  });

  it('writes the generated policy to .chalice/policy-<stage>.json of the project', async () => {
    const project = copyFixture('hello');
    const { onMessage, messages } = collectMessages();
    await packageProject({ projectDir: project, outDir: join(tempDir(), 'out'), onMessage });
    const policy = JSON.parse(readFileSync(join(project, '.chalice', 'policy-dev.json'), 'utf8')) as { Statement: { Action: unknown }[] };
    expect(policy.Statement.map((s) => s.Action)).toContainEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(messages).toContainEqual({ kind: 'file-written', path: '.chalice/policy-dev.json', bytes: expect.any(Number) });
  });
});
