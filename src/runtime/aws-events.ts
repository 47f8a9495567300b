/**
 * Shapes of the raw AWS events and results the HTTP entry points take and return: the
 * API Gateway REST API (v1) Lambda proxy event and result, and the Lambda authorizer
 * (TOKEN and REQUEST) events and IAM policy result. Only JSON-compatible types: these
 * cross the boundary between API Gateway (or its local emulation) and the runtime.
 */

/** Who called: filled by API Gateway from the connection and any IAM/Cognito signature. */
export interface APIGatewayIdentity {
  sourceIp: string;
  userAgent?: string | null;
  accessKey?: string | null;
  accountId?: string | null;
  apiKey?: string | null;
  apiKeyId?: string | null;
  caller?: string | null;
  cognitoAuthenticationProvider?: string | null;
  cognitoAuthenticationType?: string | null;
  cognitoIdentityId?: string | null;
  cognitoIdentityPoolId?: string | null;
  principalOrgId?: string | null;
  user?: string | null;
  userArn?: string | null;
  [extra: string]: unknown;
}

/** `event.requestContext` of a REST API proxy event (what `request.context` exposes). */
export interface APIGatewayRequestContext {
  accountId: string;
  apiId: string;
  /** The route template, e.g. `/users/{id}`: what routing keys on. */
  resourcePath: string;
  resourceId?: string;
  httpMethod: string;
  stage: string;
  requestId: string;
  /** The full request path including the stage, e.g. `/dev/users/1`. */
  path: string;
  identity: APIGatewayIdentity;
  /** What the route's authorizer returned (`principalId`, `claims`, the `context` map…). */
  authorizer?: Record<string, unknown> | null;
  domainName?: string;
  domainPrefix?: string;
  protocol?: string;
  requestTime?: string;
  requestTimeEpoch?: number;
  extendedRequestId?: string;
  [extra: string]: unknown;
}

/** The REST API Lambda proxy integration event (payload format 1.0). */
export interface APIGatewayProxyEvent {
  /** The route template, e.g. `/users/{id}`. */
  resource: string;
  /** The request path with values, e.g. `/users/1` (no stage). */
  path: string;
  httpMethod: string;
  /** Last value of each header; `null` when there are none. */
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: APIGatewayRequestContext;
  body: string | null;
  /** API Gateway base64-encodes the body when the request Content-Type is a binary type. */
  isBase64Encoded: boolean;
}

/**
 * What the REST API Lambda returns. API Gateway merges `headers` and `multiValueHeaders`;
 * we put list-valued headers only in the latter so no value is sent twice.
 */
export interface APIGatewayProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** Input of a TOKEN Lambda authorizer: the token source header's value and the method ARN. */
export interface APIGatewayTokenAuthorizerEvent {
  type: 'TOKEN';
  authorizationToken: string;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path…}` */
  methodArn: string;
}

/** Input of a REQUEST Lambda authorizer: the request parameters instead of one token. */
export interface APIGatewayRequestAuthorizerEvent {
  type: 'REQUEST';
  methodArn: string;
  resource?: string;
  path?: string;
  httpMethod?: string;
  headers?: Record<string, string> | null;
  multiValueHeaders?: Record<string, string[]> | null;
  queryStringParameters?: Record<string, string> | null;
  multiValueQueryStringParameters?: Record<string, string[]> | null;
  pathParameters?: Record<string, string> | null;
  stageVariables?: Record<string, string> | null;
  requestContext?: Partial<APIGatewayRequestContext>;
}

export type APIGatewayAuthorizerEvent = APIGatewayTokenAuthorizerEvent | APIGatewayRequestAuthorizerEvent;

export interface APIGatewayPolicyStatement {
  Action: string;
  Effect: 'Allow' | 'Deny';
  Resource: string[];
}

/** What a Lambda authorizer returns; API Gateway evaluates the policy for the method ARN. */
export interface APIGatewayAuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: APIGatewayPolicyStatement[];
  };
  /** Flat map; API Gateway only accepts string, number and boolean values. */
  context: Record<string, string | number | boolean>;
  usageIdentifierKey?: string;
}
