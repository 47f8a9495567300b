/**
 * Types of `.chalice/config.json`: the file as written (snake_case, so Chalice config files
 * carry over unchanged) and the resolved, camelCase views that the other layers consume.
 *
 * Levels, from lowest to highest precedence:
 *   top level  <  lambda_functions.<fn>  <  stages.<stage>  <  stages.<stage>.lambda_functions.<fn>
 * `environment_variables` and `tags` merge across levels (higher levels win per key); every
 * other key is taken whole from the highest level that sets it.
 */

/** The stage used when none is given, as in Chalice. */
export const DEFAULT_STAGE = 'dev';

/** Config name of the one Lambda function that serves every `app.route` (the REST API). */
export const REST_API_FUNCTION_NAME = 'api_handler';

export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';
/** Which API Gateway serves `app.route`: a REST API (payload format 1.0) or an HTTP API (API Gateway v2, payload format 2.0). */
export type ApiType = 'rest' | 'http';
export type TlsVersion = 'TLS_1_0' | 'TLS_1_2';
/** `NONE`: a public URL; `AWS_IAM`: callers sign their requests (SigV4) and need lambda:InvokeFunctionUrl. */
export type FunctionUrlAuthType = 'NONE' | 'AWS_IAM';
export type FunctionUrlInvokeMode = 'BUFFERED' | 'RESPONSE_STREAM';
/** Lambda's instruction set architectures. */
export type Architecture = 'x86_64' | 'arm64';

// ---------------------------------------------------------------------------------------------
// The file as written (validated by config-validate.ts).

