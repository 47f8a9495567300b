/**
 * Deterministic names of websocket APIs and custom domains. The websocket API is found again
 * by the same `chalice-ts:app`/`chalice-ts:stage` tags as the REST API; a domain name by its
 * name (unique in an account and region), and whether chalice-ts created it by those tags.
 */
import type { DeployedResource } from '../../project/deployed-state.js';
import type { DomainProtocol } from '../aws/aws-client.js';
import type { AwsTarget } from '../names.js';

export { REST_API_APP_TAG as APP_TAG, REST_API_STAGE_TAG as STAGE_TAG } from '../names.js';

/** The URL clients connect to: `wss://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
export function websocketApiUrl(apiId: string, region: string, stage: string): string {
  return `wss://${apiId}.execute-api.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/${stage}/`;
}

/** What an AWS_PROXY integration of API Gateway invokes a Lambda function by. */
export function lambdaIntegrationUri(target: AwsTarget, functionArn: string): string {
  return `arn:${target.partition}:apigateway:${target.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/**
 * The description of a websocket deployment names the SHA-256 of the routes it deployed (route
 * keys and the functions they invoke); set by the deploying call itself, as for the REST API.
 */
export function websocketDeploymentDescription(routesSha256: string): string {
  return `chalice-ts websocket routes sha256:${routesSha256}`;
}

/** The region of an ARN (`arn:aws:acm:<region>:…`), or undefined. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region === undefined || region === '' ? undefined : region;
}

/** The URL a custom domain serves an API on: `https://api.example.com/v1/`, `wss://ws.example.com/`. */
export function customDomainUrl(protocol: 'rest' | 'http' | 'websocket', domainName: string, basePath: string): string {
  return `${protocol === 'websocket' ? 'wss' : 'https'}://${domainName}/${basePath === '' ? '' : `${basePath}/`}`;
}

/** The protocol a `domain_name` record names (records without one are REST domains). */
export function domainProtocolOf(record: DeployedResource): DomainProtocol {
  const protocol = record.protocol;
  return protocol === 'http' || protocol === 'websocket' ? protocol : 'rest';
}
