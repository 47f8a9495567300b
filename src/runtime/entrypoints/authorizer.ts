/**
 * The entry point of a built-in authorizer (`app.authorizer(...)`): its own Lambda, which
 * API Gateway calls before a protected route.
 *
 *   TOKEN / REQUEST event → AuthRequest → 'all' middleware → the user's function
 *   → AuthResponse → IAM policy (or a hand-built policy object, returned unchanged)
 *
 * Only 'all' middleware applies: no other middleware event type describes an authorizer,
 * and 'all' is documented as running for every Lambda function of the app.
 * A failure is reported the way API Gateway expects from a Lambda authorizer: the
 * invocation fails with the message `Unauthorized`, which API Gateway turns into 401.
 */
import type { Chalice } from '../app.js';
import { AuthRequest, AuthResponse, type ChaliceAuthorizer } from '../auth.js';
import type { APIGatewayAuthorizerEvent, APIGatewayAuthorizerResult } from '../aws-events.js';
import { authResponseToPolicy } from '../http/auth-policy.js';
import { runInInvocationScope } from '../invocation-scope.js';
import type { LambdaContext } from '../lambda-context.js';
import { composeMiddleware, type MiddlewareEntry } from '../middleware.js';

export type AuthorizerHandler = (
  event: APIGatewayAuthorizerEvent,
  context?: LambdaContext | null,
) => Promise<APIGatewayAuthorizerResult | Record<string, unknown>>;

/** The message API Gateway maps to a 401 when a Lambda authorizer fails with it. */
export const UNAUTHORIZED = 'Unauthorized';

export function createAuthorizerHandler(app: Chalice, authorizer: ChaliceAuthorizer): AuthorizerHandler {
  let chain: (auth: AuthRequest) => Promise<unknown> = async (auth) => authorizer.handler(auth);
  let chainSize = -1;

  async function invoke(auth: AuthRequest): Promise<APIGatewayAuthorizerResult | Record<string, unknown>> {
    if (chainSize !== app.middlewareHandlers.length) {
      chainSize = app.middlewareHandlers.length;
      const all: MiddlewareEntry[] = app.middlewareHandlers.filter((m) => m.eventType === 'all');
      // The list is already narrowed to 'all'; the event type argument only filters further.
      chain = composeMiddleware(all, 'pure_lambda', (event: AuthRequest) => authorizer.handler(event));
    }
    let result: unknown;
    try {
      result = await chain(auth);
    } catch (error) {
      if (!(error instanceof Error && error.message === UNAUTHORIZED)) {
        app.log.error(`Authorizer ${authorizer.name} failed; denying the request as Unauthorized`, error);
      }
      throw new Error(UNAUTHORIZED);
    }
    if (result instanceof AuthResponse) return authResponseToPolicy(result, auth.methodArn);
    // A policy the user built by hand goes to API Gateway unchanged.
    if (typeof result === 'object' && result !== null) return result as Record<string, unknown>;
    app.log.error(`Authorizer ${authorizer.name} returned ${String(result)}, not an AuthResponse; denying the request as Unauthorized`);
    throw new Error(UNAUTHORIZED);
  }

  return function authorizerHandler(event, context = null) {
    let auth: AuthRequest;
    try {
      auth = authorizerEventToAuthRequest(event, authorizer.header);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return runInInvocationScope({ request: null, lambdaContext: context }, () => invoke(auth));
  };
}

/**
 * TOKEN events carry the token; REQUEST events carry the headers, so the token is the
 * authorizer's header (case-insensitive), or `''` when the request did not send it.
 */
export function authorizerEventToAuthRequest(event: APIGatewayAuthorizerEvent, header: string): AuthRequest {
  if (event === null || typeof event !== 'object' || typeof event.methodArn !== 'string') {
    throw new TypeError('authorizer: the event is not an API Gateway authorizer event (no methodArn)');
  }
  if (event.type === 'REQUEST') {
    const wanted = header.toLowerCase();
    let token = '';
    for (const [name, value] of Object.entries(event.headers ?? {})) {
      if (name.toLowerCase() === wanted && typeof value === 'string') token = value;
    }
    return new AuthRequest(event.type, token, event.methodArn);
  }
  return new AuthRequest(event.type, event.authorizationToken ?? '', event.methodArn);
}
