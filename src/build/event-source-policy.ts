/**
 * What a stage's execution role needs for the app's poll-based event sources. Lambda's event
 * source mappings read SQS queues, Kinesis streams and DynamoDB streams with the function's
 * role, so without these permissions creating the mapping fails at deploy time; the SDK
 * analyser cannot see them because the app never makes those calls itself. The actions are
 * those of Lambda's managed execution-role policies for each source, scoped to the source.
 */
import type { PolicyStatement } from './policy/index.js';

/** The parts of an event-source entry this module reads (the app model, by property). */
export interface EventSourceLike {
  readonly kind: string;
  readonly queue?: string;
  readonly stream?: string;
  readonly streamArn?: string;
  /** A stream handler's failure options: Lambda sends a discarded batch's details to `onFailure` with the function's role. */
  readonly onError?: { readonly onFailure?: string };
}

/** What the role needs to send to an on-failure destination, by the destination's service. */
const DESTINATION_ACTIONS: Readonly<Record<string, string>> = { sqs: 'sqs:SendMessage', sns: 'sns:Publish', s3: 's3:PutObject' };

const SQS_ACTIONS = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
const KINESIS_ACTIONS = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
  'kinesis:SubscribeToShard',
];
const DYNAMODB_STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

/** A queue or stream given by name matches it in any region and account the stack lands in. */
function arnOrPattern(value: string, pattern: (name: string) => string): string {
  return value.startsWith('arn:') ? value : pattern(value);
}

/** One statement per kind of poll-based source the app uses, resources sorted; none otherwise. */
export function eventSourcePolicyStatements(sources: readonly EventSourceLike[]): PolicyStatement[] {
  const resources = { sqs: new Set<string>(), kinesis: new Set<string>(), dynamodb: new Set<string>() };
  for (const source of sources) {
    if (source.kind === 'sqs' && source.queue) resources.sqs.add(arnOrPattern(source.queue, (q) => `arn:*:sqs:*:*:${q}`));
    if (source.kind === 'kinesis' && source.stream) resources.kinesis.add(arnOrPattern(source.stream, (s) => `arn:*:kinesis:*:*:stream/${s}`));
    if (source.kind === 'dynamodb' && source.streamArn) resources.dynamodb.add(source.streamArn);
  }
  const statements: PolicyStatement[] = [];
  const add = (actions: string[], found: Set<string>) => {
    if (found.size > 0) statements.push({ Effect: 'Allow', Action: actions, Resource: [...found].sort() });
  };
  add(SQS_ACTIONS, resources.sqs);
  add(KINESIS_ACTIONS, resources.kinesis);
  add(DYNAMODB_STREAM_ACTIONS, resources.dynamodb);
  // ListStreams is account-level in both services: it cannot be scoped to one stream.
  const listStreams = [
    ...(resources.dynamodb.size > 0 ? ['dynamodb:ListStreams'] : []),
    ...(resources.kinesis.size > 0 ? ['kinesis:ListStreams'] : []),
  ];
  if (listStreams.length > 0) statements.push({ Effect: 'Allow', Action: listStreams, Resource: '*' });
  const destinations = new Map<string, Set<string>>();
  for (const source of sources) {
    const arn = source.onError?.onFailure;
    const action = arn === undefined ? undefined : DESTINATION_ACTIONS[arn.split(':')[2]];
    if (arn === undefined || action === undefined) continue;
    // S3 destinations receive objects under the bucket, so the resource is the bucket's contents.
    const resource = action === 's3:PutObject' ? `${arn}/*` : arn;
    destinations.set(action, (destinations.get(action) ?? new Set()).add(resource));
  }
  for (const [action, found] of [...destinations].sort(([a], [b]) => (a < b ? -1 : 1))) {
    statements.push({ Effect: 'Allow', Action: [action], Resource: [...found].sort() });
  }
  return statements;
}
