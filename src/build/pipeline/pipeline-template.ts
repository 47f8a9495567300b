/**
 * The CloudFormation template of `chalice generate-pipeline`: a starter continuous-deployment
 * pipeline for the app, as Chalice generates it, for a Node.js build.
 *
 *   Source (CodeCommit repository, or GitHub) → Build (CodeBuild: npm ci, chalice package,
 *   aws cloudformation package) → Beta (CloudFormation change set, then its execution)
 *
 * with the two buckets (ArtifactBucketStore for the pipeline's artifacts, ApplicationBucket
 * for the packaged code) and one role per service, scoped as pipeline-policies.ts explains.
 *
 * Versions: v1 is Chalice's original layout (a polling CodeCommit source, or GitHub's version-1
 * action with a personal access token). v2 is a V2-type pipeline with event-driven sources:
 * CodeCommit changes start it through an EventBridge rule, and GitHub is reached through a
 * CodeStar connection (created PENDING: activate it once in the console) instead of a token.
 *
 * Pure: the same options always give the same template.
 */
import { buildspecText, isManagedCodeBuildImage } from './buildspec.js';
import { CHANGE_SET_NAME, codeBuildPolicy, cloudFormationDeployPolicy, codePipelinePolicy, STACK_NAME, trustPolicy } from './pipeline-policies.js';

export type PipelineVersion = 'v1' | 'v2';
export type PipelineSourceOption = 'codecommit' | 'github';

/** The source stage, after the version decided how GitHub is reached. */
export type PipelineSource = { readonly kind: 'codecommit' } | { readonly kind: 'github-token' } | { readonly kind: 'github-connection' };

export interface PipelineTemplateOptions {
  /** The project's app name: the default of the ApplicationName parameter. */
  readonly appName: string;
  /** Node.js major the build installs (from the project's Lambda runtime). */
  readonly nodeMajor: number;
  /** @default 'v1' */
  readonly pipelineVersion?: PipelineVersion;
  /** @default 'codecommit' */
  readonly source?: PipelineSourceOption;
  /** The build image (default of the CodeBuildImage parameter). @default DEFAULT_CODEBUILD_IMAGE */
  readonly codeBuildImage?: string;
  /**
   * Where the buildspec lives when it is not inline (`--buildspec-file`): its path in the
   * repository; undefined keeps it inline. `buildspec.yml`, CodeBuild's default, is left implicit.
   */
  readonly buildspecPath?: string;
}

/** CodeBuild's Amazon Linux 2023 standard image: Node.js 18–22 through runtime-versions, and the AWS CLI. */
export const DEFAULT_CODEBUILD_IMAGE = 'aws/codebuild/amazonlinux-x86_64-standard:5.0';
export const DEFAULT_BRANCH = 'main';

type Json = Record<string, unknown>;
const sub = (text: string): Json => ({ 'Fn::Sub': text });
const ref = (name: string): Json => ({ Ref: name });
const getAtt = (resource: string, attribute: string): Json => ({ 'Fn::GetAtt': [resource, attribute] });

export function pipelineSource(version: PipelineVersion, source: PipelineSourceOption): PipelineSource {
  if (source === 'codecommit') return { kind: 'codecommit' };
  return version === 'v2' ? { kind: 'github-connection' } : { kind: 'github-token' };
}

