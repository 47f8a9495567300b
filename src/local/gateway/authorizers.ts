/**
 * Running a route's authorizer the way API Gateway does before it calls the integration.
 *
 * - builtin (`app.authorizer`): the token comes from the configured header (missing → 401
 *   without calling anything); the authorizer's own Lambda entry point receives a real TOKEN
 *   event; its policy is evaluated against the method ARN (see policy.ts); the result is
 *   cached per (authorizer, token) for `ttlSeconds`; `principalId` and the context (values
 *   stringified, as API Gateway does) become `requestContext.authorizer`. A Lambda that fails
 *   with the message 'Unauthorized' means 401 (that message is API Gateway's only denial);
 *   any other failure, or a result without a policy and principal (nothing, null, a
 *   malformed policy), is API Gateway's 500 `{"message": null}`
 *   AuthorizerConfigurationException, and the cause goes to `onWarning` (the console of
 *   `chalice local`). The method ARN is passed on as built, whatever its path holds.
 * - cognito_user_pools: the JWT in the header is decoded (NOT verified, see jwt.ts) into
 *   `requestContext.authorizer.claims`; missing, undecodable or expired → 401; route scopes
 *   must appear in the token's `scope` claim.
 * - iam and custom (an existing Lambda by ARN) cannot run locally: refused with a 401 that
 *   says why, or let through when `unsupportedAuthorizers: 'allow'`; both warn.
 */
import type { Authorizer } from '../../runtime/index.js';
import { createAuthorizerCache } from './authorizer-cache.js';
import { accessDenied, authorizerConfigurationError, gatewayTimeout, unauthorized } from './gateway-responses.js';
import { headerValue } from './headers.js';
import { claimsToStringMap, jwtToClaims } from './jwt.js';
import { evaluatePolicy, isPolicyDocument } from './policy.js';
import type { Clock, GatewayApp, GatewayResponse } from './types.js';

export type AuthorizationOutcome =
  | { readonly ok: true; readonly authorizerContext?: Record<string, unknown> }
  | { readonly ok: false; readonly response: GatewayResponse };

/** The outcome of one Lambda invocation, as the gateway's invoker reports it. */
export type InvocationOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'timed-out' };

export interface AuthorizerRunnerOptions {
  readonly clock: Clock;
  readonly unsupportedAuthorizers: 'refuse' | 'allow';
  /** What a refused request is told to do to let such routes through. */
  readonly unsupportedAuthorizersHint?: string;
  readonly onWarning: (message: string) => void;
  readonly invoke: (functionName: string, event: unknown) => Promise<InvocationOutcome>;
}

export interface AuthorizeInput {
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly methodArn: string;
}

export interface AuthorizerRunner {
  authorize(authorizer: Authorizer, input: AuthorizeInput): Promise<AuthorizationOutcome>;
}

interface AuthorizerPolicy {
  readonly principalId: string;
  readonly policyDocument: unknown;
  readonly context: Record<string, string>;
}

/** Warns once for each IAM/custom authorizer the app uses (called when the gateway is created). */
export function warnAboutUnsupportedAuthorizers(app: GatewayApp, mode: 'refuse' | 'allow', onWarning: (message: string) => void, hint?: string): void {
  const seen = new Set<string>();
  for (const byMethod of app.routes.values()) {
    for (const route of byMethod.values()) {
      const authorizer = route.authorizer;
      if (!authorizer || !isUnsupported(authorizer) || seen.has(`${authorizer.kind}:${authorizer.name}`)) continue;
      seen.add(`${authorizer.kind}:${authorizer.name}`);
      const how = mode === 'refuse' ? `answered 401 locally${hint ? ` (to let them through: ${hint})` : ''}` : 'NOT authenticated locally';
      onWarning(`${unsupportedReason(authorizer)}; routes using it are ${how}${hint ? '' : ` (unsupportedAuthorizers: '${mode}')`}`);
    }
  }
}

