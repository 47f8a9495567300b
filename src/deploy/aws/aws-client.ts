/**
 * `AwsClient`: every AWS call the deploy engine makes, one method each, in chalice-ts's own
 * small types (not the SDK's). The planner never sees it; the remote snapshot uses the read
 * methods, the executor and the sweeper the write methods. Two implementations: the real one
 * on AWS SDK v3 (`sdk-client.ts`) and an in-memory fake for tests.
 *
 * Errors: a resource that does not exist is `undefined` (reads) or an `AwsCallError` with
 * `notFound` (writes). Every other failure is an `AwsCallError` carrying the AWS error name,
 * so callers can decide (retry throttling, retry "role cannot be assumed", fail at once).
 */
import type { IamPolicyDocument } from '../../graph/index.js';
// Provisioned concurrency (versions, aliases) and event invoke configs.
import type { FunctionExtrasCalls } from './function-extras-calls.js';
import { FUNCTION_EXTRAS_WRITE_CALLS } from './function-extras-calls.js';
export type { EventInvokeSettings, FunctionExtrasCalls, RemoteAlias } from './function-extras-calls.js';
// HTTP APIs (API Gateway v2).
import type { HttpApiCalls } from './http-api-calls.js';
import { HTTP_API_WRITE_CALLS } from './http-api-calls.js';
// Function URLs.
import type { FunctionUrlCalls } from './function-url-calls.js';
import { FUNCTION_URL_WRITE_CALLS } from './function-url-calls.js';

/** An AWS call that failed: `call` is `Service.Operation`, `code` the AWS error name. */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    readonly call: string,
    readonly code: string,
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

export function isAwsCallError(error: unknown): error is AwsCallError {
  return error instanceof Error && error.name === 'AwsCallError' && typeof (error as AwsCallError).call === 'string';
}

/** Lambda settings the deployer manages (CreateFunction / UpdateFunctionConfiguration). */
export interface FunctionSettings {
  readonly functionName: string;
  readonly roleArn: string;
  readonly runtime: string;
  readonly handler: string;
  /** Set by CreateFunction and UpdateFunctionCode only (UpdateFunctionConfiguration cannot change it). */
  readonly architecture: 'x86_64' | 'arm64';
  readonly memorySize: number;
  /** MB of /tmp; Lambda's default is 512. */
  readonly ephemeralStorage: number;
  /** `''` for none (how UpdateFunctionConfiguration removes one). */
  readonly deadLetterQueue: string;
  readonly timeout: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly layers: readonly string[];
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly tracing: 'Active' | 'PassThrough';
}

export interface RemoteFunction {
  readonly settings: FunctionSettings;
  readonly functionArn: string;
  /** Base64 SHA-256 of the deployment package, as Lambda reports it. */
  readonly codeSha256: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly reservedConcurrency?: number;
  /** `Pending` / `Active` / `Failed` / `Inactive`. */
  readonly state: string;
  /** `InProgress` / `Successful` / `Failed`. */
  readonly lastUpdateStatus: string;
}

export interface PolicyStatement {
  readonly sid: string;
  readonly principal: string;
  readonly sourceArn?: string;
  // Function URLs: the action and the URL conditions of a statement for principal `*`.
  readonly action?: string;
  readonly functionUrlAuthType?: string;
  readonly invokedViaFunctionUrl?: boolean;
}

export interface RemoteLayerVersion {
  readonly layerVersionArn: string;
  readonly version: number;
  readonly description: string;
}

export interface EventSourceMappingSettings {
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly maximumConcurrency?: number;
  /** `FunctionResponseTypes: ['ReportBatchItemFailures']` when true. */
  readonly reportBatchItemFailures: boolean;
  /** Stream mappings only, with Lambda's defaults filled in (false, -1, -1) so a removed option is reset. */
  readonly streamFailure?: {
    readonly bisectOnError: boolean;
    readonly maximumRetryAttempts: number;
    readonly maximumRecordAgeInSeconds: number;
    readonly onFailureDestination?: string;
  };
}

export interface RemoteEventSourceMapping extends EventSourceMappingSettings {
  readonly uuid: string;
  readonly eventSourceArn: string;
  readonly functionArn: string;
  readonly startingPosition?: string;
}

export interface RemoteRestApi {
  readonly id: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly endpointType: string;
}

export interface RemoteStage {
  readonly deploymentId: string;
  readonly tracingEnabled: boolean;
  /** The description of the deployment the stage serves. */
  readonly deploymentDescription?: string;
}

