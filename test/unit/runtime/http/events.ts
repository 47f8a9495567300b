/**
 * Real-shaped API Gateway events for the HTTP entry point tests: a REST proxy event
 * (payload 1.0) the way API Gateway builds it, TOKEN/REQUEST authorizer events and a
 * Lambda context.
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayTokenAuthorizerEvent,
  LambdaContext,
} from '../../../../src/runtime/index.js';

export const ACCOUNT_ID = '123456789012';
export const API_ID = 'abc123defg';
export const STAGE = 'api';
export const REGION = 'us-west-2';

export interface ProxyEventOptions {
  /** Values for the template's `{params}`; the request path is the template filled in. */
  readonly pathParameters?: Record<string, string>;
  /** Repeated names as arrays; names keep the case given. */
  readonly headers?: Record<string, string | string[]>;
  readonly query?: Record<string, string | string[]>;
  readonly body?: string | Buffer;
  /** Force base64 (a Buffer body is always sent base64, as for a binary Content-Type). */
  readonly isBase64Encoded?: boolean;
  readonly stageVariables?: Record<string, string>;
  readonly authorizer?: Record<string, unknown>;
  readonly requestId?: string;
}

/** `proxyEvent('GET', '/users/{id}', { pathParameters: { id: '7' } })`. */
export function proxyEvent(method: string, resource: string, options: ProxyEventOptions = {}): APIGatewayProxyEvent {
  const path = resource.replace(/\{([^}]+)\}/g, (_, name: string) => options.pathParameters?.[name] ?? `{${name}}`);
  const multiValueHeaders = toMultiValue({
    Host: `${API_ID}.execute-api.${REGION}.amazonaws.com`,
    'User-Agent': 'vitest',
    'X-Forwarded-For': '203.0.113.7',
    'X-Forwarded-Proto': 'https',
    ...options.headers,
  });
  const multiQuery = options.query ? toMultiValue(options.query) : null;
  const binary = Buffer.isBuffer(options.body) || options.isBase64Encoded === true;
  const requestId = options.requestId ?? 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';
  return {
    resource,
    path,
    httpMethod: method,
    headers: lastValues(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: multiQuery && lastValues(multiQuery),
    multiValueQueryStringParameters: multiQuery,
    pathParameters: options.pathParameters ?? null,
    stageVariables: options.stageVariables ?? null,
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      resourceId: 'a1b2c3',
      resourcePath: resource,
      httpMethod: method,
      stage: STAGE,
      requestId,
      extendedRequestId: `${requestId}-ext`,
      path: `/${STAGE}${path}`,
      protocol: 'HTTP/1.1',
      domainName: `${API_ID}.execute-api.${REGION}.amazonaws.com`,
      domainPrefix: API_ID,
      requestTime: '09/Apr/2015:12:34:56 +0000',
      requestTimeEpoch: 1428582896000,
      identity: {
        sourceIp: '203.0.113.7',
        userAgent: 'vitest',
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        user: null,
        userArn: null,
      },
      authorizer: options.authorizer ?? null,
    },
    body: options.body === undefined ? null : Buffer.isBuffer(options.body) || binary ? Buffer.from(options.body).toString('base64') : options.body,
    isBase64Encoded: options.body !== undefined && binary,
  };
}

export function methodArn(method: string, path: string): string {
  return `arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${API_ID}/${STAGE}/${method}${path}`;
}

export function tokenAuthorizerEvent(token: string, arn = methodArn('GET', '/needs-auth')): APIGatewayTokenAuthorizerEvent {
  return { type: 'TOKEN', authorizationToken: token, methodArn: arn };
}

export function requestAuthorizerEvent(headers: Record<string, string>, arn = methodArn('GET', '/needs-auth')): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: arn,
    resource: '/needs-auth',
    path: '/needs-auth',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: toMultiValue(headers),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
  };
}

export function lambdaContext(awsRequestId = 'req-1'): LambdaContext {
  return {
    functionName: 'app-dev',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:app-dev`,
    memoryLimitInMB: '128',
    awsRequestId,
    logGroupName: '/aws/lambda/app-dev',
    logStreamName: '2024/01/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 3000,
  };
}

function toMultiValue(record: Record<string, string | string[]>): Record<string, string[]> {
  // fromEntries keeps odd names such as `__proto__` as plain keys.
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, typeof value === 'string' ? [value] : [...value]]));
}

function lastValues(record: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, values]) => values.length > 0).map(([name, values]) => [name, values[values.length - 1]]));
}
