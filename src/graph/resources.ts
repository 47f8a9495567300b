/**
 * The resource models of the app graph: plain, serialisable data (no handler functions, no
 * runtime class instances), a union on `kind`. Deploy and every template generator read these
 * and nothing else, so a new kind of resource is added here once and then handled by each
 * back end's exhaustive `switch`.
 *
 * References between resources are typed `Ref`s (`{ ref: kind, name: resourceName }`), never
 * strings to parse: `resolveRef(graph, ref)` returns the referenced resource with its type.
 */
import type { CorsSettings } from '../project/config-types.js';

/** An IAM policy document as AWS takes it (JSON). */
export interface IamPolicyDocument {
  readonly Version: string;
  readonly Statement: readonly IamPolicyStatement[];
}

export type IamPolicyStatement = Readonly<Record<string, unknown>>;

/** A reference to another resource of the graph, by kind and resource name. */
export interface Ref<K extends ResourceKind = ResourceKind> {
  readonly ref: K;
  readonly name: string;
}

/** Either a name in this account and region, or a full ARN (as the user wrote it). */
export type NameOrArn = { readonly name: string } | { readonly arn: string };

/** The IAM role every function uses unless configured otherwise, or one per function (`autogen_policy: false`). */
export interface ManagedIamRoleResource {
  readonly kind: 'managed-iam-role';
  /** `default-role`, or `<function>_role` for a role with a policy file. */
  readonly resourceName: string;
  /** `<app>-<stage>` or `<app>-<stage>-<function>`. */
  readonly roleName: string;
  readonly trustPolicy: IamPolicyDocument;
  /** Where the policy came from: generated from the source, or a file under `.chalice/`. */
  readonly policySource: { readonly kind: 'autogen' } | { readonly kind: 'file'; readonly file: string };
  readonly policyDocument: IamPolicyDocument;
}

/** A role created outside chalice-ts (`manage_iam_role: false` + `iam_role_arn`). Nothing is created for it. */
export interface ExistingIamRoleResource {
  readonly kind: 'existing-iam-role';
  /** The ARN, which identifies the role. */
  readonly resourceName: string;
  readonly roleArn: string;
}

/** The automatic layer (`automatic_layer: true`): the app's dependencies, shared by every function. */
export interface LambdaLayerResource {
  readonly kind: 'lambda-layer';
  readonly resourceName: 'managed-layer';
  /** `<app>-<stage>-managed-layer`. */
  readonly layerName: string;
  readonly runtime: string;
  /** The architectures of the functions that use the layer (its native addons are installed for them); sorted. */
  readonly compatibleArchitectures: readonly LambdaArchitecture[];
  /** The layer's zip, next to the template. */
  readonly contentFile: 'layer-deployment.zip';
}

export type LambdaArchitecture = 'x86_64' | 'arm64';

/** Why a function exists; used for display and for the names of template outputs. */
export type FunctionPurpose = 'rest-api' | 'authorizer' | 'event-handler' | 'pure' | 'websocket';

export interface LambdaFunctionResource {
  readonly kind: 'lambda-function';
  /** The config name (`api_handler`, an authorizer's, an event handler's or a pure function's name, `websocket_connect`…). */
  readonly resourceName: string;
  readonly purpose: FunctionPurpose;
  /** The deployed name: `<app>-<stage>-<resourceName>`, and `<app>-<stage>` for the REST API handler. */
  readonly functionName: string;
  /** The export of the bundle's `app.mjs` that serves this function. */
  readonly exportName: string;
  /** `app.<exportName>`. */
  readonly handler: string;
  readonly runtime: string;
  readonly architecture: LambdaArchitecture;
  readonly memorySize: number;
  /** MB of `/tmp`; absent keeps Lambda's default of 512. */
  readonly ephemeralStorage?: number;
  /** SQS queue or SNS topic ARN for failed asynchronous invocations (`dead_letter_queue`). */
  readonly deadLetterQueue?: string;
  /** Retention of the function's log group `/aws/lambda/<functionName>` (`log_retention_in_days`). */
  readonly logRetentionInDays?: number;
  /**
   * Instances kept initialised (`provisioned_concurrency`): on the function's `live` alias
   * (`PROVISIONED_ALIAS`), which then points at a published version and is what every trigger
   * invokes (see `invokedAlias`).
   */
  readonly provisionedConcurrency?: number;
  /** Retries, event age and destinations of asynchronous invocations (`async_invocation`). */
  readonly asyncInvocation?: AsyncInvocationConfig;
  readonly timeout: number;
  /** Sorted by key. */
  readonly environment: Readonly<Record<string, string>>;
  /** Config tags plus the `aws-chalice` tag; sorted by key. */
  readonly tags: Readonly<Record<string, string>>;
  /** Layer ARNs from the config, in order. */
  readonly layers: readonly string[];
  /** The automatic layer, attached before `layers`. */
  readonly managedLayer?: Ref<'lambda-layer'>;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly reservedConcurrency?: number;
  readonly xray: boolean;
  readonly role: Ref<'managed-iam-role' | 'existing-iam-role'>;
  /** The deployment package, next to the template. */
  readonly codeFile: 'deployment.zip';
}

