/**
 * Data: the properties of the SAM resource types and event sources chalice-ts generates, from
 * the AWS SAM specification (developer guide, "AWS SAM resources and properties"). The
 * CloudFormation resource specification package only carries an old copy of these, so they
 * are listed here; everything that is not `AWS::Serverless::*` is checked against that package.
 */

export interface SamObjectSpec {
  readonly properties: readonly string[];
  readonly required?: readonly string[];
  /** Specs of nested objects, by property name. */
  readonly nested?: Readonly<Record<string, SamObjectSpec>>;
  /** For a map (such as `Auth.Authorizers`): the spec of each of its values. */
  readonly values?: SamObjectSpec;
}

/** An HTTP API authorizer: a JWT (OAuth2Authorizer) or a Lambda authorizer (LambdaAuthorizer); their properties do not overlap. */
const HTTP_API_AUTHORIZER: SamObjectSpec = {
  properties: [
    'AuthorizationScopes', 'IdentitySource', 'JwtConfiguration',
    'AuthorizerPayloadFormatVersion', 'EnableFunctionDefaultPermissions', 'EnableSimpleResponses', 'FunctionArn', 'FunctionInvokeRole',
    'Identity',
  ],
  nested: { Identity: { properties: ['Context', 'Headers', 'QueryStrings', 'ReauthorizeEvery', 'StageVariables'] } },
};

export interface SamResourceSpec extends SamObjectSpec {
  /** Attributes `Fn::GetAtt` may read. */
  readonly attributes: readonly string[];
  /** Generated resources `Ref` may name as `<LogicalId>.<Suffix>`. */
  readonly refSuffixes?: readonly string[];
}

export const SAM_RESOURCES: Readonly<Record<string, SamResourceSpec>> = {
  'AWS::Serverless::Function': {
    properties: [
      'Architectures', 'AssumeRolePolicyDocument', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'AutoPublishCodeSha256',
      'CodeSigningConfigArn', 'CodeUri', 'DeadLetterQueue', 'DeploymentPreference', 'Description', 'Environment', 'EphemeralStorage',
      'EventInvokeConfig', 'Events', 'FileSystemConfigs', 'FunctionName', 'FunctionUrlConfig', 'Handler', 'ImageConfig', 'ImageUri',
      'InlineCode', 'KmsKeyArn', 'Layers', 'LoggingConfig', 'MemorySize', 'PackageType', 'PermissionsBoundary', 'Policies',
      'PropagateTags', 'ProvisionedConcurrencyConfig', 'RecursiveLoop', 'ReservedConcurrentExecutions', 'Role', 'RolePath', 'Runtime',
      'RuntimeManagementConfig', 'SnapStart', 'SourceKMSKeyArn', 'Tags', 'Timeout', 'Tracing', 'VersionDescription', 'VpcConfig',
    ],
    // Required for a function packaged as a zip (not an image).
    required: ['CodeUri', 'Handler', 'Runtime'],
    nested: {
      Environment: { properties: ['Variables'] },
      VpcConfig: { properties: ['Ipv6AllowedForDualStack', 'SecurityGroupIds', 'SubnetIds'], required: ['SecurityGroupIds', 'SubnetIds'] },
    },
    attributes: ['Arn'],
    refSuffixes: ['Alias', 'Version'],
  },
  'AWS::Serverless::Api': {
    properties: [
      'AccessLogSetting', 'AlwaysDeploy', 'ApiKeySourceType', 'Auth', 'BinaryMediaTypes', 'CacheClusterEnabled', 'CacheClusterSize',
      'CanarySetting', 'Cors', 'DefinitionBody', 'DefinitionUri', 'Description', 'DisableExecuteApiEndpoint', 'Domain',
      'EndpointConfiguration', 'FailOnWarnings', 'GatewayResponses', 'MergeDefinitions', 'MethodSettings', 'MinimumCompressionSize',
      'Mode', 'Models', 'Name', 'OpenApiVersion', 'PropagateTags', 'StageName', 'Tags', 'TracingEnabled', 'Variables',
    ],
    required: ['StageName'],
    nested: { EndpointConfiguration: { properties: ['IpAddressType', 'Type', 'VPCEndpointIds'] } },
    attributes: ['RootResourceId'],
    refSuffixes: ['Stage', 'Deployment'],
  },
  'AWS::Serverless::HttpApi': {
    properties: [
      // The spec package's old copy says AccessLogSetting; SAM's current name is AccessLogSettings.
      'AccessLogSetting', 'AccessLogSettings', 'Auth', 'CorsConfiguration', 'DefaultRouteSettings', 'DefinitionBody', 'DefinitionUri',
      'Description', 'DisableExecuteApiEndpoint', 'Domain', 'FailOnWarnings', 'Name', 'PropagateTags', 'RouteSettings', 'StageName',
      'StageVariables', 'Tags',
    ],
    nested: {
      Auth: {
        properties: ['Authorizers', 'DefaultAuthorizer', 'EnableIamAuthorizer'],
        nested: { Authorizers: { properties: [], values: HTTP_API_AUTHORIZER } },
      },
      CorsConfiguration: { properties: ['AllowCredentials', 'AllowHeaders', 'AllowMethods', 'AllowOrigins', 'ExposeHeaders', 'MaxAge'] },
    },
    attributes: [],
    refSuffixes: ['Stage', 'DomainName'],
  },
  'AWS::Serverless::LayerVersion': {
    properties: [
      'CompatibleArchitectures', 'CompatibleRuntimes', 'ContentUri', 'Description', 'LayerName', 'LicenseInfo', 'PublishLambdaVersion',
      'RetentionPolicy',
    ],
    required: ['ContentUri'],
    attributes: [],
  },
};

