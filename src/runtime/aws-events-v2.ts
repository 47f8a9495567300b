/**
 * Shapes of the API Gateway HTTP API (payload format 2.0) events and results, also sent by
 * Lambda Function URLs: the proxy event and result, and the Lambda authorizer REQUEST event
 * with its simple response. Only JSON-compatible types.
 */

/** `event.requestContext.http`: the request line as received. */
export interface APIGatewayV2Http {
  method: string;
  /** The raw path, stage prefix included for a named stage (`/api/users/1`). */
  path: string;
  protocol: string;
  sourceIp: string;
  userAgent: string;
}

/** `event.requestContext` of a payload format 2.0 event (what `request.context` exposes). */
export interface APIGatewayV2RequestContext {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  http: APIGatewayV2Http;
  requestId: string;
  /** `GET /users/{id}`, or `$default` (a catch-all route; Function URLs always send it). */
  routeKey: string;
  /** `$default` for the default stage and Function URLs (no path prefix). */
  stage: string;
  /** `12/Mar/2020:19:03:58 +0000` */
  time: string;
  timeEpoch: number;
  /**
   * What the route's authorizer produced: `{ jwt: { claims, scopes } }` for a JWT authorizer,
   * `{ lambda: context }` for a Lambda authorizer.
   */
  authorizer?: Record<string, unknown>;
  authentication?: Record<string, unknown> | null;
  [extra: string]: unknown;
}

/** The HTTP API Lambda proxy event, payload format 2.0. */
export interface APIGatewayProxyEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  /** As received, still percent-encoded, without the `?`; `''` when there is none. */
  rawQueryString: string;
  /** Every cookie of the request's Cookie headers; the headers then carry no `cookie`. */
  cookies?: string[];
  /** Lower-case names; a repeated header's values joined with commas. */
  headers: Record<string, string>;
  /** Decoded; a repeated name's values joined with commas. */
  queryStringParameters?: Record<string, string>;
  requestContext: APIGatewayV2RequestContext;
  body?: string;
  pathParameters?: Record<string, string>;
  isBase64Encoded: boolean;
  stageVariables?: Record<string, string>;
}

/** What a payload format 2.0 integration returns when it sets the status itself. */
export interface APIGatewayProxyResultV2 {
  statusCode: number;
  /** One value per name (repeated values joined with commas); Set-Cookie goes to `cookies`. */
  headers: Record<string, string>;
  /** Each becomes one Set-Cookie header. */
  cookies: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** A Lambda authorizer's REQUEST event with payload format 2.0. */
export interface APIGatewayRequestAuthorizerEventV2 extends Omit<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'> {
  type: 'REQUEST';
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}` */
  routeArn: string;
  /** The values of the authorizer's identity sources (the token header). */
  identitySource: string[];
}

/** A Lambda authorizer's simple response (`enableSimpleResponses`). */
export interface APIGatewaySimpleAuthorizerResult {
  isAuthorized: boolean;
  /** Passed to the view as `request.context.authorizer.lambda`. */
  context?: Record<string, unknown>;
}