/** Lambda's settings for asynchronous invocations; absent keys keep Lambda's defaults (2 retries, 6 hours, no destination). */
export interface AsyncInvocationConfig {
  /** Destination ARN (SQS queue, SNS topic, Lambda function, EventBridge bus) of events whose retries failed. */
  readonly onFailure?: string;
  /** Destination ARN of the results of successful invocations. */
  readonly onSuccess?: string;
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
}

/** How API Gateway authorises a route; the built-in kind points at its Lambda function. */
export type RouteAuthorizer =
  | {
      readonly kind: 'builtin';
      readonly name: string;
      readonly header: string;
      readonly scopes: readonly string[];
      readonly ttlSeconds: number;
      readonly executionRole?: string;
      readonly function: Ref<'lambda-function'>;
    }
  | {
      readonly kind: 'cognito_user_pools';
      readonly name: string;
      readonly header: string;
      readonly scopes: readonly string[];
      readonly providerArns: readonly string[];
    }
  | { readonly kind: 'iam'; readonly name: string; readonly scopes: readonly string[] }
  | {
      readonly kind: 'custom';
      readonly name: string;
      readonly header: string;
      readonly scopes: readonly string[];
      readonly authorizerUri: string;
      readonly ttlSeconds: number;
      readonly invokeRoleArn?: string;
    };

export interface RestRoute {
  readonly path: string;
  readonly method: string;
  /** The view's name (blueprint prefix included). */
  readonly viewName: string;
  readonly paramNames: readonly string[];
  readonly contentTypes: readonly string[];
  readonly apiKeyRequired: boolean;
  readonly authorizer?: RouteAuthorizer;
  /** The CORS headers of this method's responses (absent: CORS off for this method; the preflight lists only methods with them). */
  readonly corsHeaders?: Readonly<Record<string, string>>;
}

export interface RestApiResource {
  readonly kind: 'rest-api';
  readonly resourceName: 'rest_api';
  /** The API's name and the OpenAPI title: the app name. */
  readonly name: string;
  /** API Gateway stage, also the URL prefix. */
  readonly stage: string;
  readonly endpointType: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  readonly vpcEndpointIds: readonly string[];
  /** Resource policy: from `api_gateway_policy_file`, or the default for a PRIVATE endpoint. */
  readonly policy?: IamPolicyDocument;
  readonly minimumCompressionSize?: number;
  readonly binaryMediaTypes: readonly string[];
  /** In registration order. */
  readonly routes: readonly RestRoute[];
  readonly handler: Ref<'lambda-function'>;
  /** Functions of the built-in authorizers. */
  readonly authorizers: readonly Ref<'lambda-function'>[];
  readonly xray: boolean;
}

/** How an HTTP API (API Gateway v2) authorises a route. */
export type HttpRouteAuthorizer =
  | {
      /** API Gateway checks the bearer token itself (`JWTAuthorizer`). */
      readonly kind: 'jwt';
      readonly name: string;
      readonly header: string;
      readonly scopes: readonly string[];
      readonly issuer: string;
      readonly audience: readonly string[];
    }
  | {
      /** A built-in authorizer (`app.authorizer`), payload format 2.0. */
      readonly kind: 'lambda';
      readonly name: string;
      readonly header: string;
      readonly ttlSeconds: number;
      /** `{ isAuthorized, context }` instead of an IAM policy. */
      readonly simpleResponses: boolean;
      /** Role API Gateway assumes to invoke the function (`executionRole`); absent: a resource-based permission. */
      readonly executionRole?: string;
      readonly function: Ref<'lambda-function'>;
    }
  | { readonly kind: 'iam'; readonly name: string };

export interface HttpRoute {
  readonly path: string;
  readonly method: string;
  /** The view's name (blueprint prefix included). */
  readonly viewName: string;
  readonly paramNames: readonly string[];
  readonly authorizer?: HttpRouteAuthorizer;
}

/** An HTTP API's one CORS configuration (API Gateway answers preflights itself). */
export type HttpCorsConfiguration = CorsSettings;

