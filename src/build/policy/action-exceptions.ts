/**
 * Data: SDK operations whose IAM action is not `<prefix>:<OperationName>`.
 *
 * The default rule (an operation authorises the action of the same name) holds for most
 * services; these are the documented exceptions, keyed by IAM prefix then operation name
 * (the command class name without `Command`). Each maps to every action the call needs.
 * Sources: the Service Authorization Reference "API operations" tables and each API's
 * "Permissions" section.
 */
export const OPERATION_ACTION_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  s3: {
    // Listing a bucket's keys is authorised by s3:ListBucket, not a ListObjects* action.
    ListObjects: ['s3:ListBucket'],
    ListObjectsV2: ['s3:ListBucket'],
    ListObjectVersions: ['s3:ListBucketVersions'],
    ListBuckets: ['s3:ListAllMyBuckets'],
    ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
    ListParts: ['s3:ListMultipartUploadParts'],
    HeadBucket: ['s3:ListBucket'],
    // HEAD of an object needs read access to it.
    HeadObject: ['s3:GetObject'],
    SelectObjectContent: ['s3:GetObject'],
    // Unversioned buckets need both (a versionId would need the *Version* pair instead).
    GetObjectAttributes: ['s3:GetObject', 's3:GetObjectAttributes'],
    // Multipart uploads are authorised by s3:PutObject for every step but the abort.
    CreateMultipartUpload: ['s3:PutObject'],
    UploadPart: ['s3:PutObject'],
    CompleteMultipartUpload: ['s3:PutObject'],
    // A copy reads the source object and writes the destination.
    CopyObject: ['s3:GetObject', 's3:PutObject'],
    UploadPartCopy: ['s3:GetObject', 's3:PutObject'],
    DeleteObjects: ['s3:DeleteObject'],
    GetBucketCors: ['s3:GetBucketCORS'],
    PutBucketCors: ['s3:PutBucketCORS'],
    DeleteBucketCors: ['s3:PutBucketCORS'],
    GetBucketNotificationConfiguration: ['s3:GetBucketNotification'],
    PutBucketNotificationConfiguration: ['s3:PutBucketNotification'],
    GetBucketLifecycleConfiguration: ['s3:GetLifecycleConfiguration'],
    PutBucketLifecycleConfiguration: ['s3:PutLifecycleConfiguration'],
    DeleteBucketLifecycle: ['s3:PutLifecycleConfiguration'],
    GetBucketEncryption: ['s3:GetEncryptionConfiguration'],
    PutBucketEncryption: ['s3:PutEncryptionConfiguration'],
    DeleteBucketEncryption: ['s3:PutEncryptionConfiguration'],
    GetBucketReplication: ['s3:GetReplicationConfiguration'],
    PutBucketReplication: ['s3:PutReplicationConfiguration'],
    DeleteBucketReplication: ['s3:PutReplicationConfiguration'],
    DeleteBucketTagging: ['s3:PutBucketTagging'],
    GetBucketAccelerateConfiguration: ['s3:GetAccelerateConfiguration'],
    PutBucketAccelerateConfiguration: ['s3:PutAccelerateConfiguration'],
    GetPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'],
    PutPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
    DeletePublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
    GetObjectLockConfiguration: ['s3:GetBucketObjectLockConfiguration'],
    PutObjectLockConfiguration: ['s3:PutBucketObjectLockConfiguration'],
  },
  dynamodb: {
    // PartiQL statements are authorised per statement kind, which is only known at run time.
    ExecuteStatement: ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate'],
    BatchExecuteStatement: ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate'],
    ExecuteTransaction: ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate'],
    // Transactions have no action of their own: each item is authorised by the underlying
    // item action, and a ConditionCheck by dynamodb:ConditionCheckItem.
    TransactGetItems: ['dynamodb:GetItem'],
    TransactWriteItems: ['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  'execute-api': {
    // The WebSocket management API authorises all three calls with one action.
    PostToConnection: ['execute-api:ManageConnections'],
    GetConnection: ['execute-api:ManageConnections'],
    DeleteConnection: ['execute-api:ManageConnections'],
  },
  lambda: {
    Invoke: ['lambda:InvokeFunction'],
    InvokeWithResponseStream: ['lambda:InvokeFunction'],
  },
  bedrock: {
    // The Converse API is authorised by the InvokeModel actions.
    Converse: ['bedrock:InvokeModel'],
    ConverseStream: ['bedrock:InvokeModelWithResponseStream'],
  },
  sns: {
    PublishBatch: ['sns:Publish'],
  },
  sqs: {
    SendMessageBatch: ['sqs:SendMessage'],
    DeleteMessageBatch: ['sqs:DeleteMessage'],
    ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
  },
};

/**
 * API Gateway's management APIs authorise by HTTP verb (`apigateway:GET`, …), not by
 * operation name. The verb follows from the operation's leading word.
 */
export const HTTP_VERB_PREFIXES: ReadonlySet<string> = new Set(['apigateway']);
export const OPERATION_VERB_TO_HTTP_METHOD: Readonly<Record<string, string>> = {
  Get: 'GET',
  Create: 'POST',
  Update: 'PATCH',
  Delete: 'DELETE',
  Put: 'PUT',
  Import: 'POST',
  Flush: 'DELETE',
  Test: 'POST',
  Generate: 'POST',
  Tag: 'PUT',
  Untag: 'DELETE',
};

/**
 * Waiters poll one read operation; the function name does not say which, so the common ones
 * are listed here (key: `<prefix>:<waiter function name>`). An unlisted waiter yields a warning.
 */
export const WAITER_OPERATIONS: Readonly<Record<string, string>> = {
  's3:waitUntilObjectExists': 'HeadObject',
  's3:waitUntilObjectNotExists': 'HeadObject',
  's3:waitUntilBucketExists': 'HeadBucket',
  's3:waitUntilBucketNotExists': 'HeadBucket',
  'dynamodb:waitUntilTableExists': 'DescribeTable',
  'dynamodb:waitUntilTableNotExists': 'DescribeTable',
  'lambda:waitUntilFunctionActive': 'GetFunctionConfiguration',
  'lambda:waitUntilFunctionActiveV2': 'GetFunction',
  'lambda:waitUntilFunctionExists': 'GetFunction',
  'lambda:waitUntilFunctionUpdated': 'GetFunctionConfiguration',
  'lambda:waitUntilFunctionUpdatedV2': 'GetFunction',
};
