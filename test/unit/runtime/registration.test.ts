import { describe, expect, it } from 'vitest';
import {
  Blueprint,
  Chalice,
  CORSConfig,
  Cron,
  Rate,
} from '../../../src/runtime/index.js';

const newApp = () => new Chalice({ appName: 'reg' });
function index() {
  return {};
}

describe('route registration', () => {
  it('records one entry per method with defaults', () => {
    const app = newApp();
    app.route('/items/{id}', { methods: ['GET', 'put'] }, function item() {
      return {};
    });
    const byMethod = app.routes.get('/items/{id}');
    expect([...byMethod!.keys()]).toEqual(['GET', 'PUT']);
    const get = byMethod!.get('GET')!;
    expect(get).toMatchObject({ name: 'item', paramNames: ['id'], contentTypes: ['application/json'], apiKeyRequired: false, cors: null, authorizer: null });
  });

  it.each([
    ['/trailing/', /must not end with '\/'/],
    ['no-slash', /must start with '\/'/],
    ['/a//b', /empty segment/],
    ['/a b', /may only contain/],
    ['/a/{x}{y}', /may only contain/],
    ['/a/{x}/{x}', /repeats the parameter/],
  ])('rejects the invalid path %s', (path, message) => {
    expect(() => newApp().route(path, index)).toThrow(message);
  });

  it('names the view and the path in the error for a duplicate method', () => {
    const app = newApp();
    app.route('/', index);
    expect(() => app.route('/', { methods: ['GET', 'POST'] }, function other() { return 1; })).toThrow(
      'route /: method GET is already handled by view index; view other cannot register it again',
    );
  });

  it('allows the same view on several paths but not two views under one name', () => {
    const app = newApp();
    app.route('/a', index);
    app.route('/b', index);
    expect(() => app.route('/c', { name: 'index' }, () => 2)).toThrow(/Duplicate resource name "index"/);
  });

  it('rejects an anonymous handler without a name, saying what to do', () => {
    expect(() => newApp().route('/', () => ({}))).toThrow(/anonymous function; pass \{ name: '...' \}/);
    expect(() => newApp().lambdaFunction((() => (e: unknown) => e)())).toThrow(/anonymous/);
  });

  it.each(['api_handler', 'websocket_message'])('reserves the shared Lambda name %s', (name) => {
    expect(() => newApp().lambdaFunction({ name }, () => 1)).toThrow(/is reserved/);
  });

  it('rejects two different CORS configurations on one path (they share one preflight)', () => {
    const app = newApp();
    app.route('/p', { cors: true }, index);
    expect(() => app.route('/p', { methods: ['POST'], cors: new CORSConfig({ allowOrigin: 'https://x' }), name: 'p2' }, index)).toThrow(
      'route /p: view p2 has a different CORS configuration than view index on the same path; the methods of a path that enable CORS share one preflight, so give them the same CORSConfig (or cors: false)',
    );
    app.route('/p', { methods: ['PUT'], cors: new CORSConfig(), name: 'p3' }, () => 3);
  });

  it.each([
    { name: 'CORS first, then a method without', first: true as boolean | undefined, second: false as boolean | undefined, global: false },
    { name: 'a method without CORS first, then CORS', first: undefined, second: true, global: false },
    { name: 'app.api.cors, then cors: false', first: undefined, second: false, global: true },
  ])('lets the methods of one path differ in whether CORS is on: $name', ({ first, second, global }) => {
    const app = newApp();
    app.api.cors = global;
    app.route('/mixed', { methods: ['GET'], cors: first }, function read() {});
    app.route('/mixed', { methods: ['DELETE'], cors: second }, function remove() {});
    const byMethod = app.routes.get('/mixed')!;
    expect([byMethod.get('GET')!.cors !== null, byMethod.get('DELETE')!.cors !== null]).toEqual([first ?? global, second ?? global]);
  });

  it('uses app.api.cors for routes that do not set cors', () => {
    const app = newApp();
    app.api.cors = true;
    app.route('/', index);
    app.route('/off', { cors: false }, function off() { return 0; });
    expect(app.routes.get('/')!.get('GET')!.cors).toBeInstanceOf(CORSConfig);
    expect(app.routes.get('/off')!.get('GET')!.cors).toBeNull();
  });

  it('rejects sibling parameters with different names', () => {
    const app = newApp();
    app.route('/u/{id}', index);
    expect(() => app.route('/u/{name}/x', function x() { return 0; })).toThrow(/parameter \{name\} conflicts with \{id\}/);
  });

  it('rejects unknown methods and empty content types', () => {
    expect(() => newApp().route('/', { methods: ['FETCH' as 'GET'] }, index)).toThrow(/unknown method "FETCH"/);
    expect(() => newApp().route('/', { contentTypes: [] }, index)).toThrow(/contentTypes must not be empty/);
  });
});

