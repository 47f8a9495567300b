/**
 * A route's authorizer, run the way an HTTP API runs it before the integration:
 * - jwt (`JWTAuthorizer`): checked here (jwt-verify.ts) against the configured JWKS; without
 *   one, every request to such a route is refused with 401 (start-up warned how to give one);
 * - builtin (`app.authorizer`), payload format 2.0: the identity source is the authorizer's
 *   header; a request without it is 401 and the function is not called; the function gets a
 *   REQUEST event (`routeArn`, `identitySource`, the request's headers, query, cookies…) and
 *   its answer is cached per identity source for `ttlSeconds` (0: not cached). A simple
 *   response `{ isAuthorized, context }` (with `simpleResponses`) or an IAM policy evaluated
 *   against the route ARN decides: denied → 403 `{"message":"Forbidden"}`. A failure with
 *   the message 'Unauthorized' is 401; any other failure or an unusable answer is 500
 *   `{"message":"Internal Server Error"}`, with the reason on the console. The view sees
 *   `request.context.authorizer.lambda` (the context);
 * - iam: cannot run locally: refused with 401, or let through with `unsupportedAuthorizers:
 *   'allow'` (both warn), as for REST APIs.
 */
import type { Authorizer } from '../../runtime/index.js';
import type { InvocationOutcome } from '../gateway/authorizers.js';
import { errorMessageOf, errorText, resultText } from '../gateway/authorizers.js';
import { createAuthorizerCache } from '../gateway/authorizer-cache.js';
import { headerValue } from '../gateway/headers.js';
import { evaluatePolicy, isPolicyDocument } from '../gateway/policy.js';
import type { Clock, GatewayResponse } from '../gateway/types.js';
import type { JwksProvider } from './jwks.js';
import { bearerToken, verifyJwt } from './jwt-verify.js';
import { forbidden, internalServerError, unauthorized } from './responses.js';

export type HttpAuthOutcome = { readonly ok: true; readonly authorizer?: Record<string, unknown> } | { readonly ok: false; readonly response: GatewayResponse };

export interface HttpAuthorizerRunnerOptions {
  readonly clock: Clock;
  readonly jwks: JwksProvider | undefined;
  readonly unsupportedAuthorizers: 'refuse' | 'allow';
  readonly onWarning: (message: string) => void;
  readonly invoke: (functionName: string, event: unknown) => Promise<InvocationOutcome>;
}

export interface HttpAuthorizeInput {
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly routeArn: string;
  /** The request's payload format 2.0 event, the base of a Lambda authorizer's event. */
  readonly event: () => Record<string, unknown>;
}

type Decision = { readonly allowed: boolean; readonly authorizer: Record<string, unknown>; readonly policyDocument?: unknown };