export function createAuthorizerRunner(options: AuthorizerRunnerOptions): AuthorizerRunner {
  const cache = createAuthorizerCache<AuthorizerPolicy>(options.clock);

  async function builtin(authorizer: Authorizer & { ttlSeconds?: number }, input: AuthorizeInput): Promise<AuthorizationOutcome> {
    const token = headerValue(input.headers, authorizer.header);
    if (token === undefined || token === '') return { ok: false, response: unauthorized() };
    let policy = cache.get(authorizer.name, token);
    if (policy === undefined) {
      const event = { type: 'TOKEN', authorizationToken: token, methodArn: input.methodArn };
      const outcome = await options.invoke(authorizer.name, event);
      if (outcome.kind === 'timed-out') return { ok: false, response: gatewayTimeout() };
      if (outcome.kind === 'failed') {
        if (errorMessageOf(outcome.error) === 'Unauthorized') return { ok: false, response: unauthorized() };
        options.onWarning(`Authorizer ${authorizer.name} failed, so API Gateway answers 500 (AuthorizerConfigurationException): ${errorText(outcome.error)}`);
        return { ok: false, response: authorizerConfigurationError() };
      }
      const parsed = authorizerResultToPolicy(outcome.value);
      if (parsed === null) {
        options.onWarning(
          `Authorizer ${authorizer.name} returned ${resultText(outcome.value)}, not { principalId, policyDocument } with string/number/boolean context values, so API Gateway answers 500 (AuthorizerConfigurationException)`,
        );
        return { ok: false, response: authorizerConfigurationError() };
      }
      policy = parsed;
      cache.set(authorizer.name, token, policy, authorizer.ttlSeconds ?? 300);
    }
    const decision = evaluatePolicy(policy.policyDocument, input.methodArn);
    if (decision !== 'allow') return { ok: false, response: accessDenied(decision === 'explicit-deny') };
    return { ok: true, authorizerContext: { ...policy.context, principalId: policy.principalId } };
  }

  function cognito(authorizer: Authorizer, input: AuthorizeInput): AuthorizationOutcome {
    const token = headerValue(input.headers, authorizer.header);
    if (token === undefined || token === '') return { ok: false, response: unauthorized() };
    const claims = jwtToClaims(token);
    if (claims === null) return { ok: false, response: unauthorized() };
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= options.clock.now()) {
      return { ok: false, response: unauthorized('The incoming token has expired') };
    }
    if (authorizer.scopes.length > 0) {
      const granted = typeof claims.scope === 'string' ? claims.scope.split(/\s+/) : [];
      if (!authorizer.scopes.some((scope) => granted.includes(scope))) return { ok: false, response: unauthorized() };
    }
    return { ok: true, authorizerContext: { claims: claimsToStringMap(claims) } };
  }

  return {
    async authorize(authorizer, input) {
      switch (authorizer.kind) {
        case 'builtin':
          return builtin(authorizer, input);
        case 'cognito_user_pools':
          return cognito(authorizer, input);
        case 'jwt':
          // A REST API has no JWT authorizers; the app graph refuses this before deploy.
          return { ok: false, response: unauthorized(`JWT authorizer ${authorizer.name} needs an HTTP API; set "api_type": "http" in .chalice/config.json or use CognitoUserPoolAuthorizer`) };
        case 'iam':
        case 'custom': {
          const reason = unsupportedReason(authorizer);
          options.onWarning(`${reason}; request ${options.unsupportedAuthorizers === 'refuse' ? 'refused with 401' : 'let through unauthenticated'}`);
          if (options.unsupportedAuthorizers === 'allow') return { ok: true };
          const hint = options.unsupportedAuthorizersHint ?? "set the option unsupportedAuthorizers: 'allow'";
          return { ok: false, response: unauthorized(`${reason}; to let such requests through unauthenticated locally, ${hint}`) };
        }
        default: {
          const never: never = authorizer.kind;
          return { ok: false, response: unauthorized(`Unknown authorizer kind ${String(never)}`) };
        }
      }
    },
  };
}

function isUnsupported(authorizer: Authorizer): boolean {
  return authorizer.kind === 'iam' || authorizer.kind === 'custom';
}

function unsupportedReason(authorizer: Authorizer): string {
  return authorizer.kind === 'iam'
    ? `IAM authorizer ${authorizer.name} cannot be emulated locally (it needs SigV4-signed requests checked by AWS IAM)`
    : `Custom authorizer ${authorizer.name} cannot be emulated locally (its Lambda function lives in AWS, not in this app)`;
}

/** The message of an error from an authorizer (an Error, a string, or Lambda's `{ errorMessage }`). */
export function errorMessageOf(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return undefined;
  // Duck-typed: an Error from the app, or a Lambda-style `{ errorMessage }` payload.
  const { message, errorMessage } = error as { message?: unknown; errorMessage?: unknown };
  if (typeof message === 'string') return message;
  return typeof errorMessage === 'string' ? errorMessage : undefined;
}

/** An error for the console: its stack when it has one. */
export function errorText(error: unknown): string {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack === 'string') return stack;
  return errorMessageOf(error) ?? String(error);
}

/** An authorizer's result for the console, cut at 200 characters. */
export function resultText(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A TOKEN authorizer's output → principal, policy and stringified context; `null` when malformed. */
export function authorizerResultToPolicy(value: unknown): AuthorizerPolicy | null {
  if (typeof value !== 'object' || value === null) return null;
  const result = value as Record<string, unknown>;
  if (typeof result.principalId !== 'string' || !isPolicyDocument(result.policyDocument)) return null;
  const context: Record<string, string> = {};
  if (result.context !== undefined && result.context !== null) {
    if (typeof result.context !== 'object' || Array.isArray(result.context)) return null;
    for (const [key, v] of Object.entries(result.context)) {
      if (v === null || v === undefined) continue;
      // API Gateway only accepts primitive context values and hands them on as strings.
      if (typeof v === 'object') return null;
      context[key] = String(v);
    }
  }
  return { principalId: result.principalId, policyDocument: result.policyDocument, context };
}
