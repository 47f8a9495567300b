/**
 * What an HTTP API cannot serve, refused when the app loads (so `chalice local` shows it at
 * once and the test client throws on construction), each with what to do instead:
 * - `apiKeyRequired` routes: HTTP APIs have no API keys or usage plans;
 * - Cognito user pool authorizers: an HTTP API checks Cognito tokens with a JWT authorizer;
 * - custom authorizers (an existing Lambda by ARN): not supported by the HTTP API emulation;
 * CORS conflicts between routes are refused by cors.ts.
 */
import { ChaliceTsError } from '../../project/errors.js';
import type { GatewayApp } from '../gateway/types.js';

export function checkHttpApiApp(app: GatewayApp): void {
  for (const [path, byMethod] of app.routes) {
    for (const route of byMethod.values()) {
      const where = `route ${route.method} ${path} (view ${route.name})`;
      if (route.apiKeyRequired) {
        throw new ChaliceTsError(
          `${where} sets apiKeyRequired, but HTTP APIs have no API keys; remove apiKeyRequired (protect the route with an authorizer instead) or set "api_type": "rest" in .chalice/config.json`,
          'http_api_key_required',
        );
      }
      const authorizer = route.authorizer;
      if (authorizer?.kind === 'cognito_user_pools') {
        throw new ChaliceTsError(
          `${where} uses CognitoUserPoolAuthorizer ${authorizer.name}, which HTTP APIs do not have; use new JWTAuthorizer('${authorizer.name}', { issuer: 'https://cognito-idp.<region>.amazonaws.com/<userPoolId>', audience: ['<app client id>'] }) or set "api_type": "rest"`,
          'http_api_cognito_authorizer',
        );
      }
      if (authorizer?.kind === 'custom') {
        throw new ChaliceTsError(
          `${where} uses CustomAuthorizer ${authorizer.name}, which the HTTP API emulation does not support; register the authorizer in this app with app.authorizer(...) or set "api_type": "rest"`,
          'http_api_custom_authorizer',
        );
      }
    }
  }
}

/** Names of the JWT authorizers the app's routes use, in order of first use. */
export function jwtAuthorizerNames(app: GatewayApp): string[] {
  const names: string[] = [];
  for (const byMethod of app.routes.values()) {
    for (const route of byMethod.values()) {
      if (route.authorizer?.kind === 'jwt' && !names.includes(route.authorizer.name)) names.push(route.authorizer.name);
    }
  }
  return names;
}