/** `api_type: "http"`: the routes served by an HTTP API (API Gateway v2, payload format 2.0) instead of a REST API. */
export interface HttpApiResource {
  readonly kind: 'http-api';
  readonly resourceName: 'http_api';
  /** The API's name: the app name, as for a REST API. */
  readonly name: string;
  /** The stage (`api_gateway_stage`, deployed automatically), also the URL prefix. */
  readonly stage: string;
  /** In registration order. */
  readonly routes: readonly HttpRoute[];
  /** From `app.api.cors` and the routes' CORS settings, merged into the API's one configuration. */
  readonly cors?: HttpCorsConfiguration;
  readonly handler: Ref<'lambda-function'>;
  /** Functions of the built-in authorizers. */
  readonly authorizers: readonly Ref<'lambda-function'>[];
}

/** What may invoke a function, and from where. */
export type PermissionSource =
  | { readonly kind: 'rest-api'; readonly api: Ref<'rest-api'> }
  | { readonly kind: 'http-api'; readonly api: Ref<'http-api'> }
  | { readonly kind: 'websocket-api'; readonly api: Ref<'websocket-api'> }
  | { readonly kind: 'event-rule'; readonly rule: Ref<'event-rule'> }
  | { readonly kind: 'sns-topic'; readonly topic: NameOrArn }
  | { readonly kind: 's3-bucket'; readonly bucket: string }
  /**
   * Anyone, through the function's public (`NONE`) URL. Lambda wants two statements for it:
   * `lambda:InvokeFunctionUrl` with the `lambda:FunctionUrlAuthType` condition, and (for URLs
   * created since October 2025) `lambda:InvokeFunction` with `lambda:InvokedViaFunctionUrl`.
   */
  | { readonly kind: 'function-url'; readonly url: Ref<'function-url'>; readonly action: 'lambda:InvokeFunctionUrl' | 'lambda:InvokeFunction' };

export interface LambdaPermissionResource {
  readonly kind: 'lambda-permission';
  readonly resourceName: string;
  readonly function: Ref<'lambda-function'>;
  /** Service principal without the DNS suffix: `apigateway`, `events`, `sns`, `s3`; `*` (anyone) for a public function URL. */
  readonly service: 'apigateway' | 'events' | 'sns' | 's3' | '*';
  readonly source: PermissionSource;
}

/** CORS of a function URL; Lambda answers preflights and adds the headers itself. */
export type FunctionUrlCors = CorsSettings;

/** `function_url`: a Lambda function URL (`https://<id>.lambda-url.<region>.on.aws/`), payload format 2.0. */
export interface FunctionUrlResource {
  readonly kind: 'function-url';
  /** `<function>_function_url`. */
  readonly resourceName: string;
  readonly function: Ref<'lambda-function'>;
  /** `NONE`: public (with the `function-url` permissions); `AWS_IAM`: SigV4-signed callers with lambda:InvokeFunctionUrl. */
  readonly authType: 'NONE' | 'AWS_IAM';
  readonly cors?: FunctionUrlCors;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
}

export type EventRuleTrigger =
  | { readonly kind: 'schedule'; readonly expression: string; readonly description?: string }
  | { readonly kind: 'pattern'; readonly pattern: Readonly<Record<string, unknown>> };

/** A scheduled or CloudWatch Events (EventBridge) rule targeting a function. */
export interface EventRuleResource {
  readonly kind: 'event-rule';
  /** `<function>-event`. */
  readonly resourceName: string;
  /** `<app>-<stage>-<function>-event`. */
  readonly ruleName: string;
  readonly trigger: EventRuleTrigger;
  /** A custom event bus (`onCwEvent(pattern, { eventBus })`), as given (name or ARN); absent: the default bus. */
  readonly eventBus?: string;
  readonly function: Ref<'lambda-function'>;
}

export interface SnsSubscriptionResource {
  readonly kind: 'sns-subscription';
  /** `<function>-sns-subscription`. */
  readonly resourceName: string;
  readonly topic: NameOrArn;
  readonly function: Ref<'lambda-function'>;
}

/** A stream mapping's failure handling; absent keys keep Lambda's defaults. */
export interface StreamFailureHandling {
  readonly bisectOnError?: boolean;
  readonly maximumRetryAttempts?: number;
  readonly maximumRecordAgeInSeconds?: number;
  /** Destination ARN (SQS queue, SNS topic or S3 bucket) for the details of a discarded batch. */
  readonly onFailure?: string;
}

export type EventSourceMappingSource =
  | { readonly kind: 'sqs'; readonly queue: NameOrArn; readonly maximumConcurrency?: number }
  | { readonly kind: 'kinesis'; readonly stream: NameOrArn; readonly startingPosition: 'TRIM_HORIZON' | 'LATEST'; readonly onError: StreamFailureHandling }
  | { readonly kind: 'dynamodb'; readonly streamArn: string; readonly startingPosition: 'TRIM_HORIZON' | 'LATEST'; readonly onError: StreamFailureHandling };

