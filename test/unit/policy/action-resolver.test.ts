import { describe, expect, it } from 'vitest';
import { aggregatedMethodToActions, operationToActions, sdkExportToMeaning } from '../../../src/build/policy/action-resolver.js';
import { packageToServicePrefix } from '../../../src/build/policy/service-prefixes.js';

describe('packageToServicePrefix', () => {
  it.each([
    ['@aws-sdk/client-s3', 's3'],
    ['@aws-sdk/client-sqs', 'sqs'],
    ['@aws-sdk/client-dynamodb', 'dynamodb'],
    ['@aws-sdk/client-dynamodb-streams', 'dynamodb'],
    ['@aws-sdk/client-cloudwatch-logs', 'logs'],
    ['@aws-sdk/client-cloudwatch', 'cloudwatch'],
    ['@aws-sdk/client-sfn', 'states'],
    ['@aws-sdk/client-eventbridge', 'events'],
    ['@aws-sdk/client-cognito-identity-provider', 'cognito-idp'],
    ['@aws-sdk/client-secrets-manager', 'secretsmanager'],
    ['@aws-sdk/client-apigatewaymanagementapi', 'execute-api'],
    ['@aws-sdk/client-elastic-load-balancing-v2', 'elasticloadbalancing'],
    ['@aws-sdk/client-api-gateway', 'apigateway'],
    ['@aws-sdk/client-sesv2', 'ses'],
    ['@aws-sdk/client-bedrock-runtime', 'bedrock'],
    ['@aws-sdk/client-rds-data', 'rds-data'],
    ['@aws-sdk/client-route-53', 'route53'],
    ['@aws-sdk/client-service-quotas', 'servicequotas'],
    ['client-kinesis', 'kinesis'],
  ])('%s → %s', (packageName, prefix) => {
    expect(packageToServicePrefix(packageName)).toBe(prefix);
  });

  it.each(['@aws-sdk/lib-dynamodb', '@aws-sdk/lib-storage', '@aws-sdk/util-dynamodb', '@aws-sdk/credential-providers'])(
    '%s is not a service client',
    (packageName) => {
      expect(packageToServicePrefix(packageName)).toBeUndefined();
    },
  );
});