/** Keys allowed in `lambda_functions.<fn>` (at the top level or in a stage), in stages and at the top. */
export interface FunctionConfigFile {
  readonly architecture?: Architecture;
  readonly ephemeral_storage?: number;
  readonly dead_letter_queue?: string;
  readonly log_retention_in_days?: number;
  readonly provisioned_concurrency?: number;
  readonly async_invocation?: AsyncInvocationConfigFile;
  readonly autogen_policy?: boolean;
  readonly environment_variables?: Readonly<Record<string, string>>;
  readonly iam_policy_file?: string;
  readonly iam_role_arn?: string;
  readonly lambda_memory_size?: number;
  readonly lambda_timeout?: number;
  readonly lambda_runtime?: string;
  readonly layers?: readonly string[];
  readonly manage_iam_role?: boolean;
  readonly reserved_concurrency?: number;
  readonly security_group_ids?: readonly string[];
  readonly subnet_ids?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/** `lambda_functions.<fn>.function_url`: the function's Lambda function URL. */
export interface FunctionUrlConfigFile {
  readonly auth_type: FunctionUrlAuthType;
  readonly cors?: {
    readonly allow_origins?: readonly string[];
    readonly allow_methods?: readonly string[];
    readonly allow_headers?: readonly string[];
    readonly expose_headers?: readonly string[];
    readonly max_age?: number;
    readonly allow_credentials?: boolean;
  };
  readonly invoke_mode?: FunctionUrlInvokeMode;
}

export interface CustomDomainConfigFile {
  readonly domain_name: string;
  readonly certificate_arn: string;
  readonly tls_version?: TlsVersion;
  readonly url_prefix?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Keys allowed in `stages.<stage>` (all of them are also allowed at the top level). */
export interface StageConfigFile extends FunctionConfigFile {
  readonly api_gateway_custom_domain?: CustomDomainConfigFile;
  readonly api_gateway_endpoint_vpce?: string | readonly string[];
  readonly api_gateway_policy_file?: string;
  readonly api_gateway_stage?: string;
  readonly api_type?: ApiType;
  readonly automatic_layer?: boolean;
  /** Keeps the deployed state in S3 instead of `.chalice/deployed/`. */
  readonly deployed_state?: { readonly s3: string };
  readonly lambda_functions?: Readonly<Record<string, FunctionConfigFile>>;
  readonly minimum_compression_size?: number;
  readonly websocket_api_custom_domain?: CustomDomainConfigFile;
  readonly websocket_api_stage?: string;
}

/** The whole `.chalice/config.json`. */
export interface ConfigFile extends StageConfigFile {
  readonly version?: '1.0' | '2.0';
  readonly app_name: string;
  /** Top level only, as the configuration reference says. */
  readonly api_gateway_endpoint_type?: EndpointType;
  readonly stages?: Readonly<Record<string, StageConfigFile>>;
}

/** A validated config file and where it came from. Produced by `readProjectConfig`. */
export interface ProjectConfig {
  readonly projectDir: string;
  /** Path of the config file, used in error messages. */
  readonly configPath: string;
  readonly appName: string;
  /** Stage names declared under `stages`, sorted. */
  readonly stageNames: readonly string[];
  readonly file: ConfigFile;
}

// ---------------------------------------------------------------------------------------------
// Resolved views (camelCase, defaults applied).

/** Settings that can differ per Lambda function. */
export interface LambdaSettings {
  /** Lambda's instruction set. @default 'x86_64' */
  readonly architecture: Architecture;
  /** MB of `/tmp`, 512 to 10240; unset keeps Lambda's 512. */
  readonly ephemeralStorage?: number;
  /** ARN of the SQS queue or SNS topic that gets failed asynchronous invocations. */
  readonly deadLetterQueue?: string;
  /** Instances kept initialised on the `live` alias; triggers invoke the alias when set. */
  readonly provisionedConcurrency?: number;
  /** Retries, event age and destinations of asynchronous invocations; unset leaves Lambda's defaults. */
  readonly asyncInvocation?: AsyncInvocationSettings;
  /** Days CloudWatch Logs keeps the function's logs; unset leaves the log group as it is (never expiring when Lambda creates it). */
  readonly logRetentionInDays?: number;
  /** @default true */
  readonly autogenPolicy: boolean;
  /** Merged across levels. @default {} */
  readonly environmentVariables: Readonly<Record<string, string>>;
  /** Policy file name relative to `.chalice/`, used when `autogenPolicy` is false. @default `policy-<stage>.json` */
  readonly iamPolicyFile: string;
  /** Only meaningful when `manageIamRole` is false (then it is always set). */
  readonly iamRoleArn?: string;
  /** MB, any whole number from 128 to 10240. @default 128 */
  readonly lambdaMemorySize: number;
  /** Seconds, 1 to 900. @default 60 */
  readonly lambdaTimeout: number;
  /** Overrides the runtime chosen from the local Node.js major. */
  readonly lambdaRuntime?: string;
  /** Lambda layer ARNs. @default [] */
  readonly layers: readonly string[];
  /** @default true */
  readonly manageIamRole: boolean;
  /** Unset means no reservation; 0 blocks invocations. */
  readonly reservedConcurrency?: number;
  /** Either both VPC lists are non-empty or both are empty. @default [] */
  readonly securityGroupIds: readonly string[];
  /** @default [] */
  readonly subnetIds: readonly string[];
  /** Merged across levels. The deployer adds its own `aws-chalice` tag on top. @default {} */
  readonly tags: Readonly<Record<string, string>>;
}

export interface CustomDomainConfig {
  readonly domainName: string;
  readonly certificateArn: string;
  /** @default 'TLS_1_2' */
  readonly tlsVersion: TlsVersion;
  /** API mapping path after the domain; unset maps the API at the domain root. */
  readonly urlPrefix?: string;
  /** @default {} */
  readonly tags: Readonly<Record<string, string>>;
}

/** Stage-wide configuration: the stage's own values, without any per-function override. */
export interface StageConfig extends LambdaSettings {
  readonly stage: string;
  readonly appName: string;
  /** Which API Gateway serves the routes. @default 'rest' */
  readonly apiType: ApiType;
  /** API Gateway stage name, also the URL prefix. @default 'api' */
  readonly apiGatewayStage: string;
  /** The websocket API's stage name, also its URL prefix. @default apiGatewayStage */
  readonly websocketApiStage: string;
  /** @default 'EDGE' */
  readonly apiGatewayEndpointType: EndpointType;
  /** VPC endpoint ids for a PRIVATE API's default resource policy. @default [] */
  readonly apiGatewayEndpointVpce: readonly string[];
  /** REST API resource policy file, relative to `.chalice/`. */
  readonly apiGatewayPolicyFile?: string;
  /** Bytes; unset disables API Gateway compression. */
  readonly minimumCompressionSize?: number;
  /** @default false */
  readonly automaticLayer: boolean;
  /** `s3://bucket/prefix` from `deployed_state.s3`; unset keeps the state in `.chalice/deployed/`. */
  readonly deployedStateUrl?: string;
  readonly apiGatewayCustomDomain?: CustomDomainConfig;
  readonly websocketApiCustomDomain?: CustomDomainConfig;
}

/**
 * CORS settings that AWS applies itself, in the one shape that HTTP APIs (`CorsConfiguration`)
 * and function URLs (`Cors`) share: the service answers preflights and adds the headers.
 */
export interface CorsSettings {
  /** @default [] */
  readonly allowOrigins: readonly string[];
  /** @default [] */
  readonly allowMethods: readonly string[];
  /** @default [] */
  readonly allowHeaders: readonly string[];
  /** @default [] */
  readonly exposeHeaders: readonly string[];
  /** Seconds; unset: browsers do not cache the preflight. */
  readonly maxAge?: number;
  /** @default false */
  readonly allowCredentials: boolean;
}

/** A function URL's CORS settings (Lambda answers preflights and adds the headers itself). */
export type FunctionUrlCors = CorsSettings;

export interface FunctionUrlConfig {
  readonly authType: FunctionUrlAuthType;
  /** Unset: no CORS headers. */
  readonly cors?: FunctionUrlCors;
  /** @default 'BUFFERED' */
  readonly invokeMode: FunctionUrlInvokeMode;
}

/** Fully merged configuration of one Lambda function in one stage. */
export interface FunctionConfig extends LambdaSettings {
  readonly stage: string;
  readonly functionName: string;
  /** `function_url` from the highest function level that sets it; unset: the function has no URL. */
  readonly functionUrl?: FunctionUrlConfig;
}

/** `async_invocation` as written in the config file. */
export interface AsyncInvocationConfigFile {
  readonly on_failure?: string;
  readonly on_success?: string;
  readonly maximum_retry_attempts?: number;
  readonly maximum_event_age_in_seconds?: number;
}

/** `async_invocation`, resolved (absent keys keep Lambda's defaults: 2 retries, 6 hours, no destination). */
export interface AsyncInvocationSettings {
  readonly onFailure?: string;
  readonly onSuccess?: string;
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
}
