import { describe, expect, it } from 'vitest';
import { eventSourcePolicyStatements } from '../../../src/build/event-source-policy.js';

describe('event-source permissions of the execution role', () => {
  it('grants nothing to apps without poll-based sources', () => {
    expect(eventSourcePolicyStatements([{ kind: 'sns' }, { kind: 's3' }, { kind: 'schedule' }])).toEqual([]);
  });

  it.each([
    [{ kind: 'sqs', queue: 'jobs' }, ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'arn:*:sqs:*:*:jobs'],
    [{ kind: 'sqs', queue: 'arn:aws:sqs:eu-west-1:1:q' }, ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'arn:aws:sqs:eu-west-1:1:q'],
    [{ kind: 'kinesis', stream: 'clicks' }, expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator']), 'arn:*:kinesis:*:*:stream/clicks'],
    [{ kind: 'dynamodb', streamArn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x' }, ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x'],
  ])('scopes the read permissions of %o to its source', (source, actions, resource) => {
    const [first] = eventSourcePolicyStatements([source]);
    expect(first).toEqual({ Effect: 'Allow', Action: actions, Resource: [resource] });
  });

  it('merges sources of one kind and lists account-level actions on "*"', () => {
    const statements = eventSourcePolicyStatements([
      { kind: 'sqs', queue: 'b' },
      { kind: 'sqs', queue: 'a' },
      { kind: 'kinesis', stream: 's' },
      { kind: 'dynamodb', streamArn: 'arn:d' },
    ]);
    expect(statements.map((s) => s.Resource)).toEqual([['arn:*:sqs:*:*:a', 'arn:*:sqs:*:*:b'], ['arn:*:kinesis:*:*:stream/s'], ['arn:d'], '*']);
    expect(statements[3].Action).toEqual(['dynamodb:ListStreams', 'kinesis:ListStreams']);
  });

  it('lets Lambda send a discarded batch to each stream handler\'s onFailure destination, per service', () => {
    const statements = eventSourcePolicyStatements([
      { kind: 'kinesis', stream: 'a', onError: { onFailure: 'arn:aws:sqs:us-east-1:1:dlq' } },
      { kind: 'dynamodb', streamArn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x', onError: { onFailure: 'arn:aws:sns:us-east-1:1:alerts' } },
      { kind: 'kinesis', stream: 'b', onError: { onFailure: 'arn:aws:s3:::failures' } },
      { kind: 'kinesis', stream: 'c', onError: {} },
    ]);
    expect(statements.slice(-3)).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::failures/*'] },
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:us-east-1:1:alerts'] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:1:dlq'] },
    ]);
  });
});
