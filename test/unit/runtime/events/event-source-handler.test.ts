import { describe, expect, it } from 'vitest';
import {
  Blueprint,
  Chalice,
  CloudWatchEvent,
  ConvertToMiddleware,
  DynamoDBEvent,
  KinesisEvent,
  MIDDLEWARE_EVENT_TYPES,
  Rate,
  S3Event,
  SNSEvent,
  SQSEvent,
  type MiddlewareEventType,
} from '../../../../src/runtime/index.js';
import type { Registrar } from '../../../../src/runtime/registration.js';
import {
  dynamodbEvent,
  dynamodbStreamArn,
  ec2StateChangeEvent,
  kinesisEvent,
  lambdaContext,
  s3Event,
  scheduledEvent,
  snsEvent,
  sqsEvent,
} from './aws-samples.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case registers a handler for its own wrapper
type AnyHandler = (event: any) => unknown;

interface KindCase {
  readonly kind: string;
  readonly middlewareType: MiddlewareEventType;
  readonly raw: unknown;
  readonly wrapper: abstract new (...args: never[]) => unknown;
  /** Registers `handler` under `name` on an app or blueprint. */
  register(target: Registrar, name: string, handler: AnyHandler): void;
  /** Something only a correctly built wrapper yields. */
  summarize(event: any): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly summary: unknown;
}

const CASES: readonly KindCase[] = [
  {
    kind: 'schedule',
    middlewareType: 'scheduled',
    raw: scheduledEvent,
    wrapper: CloudWatchEvent,
    register: (t, name, h) => t.schedule(new Rate(1, Rate.HOURS), { name }, h),
    summarize: (e: CloudWatchEvent) => [e.detailType, e.resources[0]],
    summary: ['Scheduled Event', 'arn:aws:events:us-west-2:123456789012:rule/demo-dev-every_hour'],
  },
  {
    kind: 'cloudwatch-event',
    middlewareType: 'cloudwatch',
    raw: ec2StateChangeEvent,
    wrapper: CloudWatchEvent,
    register: (t, name, h) => t.onCwEvent({ source: ['aws.ec2'] }, { name }, h),
    summarize: (e: CloudWatchEvent) => [e.source, e.detail],
    summary: ['aws.ec2', { 'instance-id': 'i-0abc1234def567890', state: 'stopped' }],
  },
  {
    kind: 's3',
    middlewareType: 's3',
    raw: s3Event('reports/q1+summary.csv'),
    wrapper: S3Event,
    register: (t, name, h) => t.onS3Event('demo-uploads', { name }, h),
    summarize: (e: S3Event) => [e.bucket, e.key],
    summary: ['demo-uploads', 'reports/q1 summary.csv'],
  },
  {
    kind: 'sns',
    middlewareType: 'sns',
    raw: snsEvent('hello', 'Greeting'),
    wrapper: SNSEvent,
    register: (t, name, h) => t.onSnsMessage('demo-topic', { name }, h),
    summarize: (e: SNSEvent) => [e.subject, e.message],
    summary: ['Greeting', 'hello'],
  },
  {
    kind: 'sqs',
    middlewareType: 'sqs',
    raw: sqsEvent(['one', 'two']),
    wrapper: SQSEvent,
    register: (t, name, h) => t.onSqsMessage('demo-queue', { name, batchSize: 2 }, h),
    summarize: (e: SQSEvent) => [...e].map((r) => r.body),
    summary: ['one', 'two'],
  },
  {
    kind: 'kinesis',
    middlewareType: 'kinesis',
    raw: kinesisEvent(['{"temp":20}']),
    wrapper: KinesisEvent,
    register: (t, name, h) => t.onKinesisRecord('demo-stream', { name }, h),
    summarize: (e: KinesisEvent) => [...e].map((r) => r.data.toString()),
    summary: ['{"temp":20}'],
  },
  {
    kind: 'dynamodb',
    middlewareType: 'dynamodb',
    raw: dynamodbEvent,
    wrapper: DynamoDBEvent,
    register: (t, name, h) => t.onDynamodbRecord(dynamodbStreamArn, { name }, h),
    summarize: (e: DynamoDBEvent) => [...e].map((r) => `${r.tableName}:${r.eventName}`),
    summary: ['Orders:INSERT', 'Orders:MODIFY'],
  },
];

function appWith(c: KindCase, handler: AnyHandler, name = 'on_event'): Chalice {
  const app = new Chalice({ appName: 'events' });
  c.register(app, name, handler);
  return app;
}