export function generatePipelineTemplate(options: PipelineTemplateOptions): Json {
  const version = options.pipelineVersion ?? 'v1';
  const source = pipelineSource(version, options.source ?? 'codecommit');
  const image = options.codeBuildImage ?? DEFAULT_CODEBUILD_IMAGE;
  const parameters: Json = {
    ApplicationName: { Type: 'String', Default: options.appName, Description: 'The name of the application; it prefixes the names of the pipeline, build project and stack.' },
    CodeBuildImage: { Type: 'String', Default: image, Description: 'The CodeBuild image the app is packaged in.' },
    BranchName: { Type: 'String', Default: DEFAULT_BRANCH, Description: 'The branch whose changes are deployed.' },
  };
  const resources: Json = {};
  const outputs: Json = {};

  addSource(source, parameters, resources, outputs);
  resources.ApplicationBucket = { Type: 'AWS::S3::Bucket', Properties: privateBucket() };
  resources.ArtifactBucketStore = { Type: 'AWS::S3::Bucket', Properties: { ...privateBucket(), VersioningConfiguration: { Status: 'Enabled' } } };
  resources.CodeBuildRole = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustPolicy('codebuild') } };
  resources.CodeBuildPolicy = {
    Type: 'AWS::IAM::Policy',
    Properties: { PolicyName: 'CodeBuildPolicy', PolicyDocument: codeBuildPolicy(), Roles: [ref('CodeBuildRole')] },
  };
  resources.AppPackageBuild = {
    Type: 'AWS::CodeBuild::Project',
    Properties: {
      Name: sub('${ApplicationName}Build'),
      ServiceRole: getAtt('CodeBuildRole', 'Arn'),
      Artifacts: { Type: 'CODEPIPELINE' },
      Environment: {
        ComputeType: 'BUILD_GENERAL1_SMALL',
        Image: ref('CodeBuildImage'),
        Type: 'LINUX_CONTAINER',
        EnvironmentVariables: [{ Name: 'APP_S3_BUCKET', Value: ref('ApplicationBucket') }],
      },
      Source: {
        Type: 'CODEPIPELINE',
        ...(options.buildspecPath === undefined
          ? { BuildSpec: buildspecText({ nodeMajor: options.nodeMajor, managedImage: isManagedCodeBuildImage(image) }) }
          : options.buildspecPath === 'buildspec.yml'
            ? {}
            : { BuildSpec: options.buildspecPath }),
      },
    },
  };
  resources.CodePipelineRole = {
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: trustPolicy('codepipeline'), Policies: [{ PolicyName: 'DefaultPolicy', PolicyDocument: codePipelinePolicy(source) }] },
  };
  resources.CFNDeployRole = {
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: trustPolicy('cloudformation'), Policies: [{ PolicyName: 'DeployAccess', PolicyDocument: cloudFormationDeployPolicy(options.appName) }] },
  };
  resources.AppPipeline = {
    Type: 'AWS::CodePipeline::Pipeline',
    // The policy must exist before the first execution, which starts as soon as the pipeline does.
    DependsOn: ['CodeBuildPolicy'],
    Properties: {
      Name: sub('${ApplicationName}Pipeline'),
      RoleArn: getAtt('CodePipelineRole', 'Arn'),
      ArtifactStore: { Type: 'S3', Location: ref('ArtifactBucketStore') },
      ...(version === 'v2' ? { PipelineType: 'V2' } : {}),
      Stages: [sourceStage(source, version), buildStage(), betaStage()],
    },
  };
  if (version === 'v2' && source.kind === 'codecommit') addCodeCommitTrigger(resources);

  outputs.S3ApplicationBucket = { Value: ref('ApplicationBucket') };
  outputs.S3PipelineBucket = { Value: ref('ArtifactBucketStore') };
  outputs.CodeBuildRoleArn = { Value: getAtt('CodeBuildRole', 'Arn') };
  outputs.CodePipelineRoleArn = { Value: getAtt('CodePipelineRole', 'Arn') };
  outputs.CFNDeployRoleArn = { Value: getAtt('CFNDeployRole', 'Arn') };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Continuous deployment pipeline for ${options.appName} (generated by chalice generate-pipeline --pipeline-version ${version}).`,
    Parameters: parameters,
    Resources: resources,
    Outputs: outputs,
  };
}

/** Buckets that never serve anything publicly. */
function privateBucket(): Json {
  return {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  };
}

function addSource(source: PipelineSource, parameters: Json, resources: Json, outputs: Json): void {
  switch (source.kind) {
    case 'codecommit':
      resources.SourceRepository = {
        Type: 'AWS::CodeCommit::Repository',
        Properties: { RepositoryName: ref('ApplicationName'), RepositoryDescription: sub('Source code for ${ApplicationName}') },
      };
      outputs.SourceRepoURL = { Value: getAtt('SourceRepository', 'CloneUrlHttp') };
      return;
    case 'github-token':
      parameters.GithubOwner = { Type: 'String', Description: 'The GitHub owner or organisation of the repository.' };
      parameters.GithubRepoName = { Type: 'String', Description: 'The name of the GitHub repository.' };
      parameters.GithubPersonalToken = { Type: 'String', NoEcho: true, Description: 'A GitHub personal access token with access to the repository.' };
      return;
    case 'github-connection':
      parameters.GithubOwner = { Type: 'String', Description: 'The GitHub owner or organisation of the repository.' };
      parameters.GithubRepoName = { Type: 'String', Description: 'The name of the GitHub repository.' };
      resources.GithubConnection = {
        Type: 'AWS::CodeStarConnections::Connection',
        Properties: { ConnectionName: sub('${ApplicationName}-github'), ProviderType: 'GitHub' },
      };
      outputs.GithubConnectionArn = {
        Description: 'Created PENDING: activate it once in the console (Developer Tools → Settings → Connections), then release the pipeline.',
        Value: ref('GithubConnection'),
      };
      return;
    default: {
      const unknown: never = source;
      throw new Error(`unknown pipeline source ${JSON.stringify(unknown)}`);
    }
  }
}

function sourceStage(source: PipelineSource, version: PipelineVersion): Json {
  const output = [{ Name: 'SourceRepo' }];
  switch (source.kind) {
    case 'codecommit':
      return stage('Source', {
        Name: 'Source',
        ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' },
        // v2 starts on EventBridge events instead of polling the repository.
        Configuration: { RepositoryName: getAtt('SourceRepository', 'Name'), BranchName: ref('BranchName'), PollForSourceChanges: version === 'v1' },
        OutputArtifacts: output,
        RunOrder: 1,
      });
    case 'github-token':
      return stage('Source', {
        Name: 'Source',
        ActionTypeId: { Category: 'Source', Owner: 'ThirdParty', Provider: 'GitHub', Version: '1' },
        Configuration: { Owner: ref('GithubOwner'), Repo: ref('GithubRepoName'), Branch: ref('BranchName'), OAuthToken: ref('GithubPersonalToken'), PollForSourceChanges: true },
        OutputArtifacts: output,
        RunOrder: 1,
      });
    case 'github-connection':
      return stage('Source', {
        Name: 'Source',
        ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
        Configuration: {
          ConnectionArn: ref('GithubConnection'),
          FullRepositoryId: sub('${GithubOwner}/${GithubRepoName}'),
          BranchName: ref('BranchName'),
          OutputArtifactFormat: 'CODE_ZIP',
        },
        OutputArtifacts: output,
        RunOrder: 1,
      });
    default: {
      const unknown: never = source;
      throw new Error(`unknown pipeline source ${JSON.stringify(unknown)}`);
    }
  }
}

function buildStage(): Json {
  return stage('Build', {
    Name: 'CodeBuild',
    ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
    Configuration: { ProjectName: ref('AppPackageBuild') },
    InputArtifacts: [{ Name: 'SourceRepo' }],
    OutputArtifacts: [{ Name: 'CompiledCFNTemplate' }],
    RunOrder: 1,
  });
}

function betaStage(): Json {
  const deploy = { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' };
  return stage(
    'Beta',
    {
      Name: 'CreateBetaChangeSet',
      ActionTypeId: deploy,
      Configuration: {
        ActionMode: 'CHANGE_SET_REPLACE',
        StackName: sub(STACK_NAME),
        ChangeSetName: sub(CHANGE_SET_NAME),
        RoleArn: getAtt('CFNDeployRole', 'Arn'),
        Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND',
        TemplatePath: 'CompiledCFNTemplate::transformed.yaml',
      },
      InputArtifacts: [{ Name: 'CompiledCFNTemplate' }],
      RunOrder: 1,
    },
    {
      Name: 'ExecuteChangeSet',
      ActionTypeId: deploy,
      Configuration: { ActionMode: 'CHANGE_SET_EXECUTE', StackName: sub(STACK_NAME), ChangeSetName: sub(CHANGE_SET_NAME), OutputFileName: 'StackOutputs.json' },
      OutputArtifacts: [{ Name: 'AppDeploymentValues' }],
      RunOrder: 2,
    },
  );
}

function stage(name: string, ...actions: Json[]): Json {
  return { Name: name, Actions: actions };
}

/** v2 with CodeCommit: an EventBridge rule starts the pipeline on pushes to the branch. */
function addCodeCommitTrigger(resources: Json): void {
  const pipelineArn = sub('arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${AppPipeline}');
  resources.PipelineTriggerRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: trustPolicy('events'),
      Policies: [{ PolicyName: 'StartPipeline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codepipeline:StartPipelineExecution', Resource: pipelineArn }] } }],
    },
  };
  resources.SourceChangeRule = {
    Type: 'AWS::Events::Rule',
    Properties: {
      Description: sub('Starts ${ApplicationName}Pipeline when ${BranchName} changes'),
      EventPattern: {
        source: ['aws.codecommit'],
        'detail-type': ['CodeCommit Repository State Change'],
        resources: [getAtt('SourceRepository', 'Arn')],
        detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'], referenceName: [ref('BranchName')] },
      },
      Targets: [{ Id: 'Pipeline', Arn: pipelineArn, RoleArn: getAtt('PipelineTriggerRole', 'Arn') }],
    },
  };
}
