/**
 * Builds the IAM policy document for a function's execution role from the analysed actions.
 *
 * Shape: the SDK actions in one statement on every resource (the analyser cannot know which
 * bucket or table a call names), CloudWatch Logs so the function can log at all, and EC2
 * network-interface management when the function runs in a VPC. Output is deterministic:
 * actions sorted and unique, the generated statements in a fixed order, extra statements in
 * canonical order, and a statement id derived from the actions instead of a random one, so
 * an unchanged app yields a byte-identical policy.
 */
import { createHash } from 'node:crypto';
import type { GeneratePolicyOptions, PolicyDocument, PolicyStatement } from './types.js';

export const POLICY_VERSION = '2012-10-17';

export const CLOUDWATCH_LOGS_STATEMENT: PolicyStatement = {
  Effect: 'Allow',
  Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: 'arn:*:logs:*:*:*',
};

/**
 * What Lambda needs to attach a function to a VPC (the actions of the
 * AWSLambdaVPCAccessExecutionRole managed policy). DescribeNetworkInterfaces only works on
 * `"Resource": "*"`.
 */
export const VPC_NETWORK_INTERFACE_STATEMENT: PolicyStatement = {
  Effect: 'Allow',
  Action: [
    'ec2:AssignPrivateIpAddresses',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DetachNetworkInterface',
    'ec2:UnassignPrivateIpAddresses',
  ],
  Resource: '*',
};

export function generatePolicyDocument(options: GeneratePolicyOptions): PolicyDocument {
  const actions = [...new Set(options.actions)].sort();
  const statements: PolicyStatement[] = [];
  if (actions.length > 0) {
    statements.push({ Sid: actionsToSid(actions), Effect: 'Allow', Action: actions, Resource: ['*'] });
  }
  statements.push(structuredClone(CLOUDWATCH_LOGS_STATEMENT));
  if (options.needsVpc === true) statements.push(structuredClone(VPC_NETWORK_INTERFACE_STATEMENT));
  const extras = new Map<string, PolicyStatement>();
  for (const statement of options.extraStatements ?? []) extras.set(canonicalJson(statement), statement);
  for (const key of [...extras.keys()].sort()) statements.push(orderStatementKeys(extras.get(key)!));
  return { Version: POLICY_VERSION, Statement: statements };
}

/** A 32-hex-digit statement id (IAM allows only alphanumerics) that changes only with the actions. */
export function actionsToSid(actions: readonly string[]): string {
  return createHash('sha256').update(actions.join('\n')).digest('hex').slice(0, 32);
}

// IAM's own element order, so that statements read the way AWS documents them.
const STATEMENT_KEY_ORDER = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** A copy of the statement with its keys in IAM's order (unknown keys last, sorted). */
function orderStatementKeys(statement: PolicyStatement): PolicyStatement {
  const rank = (key: string): number => {
    const index = STATEMENT_KEY_ORDER.indexOf(key);
    return index < 0 ? STATEMENT_KEY_ORDER.length : index;
  };
  const keys = Object.keys(statement).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, structuredClone(statement[key])])) as unknown as PolicyStatement;
}

/** JSON with object keys sorted at every level, for ordering and de-duplicating statements. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
