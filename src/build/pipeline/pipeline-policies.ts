/**
 * The IAM policies of the generated pipeline, each scoped to what its role does:
 *
 * - CodeBuild reads the source artifact and writes the build artifact (pipeline bucket), uploads
 *   the packaged code (application bucket) and writes its own logs.
 * - CodePipeline moves artifacts, reads the source (the CodeCommit repository or the GitHub
 *   connection), starts the CodeBuild project, and creates and executes change sets of the
 *   application's stack only, passing the deploy role to CloudFormation and nothing else.
 * - CloudFormation, through the deploy role, creates what `chalice package` templates contain:
 *   Lambda functions and layers, their IAM roles, API Gateway REST and websocket APIs (custom
 *   domains included), EventBridge rules, SNS subscriptions and event source mappings, and reads
 *   the packaged code. Names
 *   CloudFormation generates start with the stack name, which is how roles, functions and rules
 *   are scoped; event source mappings and SNS subscriptions have no name to scope by.
 *
 * The SAM transform runs as the caller of CreateChangeSet (the pipeline role), which needs
 * `cloudformation:CreateChangeSet` on the transform itself.
 */
import type { PipelineSource } from './pipeline-template.js';

type Statement = Record<string, unknown>;
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

const sub = (text: string): { 'Fn::Sub': string } => ({ 'Fn::Sub': text });
const document = (...statements: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

/** The application's stack, which the pipeline's deploy stage creates and updates. */
export const STACK_NAME = '${ApplicationName}BetaStack';
export const CHANGE_SET_NAME = '${ApplicationName}ChangeSet';

export function trustPolicy(service: string): PolicyDocument {
  return document({ Effect: 'Allow', Principal: { Service: `${service}.amazonaws.com` }, Action: 'sts:AssumeRole' });
}

export function codeBuildPolicy(): PolicyDocument {
  return document(
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/${ApplicationName}Build'), sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/${ApplicationName}Build:*')],
    },
    {
      Sid: 'PipelineArtifacts',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      Resource: sub('${ArtifactBucketStore.Arn}/*'),
    },
    {
      Sid: 'PackagedCode',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: sub('${ApplicationBucket.Arn}/*'),
    },
    {
      // `aws cloudformation package` skips uploads that are already there; without ListBucket a
      // missing object reads as 403 instead of 404.
      Sid: 'PackagedCodeListing',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: sub('${ApplicationBucket.Arn}'),
    },
  );
}

export function codePipelinePolicy(source: PipelineSource): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: 'Artifacts',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketVersioning', 's3:PutObject'],
      Resource: [sub('${ArtifactBucketStore.Arn}'), sub('${ArtifactBucketStore.Arn}/*')],
    },
  ];
  switch (source.kind) {
    case 'codecommit':
      statements.push({
        Sid: 'Source',
        Effect: 'Allow',
        Action: ['codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:GetRepository', 'codecommit:UploadArchive', 'codecommit:GetUploadArchiveStatus', 'codecommit:CancelUploadArchive'],
        Resource: { 'Fn::GetAtt': ['SourceRepository', 'Arn'] },
      });
      break;
    case 'github-connection':
      statements.push({ Sid: 'Source', Effect: 'Allow', Action: 'codestar-connections:UseConnection', Resource: { Ref: 'GithubConnection' } });
      break;
    case 'github-token':
      // The GitHub (version 1) action authenticates with the token; no AWS permission is involved.
      break;
    default: {
      const unknown: never = source;
      throw new Error(`unknown pipeline source ${JSON.stringify(unknown)}`);
    }
  }
  statements.push(
    {
      Sid: 'Build',
      Effect: 'Allow',
      Action: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'],
      Resource: { 'Fn::GetAtt': ['AppPackageBuild', 'Arn'] },
    },
    {
      Sid: 'Deploy',
      Effect: 'Allow',
      Action: ['cloudformation:CreateChangeSet', 'cloudformation:DescribeChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteChangeSet', 'cloudformation:DescribeStacks'],
      Resource: sub(`arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:stack/${STACK_NAME}/*`),
    },
    {
      Sid: 'SamTransform',
      Effect: 'Allow',
      Action: 'cloudformation:CreateChangeSet',
      Resource: sub('arn:${AWS::Partition}:cloudformation:${AWS::Region}:aws:transform/Serverless-2016-10-31'),
    },
    {
      Sid: 'PassDeployRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': ['CFNDeployRole', 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
    },
  );
  return document(...statements);
}

