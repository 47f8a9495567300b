import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildspecText } from '../../../src/build/pipeline/buildspec.js';
import { generatePipeline } from '../../../src/build/pipeline/generate-pipeline.js';
import type { PipelineSourceOption, PipelineVersion } from '../../../src/build/pipeline/pipeline-template.js';
import { generatePipelineTemplate } from '../../../src/build/pipeline/pipeline-template.js';
import type { BuildMessage } from '../../../src/build/build-messages.js';
import { copyFixture, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../../functional/local/chalice-process.js';
import type { CfnSpecification } from '../templates/cfn-template-checker.js';
import { checkSamTemplate, loadCfnSpecification } from '../templates/cfn-template-checker.js';
import { expectGolden } from '../templates/golden.js';

type Template = Parameters<typeof checkSamTemplate>[0] & { Parameters: Record<string, { Default?: string }>; Outputs: Record<string, unknown> };
type Json = Record<string, any>;

/**
 * Properties newer than the bundled @aws-cdk/cfnspec (its last release predates them):
 * CodePipeline's PipelineType (V2 pipelines, 2023).
 */
const NEWER_THAN_SPEC = [/AppPipeline \(AWS::CodePipeline::Pipeline\)\.Properties: unknown property PipelineType /];

const VARIANTS: readonly (readonly [PipelineVersion, PipelineSourceOption])[] = [
  ['v1', 'codecommit'],
  ['v1', 'github'],
  ['v2', 'codecommit'],
  ['v2', 'github'],
];

let spec: CfnSpecification;
beforeAll(() => {
  spec = loadCfnSpecification();
});
afterAll(removeTempDirs);

function template(version: PipelineVersion, source: PipelineSourceOption, extra: Partial<Parameters<typeof generatePipelineTemplate>[0]> = {}): Template {
  return generatePipelineTemplate({ appName: 'hello', nodeMajor: 22, pipelineVersion: version, source, ...extra }) as Template;
}

function statements(t: Template, role: string): Json[] {
  const props = (t.Resources[role] as Json).Properties;
  return (props.Policies?.[0].PolicyDocument ?? props.PolicyDocument).Statement;
}

describe('chalice generate-pipeline templates', () => {
  it.each(VARIANTS)('%s with %s matches test/golden/pipeline/ and the CloudFormation specification', (version, source) => {
    const t = template(version, source);
    expectGolden(`pipeline/${version}-${source}.json`, t);
    const problems = checkSamTemplate(t, spec).filter((p) => !NEWER_THAN_SPEC.some((known) => known.test(p)));
    expect(problems).toEqual([]);
  });

  it('the checker catches a misspelled pipeline property (so the check above means something)', () => {
    const t = template('v1', 'codecommit') as Json;
    t.Resources.AppPackageBuild.Properties.Enviroment = t.Resources.AppPackageBuild.Properties.Environment;
    delete t.Resources.AppPackageBuild.Properties.Environment;
    t.Resources.AppPipeline.Properties.Stages[0].Actions[0].Configuraton = {};
    expect(checkSamTemplate(t as Template, spec)).toEqual(
      expect.arrayContaining([expect.stringMatching(/unknown property Enviroment/), expect.stringMatching(/required property Environment is missing/), expect.stringMatching(/Actions\[0\]: unknown property Configuraton/)]),
    );
  });

  it('runs Source → Build → Beta, deploying through a change set and then executing it', () => {
    const stages = (template('v1', 'codecommit').Resources.AppPipeline as Json).Properties.Stages as Json[];
    expect(stages.map((s) => [s.Name, s.Actions.map((a: Json) => `${a.ActionTypeId.Provider}:${a.Configuration.ActionMode ?? a.Name}`)])).toEqual([
      ['Source', ['CodeCommit:Source']],
      ['Build', ['CodeBuild:CodeBuild']],
      ['Beta', ['CloudFormation:CHANGE_SET_REPLACE', 'CloudFormation:CHANGE_SET_EXECUTE']],
    ]);
  });

  it.each([
    ['v1', 'codecommit', ['SourceRepository'], 'CodeCommit', true],
    ['v1', 'github', [], 'GitHub', true],
    ['v2', 'codecommit', ['PipelineTriggerRole', 'SourceChangeRule', 'SourceRepository'], 'CodeCommit', false],
    ['v2', 'github', ['GithubConnection'], 'CodeStarSourceConnection', undefined],
  ] as const)('%s %s: source resources %j, action %s, polling %s', (version, source, sourceResources, provider, polls) => {
    const t = template(version, source);
    const common = ['AppPackageBuild', 'AppPipeline', 'ApplicationBucket', 'ArtifactBucketStore', 'CFNDeployRole', 'CodeBuildPolicy', 'CodeBuildRole', 'CodePipelineRole'];
    expect(Object.keys(t.Resources).sort()).toEqual([...common, ...sourceResources].sort());
    const action = (t.Resources.AppPipeline as Json).Properties.Stages[0].Actions[0];
    expect(action.ActionTypeId.Provider).toBe(provider);
    expect(action.Configuration.PollForSourceChanges).toBe(polls);
    expect((t.Resources.AppPipeline as Json).Properties.PipelineType).toBe(version === 'v2' ? 'V2' : undefined);
  });

  it('keeps the GitHub token out of sight (NoEcho) and never needs one with a connection', () => {
    expect(template('v1', 'github').Parameters.GithubPersonalToken).toMatchObject({ NoEcho: true });
    expect(template('v2', 'github').Parameters.GithubPersonalToken).toBeUndefined();
  });
});

describe('least privilege', () => {
  it.each(VARIANTS)('%s %s: no role is allowed every action or a whole service', (version, source) => {
    const t = template(version, source);
    for (const role of ['CodeBuildPolicy', 'CodePipelineRole', 'CFNDeployRole']) {
      for (const statement of statements(t, role)) {
        for (const action of [statement.Action].flat()) expect(action, `${role} ${statement.Sid}`).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      }
    }
  });

  it('scopes the deploy role to the application stack and the pipeline role to its own resources', () => {
    const t = template('v2', 'github');
    const deploy = statements(t, 'CFNDeployRole');
    const bySid = (list: Json[], sid: string) => list.find((s) => s.Sid === sid)!;
    expect(bySid(deploy, 'Functions').Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ApplicationName}BetaStack-*' });
    expect(bySid(deploy, 'FunctionRoles').Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${ApplicationName}BetaStack-*' });
    const pipeline = statements(t, 'CodePipelineRole');
    expect(bySid(pipeline, 'Source')).toMatchObject({ Action: 'codestar-connections:UseConnection', Resource: { Ref: 'GithubConnection' } });
    expect(bySid(pipeline, 'PassDeployRole')).toMatchObject({ Resource: { 'Fn::GetAtt': ['CFNDeployRole', 'Arn'] }, Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } } });
    expect(bySid(pipeline, 'Deploy').Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${ApplicationName}BetaStack/*' });
  });
});

describe('the buildspec', () => {
  it('installs Node, runs npm ci, chalice package and aws cloudformation package, and keeps transformed.yaml', () => {
    const spec = parseYaml(buildspecText({ nodeMajor: 22, managedImage: true })) as Json;
    expect(spec).toEqual({
      version: 0.2,
      phases: {
        install: { 'runtime-versions': { nodejs: 22 }, commands: ['node --version', 'aws --version'] },
        pre_build: { commands: ['npm ci'] },
        build: {
          commands: [
            'npx --no -- chalice package /tmp/packaged',
            'aws cloudformation package --template-file /tmp/packaged/sam.json --s3-bucket ${APP_S3_BUCKET} --output-template-file transformed.yaml',
          ],
        },
      },
      artifacts: { type: 'zip', files: ['transformed.yaml'] },
    });
  });

  it('leaves runtime-versions out for an image that is not a CodeBuild managed image', () => {
    const spec = parseYaml(buildspecText({ nodeMajor: 22, managedImage: false })) as Json;
    expect(spec.phases.install).toEqual({ commands: ['node --version', 'aws --version'] });
  });

  it('is inline by default, and is referenced by its path with --buildspec-file', () => {
    const source = (t: Template) => (t.Resources.AppPackageBuild as Json).Properties.Source;
    expect(parseYaml(source(template('v1', 'codecommit')).BuildSpec)).toMatchObject({ version: 0.2 });
    expect(source(template('v1', 'codecommit', { buildspecPath: 'ci/buildspec.yml' }))).toEqual({ Type: 'CODEPIPELINE', BuildSpec: 'ci/buildspec.yml' });
    expect(source(template('v1', 'codecommit', { buildspecPath: 'buildspec.yml' }))).toEqual({ Type: 'CODEPIPELINE' });
  });
});

describe('generatePipeline (project → files)', () => {
  it("takes the app name and the stage's runtime from the project, and the image from -i", () => {
    const project = copyFixture('hello');
    const out = join(tempDir(), 'pipeline.json');
    const messages: BuildMessage[] = [];
    generatePipeline({ projectDir: project, outFile: out, nodeVersion: '20.11.0', codeBuildImage: 'node:20', onMessage: (m) => messages.push(m) });
    const written = JSON.parse(readFileSync(out, 'utf8')) as Template;
    expect(written.Parameters.ApplicationName.Default).toBe('hello');
    expect(written.Parameters.CodeBuildImage.Default).toBe('node:20');
    expect(messages).toContainEqual({ kind: 'warning', text: expect.stringMatching(/^node:20 is not one of CodeBuild's managed images/) });
    const inline = parseYaml((written.Resources.AppPackageBuild as Json).Properties.Source.BuildSpec) as Json;
    expect(inline.phases.install['runtime-versions']).toBeUndefined();
  });

  it('writes the buildspec into the project and points the build project at it', () => {
    const project = copyFixture('hello');
    const out = join(tempDir(), 'pipeline.json');
    const result = generatePipeline({ projectDir: project, outFile: out, nodeVersion: '22.1.0', buildspecFile: join(project, 'ci', 'buildspec.yml') });
    expect(readFileSync(join(project, 'ci', 'buildspec.yml'), 'utf8')).toBe(result.buildspec);
    expect(parseYaml(result.buildspec!)).toMatchObject({ phases: { install: { 'runtime-versions': { nodejs: 22 } } } });
    expect((result.template.Resources as Json).AppPackageBuild.Properties.Source).toEqual({ Type: 'CODEPIPELINE', BuildSpec: 'ci/buildspec.yml' });
  });

  it('the CLI writes the template and fails with one line outside a project', async () => {
    const project = copyFixture('hello');
    const out = join(tempDir(), 'p.json');
    const ok = await runChalice(['--project-dir', project, 'generate-pipeline', '--pipeline-version', 'v2', '--source', 'github', out]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).Resources.GithubConnection.Type).toBe('AWS::CodeStarConnections::Connection');
    const outside = await runChalice(['--project-dir', tempDir(), 'generate-pipeline', join(tempDir(), 'p.json')]);
    expect(outside.code).toBe(2);
    expect(outside.stderr.trim().split('\n')).toHaveLength(1);
    const dir = await runChalice(['--project-dir', project, 'generate-pipeline', tempDir()]);
    expect(dir.code).toBe(2);
    expect(dir.stderr.trim()).toMatch(/^Error: \S+ is a directory; give chalice generate-pipeline a file name for the template, e\.g\. \S+pipeline\.json$/);
    const bad = await runChalice(['--project-dir', project, 'generate-pipeline', '--pipeline-version', 'v3', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are v1, v2/);
  });
});