export interface RuleSettings {
  readonly ruleName: string;
  /** A custom event bus (name or ARN); absent: the default bus. */
  readonly eventBusName?: string;
  readonly scheduleExpression?: string;
  /** JSON text. */
  readonly eventPattern?: string;
  readonly description?: string;
}

export interface RemoteRule extends RuleSettings {
  readonly arn: string;
}

export interface RuleTarget {
  readonly id: string;
  readonly arn: string;
}

export interface RemoteSubscription {
  readonly subscriptionArn: string;
  readonly protocol: string;
  readonly endpoint: string;
}

export interface LambdaNotification {
  readonly id: string;
  readonly functionArn: string;
  readonly events: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
}

/**
 * A bucket's notification configuration: chalice-ts reads and writes only the Lambda entries;
 * `other` keeps the rest (queues, topics, EventBridge) as S3 returned it, to be put back untouched.
 */
export interface BucketNotification {
  readonly lambda: readonly LambdaNotification[];
  readonly other: Readonly<Record<string, unknown>>;
}

// ---- Websocket APIs (API Gateway v2), custom domain names and ACM: types ----

/** A websocket API (API Gateway v2, protocol WEBSOCKET). */
export interface RemoteWebsocketApi {
  readonly id: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RemoteWebsocketIntegration {
  readonly integrationId: string;
  /** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`. */
  readonly integrationUri: string;
}

export interface RemoteWebsocketRoute {
  readonly routeId: string;
  readonly routeKey: string;
  /** `integrations/<integration id>`. */
  readonly target?: string;
}

export interface RemoteWebsocketStage {
  readonly deploymentId?: string;
  /** The description of the deployment the stage serves. */
  readonly deploymentDescription?: string;
}

/** `rest`: API Gateway (v1) domain names; `http` and `websocket`: API Gateway v2 domain names (one namespace). */
export type DomainProtocol = 'rest' | 'http' | 'websocket';

export interface DomainNameSettings {
  readonly domainName: string;
  readonly certificateArn: string;
  readonly endpointType: string;
  /** `TLS_1_0` / `TLS_1_2`. */
  readonly securityPolicy: string;
}

/** A custom domain name and what DNS must point at (its alias target). */
export interface RemoteDomainName extends DomainNameSettings {
  readonly tags: Readonly<Record<string, string>>;
  /** Regional domain name (REGIONAL) or CloudFront distribution domain name (EDGE). */
  readonly aliasDomainName: string;
  readonly hostedZoneId: string;
}

/** A REST base path mapping; `basePath` is `''` for the domain's root. */
export interface RemoteBasePathMapping {
  readonly basePath: string;
  readonly restApiId: string;
  readonly stage: string;
}

/** A websocket API mapping; `key` is `''` for the domain's root. */
export interface RemoteApiMapping {
  readonly apiMappingId: string;
  readonly apiId: string;
  readonly key: string;
  readonly stage: string;
}

export interface RemoteCertificate {
  readonly arn: string;
  readonly domainName: string;
  readonly status: string;
}

/** The calls of websocket APIs and custom domains; part of `AwsClient`. */
export interface WebsocketDomainCalls {
  getWebsocketApis(): Promise<readonly RemoteWebsocketApi[]>;
  getWebsocketIntegrations(apiId: string): Promise<readonly RemoteWebsocketIntegration[]>;
  getWebsocketRoutes(apiId: string): Promise<readonly RemoteWebsocketRoute[]>;
  getWebsocketStage(apiId: string, stageName: string): Promise<RemoteWebsocketStage | undefined>;
  createWebsocketApi(name: string, routeSelectionExpression: string, tags: Readonly<Record<string, string>>): Promise<{ readonly id: string }>;
  createWebsocketIntegration(apiId: string, integrationUri: string): Promise<{ readonly integrationId: string }>;
  deleteWebsocketIntegration(apiId: string, integrationId: string): Promise<void>;
  createWebsocketRoute(apiId: string, routeKey: string, target: string): Promise<{ readonly routeId: string }>;
  updateWebsocketRoute(apiId: string, routeId: string, target: string): Promise<void>;
  deleteWebsocketRoute(apiId: string, routeId: string): Promise<void>;
  /** A stage with no deployment yet (`createWebsocketDeployment` deploys to it). */
  createWebsocketStage(apiId: string, stageName: string): Promise<void>;
  /** Deploys the API's routes to the stage, in one call (the description names what was deployed). */
  createWebsocketDeployment(apiId: string, stageName: string, description: string): Promise<{ readonly deploymentId: string }>;
  deleteWebsocketApi(apiId: string): Promise<void>;

