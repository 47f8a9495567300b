/**
 * Partial batch failures, through the test client (the same entry point Lambda runs): the
 * `{ batchItemFailures }` Lambda reads, built by `event.processRecords` or returned by the
 * handler, and the registration options' ranges.
 */
import { describe, expect, it } from 'vitest';
import { Chalice, type SQSRecord } from '../../../../src/runtime/index.js';
import { Client } from '../../../../src/testing/index.js';

const PROJECT = '/nonexistent-project-dir-for-tests';
const quiet = { onError: () => undefined };

function failOn(bad: string) {
  return (body: string) => {
    if (body.includes(bad)) throw new Error(`cannot process ${body}`);
  };
}

function makeApp() {
  const app = new Chalice({ appName: 'batches' });
  const seen: string[] = [];
  app.onSqsMessage('jobs', { name: 'sqs', reportBatchItemFailures: true }, (event) =>
    event.processRecords((message) => {
      seen.push(message.body);
      failOn('bad')(message.body);
    }, quiet),
  );
  app.onSqsMessage('jobs.fifo', { name: 'fifo', reportBatchItemFailures: true }, (event) =>
    event.processRecords((message) => failOn('bad')(message.body), quiet),
  );
  app.onKinesisRecord('clicks', { name: 'kinesis', reportBatchItemFailures: true }, (event) =>
    event.processRecords((record) => {
      seen.push(record.data.toString());
      failOn('bad')(record.data.toString());
    }, quiet),
  );
  app.onDynamodbRecord('arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x', { name: 'ddb', reportBatchItemFailures: true }, (event) =>
    event.processRecords((record) => failOn('bad')(record.keys?.id?.S ?? ''), quiet),
  );
  app.onSqsMessage('manual', { name: 'manual', reportBatchItemFailures: true }, (event) => ({
    batchItemFailures: [...event].filter((m: SQSRecord) => m.body.startsWith('retry')).map((m) => ({ itemIdentifier: m.messageId })),
  }));
  app.onSqsMessage('nothing', { name: 'returns_nothing', reportBatchItemFailures: true }, () => undefined);
  app.onSqsMessage('typo', { name: 'wrong_id', reportBatchItemFailures: true }, () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] }));
  app.onSqsMessage('typo', { name: 'no_id', reportBatchItemFailures: true }, () => ({ batchItemFailures: [{ id: 'x' }] }));
  app.onSqsMessage('plain', { name: 'not_reporting' }, (event) => ({ batchItemFailures: [...event].map((m) => ({ itemIdentifier: m.messageId })) }));
  app.onSqsMessage('boom', { name: 'throws', reportBatchItemFailures: true }, () => {
    throw new Error('whole batch fails');
  });
  return { app, seen };
}

describe('partial batch failures through lambda.invoke', () => {
  const { app, seen } = makeApp();
  const client = new Client(app, { projectDir: PROJECT });

  it('SQS standard queue: every message is processed and only the failing ones are reported', async () => {
    seen.length = 0;
    const event = client.events.generateSqsEvent(['ok-1', 'bad-2', 'ok-3', 'bad-4'], 'jobs');
    const { payload } = await client.lambda.invoke('sqs', event);
    expect(seen).toEqual(['ok-1', 'bad-2', 'ok-3', 'bad-4']);
    expect(payload).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1].messageId }, { itemIdentifier: event.Records[3].messageId }] });
  });

  it('SQS FIFO queue: processing stops at the first failure and it and every later message are reported, to keep the order', async () => {
    const event = client.events.generateSqsEvent(['ok-1', 'bad-2', 'ok-3'], 'jobs.fifo');
    const { payload } = await client.lambda.invoke('fifo', event);
    expect(payload.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1].messageId }, { itemIdentifier: event.Records[2].messageId }]);
  });

  it('Kinesis: processing stops at the first failing record, reported by sequence number (the checkpoint)', async () => {
    seen.length = 0;
    const event = client.events.generateKinesisEvent(['ok-1', 'bad-2', 'ok-3'], { stream: 'clicks' });
    const { payload } = await client.lambda.invoke('kinesis', event);
    expect(seen).toEqual(['ok-1', 'bad-2']);
    expect(payload).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1].kinesis.sequenceNumber }] });
  });

  it('DynamoDB: the first failing stream record is reported by its sequence number', async () => {
    const event = client.events.generateDynamodbEvent([{ keys: { id: { S: 'ok' } } }, { keys: { id: { S: 'bad' } } }]);
    const { payload } = await client.lambda.invoke('ddb', event);
    expect(payload).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1].dynamodb.SequenceNumber }] });
  });

  it('a batch that fully succeeds reports an empty list', async () => {
    const { payload } = await client.lambda.invoke('sqs', client.events.generateSqsEvent(['ok-1', 'ok-2'], 'jobs'));
    expect(payload).toEqual({ batchItemFailures: [] });
  });

  it('a handler may build batchItemFailures itself', async () => {
    const event = client.events.generateSqsEvent(['retry-me', 'done'], 'manual');
    expect((await client.lambda.invoke('manual', event)).payload).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0].messageId }] });
  });

  it('a handler that returns nothing reports full success, as Lambda reads it', async () => {
    expect((await client.lambda.invoke('returns_nothing', client.events.generateSqsEvent(['a']))).payload).toEqual({ batchItemFailures: [] });
  });

  it.each([
    ['wrong_id', /itemIdentifier "not-in-batch" is not in the batch; Lambda would fail the whole batch/],
    ['no_id', /batchItemFailures\[0\] needs an itemIdentifier string/],
  ])('a malformed result (%s) fails the invocation with the reason instead of failing the batch silently', async (name, message) => {
    await expect(client.lambda.invoke(name, client.events.generateSqsEvent(['a']))).rejects.toThrow(message);
  });

  it('a thrown error still fails the whole batch', async () => {
    await expect(client.lambda.invoke('throws', client.events.generateSqsEvent(['a']))).rejects.toThrow('whole batch fails');
  });

  it('without reportBatchItemFailures the result passes through unchanged, with a warning that Lambda ignores it', async () => {
    const warnings: string[] = [];
    const original = app.log.warning.bind(app.log);
    app.log.warning = (...parts: unknown[]) => void warnings.push(parts.join(' '));
    try {
      const event = client.events.generateSqsEvent(['a'], 'plain');
      expect((await client.lambda.invoke('not_reporting', event)).payload).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0].messageId }] });
    } finally {
      app.log.warning = original;
    }
    expect(warnings).toEqual([expect.stringContaining('Lambda ignores them unless the handler is registered with { reportBatchItemFailures: true }')]);
  });
});

