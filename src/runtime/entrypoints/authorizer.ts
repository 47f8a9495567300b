/**
 * The entry point of a built-in authorizer (`app.authorizer(...)`): its own Lambda, which
 * API Gateway calls before a protected route.
 *
 *   TOKEN / REQUEST event → AuthRequest → 'all' middleware → the user's function
 *   → AuthResponse → IAM policy (or a hand-built policy object, returned unchanged)
 *
 * An HTTP API sends a REQUEST event with payload format 2.0 (`version: "2.0"`, `routeArn`,
 * `identitySource`, lower-case `headers`): the token is the authorizer's header (else the
 * first identity source) and `methodArn` is the `routeArn`. With `simpleResponses` the
 * function's `{ isAuthorized, context }` goes back as it is; an AuthResponse there is an
 * error (API Gateway would not read a policy), saying what to return instead.
 *
 * Only 'all' middleware applies: no other middleware event type describes an authorizer,
 * and 'all' is documented as running for every Lambda function of the app.
 *
 * Failures are reported the way API Gateway reads a Lambda authorizer's outcome:
 * - a denial (an `UnauthorizedError`, or any error whose message is exactly `Unauthorized`)
 *   fails the invocation with the message `Unauthorized`, which API Gateway answers 401;
 * - anything else (another error, a result that is not an object) fails the invocation with
 *   that error, which API Gateway answers 500 (AuthorizerConfigurationException): a broken
 *   authorizer must not look like a wrong token.
 * The method ARN is not validated: an ARN it cannot parse still runs the function (see
 * auth-policy.ts for the resources such a policy gets).
 */
import type { Chalice } from '../app.js';
import { AuthRequest, AuthResponse, type ChaliceAuthorizer } from '../auth.js';
import type { APIGatewayAuthorizerEvent, APIGatewayAuthorizerResult } from '../aws-events.js';
import type { APIGatewayRequestAuthorizerEventV2 } from '../aws-events-v2.js';
import { UnauthorizedError } from '../errors.js';
import { authResponseToPolicy } from '../http/auth-policy.js';
import { runInInvocationScope } from '../invocation-scope.js';
import type { LambdaContext } from '../lambda-context.js';
import { composeMiddleware, type MiddlewareEntry } from '../middleware.js';

export type AuthorizerHandler = (
  event: APIGatewayAuthorizerEvent | APIGatewayRequestAuthorizerEventV2,
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
      if (isDenial(error)) throw new Error(UNAUTHORIZED);
      app.log.error(`Authorizer ${authorizer.name} failed; API Gateway answers such a failure 500`, error);
      throw error;
    }
    if (authorizer.simpleResponses) {
      if (isSimpleResponse(result)) return result as unknown as Record<string, unknown>;
      throw new TypeError(
        `Authorizer ${authorizer.name} has simpleResponses: true, so it must return { isAuthorized: boolean, context? }${result instanceof AuthResponse ? ', not an AuthResponse' : ''}; or drop simpleResponses to return an AuthResponse`,
      );
    }
    if (result instanceof AuthResponse) return authResponseToPolicy(result, auth.methodArn);
    // A policy the user built by hand goes to API Gateway unchanged.
    if (typeof result === 'object' && result !== null) return result as Record<string, unknown>;
    throw new TypeError(
      `Authorizer ${authorizer.name} returned ${result === undefined ? 'nothing' : result === null ? 'null' : typeof result}; return an AuthResponse (or a policy object), or throw new UnauthorizedError() to deny the request`,
    );
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

function isSimpleResponse(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || typeof (value as { isAuthorized?: unknown }).isAuthorized !== 'boolean') return false;
  const context = (value as { context?: unknown }).context;
  return context === undefined || (typeof context === 'object' && context !== null && !Array.isArray(context));
}

/** An error that means "not authorized" (401) rather than "the authorizer is broken" (500). */
function isDenial(error: unknown): boolean {
  return error instanceof UnauthorizedError || (error instanceof Error && error.message === UNAUTHORIZED);
}

/**
 * TOKEN events carry the token; REQUEST events carry the headers, so the token is the
 * authorizer's header (case-insensitive), or `''` when the request did not send it.
 */
export function authorizerEventToAuthRequest(event: APIGatewayAuthorizerEvent | APIGatewayRequestAuthorizerEventV2, header: string): AuthRequest {
  if (event !== null && typeof event === 'object' && 'routeArn' in event && typeof event.routeArn === 'string') {
    const wanted = header.toLowerCase();
    let token: string | undefined;
    for (const [name, value] of Object.entries(event.headers ?? {})) {
      if (name.toLowerCase() === wanted && typeof value === 'string') token = value;
    }
    token ??= Array.isArray(event.identitySource) && typeof event.identitySource[0] === 'string' ? event.identitySource[0] : '';
    return new AuthRequest('REQUEST', token, event.routeArn);
  }
  if (event === null || typeof event !== 'object' || !('methodArn' in event) || typeof event.methodArn !== 'string') {
    throw new TypeError('authorizer: the event is not an API Gateway authorizer event (no methodArn or routeArn)');
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