  /** ACM, in the certificate's own region (taken from its ARN). */
  describeCertificate(certificateArn: string): Promise<RemoteCertificate | undefined>;
  getDomainName(protocol: DomainProtocol, domainName: string): Promise<RemoteDomainName | undefined>;
  createDomainName(protocol: DomainProtocol, settings: DomainNameSettings, tags: Readonly<Record<string, string>>): Promise<RemoteDomainName>;
  /** `from` is the domain as it is; only what differs is changed. */
  updateDomainName(protocol: DomainProtocol, settings: DomainNameSettings, from: DomainNameSettings): Promise<RemoteDomainName>;
  tagDomainName(protocol: DomainProtocol, domainName: string, tags: Readonly<Record<string, string>>): Promise<void>;
  untagDomainName(protocol: DomainProtocol, domainName: string, keys: readonly string[]): Promise<void>;
  deleteDomainName(protocol: DomainProtocol, domainName: string): Promise<void>;
  getBasePathMappings(domainName: string): Promise<readonly RemoteBasePathMapping[]>;
  createBasePathMapping(domainName: string, mapping: RemoteBasePathMapping): Promise<void>;
  updateBasePathMapping(domainName: string, mapping: RemoteBasePathMapping): Promise<void>;
  deleteBasePathMapping(domainName: string, basePath: string): Promise<void>;
  getApiMappings(domainName: string): Promise<readonly RemoteApiMapping[]>;
  createApiMapping(domainName: string, mapping: Omit<RemoteApiMapping, 'apiMappingId'>): Promise<{ readonly apiMappingId: string }>;
  updateApiMapping(domainName: string, mapping: RemoteApiMapping): Promise<void>;
  deleteApiMapping(domainName: string, apiMappingId: string): Promise<void>;
}

/** The write calls among `WebsocketDomainCalls`. */
export const WEBSOCKET_DOMAIN_WRITE_CALLS: readonly (keyof WebsocketDomainCalls)[] = [
  'createWebsocketApi',
  'createWebsocketIntegration',
  'deleteWebsocketIntegration',
  'createWebsocketRoute',
  'updateWebsocketRoute',
  'deleteWebsocketRoute',
  'createWebsocketStage',
  'createWebsocketDeployment',
  'deleteWebsocketApi',
  'createDomainName',
  'updateDomainName',
  'tagDomainName',
  'untagDomainName',
  'deleteDomainName',
  'createBasePathMapping',
  'updateBasePathMapping',
  'deleteBasePathMapping',
  'createApiMapping',
  'updateApiMapping',
  'deleteApiMapping',
];
// ---- end of websocket APIs and custom domain names ----

export interface AwsClient extends WebsocketDomainCalls, HttpApiCalls, FunctionUrlCalls, FunctionExtrasCalls {
  // IAM
  getRole(roleName: string): Promise<{ readonly arn: string } | undefined>;
  getRolePolicy(roleName: string, policyName: string): Promise<IamPolicyDocument | undefined>;
  createRole(roleName: string, trustPolicy: IamPolicyDocument): Promise<{ readonly arn: string }>;
  putRolePolicy(roleName: string, policyName: string, document: IamPolicyDocument): Promise<void>;
  deleteRolePolicy(roleName: string, policyName: string): Promise<void>;
  deleteRole(roleName: string): Promise<void>;