describe('operationToActions', () => {
  it.each([
    ['s3', 'PutObject', ['s3:PutObject']],
    ['s3', 'ListObjectsV2', ['s3:ListBucket']],
    ['s3', 'ListObjects', ['s3:ListBucket']],
    ['s3', 'HeadObject', ['s3:GetObject']],
    ['s3', 'HeadBucket', ['s3:ListBucket']],
    ['s3', 'ListBuckets', ['s3:ListAllMyBuckets']],
    ['s3', 'GetObjectAttributes', ['s3:GetObject', 's3:GetObjectAttributes']],
    ['s3', 'CopyObject', ['s3:GetObject', 's3:PutObject']],
    ['s3', 'CreateMultipartUpload', ['s3:PutObject']],
    ['s3', 'DeleteObjects', ['s3:DeleteObject']],
    ['execute-api', 'PostToConnection', ['execute-api:ManageConnections']],
    ['execute-api', 'GetConnection', ['execute-api:ManageConnections']],
    ['execute-api', 'DeleteConnection', ['execute-api:ManageConnections']],
    ['lambda', 'Invoke', ['lambda:InvokeFunction']],
    ['lambda', 'InvokeWithResponseStream', ['lambda:InvokeFunction']],
    ['lambda', 'GetFunction', ['lambda:GetFunction']],
    ['dynamodb', 'TransactGetItems', ['dynamodb:GetItem']],
    ['dynamodb', 'ExecuteStatement', ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate']],
    ['bedrock', 'Converse', ['bedrock:InvokeModel']],
    ['sqs', 'SendMessageBatch', ['sqs:SendMessage']],
    ['apigateway', 'GetRestApis', ['apigateway:GET']],
    ['apigateway', 'CreateDeployment', ['apigateway:POST']],
    ['apigateway', 'UpdateStage', ['apigateway:PATCH']],
  ] as const)('%s %s → %j', (prefix, operation, actions) => {
    expect(operationToActions(prefix, operation)).toEqual(actions);
  });

  it('has no action for an API Gateway operation whose verb it does not know', () => {
    expect(operationToActions('apigateway', 'Frobnicate')).toBeUndefined();
  });
});

describe('sdkExportToMeaning', () => {
  it.each([
    ['@aws-sdk/client-s3', 'PutObjectCommand', { kind: 'actions', actions: ['s3:PutObject'] }],
    ['@aws-sdk/client-s3', 'paginateListObjectsV2', { kind: 'actions', actions: ['s3:ListBucket'] }],
    ['@aws-sdk/client-s3', 'waitUntilObjectExists', { kind: 'actions', actions: ['s3:GetObject'] }],
    ['@aws-sdk/client-dynamodb', 'waitUntilTableExists', { kind: 'actions', actions: ['dynamodb:DescribeTable'] }],
    ['@aws-sdk/client-s3', 'S3Client', { kind: 'client-class', aggregated: false }],
    ['@aws-sdk/client-s3', 'S3', { kind: 'client-class', aggregated: true }],
    ['@aws-sdk/client-s3', 'NoSuchKeyException', { kind: 'none' }],
    ['@aws-sdk/client-s3', 'S3ServiceException', { kind: 'none' }],
    ['@aws-sdk/lib-dynamodb', 'PutCommand', { kind: 'actions', actions: ['dynamodb:PutItem'] }],
    ['@aws-sdk/lib-dynamodb', 'GetCommand', { kind: 'actions', actions: ['dynamodb:GetItem'] }],
    ['@aws-sdk/lib-dynamodb', 'UpdateCommand', { kind: 'actions', actions: ['dynamodb:UpdateItem'] }],
    ['@aws-sdk/lib-dynamodb', 'DeleteCommand', { kind: 'actions', actions: ['dynamodb:DeleteItem'] }],
    ['@aws-sdk/lib-dynamodb', 'QueryCommand', { kind: 'actions', actions: ['dynamodb:Query'] }],
    ['@aws-sdk/lib-dynamodb', 'ScanCommand', { kind: 'actions', actions: ['dynamodb:Scan'] }],
    ['@aws-sdk/lib-dynamodb', 'BatchGetCommand', { kind: 'actions', actions: ['dynamodb:BatchGetItem'] }],
    ['@aws-sdk/lib-dynamodb', 'BatchWriteCommand', { kind: 'actions', actions: ['dynamodb:BatchWriteItem'] }],
    ['@aws-sdk/lib-dynamodb', 'TransactGetCommand', { kind: 'actions', actions: ['dynamodb:GetItem'] }],
    [
      '@aws-sdk/lib-dynamodb',
      'TransactWriteCommand',
      { kind: 'actions', actions: ['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
    ],
    ['@aws-sdk/lib-dynamodb', 'paginateScan', { kind: 'actions', actions: ['dynamodb:Scan'] }],
    ['@aws-sdk/lib-dynamodb', 'DynamoDBDocumentClient', { kind: 'client-class', aggregated: false }],
    ['@aws-sdk/lib-dynamodb', 'DynamoDBDocument', { kind: 'client-class', aggregated: true }],
    ['@aws-sdk/lib-dynamodb', 'NumberValue', { kind: 'none' }],
    ['@aws-sdk/lib-storage', 'Upload', { kind: 'actions', actions: ['s3:AbortMultipartUpload', 's3:PutObject'] }],
    ['@aws-sdk/s3-presigned-post', 'createPresignedPost', { kind: 'actions', actions: ['s3:PutObject'] }],
    ['@aws-sdk/s3-request-presigner', 'getSignedUrl', { kind: 'none' }],
    ['@aws-sdk/util-dynamodb', 'marshall', { kind: 'none' }],
  ])('%s %s', (packageName, name, meaning) => {
    expect(sdkExportToMeaning(packageName, name)).toEqual(meaning);
  });

  it('reports a waiter it cannot map instead of guessing', () => {
    expect(sdkExportToMeaning('@aws-sdk/client-ec2', 'waitUntilInstanceRunning')).toEqual({
      kind: 'unmapped',
      reason: expect.stringContaining('waitUntilInstanceRunning of @aws-sdk/client-ec2'),
    });
  });
});

describe('aggregatedMethodToActions', () => {
  it.each([
    ['@aws-sdk/client-s3', 'putObject', ['s3:PutObject']],
    ['@aws-sdk/client-s3', 'listObjectsV2', ['s3:ListBucket']],
    ['@aws-sdk/client-apigatewaymanagementapi', 'postToConnection', ['execute-api:ManageConnections']],
    ['@aws-sdk/lib-dynamodb', 'put', ['dynamodb:PutItem']],
    ['@aws-sdk/lib-dynamodb', 'batchWrite', ['dynamodb:BatchWriteItem']],
    ['@aws-sdk/client-s3', 'send', undefined],
    ['@aws-sdk/client-s3', 'destroy', undefined],
    ['@aws-sdk/lib-dynamodb', 'middlewareStack', undefined],
  ])('%s .%s() → %j', (packageName, method, actions) => {
    expect(aggregatedMethodToActions(packageName, method)).toEqual(actions);
  });
});