/** `appName` is the project's app name: the managed layer is named `<app>-<stage>-managed-layer`. */
export function cloudFormationDeployPolicy(appName: string): PolicyDocument {
  const stackScoped = (service: string, resource: string) => sub(`arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
  return document(
    {
      Sid: 'Functions',
      Effect: 'Allow',
      Action: [
        // What CloudFormation's AWS::Lambda::Function and AWS::Lambda::Permission handlers call.
        'lambda:CreateFunction', 'lambda:DeleteFunction', 'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration', 'lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy', 'lambda:PutFunctionConcurrency',
        'lambda:DeleteFunctionConcurrency', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionRecursionConfig', 'lambda:PutFunctionRecursionConfig',
        'lambda:GetRuntimeManagementConfig', 'lambda:PutRuntimeManagementConfig', 'lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags',
      ],
      Resource: stackScoped('lambda', `function:${STACK_NAME}-*`),
    },
    {
      Sid: 'Layers',
      Effect: 'Allow',
      Action: ['lambda:PublishLayerVersion', 'lambda:DeleteLayerVersion', 'lambda:GetLayerVersion'],
      Resource: [stackScoped('lambda', `layer:${appName}-*`), stackScoped('lambda', `layer:${appName}-*:*`)],
    },
    {
      Sid: 'EventSourceMappings',
      Effect: 'Allow',
      Action: ['lambda:CreateEventSourceMapping', 'lambda:DeleteEventSourceMapping', 'lambda:GetEventSourceMapping', 'lambda:UpdateEventSourceMapping'],
      Resource: '*',
    },
    {
      Sid: 'FunctionRoles',
      Effect: 'Allow',
      Action: [
        'iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy',
        'iam:GetRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:TagRole', 'iam:UntagRole',
      ],
      Resource: sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${STACK_NAME}-*`),
    },
    {
      Sid: 'PassFunctionRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${STACK_NAME}-*`),
      Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'apigateway.amazonaws.com'] } },
    },
    {
      Sid: 'Apis',
      Effect: 'Allow',
      Action: ['apigateway:GET', 'apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'],
      Resource: [
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis'),
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/*'),
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/apis'),
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/apis/*'),
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/domainnames'),
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/domainnames/*'),
        sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/tags/*'),
      ],
    },
    {
      Sid: 'Rules',
      Effect: 'Allow',
      Action: ['events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:PutTargets', 'events:RemoveTargets'],
      Resource: stackScoped('events', `rule/${STACK_NAME}-*`),
    },
    {
      Sid: 'Subscriptions',
      Effect: 'Allow',
      Action: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes'],
      Resource: '*',
    },
    {
      // Functions in a VPC (subnet_ids, security_group_ids): Lambda checks them as the caller.
      // Describe actions take no resource-level permissions.
      Sid: 'VpcLookups',
      Effect: 'Allow',
      Action: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
      Resource: '*',
    },
    {
      // An EDGE custom domain is a CloudFront distribution API Gateway manages on the caller's behalf.
      Sid: 'EdgeDomains',
      Effect: 'Allow',
      Action: 'cloudfront:UpdateDistribution',
      Resource: '*',
    },
    {
      Sid: 'PackagedCode',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: sub('${ApplicationBucket.Arn}/*'),
    },
  );
}
