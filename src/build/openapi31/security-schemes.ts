/**
 * OpenAPI 3.1 security schemes for route authorizers and API keys, as a client sees them:
 * every API Gateway authorizer reads a request header, so each is an `apiKey` scheme in that
 * header, with API Gateway's `x-amazon-apigateway-authtype` saying which kind it is (tools
 * that import the document into API Gateway understand it; others ignore `x-` fields).
 * Route scopes become the security requirement's list (OpenAPI 3.1 allows role names there
 * for any scheme type).
 */
import type { RouteAuthorizer } from '../../graph/index.js';

export const API_KEY_SCHEME_NAME = 'api_key';
export const API_KEY_SCHEME = {
  type: 'apiKey',
  name: 'x-api-key',
  in: 'header',
  description: 'An API Gateway API key (routes with apiKeyRequired)',
} as const;

export function authorizerToSecurityScheme(authorizer: RouteAuthorizer): Record<string, unknown> {
  switch (authorizer.kind) {
    case 'builtin':
      return headerScheme(authorizer.header, 'custom', `Lambda token authorizer ${authorizer.name} (app.authorizer)`);
    case 'custom':
      return headerScheme(authorizer.header, 'custom', `Lambda token authorizer ${authorizer.name} (CustomAuthorizer)`);
    case 'cognito_user_pools':
      return {
        ...headerScheme(authorizer.header, 'cognito_user_pools', `Amazon Cognito user pool token (${authorizer.name})`),
        'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [...authorizer.providerArns] },
      };
    case 'iam':
      return headerScheme('Authorization', 'awsSigv4', 'AWS Signature Version 4 (IAM)');
    default: {
      const never: never = authorizer;
      throw new Error(`unknown authorizer ${JSON.stringify(never)}`);
    }
  }
}

function headerScheme(header: string, authtype: string, description: string): Record<string, unknown> {
  return { type: 'apiKey', in: 'header', name: header, description, 'x-amazon-apigateway-authtype': authtype };
}
