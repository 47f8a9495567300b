/**
 * OpenAPI security definitions for route authorizers, in API Gateway's extensions:
 * built-in and custom authorizers are `token` Lambda authorizers, Cognito user pools use
 * `cognito_user_pools` with their provider ARNs, IAM is `awsSigv4`, and `apiKeyRequired`
 * routes share the `api_key` definition (the `x-api-key` header).
 */
import type { RouteAuthorizer } from '../../graph/index.js';

export const API_KEY_DEFINITION = { type: 'apiKey', name: 'x-api-key', in: 'header' } as const;

/** The security definition of `authorizer`; `uriOf` gives a built-in authorizer's invocation URI. */
export function authorizerToSecurityDefinition(authorizer: RouteAuthorizer, uriOf: (fn: string) => unknown): Record<string, unknown> {
  switch (authorizer.kind) {
    case 'builtin':
      return tokenAuthorizer(authorizer.header, uriOf(authorizer.function.name), authorizer.ttlSeconds, authorizer.executionRole);
    case 'cognito_user_pools':
      return {
        in: 'header',
        type: 'apiKey',
        name: authorizer.header,
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [...authorizer.providerArns] },
      };
    case 'iam':
      return { in: 'header', type: 'apiKey', name: 'Authorization', 'x-amazon-apigateway-authtype': 'awsSigv4' };
    case 'custom':
      return tokenAuthorizer(authorizer.header, authorizer.authorizerUri, authorizer.ttlSeconds, authorizer.invokeRoleArn);
    default: {
      const never: never = authorizer;
      throw new Error(`unknown authorizer ${JSON.stringify(never)}`);
    }
  }
}

/** A Lambda `token` authorizer (built-in ones and custom ARNs alike), with the role API Gateway invokes it with, if any. */
function tokenAuthorizer(header: string, authorizerUri: unknown, ttlSeconds: number, credentials: string | undefined): Record<string, unknown> {
  return {
    in: 'header',
    type: 'apiKey',
    name: header,
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': {
      type: 'token',
      authorizerUri,
      authorizerResultTtlInSeconds: ttlSeconds,
      ...(credentials === undefined ? {} : { authorizerCredentials: credentials }),
    },
  };
}