const STREAM_EVENT = [
  'BatchSize', 'BisectBatchOnFunctionError', 'DestinationConfig', 'Enabled', 'FilterCriteria', 'FunctionResponseTypes', 'KmsKeyArn',
  'MaximumBatchingWindowInSeconds', 'MaximumRecordAgeInSeconds', 'MaximumRetryAttempts', 'MetricsConfig', 'ParallelizationFactor',
  'StartingPosition', 'StartingPositionTimestamp', 'Stream', 'TumblingWindowInSeconds',
];

/** `Events.<name>.Properties` of an `AWS::Serverless::Function`, by event `Type`. */
export const SAM_EVENT_SOURCES: Readonly<Record<string, SamObjectSpec>> = {
  Schedule: {
    properties: ['DeadLetterConfig', 'Description', 'Enabled', 'Input', 'Name', 'RetryPolicy', 'Schedule', 'State'],
    required: ['Schedule'],
  },
  CloudWatchEvent: {
    properties: ['DeadLetterConfig', 'EventBusName', 'Input', 'InputPath', 'InputTransformer', 'Pattern', 'RetryPolicy', 'State', 'Target'],
    required: ['Pattern'],
  },
  SNS: { properties: ['FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'Region', 'SqsSubscription', 'Topic'], required: ['Topic'] },
  SQS: {
    properties: [
      'BatchSize', 'Enabled', 'FilterCriteria', 'FunctionResponseTypes', 'KmsKeyArn', 'MaximumBatchingWindowInSeconds', 'MetricsConfig',
      'ProvisionedPollerConfig', 'Queue', 'ScalingConfig',
    ],
    required: ['Queue'],
    nested: { ScalingConfig: { properties: ['MaximumConcurrency'] } },
  },
  HttpApi: {
    properties: ['ApiId', 'Auth', 'Method', 'Path', 'PayloadFormatVersion', 'RouteSettings', 'TimeoutInMillis'],
    nested: { Auth: { properties: ['AuthorizationScopes', 'Authorizer'] } },
  },
  Kinesis: { properties: STREAM_EVENT, required: ['Stream', 'StartingPosition'] },
  DynamoDB: { properties: STREAM_EVENT, required: ['Stream', 'StartingPosition'] },
};