describe('processRecords reports failures to onError, or logs them', () => {
  it('logs each failure with its identifier by default', async () => {
    const app = new Chalice({ appName: 'log' });
    app.onSqsMessage('q', { name: 'q', reportBatchItemFailures: true }, (event) => event.processRecords((m) => failOn('bad')(m.body)));
    const client = new Client(app, { projectDir: PROJECT });
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...parts: unknown[]) => void logged.push(parts);
    try {
      const event = client.events.generateSqsEvent(['bad'], 'q');
      await client.lambda.invoke('q', event);
      expect(logged).toHaveLength(1);
      expect(String(logged[0][0])).toContain(event.Records[0].messageId);
      expect(String(logged[0][1])).toContain('cannot process bad');
    } finally {
      console.error = original;
    }
  });
});

describe('registration options are checked against Lambda\'s ranges', () => {
  const handler = () => undefined;
  it.each([
    ['SQS maximumConcurrency 1', (app: Chalice) => app.onSqsMessage('q', { name: 'a', maximumConcurrency: 1 }, handler), /maximumConcurrency must be an integer from 2 to 1000, got 1/],
    ['SQS maximumConcurrency 1001', (app: Chalice) => app.onSqsMessage('q', { name: 'a', maximumConcurrency: 1001 }, handler), /from 2 to 1000, got 1001/],
    ['reportBatchItemFailures not a boolean', (app: Chalice) => app.onSqsMessage('q', { name: 'a', reportBatchItemFailures: 'yes' as never }, handler), /reportBatchItemFailures must be true or false/],
    ['maximumRetryAttempts -2', (app: Chalice) => app.onKinesisRecord('s', { name: 'a', maximumRetryAttempts: -2 }, handler), /maximumRetryAttempts must be an integer from -1 .* to 10000, got -2/],
    ['maximumRecordAgeInSeconds 59', (app: Chalice) => app.onDynamodbRecord('arn:aws:dynamodb:r:1:table/t/stream/x', { name: 'a', maximumRecordAgeInSeconds: 59 }, handler), /maximumRecordAgeInSeconds must be -1 \(no limit\) or an integer from 60 to 604800, got 59/],
    ['onFailure not an ARN', (app: Chalice) => app.onKinesisRecord('s', { name: 'a', onFailure: 'my-dlq' }, handler), /onFailure must be the ARN of an SQS queue, SNS topic or S3 bucket/],
    ['onFailure a Lambda ARN', (app: Chalice) => app.onKinesisRecord('s', { name: 'a', onFailure: 'arn:aws:lambda:r:1:function:f' }, handler), /onFailure must be the ARN/],
    ['bisectOnError not a boolean', (app: Chalice) => app.onKinesisRecord('s', { name: 'a', bisectOnError: 1 as never }, handler), /bisectOnError must be true or false/],
  ])('%s', (_name, register, message) => {
    expect(() => register(new Chalice({ appName: 'x' }))).toThrow(message);
  });

  it('keeps the stream failure options that are set, and only those', () => {
    const app = new Chalice({ appName: 'x' });
    app.onKinesisRecord('s', { name: 'a', bisectOnError: true, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, onFailure: 'arn:aws:sns:r:1:t' }, handler);
    app.onKinesisRecord('s', { name: 'b', maximumRetryAttempts: 0 }, handler);
    expect(app.eventSources.map((e) => (e.kind === 'kinesis' ? e.onError : null))).toEqual([
      { bisectOnError: true, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, onFailure: 'arn:aws:sns:r:1:t' },
      { maximumRetryAttempts: 0 },
    ]);
  });
});
