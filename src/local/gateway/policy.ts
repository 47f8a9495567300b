/**
 * Evaluating a Lambda authorizer's IAM policy against the method ARN of a request, as API
 * Gateway does:
 * - only statements whose Action covers `execute-api:Invoke` count;
 * - a Resource pattern may use `*` (any run of characters, including `/`) and `?` (one
 *   character); nothing else is special and there is no escaping;
 * - an explicit Deny wins over any Allow; no matching Allow means denied.
 */

export type PolicyDecision = 'allow' | 'deny' | 'explicit-deny';

/** A policy pattern (`arn:aws:execute-api:*:*:abc/api/GET/users/*`) → anchored RegExp. */
export function arnPatternToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

export function arnMatches(pattern: string, arn: string): boolean {
  return arnPatternToRegExp(pattern).test(arn);
}

/** Decides whether a policy document lets the caller invoke `methodArn`. */
export function evaluatePolicy(policyDocument: unknown, methodArn: string): PolicyDecision {
  let allowed = false;
  for (const statement of statementsOf(policyDocument)) {
    if (!asList(statement.Action).some((action) => arnMatches(action.toLowerCase(), 'execute-api:invoke'))) continue;
    if (!asList(statement.Resource).some((resource) => arnMatches(resource, methodArn))) continue;
    const effect = typeof statement.Effect === 'string' ? statement.Effect.toLowerCase() : '';
    if (effect === 'deny') return 'explicit-deny';
    if (effect === 'allow') allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}

/** Whether a value looks like an IAM policy document (has a Statement). */
export function isPolicyDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'Statement' in value;
}

function statementsOf(policyDocument: unknown): Array<Record<string, unknown>> {
  if (typeof policyDocument !== 'object' || policyDocument === null) return [];
  const statement = (policyDocument as Record<string, unknown>).Statement;
  const list = Array.isArray(statement) ? statement : [statement];
  return list.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