describe.each(CASES)('the $kind entry point', (c) => {
  it('wraps the raw event, passes it to the handler and returns its result', async () => {
    let received: unknown;
    const app = appWith(c, (event) => {
      received = event;
      return { seen: c.summarize(event) };
    });
    const result = await app.lambdaHandler('on_event')(c.raw, lambdaContext());
    expect(received).toBeInstanceOf(c.wrapper);
    expect(result).toEqual({ seen: c.summary });
    expect((received as { toJSON(): unknown }).toJSON()).toBe(c.raw);
  });

  it(`runs 'all' and '${c.middlewareType}' middleware in registration order and skips the others`, async () => {
    const ran: string[] = [];
    const app = appWith(c, () => {
      ran.push('handler');
      return 'done';
    });
    for (const type of MIDDLEWARE_EVENT_TYPES) {
      app.middleware(type, async (event, next) => {
        ran.push(type);
        return next(event);
      });
    }
    await expect(app.lambdaHandler('on_event')(c.raw)).resolves.toBe('done');
    expect(ran).toEqual(['all', c.middlewareType, 'handler']);
  });

  it('sets app.lambdaContext for the handler and its middleware only', async () => {
    const context = lambdaContext('events-dev-on_event');
    const seen: unknown[] = [];
    const app = appWith(c, () => seen.push(app.lambdaContext?.functionName));
    app.middleware('all', (event, next) => {
      seen.push(app.lambdaContext?.awsRequestId);
      return next(event);
    });
    await app.lambdaHandler('on_event')(c.raw, context);
    expect(seen).toEqual([context.awsRequestId, 'events-dev-on_event']);
    expect(app.lambdaContext).toBeUndefined();
  });

  it('gives the wrapper the Lambda context', async () => {
    const context = lambdaContext();
    let wrapperContext: unknown;
    const app = appWith(c, (event: { context: unknown }) => (wrapperContext = event.context));
    await app.lambdaHandler('on_event')(c.raw, context);
    expect(wrapperContext).toBe(context);
  });

  it('lets handler errors propagate through middleware to Lambda', async () => {
    const failure = new Error('downstream unavailable');
    const app = appWith(c, () => {
      throw failure;
    });
    const seenByMiddleware: unknown[] = [];
    app.middleware(c.middlewareType, async (event, next) => {
      try {
        return await next(event);
      } catch (error) {
        seenByMiddleware.push(error);
        throw error;
      }
    });
    await expect(app.lambdaHandler('on_event')(c.raw)).rejects.toBe(failure);
    expect(seenByMiddleware).toEqual([failure]);
  });

  it('hands a ConvertToMiddleware wrapper the raw event and context', async () => {
    const context = lambdaContext();
    const app = appWith(c, () => 'inner');
    const calls: unknown[][] = [];
    app.registerMiddleware(
      new ConvertToMiddleware((handler) => async (event, ctx) => {
        calls.push([event, ctx]);
        return { wrapped: await handler(event, ctx) };
      }),
    );
    await expect(app.lambdaHandler('on_event')(c.raw, context)).resolves.toEqual({ wrapped: 'inner' });
    expect(calls).toEqual([[c.raw, context]]);
    expect(calls[0][0]).toBe(c.raw);
  });

  it('is found by its prefixed name when registered on a blueprint', async () => {
    const bp = new Blueprint();
    const contexts: unknown[] = [];
    c.register(bp, 'on_event', () => {
      contexts.push(bp.lambdaContext);
      return 'from blueprint';
    });
    const app = new Chalice({ appName: 'events' });
    app.registerBlueprint(bp, { namePrefix: 'billing_' });
    const context = lambdaContext();
    await expect(app.lambdaHandler('billing_on_event')(c.raw, context)).resolves.toBe('from blueprint');
    expect(contexts).toEqual([context]);
    expect(() => app.lambdaHandler('on_event')).toThrow(/no Lambda function named "on_event"/);
  });

  it('rejects (does not throw synchronously) when the event has the wrong shape', async () => {
    const app = appWith(c, () => 'never');
    const invoke = app.lambdaHandler('on_event');
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = invoke({ unexpected: true }))).not.toThrow();
    if (c.wrapper === CloudWatchEvent) {
      // EventBridge events have no required nesting; any object wraps.
      await expect(pending).resolves.toBe('never');
    } else {
      await expect(pending).rejects.toThrow(TypeError);
    }
  });
});

describe('event-source middleware', () => {
  it('may replace the event or short-circuit the handler', async () => {
    const app = new Chalice({ appName: 'events' });
    const bodies: string[][] = [];
    app.onSqsMessage('demo-queue', { name: 'consume', batchSize: 10 }, (event) => bodies.push([...event].map((r) => r.body)));
    app.middleware('sqs', (event: SQSEvent, next) => {
      const raw = event.toJSON();
      if (raw.Records.length === 0) return 'skipped';
      return next(new SQSEvent({ Records: raw.Records.filter((r) => r.body !== 'poison') }, event.context));
    });
    const handler = app.lambdaHandler('consume');
    await handler(sqsEvent(['ok', 'poison', 'fine']));
    await expect(handler({ Records: [] })).resolves.toBe('skipped');
    expect(bodies).toEqual([['ok', 'fine']]);
  });

  it('registered after the entry point was created still applies', async () => {
    const app = new Chalice({ appName: 'events' });
    app.onSnsMessage('demo-topic', { name: 'notify' }, (event) => event.message);
    const handler = app.lambdaHandler('notify');
    await expect(handler(snsEvent('a'))).resolves.toBe('a');
    app.middleware('sns', async (event, next) => `<${String(await next(event))}>`);
    await expect(handler(snsEvent('b'))).resolves.toBe('<b>');
  });

  it('keeps concurrent invocations apart in app.lambdaContext', async () => {
    const app = new Chalice({ appName: 'events' });
    app.onSnsMessage('demo-topic', { name: 'notify' }, async (event) => {
      await new Promise((resolve) => setImmediate(resolve));
      return `${event.message}:${app.lambdaContext?.functionName}`;
    });
    const handler = app.lambdaHandler('notify');
    const results = await Promise.all(['x', 'y', 'z'].map((m) => handler(snsEvent(m), lambdaContext(`fn-${m}`))));
    expect(results).toEqual(['x:fn-x', 'y:fn-y', 'z:fn-z']);
  });
});