  // Lambda
  getFunction(functionName: string): Promise<RemoteFunction | undefined>;
  createFunction(settings: FunctionSettings, zip: Uint8Array, tags: Readonly<Record<string, string>>): Promise<{ readonly functionArn: string }>;
  updateFunctionCode(functionName: string, zip: Uint8Array, architecture: 'x86_64' | 'arm64'): Promise<void>;
  updateFunctionConfiguration(settings: FunctionSettings): Promise<void>;
  tagResource(functionArn: string, tags: Readonly<Record<string, string>>): Promise<void>;
  untagResource(functionArn: string, keys: readonly string[]): Promise<void>;
  /** Reserved concurrency, when GetFunction's answer may have left it out. */
  getFunctionConcurrency(functionName: string): Promise<number | undefined>;
  putFunctionConcurrency(functionName: string, reserved: number): Promise<void>;
  deleteFunctionConcurrency(functionName: string): Promise<void>;
  deleteFunction(functionName: string): Promise<void>;
  getPolicy(functionName: string): Promise<readonly PolicyStatement[]>;
  addPermission(functionName: string, statement: PolicyStatement & { readonly sourceAccount?: string }): Promise<void>;
  removePermission(functionName: string, sid: string): Promise<void>;
  listLayerVersions(layerName: string): Promise<readonly RemoteLayerVersion[]>;
  /** The log group, or undefined when it does not exist; `retentionInDays` absent means never expire. */
  getLogGroup(logGroupName: string): Promise<{ readonly retentionInDays?: number } | undefined>;
  createLogGroup(logGroupName: string): Promise<void>;
  putRetentionPolicy(logGroupName: string, retentionInDays: number): Promise<void>;
  publishLayerVersion(layerName: string, description: string, runtime: string, zip: Uint8Array, architectures: readonly string[]): Promise<RemoteLayerVersion>;
  deleteLayerVersion(layerName: string, version: number): Promise<void>;
  listEventSourceMappings(functionName: string): Promise<readonly RemoteEventSourceMapping[]>;
  createEventSourceMapping(
    functionName: string,
    eventSourceArn: string,
    settings: EventSourceMappingSettings & { readonly startingPosition?: string },
  ): Promise<{ readonly uuid: string }>;
  /** `functionName` (possibly `name:alias`) points the mapping at another function or alias. */
  updateEventSourceMapping(uuid: string, settings: EventSourceMappingSettings, functionName?: string): Promise<void>;
  deleteEventSourceMapping(uuid: string): Promise<void>;

  // API Gateway (REST)
  getRestApis(): Promise<readonly RemoteRestApi[]>;
  getStage(restApiId: string, stageName: string): Promise<RemoteStage | undefined>;
  createRestApi(name: string, endpointType: string, tags: Readonly<Record<string, string>>): Promise<{ readonly id: string }>;
  putRestApi(restApiId: string, document: string): Promise<void>;
  updateRestApiEndpointType(restApiId: string, from: string, to: string): Promise<void>;
  createDeployment(restApiId: string, stageName: string, tracingEnabled: boolean, description: string): Promise<void>;
  updateStageTracing(restApiId: string, stageName: string, tracingEnabled: boolean): Promise<void>;
  deleteRestApi(restApiId: string): Promise<void>;

  // EventBridge
  // `eventBusName`: a custom bus (name or ARN); absent: the default bus.
  describeRule(ruleName: string, eventBusName?: string): Promise<RemoteRule | undefined>;
  listTargetsByRule(ruleName: string, eventBusName?: string): Promise<readonly RuleTarget[]>;
  putRule(settings: RuleSettings): Promise<{ readonly arn: string }>;
  putTargets(ruleName: string, targets: readonly RuleTarget[], eventBusName?: string): Promise<void>;
  removeTargets(ruleName: string, ids: readonly string[], eventBusName?: string): Promise<void>;
  deleteRule(ruleName: string, eventBusName?: string): Promise<void>;

  // SNS
  listSubscriptionsByTopic(topicArn: string): Promise<readonly RemoteSubscription[]>;
  subscribe(topicArn: string, functionArn: string): Promise<{ readonly subscriptionArn: string }>;
  unsubscribe(subscriptionArn: string): Promise<void>;

  // S3
  getBucketNotification(bucket: string): Promise<BucketNotification>;
  putBucketNotification(bucket: string, notification: BucketNotification): Promise<void>;
}

/** The methods that change something in AWS (for counting writes). */
export const WRITE_CALLS: ReadonlySet<keyof AwsClient> = new Set<keyof AwsClient>([
  'createLogGroup',
  'putRetentionPolicy',
  'createRole',
  'putRolePolicy',
  'deleteRolePolicy',
  'deleteRole',
  'createFunction',
  'updateFunctionCode',
  'updateFunctionConfiguration',
  'tagResource',
  'untagResource',
  'putFunctionConcurrency',
  'deleteFunctionConcurrency',
  'deleteFunction',
  'addPermission',
  'removePermission',
  'publishLayerVersion',
  'deleteLayerVersion',
  'createEventSourceMapping',
  'updateEventSourceMapping',
  'deleteEventSourceMapping',
  'createRestApi',
  'putRestApi',
  'updateRestApiEndpointType',
  'createDeployment',
  'updateStageTracing',
  'deleteRestApi',
  'putRule',
  'putTargets',
  'removeTargets',
  'deleteRule',
  'subscribe',
  'unsubscribe',
  'putBucketNotification',
  ...WEBSOCKET_DOMAIN_WRITE_CALLS,
  ...FUNCTION_EXTRAS_WRITE_CALLS,
  ...HTTP_API_WRITE_CALLS,
  ...FUNCTION_URL_WRITE_CALLS,
]);
