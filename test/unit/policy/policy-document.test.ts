import { describe, expect, it } from 'vitest';
import { generatePolicyDocument } from '../../../src/build/policy/index.js';

const LOGS = {
  Effect: 'Allow',
  Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: 'arn:*:logs:*:*:*',
};

describe('generatePolicyDocument', () => {
  it('grants only CloudWatch Logs when the app makes no SDK calls', () => {
    expect(generatePolicyDocument({ actions: [] })).toEqual({ Version: '2012-10-17', Statement: [LOGS] });
  });

  it('puts the SDK actions, sorted and unique, in one statement on every resource, before the logs statement', () => {
    const policy = generatePolicyDocument({ actions: ['sqs:SendMessage', 's3:PutObject', 'sqs:SendMessage', 'dynamodb:GetItem'] });
    expect(policy.Statement).toEqual([
      { Sid: expect.stringMatching(/^[0-9a-f]{32}$/), Effect: 'Allow', Action: ['dynamodb:GetItem', 's3:PutObject', 'sqs:SendMessage'], Resource: ['*'] },
      LOGS,
    ]);
  });

  it('derives the statement id from the actions, so it is stable but follows changes', () => {
    const sid = (actions: string[]) => generatePolicyDocument({ actions }).Statement[0]!.Sid;
    expect(sid(['s3:GetObject', 's3:PutObject'])).toBe(sid(['s3:PutObject', 's3:GetObject', 's3:PutObject']));
    expect(sid(['s3:GetObject'])).not.toBe(sid(['s3:PutObject']));
  });

  it.each([
    { needsVpc: true, hasEc2: true },
    { needsVpc: false, hasEc2: false },
    { needsVpc: undefined, hasEc2: false },
  ])('adds EC2 network-interface permissions only for VPC functions (needsVpc: $needsVpc)', ({ needsVpc, hasEc2 }) => {
    const { Statement } = generatePolicyDocument({ actions: ['s3:GetObject'], needsVpc });
    const ec2 = Statement.find((s) => Array.isArray(s.Action) && s.Action.some((a: string) => a.startsWith('ec2:')));
    expect(ec2 !== undefined).toBe(hasEc2);
    if (ec2 === undefined) return;
    expect(ec2.Action).toEqual(
      expect.arrayContaining(['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface']),
    );
    expect(ec2.Resource).toBe('*');
    expect(Statement.indexOf(ec2)).toBe(Statement.length - 1);
  });

  it('appends extra statements in a canonical order, once each, whatever order they come in', () => {
    const a = { Effect: 'Allow' as const, Action: 'sns:Publish', Resource: 'arn:aws:sns:*:*:a' };
    const b = { Resource: 'arn:aws:sqs:*:*:b', Action: 'sqs:SendMessage', Effect: 'Allow' as const };
    const bSameContent = { Effect: 'Allow' as const, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:b' };
    const first = generatePolicyDocument({ actions: [], extraStatements: [b, a, bSameContent] });
    const second = generatePolicyDocument({ actions: [], extraStatements: [a, b] });
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(first.Statement).toHaveLength(3);
    expect(first.Statement[0]).toEqual(LOGS);
  });

  it('returns a fresh document each time, so editing one cannot change the next', () => {
    const first = generatePolicyDocument({ actions: [], needsVpc: true });
    (first.Statement[0]!.Action as string[]).push('logs:DeleteLogGroup');
    expect(generatePolicyDocument({ actions: [], needsVpc: true }).Statement[0]).toEqual(LOGS);
  });
});
