/**
 * Deterministic names and ARNs. Every resource the deployer creates can be found again from
 * these alone (a function by its name, the REST API by its name and tags, a permission by its
 * statement id, an S3 notification by its id), which is what makes a lost or stale state file
 * harmless: the next deploy adopts what exists instead of creating a duplicate.
 */
import type { NameOrArn } from '../graph/index.js';

/** Account, region and partition the deploy targets. */
export interface AwsTarget {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function functionArn(target: AwsTarget, functionName: string): string {
  return `arn:${target.partition}:lambda:${target.region}:${target.accountId}:function:${functionName}`;
}

export function roleArn(target: AwsTarget, roleName: string): string {
  return `arn:${target.partition}:iam::${target.accountId}:role/${roleName}`;
}

export function ruleArn(target: AwsTarget, ruleName: string): string {
  return `arn:${target.partition}:events:${target.region}:${target.accountId}:rule/${ruleName}`;
}

/** An ARN as the user gave it, or the ARN of a name in the deploy's account and region. */
export function arnOfNameOrArn(target: AwsTarget, value: NameOrArn, service: string, resourcePrefix = ''): string {
  if ('arn' in value) return value.arn;
  return `arn:${target.partition}:${service}:${target.region}:${target.accountId}:${resourcePrefix}${value.name}`;
}

/** What API Gateway's Lambda permissions name as source: every method and stage of the API. */
export function executeApiSourceArn(target: AwsTarget, restApiId: string): string {
  return `arn:${target.partition}:execute-api:${target.region}:${target.accountId}:${restApiId}/*`;
}

export function restApiUrl(restApiId: string, region: string, apiGatewayStage: string): string {
  return `https://${restApiId}.execute-api.${region}.amazonaws.com/${apiGatewayStage}/`;
}

/** Lambda statement ids allow `[A-Za-z0-9-_]`, up to 100 characters. */
export function statementId(permissionName: string): string {
  return `chalice-ts-${permissionName.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 100);
}

// A function's entry in a bucket's notification configuration is identified by the graph's `notificationId`.

/** EventBridge target id of a rule's one function (ids are per rule). */
export const RULE_TARGET_ID = 'chalice-ts';

/** Tags that identify a stage's REST API (API Gateway ids are random, names are not unique). */
export const REST_API_APP_TAG = 'chalice-ts:app';
export const REST_API_STAGE_TAG = 'chalice-ts:stage';
/**
 * The description of a stage's deployment names the SHA-256 of the OpenAPI document it
 * deployed. It is set by the same call that deploys, so an import that was never deployed
 * (a deploy killed in between) does not match and is imported and deployed again.
 */
export function deploymentDescription(documentSha256: string): string {
  return `chalice-ts openapi sha256:${documentSha256}`;
}

/** Description of the automatic layer's versions; the hash is how a version is recognised. */
export function layerDescription(sha256Hex: string): string {
  return `chalice-ts layer sha256:${sha256Hex}`;
}

export const LAYER_DESCRIPTION_PREFIX = 'chalice-ts layer ';

/** Version number at the end of a layer version ARN. */
export function layerVersionOfArn(arn: string): number {
  return Number(arn.slice(arn.lastIndexOf(':') + 1));
}

/** The log group Lambda writes a function's logs to. */
export function logGroupNameOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
