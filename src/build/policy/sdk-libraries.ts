/**
 * Data: the AWS SDK v3 packages that are not service clients but still make API calls, and
 * the calls each of their exports makes.
 */

/**
 * `@aws-sdk/lib-dynamodb` wraps the DynamoDB client with plain-JavaScript commands. Each
 * command (and each method of the aggregated `DynamoDBDocument`, `put` → `PutCommand`)
 * runs one DynamoDB operation; the key is the command name without `Command`.
 */
export const DOCUMENT_CLIENT_OPERATIONS: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Get: 'GetItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
};

/** The package whose operations the document client runs. */
export const DOCUMENT_CLIENT_PACKAGE = '@aws-sdk/lib-dynamodb';
export const DOCUMENT_CLIENT_TARGET = '@aws-sdk/client-dynamodb';

/** Client classes of lib-dynamodb: `DynamoDBDocument` has one method per operation. */
export const DOCUMENT_CLIENT_CLASSES: Readonly<Record<string, { readonly aggregated: boolean }>> = {
  DynamoDBDocumentClient: { aggregated: false },
  DynamoDBDocument: { aggregated: true },
};

/**
 * Other exports that make API calls themselves, keyed by package then export name.
 * `Upload` (lib-storage) sends PutObject for small bodies, otherwise a multipart upload
 * (Create/UploadPart/Complete, all authorised by s3:PutObject) and AbortMultipartUpload when a
 * part fails. It also sends PutObjectTagging when given `tags`, which static analysis cannot
 * see; add that action with a policy file if you pass tags.
 */
export const LIBRARY_EXPORT_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '@aws-sdk/lib-storage': {
    Upload: ['s3:AbortMultipartUpload', 's3:PutObject'],
  },
  '@aws-sdk/s3-presigned-post': {
    // The presigned POST is signed with the function's credentials, so the upload it allows
    // is authorised against the function's role.
    createPresignedPost: ['s3:PutObject'],
  },
};

/**
 * Calls chalice-ts itself makes on the app's behalf. `app.websocketApi.send/close/info` use
 * the API Gateway management API from inside the chalice-ts package, which the analyser does
 * not read (packages are external), so the call sites in the app stand for them.
 * Key: property name on the app, then method name.
 */
export const CHALICE_RUNTIME_CALLS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  websocketApi: {
    send: ['execute-api:ManageConnections'],
    close: ['execute-api:ManageConnections'],
    info: ['execute-api:ManageConnections'],
  },
};
