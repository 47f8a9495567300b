import { describe, expect, it } from 'vitest';
import {
  AuthResponse,
  Blueprint,
  Chalice,
  UnknownLambdaFunctionError,
  getLambdaHandler,
  lambdaFunctionNames,
  type APIGatewayProxyEvent,
} from '../../../../src/runtime/index.js';
import { dynamodbStreamArn, s3Event, scheduledEvent, snsEvent, websocketEvent } from './aws-samples.js';

function fullApp() {
  const app = new Chalice({ appName: 'shop' });
  app.route('/orders', function listOrders() {
    return { orders: [] };
  });
  app.lambdaFunction(function reindex(event) {
    return { reindexed: event };
  });
  app.onS3Event('shop-uploads', function onUpload(event) {
    return event.key;
  });
  app.authorizer({ name: 'token_auth' }, (auth) => new AuthResponse({ routes: ['*'], principalId: auth.token }));
  app.onWsMessage(function chat() {});
  app.onWsConnect(function join() {});
  app.schedule('rate(1 hour)', function hourly(event) {
    return event.detailType;
  });
  const bp = new Blueprint();
  bp.onSnsMessage('shop-topic', function notify(event) {
    return event.message;
  });
  bp.onDynamodbRecord(dynamodbStreamArn, function audit() {});
  app.registerBlueprint(bp, { namePrefix: 'bp_' });
  return app;
}

describe('lambdaFunctionNames', () => {
  it('lists every Lambda in a stable order: API, authorizers, websockets, event sources, pure functions', () => {
    expect(lambdaFunctionNames(fullApp())).toEqual([
      'api_handler',
      'token_auth',
      'websocket_connect',
      'websocket_message',
      'onUpload',
      'hourly',
      'bp_notify',
      'bp_audit',
      'reindex',
    ]);
  });

  it('omits api_handler when there are no routes', () => {
    const app = new Chalice({ appName: 'jobs' });
    app.lambdaFunction(function work() {});
    expect(lambdaFunctionNames(app)).toEqual(['work']);
    expect(lambdaFunctionNames(new Chalice({ appName: 'empty' }))).toEqual([]);
  });
});

describe('getLambdaHandler / app.lambdaHandler', () => {
  it.each<[string, unknown, unknown]>([
    ['reindex', { full: true }, { reindexed: { full: true } }],
    ['onUpload', s3Event('a+b.txt'), 'a b.txt'],
    ['hourly', scheduledEvent, 'Scheduled Event'],
    ['bp_notify', snsEvent('shipped'), 'shipped'],
    ['websocket_message', websocketEvent('MESSAGE', 'hi'), { statusCode: 200 }],
    ['websocket_connect', websocketEvent('CONNECT'), { statusCode: 200 }],
  ])('resolves %s to an entry point taking the raw event', async (name, event, expected) => {
    await expect(fullApp().lambdaHandler(name)(event)).resolves.toEqual(expected);
  });

  it('resolves a built-in authorizer by its name', async () => {
    const result = (await fullApp().lambdaHandler('token_auth')({
      type: 'TOKEN',
      authorizationToken: 'alice',
      methodArn: 'arn:aws:execute-api:us-west-2:123456789012:abc123/dev/GET/orders',
    })) as { principalId: string; policyDocument: unknown };
    expect(result.principalId).toBe('alice');
    expect(result.policyDocument).toBeDefined();
  });

  it('resolves api_handler to the REST API entry point', async () => {
    const event: APIGatewayProxyEvent = {
      resource: '/orders',
      path: '/orders',
      httpMethod: 'GET',
      headers: { Host: 'abc123.execute-api.us-west-2.amazonaws.com' },
      multiValueHeaders: { Host: ['abc123.execute-api.us-west-2.amazonaws.com'] },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123',
        resourcePath: '/orders',
        httpMethod: 'GET',
        stage: 'dev',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        path: '/dev/orders',
        identity: { sourceIp: '203.0.113.10' },
      },
      body: null,
      isBase64Encoded: false,
    };
    const result = (await fullApp().lambdaHandler('api_handler')(event)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ orders: [] });
  });

  it('returns the same entry point on repeated calls, per app', () => {
    const app = fullApp();
    expect(app.lambdaHandler('onUpload')).toBe(app.lambdaHandler('onUpload'));
    expect(getLambdaHandler(app, 'onUpload')).toBe(app.lambdaHandler('onUpload'));
    expect(fullApp().lambdaHandler('onUpload')).not.toBe(app.lambdaHandler('onUpload'));
  });

  it('rejects an unknown name, listing the functions the app has', () => {
    const app = fullApp();
    expect(() => app.lambdaHandler('notify')).toThrow(UnknownLambdaFunctionError);
    expect(() => app.lambdaHandler('notify')).toThrow(
      'App "shop" has no Lambda function named "notify"; its functions are: api_handler, token_auth, websocket_connect, websocket_message, onUpload, hourly, bp_notify, bp_audit, reindex',
    );
    expect(() => app.lambdaHandler('websocket_disconnect')).toThrow(UnknownLambdaFunctionError);
  });

  it('says when the app defines no functions at all', () => {
    const error = (() => {
      try {
        new Chalice({ appName: 'empty' }).lambdaHandler('anything');
      } catch (e) {
        return e as UnknownLambdaFunctionError;
      }
    })();
    expect(error?.message).toBe('App "empty" has no Lambda function named "anything"; it defines no Lambda functions yet');
    expect(error?.knownNames).toEqual([]);
    expect(error?.name).toBe('UnknownLambdaFunctionError');
  });

  it('does not treat a route view name as a Lambda function', () => {
    expect(() => fullApp().lambdaHandler('listOrders')).toThrow(UnknownLambdaFunctionError);
  });
});
