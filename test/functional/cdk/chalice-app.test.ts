/**
 * The `ChaliceApp` CDK construct over the hello fixture: it packages the project with
 * `chalice package`, includes the SAM template, points the code at an S3 asset of
 * deployment.zip, applies `stageConfig` (CDK tokens included) without touching the project,
 * and hands out the included resources by logical id.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaliceApp, SAM_TRANSFORM } from '../../../src/cdk/index.js';
import { copyFixture, createTestStack, removeTempDirs, snapshotTree, tempDir, writeTree } from './cdk-helpers.js';

afterAll(removeTempDirs);

describe('ChaliceApp (hello fixture, stageConfig with a CDK token)', () => {
  let project: string;
  let before: Record<string, string>;
  let app: App;
  let stack: Stack;
  let bucket: Bucket;
  let chalice: ChaliceApp;
  let template: Template;

  beforeAll(() => {
    project = copyFixture('hello');
    before = snapshotTree(project);
    ({ app, stack } = createTestStack('HelloStack'));
    bucket = new Bucket(stack, 'Data');
    chalice = new ChaliceApp(stack, 'Api', {
      sourceDir: project,
      stageConfig: { environment_variables: { BUCKET_NAME: bucket.bucketName, GREETING: 'hi' }, lambda_memory_size: 512 },
    });
    bucket.grantRead(chalice.getFunction('APIHandler'));
    template = Template.fromStack(stack);
  });

  it('includes the packaged SAM template with its logical ids and the SAM transform', () => {
    expect(template.toJSON().Transform).toEqual(SAM_TRANSFORM);
    template.resourceCountIs('AWS::Serverless::Function', 1);
    template.hasResource('AWS::Serverless::Function', Match.objectLike({ Properties: Match.objectLike({ Handler: 'app.api_handler' }) }));
    expect(Object.keys(template.findResources('AWS::Serverless::Function'))).toEqual(['APIHandler']);
    expect(Object.keys(template.findResources('AWS::Serverless::Api'))).toEqual(['RestAPI']);
    template.hasResourceProperties('AWS::Serverless::Api', { StageName: 'api' });
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { Ref: 'APIHandler' }, Principal: 'apigateway.amazonaws.com' });
    template.hasOutput('EndpointURL', {});
    expect(chalice.logicalIds).toEqual(['APIHandler', 'APIHandlerInvokePermission', 'DefaultRole', 'RestAPI']);
  });

  it('points CodeUri at the S3 asset of deployment.zip, staged in the cloud assembly', () => {
    const asset = chalice.codeAsset;
    template.hasResourceProperties('AWS::Serverless::Function', {
      CodeUri: { Bucket: stack.resolve(asset.s3BucketName), Key: `${asset.assetHash}.zip` },
    });
    const assembly = app.synth();
    const staged = readdirSync(assembly.directory).find((name) => name.includes(asset.assetHash));
    expect(staged).toBeDefined();
    expect(Object.keys(unzipSync(readFileSync(join(assembly.directory, staged as string))))).toEqual(['app.mjs']);
  });

  it('applies stageConfig over the stage: a token becomes a Ref, plain values stay', () => {
    template.hasResourceProperties('AWS::Serverless::Function', {
      MemorySize: 512,
      Environment: { Variables: { BUCKET_NAME: { Ref: stack.getLogicalId(bucket.node.defaultChild as never) }, GREETING: 'hi' } },
    });
  });

  it('leaves the project exactly as it was (no policy file, no cache, no copies)', () => {
    expect(snapshotTree(project)).toEqual(before);
    expect(existsSync(join(project, '.chalice', 'cdk'))).toBe(false);
  });

  it('returns the function and role by logical id, and grants through them reach the role', () => {
    const fn = chalice.getFunction('APIHandler');
    const role = chalice.getRole('DefaultRole');
    expect(stack.resolve(fn.functionArn)).toEqual({ 'Fn::GetAtt': ['APIHandler', 'Arn'] });
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': ['DefaultRole', 'Arn'] });
    expect(chalice.getFunction('APIHandler')).toBe(fn);
    expect(fn.role).toBe(role);
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    expect(JSON.stringify(policies[0].Properties.Roles)).toContain('"DefaultRole","Arn"');
    expect(JSON.stringify(policies[0].Properties.PolicyDocument)).toContain('s3:GetObject*');
  });

  it('returns any included resource by logical id', () => {
    expect(chalice.getResource('RestAPI').cfnResourceType).toBe('AWS::Serverless::Api');
    expect(chalice.getResource('DefaultRole').cfnResourceType).toBe('AWS::IAM::Role');
  });

  it('reports the packager warnings as CDK warnings on the construct', () => {
    Annotations.fromStack(stack).hasWarning('/HelloStack/Api', Match.stringLikeRegexp('chalice-ts is not installed in the project'));
  });

  it.each([
    ['getResource', 'Nope', /has no resource Nope; its logical ids are APIHandler, APIHandlerInvokePermission, DefaultRole, RestAPI/],
    ['getRole', 'APIHandler', /Resource APIHandler of the packaged Chalice app is a AWS::Serverless::Function, not a AWS::IAM::Role/],
    ['getFunction', 'DefaultRole', /is a AWS::IAM::Role, not a AWS::Serverless::Function or AWS::Lambda::Function/],
  ] as const)('%s(%j) says what exists instead', (method, logicalId, message) => {
    expect(() => chalice[method](logicalId)).toThrow(message);
  });
});

describe('ChaliceApp options', () => {
  it('renames the logical ids with preserveLogicalIds: false, so one stack can hold two apps', () => {
    const project = copyFixture('hello');
    const { stack } = createTestStack('TwoApps');
    const first = new ChaliceApp(stack, 'First', { sourceDir: project, preserveLogicalIds: false });
    const second = new ChaliceApp(stack, 'Second', { sourceDir: project, preserveLogicalIds: false });
    second.addEnvironmentVariable('ROLE', 'second', 'APIHandler');
    const template = Template.fromStack(stack);

    const functions = template.findResources('AWS::Serverless::Function');
    expect(Object.keys(functions)).toHaveLength(2);
    expect(Object.keys(functions)).not.toContain('APIHandler');
    expect(template.toJSON().Transform).toEqual(SAM_TRANSFORM);
    // Lookups still take the packaged template's ids.
    const secondId = stack.resolve(second.getResource('APIHandler').logicalId) as string;
    expect(functions[secondId].Properties.Environment).toEqual({ Variables: { ROLE: 'second' } });
    expect(stack.resolve(first.getFunction('APIHandler').functionArn)).not.toEqual(stack.resolve(second.getFunction('APIHandler').functionArn));
    // Each packaging runs in its own temporary copy of the project; the code is the same.
    expect(second.codeAsset.assetHash).toBe(first.codeAsset.assetHash);
  });

  it("bundles the project's node_modules packages without copying them", () => {
    const project = join(tempDir(), 'deps');
    writeTree(project, {
      '.chalice/config.json': JSON.stringify({ version: '2.0', app_name: 'deps', stages: { dev: {} } }),
      'app.ts': "import { Chalice } from 'chalice-ts';\nimport { greeting } from 'greeting';\nexport const app = new Chalice({ appName: 'deps' });\napp.route('/', function index() { return { greeting }; });\n",
      'node_modules/greeting/package.json': JSON.stringify({ name: 'greeting', version: '1.0.0', type: 'module', main: 'index.js' }),
      'node_modules/greeting/index.js': "export const greeting = 'hello from a dependency';\n",
    });
    const { app, stack } = createTestStack('Deps');
    const chalice = new ChaliceApp(stack, 'Api', { sourceDir: project });
    const assembly = app.synth();
    const staged = readdirSync(assembly.directory).find((name) => name.includes(chalice.codeAsset.assetHash)) as string;
    const bundle = Buffer.from(unzipSync(readFileSync(join(assembly.directory, staged)))['app.mjs']).toString('utf8');
    expect(bundle).toContain('hello from a dependency');
    expect(bundle).not.toContain('.chalice/cdk');
    expect(bundle).not.toContain(project);
  });

  it.each([
    [{ stage: 'prod' }, /^Cannot package the Chalice app in .*hello \(stage prod\) for the CDK: .*config\.json: stages\.prod is not defined/],
    [{ stageConfig: { lambda_memory_size: 'big' } }, /stages\.dev\.lambda_memory_size must be .*got "big" \(the ChaliceApp stageConfig is merged over stages\.dev of that file\)$/],
    [{ stageConfig: { lambda_memory_size: 'big', lambda_timeout: 0 } }, /config\.json has 2 problems: .*stages\.dev\.lambda_memory_size must be .*got "big" .*stages\.dev\.lambda_timeout must be .*got 0 \(the ChaliceApp stageConfig/],
    [{ sourceDir: 'does-not-exist' }, /^ChaliceApp sourceDir .*does-not-exist does not exist/],
  ])('fails with one clear line for %j', (props, message) => {
    const project = copyFixture('hello');
    const { stack } = createTestStack('Broken');
    let error: unknown;
    try {
      new ChaliceApp(stack, 'Api', { sourceDir: project, ...props });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: 'ChaliceTsError', fault: 'user', message: expect.stringMatching(message) });
    expect((error as Error).message).not.toContain('.chalice/cdk/');
    expect(existsSync(join(project, '.chalice', 'cdk'))).toBe(false);
  });

  it('creates a stage that only stageConfig defines', () => {
    const project = copyFixture('hello');
    const { stack } = createTestStack('Staging');
    new ChaliceApp(stack, 'Api', { sourceDir: project, stage: 'staging', stageConfig: { api_gateway_stage: 'v1' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Serverless::Api', { StageName: 'v1' });
    template.hasResourceProperties('AWS::Serverless::Function', { Tags: { 'aws-chalice': Match.stringLikeRegexp('stage=staging') } });
  });
});