export interface EventSourceMappingResource {
  readonly kind: 'event-source-mapping';
  /** `<function>-sqs-event-source`, `-kinesis-event-source` or `-dynamodb-event-source`. */
  readonly resourceName: string;
  readonly source: EventSourceMappingSource;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  /** `FunctionResponseTypes: ['ReportBatchItemFailures']`: the function returns `{ batchItemFailures }`. */
  readonly reportBatchItemFailures: boolean;
  readonly function: Ref<'lambda-function'>;
}

export interface S3BucketNotificationResource {
  readonly kind: 's3-bucket-notification';
  /** `<function>-s3event`. */
  readonly resourceName: string;
  /** An existing bucket's name. */
  readonly bucket: string;
  /** The entry's id in the bucket's notification configuration, `chalice-ts-<app>-<stage>-<resourceName>`: how deploy and the template's custom resource find their own entries again. */
  readonly notificationId: string;
  readonly events: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
  readonly function: Ref<'lambda-function'>;
  /** S3 checks that it may invoke the function when the notification is configured. */
  readonly permission: Ref<'lambda-permission'>;
}

export type WebsocketRouteKey = '$connect' | '$default' | '$disconnect';

export interface WebsocketApiResource {
  readonly kind: 'websocket-api';
  readonly resourceName: 'websocket_api';
  /** `<app>-<stage>-websocket-api`. */
  readonly name: string;
  readonly stage: string;
  readonly routeSelectionExpression: string;
  /** One AWS_PROXY Lambda integration per route, in the order connect, message, disconnect. */
  readonly routes: readonly { readonly routeKey: WebsocketRouteKey; readonly function: Ref<'lambda-function'> }[];
}

export interface DomainNameResource {
  readonly kind: 'domain-name';
  readonly resourceName: 'api_gateway_custom_domain' | 'websocket_api_custom_domain';
  /** Which API it serves: `api_gateway_custom_domain` → the REST or the HTTP API, `websocket_api_custom_domain` → the websocket API. */
  readonly protocol: 'rest' | 'http' | 'websocket';
  readonly domainName: string;
  readonly certificateArn: string;
  /** The REST API's endpoint type; HTTP API and websocket domains are always REGIONAL. */
  readonly endpointType: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  readonly tlsVersion: 'TLS_1_0' | 'TLS_1_2';
  /** Sorted by key. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface ApiMappingResource {
  readonly kind: 'api-mapping';
  /** `<domain resourceName>_mapping`. */
  readonly resourceName: string;
  readonly domain: Ref<'domain-name'>;
  readonly api: Ref<'rest-api'> | Ref<'http-api'> | Ref<'websocket-api'>;
  /** Path after the domain (`url_prefix`); absent maps the API at the domain root. */
  readonly basePath?: string;
  readonly stage: string;
}

export type Resource =
  | ManagedIamRoleResource
  | ExistingIamRoleResource
  | LambdaLayerResource
  | LambdaFunctionResource
  | RestApiResource
  | HttpApiResource
  | LambdaPermissionResource
  | EventRuleResource
  | SnsSubscriptionResource
  | EventSourceMappingResource
  | S3BucketNotificationResource
  | WebsocketApiResource
  | DomainNameResource
  | ApiMappingResource
  | FunctionUrlResource;

export type ResourceKind = Resource['kind'];
export type ResourceOfKind<K extends ResourceKind> = Extract<Resource, { kind: K }>;

export interface AppGraph {
  readonly appName: string;
  readonly stage: string;
  /** Every resource after the resources it references. */
  readonly resources: readonly Resource[];
}

export function refTo<K extends ResourceKind>(resource: ResourceOfKind<K>): Ref<K> {
  return { ref: resource.kind as K, name: resource.resourceName };
}

export function isRef(value: unknown): value is Ref {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as Ref).ref === 'string' && typeof (value as Ref).name === 'string';
}

/** `kind:name`, unique within a graph. */
export function resourceKey(resource: Resource | Ref): string {
  return 'ref' in resource ? `${resource.ref}:${resource.name}` : `${resource.kind}:${resource.resourceName}`;
}

/** The resource `ref` points at. @throws Error when the graph does not contain it (a bug). */
export function resolveRef<K extends ResourceKind>(graph: AppGraph, ref: Ref<K>): ResourceOfKind<K> {
  const found = graph.resources.find((r) => r.kind === ref.ref && r.resourceName === ref.name);
  if (found === undefined) throw new Error(`app graph has no ${ref.ref} named ${ref.name}`);
  return found as ResourceOfKind<K>;
}

/** Every resource of one kind, in graph order. */
export function resourcesOfKind<K extends ResourceKind>(graph: AppGraph, kind: K): ResourceOfKind<K>[] {
  return graph.resources.filter((r): r is ResourceOfKind<K> => r.kind === kind);
}