export function createHttpAuthorizerRunner(options: HttpAuthorizerRunnerOptions) {
  const cache = createAuthorizerCache<Decision>(options.clock);

  async function jwt(authorizer: Authorizer & { issuer?: string; audience?: readonly string[] }, input: HttpAuthorizeInput): Promise<HttpAuthOutcome> {
    const token = bearerToken(headerValue(input.headers, authorizer.header));
    if (token === undefined) return { ok: false, response: unauthorized() };
    if (options.jwks === undefined) return { ok: false, response: unauthorized('Bearer error="invalid_token" error_description="no JWKS configured locally"') };
    let keys;
    try {
      keys = await options.jwks.get(kidOf(token));
    } catch (error) {
      options.onWarning(`JWT authorizer ${authorizer.name}: cannot load the JWKS from ${options.jwks.description}: ${(error as Error).message}; request refused with 401`);
      return { ok: false, response: unauthorized() };
    }
    const outcome = verifyJwt(token, { name: authorizer.name, issuer: authorizer.issuer ?? '', audience: authorizer.audience ?? [], scopes: authorizer.scopes }, keys, options.clock.now());
    if (!outcome.ok) {
      return { ok: false, response: outcome.status === 403 ? forbidden(outcome.wwwAuthenticate) : unauthorized(outcome.wwwAuthenticate) };
    }
    return { ok: true, authorizer: { jwt: outcome.jwt } };
  }

  async function lambda(authorizer: Authorizer & { ttlSeconds?: number; simpleResponses?: boolean }, input: HttpAuthorizeInput): Promise<HttpAuthOutcome> {
    const identity = headerValue(input.headers, authorizer.header);
    if (identity === undefined || identity === '') return { ok: false, response: unauthorized() };
    let decision = cache.get(authorizer.name, identity);
    if (decision === undefined) {
      const { body: _body, isBase64Encoded: _encoded, ...request } = input.event();
      const event = { ...request, type: 'REQUEST', routeArn: input.routeArn, identitySource: [identity] };
      const outcome = await options.invoke(authorizer.name, event);
      if (outcome.kind === 'timed-out') {
        options.onWarning(`Authorizer ${authorizer.name} timed out, so the HTTP API answers 500`);
        return { ok: false, response: internalServerError() };
      }
      if (outcome.kind === 'failed') {
        if (errorMessageOf(outcome.error) === 'Unauthorized') return { ok: false, response: unauthorized() };
        options.onWarning(`Authorizer ${authorizer.name} failed, so the HTTP API answers 500: ${errorText(outcome.error)}`);
        return { ok: false, response: internalServerError() };
      }
      const parsed = authorizer.simpleResponses ? simpleDecision(outcome.value) : policyDecision(outcome.value);
      if (parsed === null) {
        const expected = authorizer.simpleResponses ? '{ isAuthorized: boolean, context? }' : '{ principalId, policyDocument, context? }';
        options.onWarning(`Authorizer ${authorizer.name} returned ${resultText(outcome.value)}, not ${expected}, so the HTTP API answers 500`);
        return { ok: false, response: internalServerError() };
      }
      decision = parsed;
      cache.set(authorizer.name, identity, decision, authorizer.ttlSeconds ?? 300);
    }
    const allowed = decision.policyDocument === undefined ? decision.allowed : evaluatePolicy(decision.policyDocument, input.routeArn) === 'allow';
    return allowed ? { ok: true, authorizer: decision.authorizer } : { ok: false, response: forbidden() };
  }

  return {
    async authorize(authorizer: Authorizer, input: HttpAuthorizeInput): Promise<HttpAuthOutcome> {
      switch (authorizer.kind) {
        case 'jwt':
          return jwt(authorizer, input);
        case 'builtin':
          return lambda(authorizer, input);
        case 'iam': {
          const reason = `IAM authorizer ${authorizer.name} cannot be emulated locally (it needs SigV4-signed requests checked by AWS IAM)`;
          options.onWarning(`${reason}; request ${options.unsupportedAuthorizers === 'refuse' ? 'refused with 401' : 'let through unauthenticated'}`);
          return options.unsupportedAuthorizers === 'allow' ? { ok: true } : { ok: false, response: unauthorized() };
        }
        case 'cognito_user_pools':
        case 'custom':
          // Refused when the gateway is created (validate.ts); kept for exhaustiveness.
          return { ok: false, response: unauthorized() };
        default: {
          const never: never = authorizer.kind;
          return { ok: false, response: unauthorized(String(never)) };
        }
      }
    },
  };
}

function simpleDecision(value: unknown): Decision | null {
  if (typeof value !== 'object' || value === null) return null;
  const { isAuthorized, context } = value as { isAuthorized?: unknown; context?: unknown };
  if (typeof isAuthorized !== 'boolean') return null;
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) return null;
  return { allowed: isAuthorized, authorizer: { lambda: (context ?? {}) as Record<string, unknown> } };
}

function policyDecision(value: unknown): Decision | null {
  if (typeof value !== 'object' || value === null) return null;
  const { principalId, policyDocument, context } = value as { principalId?: unknown; policyDocument?: unknown; context?: unknown };
  if (typeof principalId !== 'string' || !isPolicyDocument(policyDocument)) return null;
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) return null;
  return { allowed: false, policyDocument, authorizer: { lambda: (context ?? {}) as Record<string, unknown>, principalId } };
}

function kidOf(token: string): string | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    const kid = (header as { kid?: unknown } | null)?.kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}
