/**
 * Deterministic names of HTTP APIs. The stage's HTTP API is found again by the same
 * `chalice-ts:app`/`chalice-ts:stage` tags as the REST and websocket APIs (API ids are random,
 * names are not unique); inside it, the Lambda integration by the function it invokes, each
 * authorizer by its name and each route by its key (`GET /users/{id}`).
 */
export { REST_API_APP_TAG as APP_TAG, REST_API_STAGE_TAG as STAGE_TAG } from '../names.js';

/** The URL the API serves: `https://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
export function httpApiUrl(apiId: string, region: string, stage: string): string {
  return `https://${apiId}.execute-api.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/${stage}/`;
}

/** The API's ARN, which tags are set through: `arn:<partition>:apigateway:<region>::/apis/<id>`. */
export function httpApiArn(partition: string, region: string, apiId: string): string {
  return `arn:${partition}:apigateway:${region}::/apis/${apiId}`;
}

/** Where API Gateway reads the token from: `$request.header.Authorization`. */
export function headerIdentitySource(header: string): string {
  return `$request.header.${header}`;
}

/** An HTTP API route key: `GET /users/{id}`. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
