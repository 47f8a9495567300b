/**
 * The CloudFormation custom resource that subscribes an app's functions to an existing
 * bucket's event notifications, inlined in the SAM template (`Code.ZipFile`).
 *
 * CloudFormation can only configure notifications on a bucket its own stack creates, and a
 * bucket holds one notification configuration shared by everyone who uses it. So, as the CDK
 * does for imported buckets, this function reads the bucket's configuration, drops the entries
 * it owns (identified by deterministic ids, `chalice-ts-<app>-<stage>-<function>-s3event`),
 * adds the app's current ones and writes it back, leaving every other entry (other apps'
 * Lambda, SQS, SNS and EventBridge settings) untouched. On delete it removes only its own ids.
 *
 * Lifecycle: the physical id is the bucket name, so when a stack update changes the bucket,
 * CloudFormation sends a Delete for the old one with the old properties, which cleans it up.
 * On an update of the same bucket, ids of the old properties are removed too (a handler that
 * was dropped from the app). A Delete of a bucket that no longer exists succeeds.
 *
 * The source runs on Lambda's Node.js runtime as CommonJS `index.js`, with the AWS SDK v3 the
 * runtime provides; `Code.ZipFile` is limited to 4096 bytes, so it carries no comments.
 * It answers CloudFormation by a PUT of the result to the pre-signed `ResponseURL`.
 * `test/unit/templates/s3-notifications-handler.test.ts` runs this exact text with a fake S3
 * client and a fake response endpoint.
 */

/** CloudFormation's limit on inline (`ZipFile`) function code. */
export const ZIP_FILE_LIMIT = 4096;

export const S3_NOTIFICATIONS_HANDLER_SOURCE = `const s3sdk = require('@aws-sdk/client-s3');
const https = require('https');

function merge(current, removeIds, add) {
  const drop = new Set(removeIds.concat(add.map((n) => n.Id)));
  const config = {};
  for (const key of Object.keys(current || {})) {
    if (key !== '$metadata' && current[key] !== undefined) config[key] = current[key];
  }
  const lambdas = (config.LambdaFunctionConfigurations || []).filter((n) => !drop.has(n.Id)).concat(add);
  if (lambdas.length > 0) config.LambdaFunctionConfigurations = lambdas;
  else delete config.LambdaFunctionConfigurations;
  return config;
}

function ids(props) {
  return ((props && props.Notifications) || []).map((n) => n.Id);
}

async function apply(s3, bucket, removeIds, add) {
  let current;
  try {
    current = await s3.send(new s3sdk.GetBucketNotificationConfigurationCommand({ Bucket: bucket }));
  } catch (e) {
    if (add.length === 0 && e && e.name === 'NoSuchBucket') return;
    throw e;
  }
  await s3.send(new s3sdk.PutBucketNotificationConfigurationCommand({
    Bucket: bucket,
    NotificationConfiguration: merge(current, removeIds, add),
  }));
}

function respond(event, body) {
  const text = JSON.stringify(body);
  const target = new URL(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const req = https.request({
      hostname: target.hostname,
      port: target.port || 443,
      path: target.pathname + target.search,
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(text) },
    }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end(text);
  });
}

exports.merge = merge;
exports.handler = async (event, context) => {
  const props = event.ResourceProperties || {};
  const bucket = props.BucketName;
  let status = 'SUCCESS';
  let reason;
  try {
    const s3 = new s3sdk.S3Client({});
    if (event.RequestType === 'Delete') {
      await apply(s3, bucket, ids(props), []);
    } else {
      const old = event.RequestType === 'Update' && event.OldResourceProperties.BucketName === bucket ? ids(event.OldResourceProperties) : [];
      await apply(s3, bucket, old, props.Notifications || []);
    }
  } catch (e) {
    status = 'FAILED';
    reason = String((e && e.message) || e) + ' (log stream ' + context.logStreamName + ')';
  }
  await respond(event, {
    Status: status,
    Reason: reason,
    PhysicalResourceId: bucket || event.PhysicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
};
`;
