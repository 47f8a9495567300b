/**
 * Data: which IAM service prefix the operations of an `@aws-sdk/client-*` package authorise
 * against. Most packages follow the default rule (drop `client-` and every dash:
 * `client-secrets-manager` → `secretsmanager`); this table lists only the packages whose IAM
 * prefix differs from that rule, or where the rule happens to work but a reader would doubt it.
 *
 * Keys are package names without the `@aws-sdk/` scope.
 */
export const SERVICE_PREFIX_EXCEPTIONS: Readonly<Record<string, string>> = {
  'client-api-gateway': 'apigateway',
  'client-apigatewaymanagementapi': 'execute-api',
  'client-apigatewayv2': 'apigateway',
  'client-appconfigdata': 'appconfig',
  'client-application-auto-scaling': 'application-autoscaling',
  'client-auto-scaling': 'autoscaling',
  'client-bedrock-agent': 'bedrock',
  'client-bedrock-agent-runtime': 'bedrock',
  'client-bedrock-runtime': 'bedrock',
  'client-cloudcontrol': 'cloudformation',
  'client-cloudwatch': 'cloudwatch',
  'client-cloudwatch-events': 'events',
  'client-cloudwatch-logs': 'logs',
  'client-cognito-identity': 'cognito-identity',
  'client-cognito-identity-provider': 'cognito-idp',
  'client-cognito-sync': 'cognito-sync',
  'client-config-service': 'config',
  'client-cost-explorer': 'ce',
  'client-docdb': 'rds',
  'client-dynamodb': 'dynamodb',
  'client-dynamodb-streams': 'dynamodb',
  'client-efs': 'elasticfilesystem',
  'client-elastic-load-balancing': 'elasticloadbalancing',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-elasticsearch-service': 'es',
  'client-emr': 'elasticmapreduce',
  'client-eventbridge': 'events',
  'client-iot-data-plane': 'iot',
  'client-iot-jobs-data-plane': 'iotjobsdata',
  'client-keyspaces': 'cassandra',
  'client-kinesis-analytics': 'kinesisanalytics',
  'client-kinesis-analytics-v2': 'kinesisanalytics',
  'client-kinesis-video-archived-media': 'kinesisvideo',
  'client-kinesis-video-media': 'kinesisvideo',
  'client-kinesis-video-signaling': 'kinesisvideo',
  'client-lex-runtime-service': 'lex',
  'client-lex-runtime-v2': 'lex',
  'client-location': 'geo',
  'client-marketplace-metering': 'aws-marketplace',
  'client-mediastore-data': 'mediastore',
  'client-neptune': 'rds',
  'client-opensearch': 'es',
  'client-personalize-events': 'personalize',
  'client-personalize-runtime': 'personalize',
  'client-pinpoint': 'mobiletargeting',
  'client-pinpoint-email': 'ses',
  'client-qldb-session': 'qldb',
  'client-rds-data': 'rds-data',
  'client-redshift-data': 'redshift-data',
  'client-resource-groups-tagging-api': 'tag',
  'client-s3-control': 's3',
  'client-sagemaker-featurestore-runtime': 'sagemaker',
  'client-sagemaker-runtime': 'sagemaker',
  'client-secrets-manager': 'secretsmanager',
  'client-sesv2': 'ses',
  'client-sfn': 'states',
  'client-sso-oidc': 'sso-oauth',
  'client-timestream-query': 'timestream',
  'client-timestream-write': 'timestream',
};

/**
 * `@aws-sdk/client-s3` → `s3`, `@aws-sdk/client-sfn` → `states`. Returns undefined for a
 * package that is not a service client (`@aws-sdk/lib-dynamodb`, `@aws-sdk/util-dynamodb`…).
 */
export function packageToServicePrefix(packageName: string): string | undefined {
  const short = packageName.startsWith('@aws-sdk/') ? packageName.slice('@aws-sdk/'.length) : packageName;
  if (!short.startsWith('client-')) return undefined;
  const exception = Object.hasOwn(SERVICE_PREFIX_EXCEPTIONS, short) ? SERVICE_PREFIX_EXCEPTIONS[short] : undefined;
  return exception ?? short.slice('client-'.length).replaceAll('-', '');
}
