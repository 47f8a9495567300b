/**
 * S3 event handlers in the SAM template. CloudFormation cannot attach notifications to a bucket
 * it does not create, so the template carries a small custom resource per bucket
 * (`Custom::S3BucketNotifications`, served by the inline function of
 * s3-notifications-handler.ts) that merges the app's entries into the bucket's existing
 * configuration and removes only them on delete.
 *
 * - `S3NotificationsHandlerRole`: may only read and write the notification configuration of the
 *   app's buckets (`s3:GetBucketNotification`/`s3:PutBucketNotification`), plus its own logs.
 * - One `AWS::Lambda::Permission` per handler lets S3 invoke it, for that bucket and the stack's
 *   account (bucket ARNs carry no account, so `SourceAccount` guards against a same-named bucket
 *   elsewhere). The custom resource depends on them: S3 checks it may invoke each function when
 *   the configuration is written.
 */
import { createHash } from 'node:crypto';
import type { LambdaPermissionResource, S3BucketNotificationResource } from '../../../graph/index.js';
import { resolveRef, resourcesOfKind } from '../../../graph/index.js';
import { toCfnResourceName } from '../logical-names.js';
import { S3_NOTIFICATIONS_HANDLER_SOURCE } from './s3-notifications-handler.js';
import type { SamState } from './sam-generator.js';
import { samInvokedArn, samInvokedName } from './sam-references.js';

const HANDLER_ID = 'S3NotificationsHandler';
const ROLE_ID = 'S3NotificationsHandlerRole';

function bucketArn(bucket: string): unknown {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${bucket}` };
}

function permissionLogicalId(permission: { readonly name: string }): string {
  return `${toCfnResourceName(permission.name)}Permission`;
}

/** Lets S3 invoke the function, for the bucket and the stack's account only. */
export function addS3Permission(state: SamState, permission: LambdaPermissionResource & { source: { kind: 's3-bucket' } }): void {
  const fn = resolveRef(state.graph, permission.function);
  const id = state.names.claim(permissionLogicalId({ name: permission.resourceName }), `permission ${permission.resourceName}`);
  state.resources[id] = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: samInvokedName(fn),
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: bucketArn(permission.source.bucket),
      SourceAccount: { Ref: 'AWS::AccountId' },
    },
  };
}

/** One custom resource per bucket (so no two of them rewrite the same configuration at once), and their handler. */
export function addS3Notifications(state: SamState, runtime: string): void {
  const notifications = resourcesOfKind(state.graph, 's3-bucket-notification');
  if (notifications.length === 0) return;
  const byBucket = new Map<string, S3BucketNotificationResource[]>();
  for (const n of notifications) byBucket.set(n.bucket, [...(byBucket.get(n.bucket) ?? []), n]);
  const buckets = [...byBucket.keys()].sort();

  state.resources[state.names.claim(ROLE_ID, 'the S3 notifications role')] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
      Policies: [
        {
          PolicyName: 'S3BucketNotifications',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['s3:GetBucketNotification', 's3:PutBucketNotification'], Resource: buckets.map(bucketArn) }],
          },
        },
      ],
    },
  };
  state.resources[state.names.claim(HANDLER_ID, 'the S3 notifications function')] = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Description: 'Merges this stack\'s S3 event notifications into existing buckets (chalice-ts)',
      Runtime: runtime,
      Handler: 'index.handler',
      Code: { ZipFile: S3_NOTIFICATIONS_HANDLER_SOURCE },
      Role: { 'Fn::GetAtt': [ROLE_ID, 'Arn'] },
      Timeout: 120,
    },
  };
  for (const bucket of buckets) {
    const entries = byBucket.get(bucket)!;
    state.resources[claimBucketId(state, bucket)] = {
      Type: 'Custom::S3BucketNotifications',
      DependsOn: entries.map((n) => permissionLogicalId(n.permission)),
      Properties: {
        ServiceToken: { 'Fn::GetAtt': [HANDLER_ID, 'Arn'] },
        BucketName: bucket,
        Notifications: entries.map((n) => ({
          Id: n.notificationId,
          LambdaFunctionArn: samInvokedArn(resolveRef(state.graph, n.function)),
          Events: n.events,
          ...(n.prefix === undefined && n.suffix === undefined
            ? {}
            : {
                Filter: {
                  Key: {
                    FilterRules: [
                      ...(n.prefix === undefined ? [] : [{ Name: 'prefix', Value: n.prefix }]),
                      ...(n.suffix === undefined ? [] : [{ Name: 'suffix', Value: n.suffix }]),
                    ],
                  },
                },
              }),
        })),
      },
    };
  }
}

/** `<Bucket>Notifications`; buckets whose names differ only in punctuation get a short hash to stay apart. */
function claimBucketId(state: SamState, bucket: string): string {
  const plain = `${toCfnResourceName(bucket.replace(/\./g, '-'))}Notifications`;
  if (!(plain in state.resources)) return state.names.claim(plain, `the notifications of bucket ${bucket}`);
  const hash = createHash('sha256').update(bucket).digest('hex').slice(0, 8);
  return state.names.claim(`${plain}${hash}`, `the notifications of bucket ${bucket}`);
}