describe('event source registration', () => {
  it.each([
    [new Rate(1, Rate.MINUTES), 'rate(1 minute)'],
    [new Rate(5, Rate.HOURS), 'rate(5 hours)'],
    [new Cron(0, 10, '*', '*', '?', '*'), 'cron(0 10 * * ? *)'],
    ['rate(2 days)', 'rate(2 days)'],
  ])('renders schedule %s as %s', (expression, text) => {
    const app = newApp();
    app.schedule(expression, function tick() {});
    expect(app.eventSources[0]).toMatchObject({ kind: 'schedule', name: 'tick', expression: text });
  });

  it.each([
    [() => new Rate(0, Rate.MINUTES), /positive integer/],
    [() => new Cron(0, 10, 1, '*', 'MON', '*'), /cannot both be set/],
    [() => newApp().schedule('every 5 minutes', function t() {}), /Invalid schedule expression/],
    [() => newApp().onSqsMessage('q', { batchSize: 11 }, function q() {}), /batchSize must be an integer from 1 to 10/],
    [() => newApp().onKinesisRecord('s', { startingPosition: 'OLDEST' as 'LATEST' }, function k() {}), /startingPosition/],
    [() => newApp().onS3Event('b', { events: ['ObjectCreated'] }, function s() {}), /not an S3 event type/],
    [() => newApp().onCwEvent({}, function c() {}), /non-empty object/],
    [() => newApp().onCwEvent({ source: ['x'] }, { eventBus: 'has space' }, function c() {}), /onCwEvent c: eventBus "has space" is not an event bus name or ARN/],
    [() => newApp().onCwEvent({ source: ['x'] }, { eventBus: 'arn:aws:sqs:us-east-1:1:queue' }, function c() {}), /is not an event bus name or ARN/],
  ])('rejects bad event-source input (%#)', (register, message) => {
    expect(register).toThrow(message);
  });

  it.each([
    ['orders', 'orders'],
    ['arn:aws:events:us-east-1:123456789012:event-bus/orders', 'arn:aws:events:us-east-1:123456789012:event-bus/orders'],
    ['default', undefined],
    [undefined, undefined],
  ])('records onCwEvent eventBus %s as %s (the default bus is left out)', (eventBus, recorded) => {
    const app = newApp();
    app.onCwEvent({ source: ['shop'] }, eventBus === undefined ? {} : { eventBus }, function onOrder() {});
    expect(app.eventSources[0]).toMatchObject({ kind: 'cloudwatch-event', name: 'onOrder' });
    expect((app.eventSources[0] as { eventBus?: string }).eventBus).toBe(recorded);
  });

  it('applies documented defaults', () => {
    const app = newApp();
    app.onS3Event('bucket', function s3() {});
    app.onSqsMessage('queue', function sqs() {});
    app.onKinesisRecord('stream', function kin() {});
    app.onDynamodbRecord('arn:aws:dynamodb:us-east-1:1:table/t/stream/x', function ddb() {});
    expect(app.eventSources.map((e) => ({ ...e, handler: undefined }))).toEqual([
      { kind: 's3', name: 's3', bucket: 'bucket', events: ['s3:ObjectCreated:*'], prefix: undefined, suffix: undefined, handler: undefined },
      { kind: 'sqs', name: 'sqs', queue: 'queue', batchSize: 1, maximumBatchingWindowInSeconds: 0, maximumConcurrency: undefined, reportBatchItemFailures: false, handler: undefined },
      { kind: 'kinesis', name: 'kin', stream: 'stream', batchSize: 100, startingPosition: 'LATEST', maximumBatchingWindowInSeconds: 0, reportBatchItemFailures: false, onError: {}, handler: undefined },
      { kind: 'dynamodb', name: 'ddb', streamArn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x', batchSize: 100, startingPosition: 'LATEST', maximumBatchingWindowInSeconds: 0, reportBatchItemFailures: false, onError: {}, handler: undefined },
    ]);
  });

  it('allows one handler per websocket route', () => {
    const app = newApp();
    app.onWsMessage(function message() {});
    expect(() => app.onWsMessage(function again() {})).toThrow(/already registered \(message\)/);
  });
});

describe('blueprints', () => {
  it('replays registrations with name and URL prefixes', () => {
    const bp = new Blueprint();
    const auth = bp.authorizer(function guard() {
      throw new Error('unused');
    });
    bp.route('/', { authorizer: auth }, function list() { return []; });
    bp.route('/{id}', function one() { return {}; });
    bp.onSnsMessage('topic', function notify() {});
    bp.lambdaFunction(function pure() {});
    const app = newApp();
    app.registerBlueprint(bp, { namePrefix: 'users_', urlPrefix: '/users' });
    expect([...app.routes.keys()]).toEqual(['/users', '/users/{id}']);
    const route = app.routes.get('/users')!.get('GET')!;
    expect(route.name).toBe('users_list');
    expect(route.authorizer?.name).toBe('users_guard');
    expect(app.builtinAuthHandlers.map((a) => a.name)).toEqual(['users_guard']);
    expect(app.eventSources.map((e) => e.name)).toEqual(['users_notify']);
    expect(app.pureLambdaFunctions.map((f) => f.name)).toEqual(['users_pure']);
    expect(bp.app).toBe(app);
  });

  it('reports name collisions between a blueprint and the app', () => {
    const bp = new Blueprint();
    bp.route('/x', index);
    const app = newApp();
    app.route('/', function index() { return 1; });
    expect(() => app.registerBlueprint(bp)).toThrow(/Duplicate resource name "index"/);
  });

  it.each(['currentApp', 'app', 'currentRequest', 'lambdaContext', 'log'] as const)(
    'throws naming the blueprint when %s is read before app.registerBlueprint',
    (property) => {
      const bp = new Blueprint();
      bp.route('/users', function listUsers() {
        return [];
      });
      expect(() => bp[property]).toThrow(
        `The blueprint with route /users (view listUsers) is not registered on an app, so blueprint.${property} is not available; call app.registerBlueprint(blueprint) first`,
      );
      expect(() => new Blueprint('users')[property]).toThrow(/^Blueprint "users" is not registered on an app/);
      expect(() => new Blueprint()[property]).toThrow(/^A blueprint with no routes or handlers is not registered/);
    },
  );

  it('gives the app, its log and the current request once registered (currentApp is Chalice\'s current_app)', async () => {
    const bp = new Blueprint();
    bp.route('/who', function who() {
      return { sameApp: bp.currentApp === app, path: bp.currentRequest?.path ?? null, fn: bp.lambdaContext?.functionName ?? null };
    });
    const app = newApp();
    app.registerBlueprint(bp);
    expect(bp.currentApp).toBe(app);
    expect(bp.log).toBe(app.log);
    // Registered, but no request is being handled: undefined, like app.currentRequest.
    expect(bp.currentRequest).toBeUndefined();
    const handler = app.lambdaHandler('api_handler');
    const event = {
      resource: '/who',
      path: '/who',
      httpMethod: 'GET',
      headers: null,
      multiValueHeaders: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: { resourcePath: '/who', httpMethod: 'GET', path: '/api/who', stage: 'api' },
      body: null,
      isBase64Encoded: false,
    };
    const result = (await handler(event, { functionName: 'fn-name' } as never)) as { body: string };
    expect(JSON.parse(result.body)).toEqual({ sameApp: true, path: '/who', fn: 'fn-name' });
  });
});

describe('app settings', () => {
  it('sets the log level from debug', () => {
    const lines: string[] = [];
    const app = new Chalice({ appName: 'logs', logSink: (l) => lines.push(l) });
    app.log.debug('hidden');
    app.log.error('shown');
    app.debug = true;
    app.log.debug('now shown');
    expect(lines).toEqual(['logs - ERROR - shown', 'logs - DEBUG - now shown']);
  });

  it('rejects a bad app name', () => {
    expect(() => new Chalice({ appName: 'has space' })).toThrow(/appName must be/);
  });
});
