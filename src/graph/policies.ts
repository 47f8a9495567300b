/**
 * IAM documents the graph adds on its own: the Lambda trust policy, the network-interface
 * permissions a function in a VPC needs, sending to a dead-letter queue or an asynchronous
 * invocation's destinations, and the default
 * resource policy of a PRIVATE API.
 */
import type { IamPolicyDocument, IamPolicyStatement } from './resources.js';

/** Lets Lambda assume a function's role. */
export const LAMBDA_TRUST_POLICY: IamPolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** Lambda creates, describes and deletes ENIs in the function's subnets with the function's role. */
export const VPC_ACCESS_STATEMENT: IamPolicyStatement = {
  Effect: 'Allow',
  Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface', 'ec2:DeleteNetworkInterface'],
  Resource: '*',
};

/** The document with `VPC_ACCESS_STATEMENT` appended unless it already grants `ec2:CreateNetworkInterface`. */
export function withVpcAccess(document: IamPolicyDocument): IamPolicyDocument {
  const grants = document.Statement.some((statement) => {
    const action = statement.Action;
    const actions = Array.isArray(action) ? action : [action];
    return statement.Effect === 'Allow' && actions.includes('ec2:CreateNetworkInterface');
  });
  return grants ? document : { ...document, Statement: [...document.Statement, VPC_ACCESS_STATEMENT] };
}

/** The action Lambda needs on a destination, by the destination ARN's service. */
const SEND_ACTIONS: Readonly<Record<string, string>> = {
  sqs: 'sqs:SendMessage',
  sns: 'sns:Publish',
  lambda: 'lambda:InvokeFunction',
  events: 'events:PutEvents',
};

/**
 * Lambda sends a failed asynchronous event to the dead-letter queue or topic, and an
 * asynchronous invocation's record to its on-failure/on-success destinations, with the
 * function's role: one statement per action, resources sorted.
 */
export function withDestinationAccess(document: IamPolicyDocument, targets: readonly string[]): IamPolicyDocument {
  if (targets.length === 0) return document;
  const byAction = new Map<string, string[]>();
  for (const arn of [...new Set(targets)].sort()) {
    const action = SEND_ACTIONS[arn.split(':')[2] ?? ''] ?? 'sqs:SendMessage';
    byAction.set(action, [...(byAction.get(action) ?? []), arn]);
  }
  const statements = [...byAction].sort(([a], [b]) => (a < b ? -1 : 1)).map(([action, resources]) => ({ Effect: 'Allow', Action: [action], Resource: resources }));
  return { ...document, Statement: [...document.Statement, ...statements] };
}

/** A PRIVATE API without a policy file accepts calls only through the configured VPC endpoints. */
export function privateApiPolicy(vpcEndpointIds: readonly string[]): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'arn:*:execute-api:*:*:*',
        Condition: { StringEquals: { 'aws:SourceVpce': vpcEndpointIds.length === 1 ? vpcEndpointIds[0] : [...vpcEndpointIds] } },
      },
    ],
  };
}
