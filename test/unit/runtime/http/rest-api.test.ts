import { describe, expect, it } from 'vitest';
import {
  ALL_ERRORS,
  BadRequestError,
  Chalice,
  ChaliceUnhandledError,
  CORSConfig,
  NotFoundError,
  Response,
  UnauthorizedError,
  type APIGatewayProxyEvent,
  type APIGatewayProxyResult,
  type Request,
} from '../../../../src/runtime/index.js';
import { createRestApiHandler } from '../../../../src/runtime/entrypoints/rest-api.js';
import { proxyEventToRequest } from '../../../../src/runtime/http/proxy-event-to-request.js';
import { lambdaContext, proxyEvent } from './events.js';

function createApp(options: { debug?: boolean } = {}): { app: Chalice; logs: string[] } {
  const logs: string[] = [];
  const app = new Chalice({ appName: 'testapp', debug: options.debug, logSink: (line) => logs.push(line) });
  return { app, logs };
}

function invoke(app: Chalice, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return createRestApiHandler(app)(event, lambdaContext());
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function jsonOf(result: APIGatewayProxyResult): unknown {
  return JSON.parse(result.body);
}

describe('REST API entry point: routing', () => {
  it('calls the view registered for the resource template and method and returns its value as JSON', async () => {
    const { app } = createApp();
    app.route('/', function index() {
      return { hello: 'world' };
    });
    const result = await invoke(app, proxyEvent('GET', '/'));
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      multiValueHeaders: {},
      body: '{"hello":"world"}',
      isBase64Encoded: false,
    });
  });

  it('passes exactly the template parameters to the view, and the request', async () => {
    const { app } = createApp();
    app.route('/users/{userId}/posts/{postId}', function post(params, request) {
      return { params, uriParams: request.uriParams, method: request.method, path: request.path };
    });
    const event = proxyEvent('GET', '/users/{userId}/posts/{postId}', { pathParameters: { userId: 'u1', postId: 'p 2' } });
    expect(jsonOf(await invoke(app, event))).toEqual({
      params: { userId: 'u1', postId: 'p 2' },
      uriParams: { userId: 'u1', postId: 'p 2' },
      method: 'GET',
      path: '/users/u1/posts/p 2',
    });
  });

  it('routes each method of one path to its own view', async () => {
    const { app } = createApp();
    app.route('/items', { methods: ['GET'] }, function listItems() {
      return 'list';
    });
    app.route('/items', { methods: ['POST', 'PUT'] }, function writeItem(_params, request) {
      return `write ${request.method}`;
    });
    const bodies = await Promise.all(['GET', 'POST', 'PUT'].map(async (m) => (await invoke(app, proxyEvent(m, '/items'))).body));
    expect(bodies).toEqual(['list', 'write POST', 'write PUT']);
  });

  it('answers an unregistered method on a known path with 405 and an Allow header', async () => {
    const { app } = createApp();
    app.route('/items', { methods: ['GET', 'POST'] }, function items() {
      return {};
    });
    const result = await invoke(app, proxyEvent('DELETE', '/items'));
    expect(result.statusCode).toBe(405);
    expect(result.headers.Allow).toBe('GET, POST');
    expect(jsonOf(result)).toEqual({ Code: 'MethodNotAllowedError', Message: 'Unsupported method: DELETE' });
  });

  it('answers a resource the app does not have with 404', async () => {
    const { app } = createApp();
    const result = await invoke(app, proxyEvent('GET', '/nope'));
    expect(result.statusCode).toBe(404);
    expect(jsonOf(result)).toMatchObject({ Code: 'NotFoundError' });
  });

  it('sees routes registered after the handler was created', async () => {
    const { app } = createApp();
    const handler = createRestApiHandler(app);
    app.route('/late', function late() {
      return 'late';
    });
    expect((await handler(proxyEvent('GET', '/late'), null)).body).toBe('late');
  });
});

describe('REST API entry point: request content types', () => {
  it.each([
    { name: 'no Content-Type is taken as application/json', contentTypes: undefined, header: undefined, status: 200 },
    { name: 'application/json with a charset', contentTypes: undefined, header: 'application/json; charset=utf-8', status: 200 },
    { name: 'case-insensitive media type', contentTypes: undefined, header: 'Application/JSON', status: 200 },
    { name: 'text/plain on a JSON route', contentTypes: undefined, header: 'text/plain', status: 415 },
    { name: 'a form on a form route', contentTypes: ['application/x-www-form-urlencoded'], header: 'application/x-www-form-urlencoded; charset=utf-8', status: 200 },
    { name: 'no Content-Type on a form-only route', contentTypes: ['application/x-www-form-urlencoded'], header: undefined, status: 415 },
    { name: 'a wildcard route accepts anything', contentTypes: ['*/*'], header: 'image/png', status: 200 },
    { name: 'a type wildcard', contentTypes: ['image/*'], header: 'image/gif', status: 200 },
    { name: 'a type wildcard rejects other types', contentTypes: ['image/*'], header: 'text/html', status: 415 },
  ])('$name → $status', async ({ contentTypes, header, status }) => {
    const { app } = createApp();
    app.route('/upload', { methods: ['POST'], contentTypes }, function upload() {
      return 'ok';
    });
    const result = await invoke(app, proxyEvent('POST', '/upload', { headers: header ? { 'Content-Type': header } : {}, body: 'x' }));
    expect(result.statusCode).toBe(status);
    if (status === 415) {
      expect(jsonOf(result)).toEqual({ Code: 'UnsupportedMediaType', Message: `Unsupported media type: ${header ?? 'application/json'}` });
    }
  });
});

describe('REST API entry point: errors', () => {
  it.each(ALL_ERRORS.map((ErrorClass) => ({ code: ErrorClass.code, status: ErrorClass.statusCode, ErrorClass })))(
    'a thrown $code becomes $status with {Code, Message}',
    async ({ ErrorClass, code, status }) => {
      const { app, logs } = createApp();
      app.route('/fail', function fail() {
        throw new ErrorClass('it went wrong');
      });
      const result = await invoke(app, proxyEvent('GET', '/fail'));
      expect(result.statusCode).toBe(status);
      expect(result.headers['Content-Type']).toBe('application/json');
      expect(jsonOf(result)).toEqual({ Code: code, Message: 'it went wrong' });
      expect(logs).toEqual([]);
    },
  );

  it('an async view that rejects with an HTTP error is handled the same way', async () => {
    const { app } = createApp();
    app.route('/fail', async function fail() {
      await Promise.resolve();
      throw new NotFoundError('no such thing');
    });
    const result = await invoke(app, proxyEvent('GET', '/fail'));
    expect([result.statusCode, jsonOf(result)]).toEqual([404, { Code: 'NotFoundError', Message: 'no such thing' }]);
  });

  it('any other error is a generic 500, logged with its stack', async () => {
    const { app, logs } = createApp();
    app.route('/boom', function boom() {
      throw new RangeError('secret detail');
    });
    const result = await invoke(app, proxyEvent('GET', '/boom'));
    expect(result.statusCode).toBe(500);
    expect(jsonOf(result)).toEqual({ Code: 'InternalServerError', Message: 'An internal server error occurred.' });
    expect(result.body).not.toContain('secret');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^testapp - ERROR - Caught exception for path \/boom RangeError: secret detail/);
  });

  it('in debug mode the 500 body is the stack trace as text/plain', async () => {
    const { app } = createApp({ debug: true });
    app.route('/boom', function boom() {
      throw new RangeError('visible detail');
    });
    const result = await invoke(app, proxyEvent('GET', '/boom'));
    expect(result.statusCode).toBe(500);
    expect(result.headers['Content-Type']).toBe('text/plain');
    expect(result.body).toMatch(/^RangeError: visible detail\n\s+at .*boom/);
  });

  it.each([
    { name: 'a malformed JSON body', body: '{"a":' as string | undefined },
    { name: 'an empty body', body: undefined },
  ])('$name sent as application/json and read through jsonBody is a 400 "Error Parsing JSON"', async ({ body }) => {
    const { app } = createApp();
    app.route('/echo', { methods: ['POST'] }, function echo(_params, request) {
      return request.jsonBody;
    });
    const result = await invoke(app, proxyEvent('POST', '/echo', { headers: { 'Content-Type': 'application/json' }, body }));
    expect([result.statusCode, jsonOf(result)]).toEqual([400, { Code: 'BadRequestError', Message: 'Error Parsing JSON' }]);
  });

  it('a body that cannot be serialised is a 500 rather than a failed invocation', async () => {
    const { app } = createApp();
    app.route('/bigint', function bigint() {
      return { n: 1n };
    });
    const result = await invoke(app, proxyEvent('GET', '/bigint'));
    expect(result.statusCode).toBe(500);
  });

  it('a header value with a line break is a 500 (it would split the HTTP response)', async () => {
    const { app } = createApp();
    app.route('/inject', function inject() {
      return new Response({ body: 'x', headers: { 'X-Evil': 'a\r\nSet-Cookie: owned=1' } });
    });
    const result = await invoke(app, proxyEvent('GET', '/inject'));
    expect(result.statusCode).toBe(500);
    expect(JSON.stringify(result)).not.toContain('owned');
  });
});

describe('REST API entry point: CORS', () => {
  const custom = new CORSConfig({ allowOrigin: 'https://foo.example.com', allowHeaders: ['X-Special'], exposeHeaders: ['X-Special'], maxAge: 600, allowCredentials: true });
  const customHeaders = {
    'Access-Control-Allow-Origin': 'https://foo.example.com',
    'Access-Control-Allow-Headers': 'Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key,X-Special',
    'Access-Control-Expose-Headers': 'X-Special',
    'Access-Control-Max-Age': '600',
    'Access-Control-Allow-Credentials': 'true',
  };

  it.each([
    { name: 'a successful response', path: '/ok', method: 'GET', status: 200 },
    { name: 'an HTTP error', path: '/bad', method: 'GET', status: 400 },
    { name: 'an unhandled error', path: '/boom', method: 'GET', status: 500 },
    { name: 'an unsupported media type', path: '/ok', method: 'GET', status: 415, contentType: 'text/plain' },
    { name: 'a method that is not allowed', path: '/ok', method: 'PATCH', status: 405 },
  ])('adds the route configuration headers to $name', async ({ path, method, status, contentType }) => {
    const { app } = createApp();
    app.route('/ok', { cors: custom }, function ok() {
      return {};
    });
    app.route('/bad', { cors: custom }, function bad() {
      throw new BadRequestError('no');
    });
    app.route('/boom', { cors: custom }, function boom() {
      throw new Error('no');
    });
    const result = await invoke(app, proxyEvent(method, path, { headers: contentType ? { 'Content-Type': contentType } : {} }));
    expect(result.statusCode).toBe(status);
    expect(result.headers).toMatchObject(customHeaders);
  });

  it('uses the default config for cors: true and app.api.cors, and none without', async () => {
    const { app } = createApp();
    app.route('/plain', function plain() {
      return {};
    });
    app.route('/on', { cors: true }, function on() {
      return {};
    });
    app.api.cors = true;
    app.route('/global', function global() {
      return {};
    });
    const [plain, on, global] = await Promise.all(['/plain', '/on', '/global'].map((p) => invoke(app, proxyEvent('GET', p))));
    expect(Object.keys(plain.headers).filter((h) => h.startsWith('Access-Control'))).toEqual([]);
    for (const result of [on, global]) {
      expect(result.headers['Access-Control-Allow-Origin']).toBe('*');
      expect(result.headers['Access-Control-Allow-Headers']).toBe('Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key');
    }
  });

  it('gives each method of a path its own CORS setting: headers only on the methods with CORS', async () => {
    const { app } = createApp();
    app.route('/items', { methods: ['GET'], cors: custom }, function list() {
      return [];
    });
    app.route('/items', { methods: ['POST'] }, function create() {
      throw new BadRequestError('no');
    });
    app.route('/items', { methods: ['DELETE'], cors: false }, function clear() {
      return {};
    });
    const corsNames = (result: APIGatewayProxyResult) => Object.keys(result.headers).filter((h) => h.startsWith('Access-Control'));
    const get = await invoke(app, proxyEvent('GET', '/items'));
    expect(get.headers).toMatchObject(customHeaders);
    for (const [method, status] of [['POST', 400], ['DELETE', 200]] as const) {
      const result = await invoke(app, proxyEvent(method, '/items'));
      expect([result.statusCode, corsNames(result)]).toEqual([status, []]);
    }
    // A method the path lacks (405) carries the path's CORS config, so a browser can read it.
    const patch = await invoke(app, proxyEvent('PATCH', '/items'));
    expect([patch.statusCode, patch.headers['Access-Control-Allow-Origin']]).toEqual([405, 'https://foo.example.com']);
  });

  it('adds the CORS headers of the method when middleware fails, and none for a method without CORS', async () => {
    const { app } = createApp();
    app.route('/items', { methods: ['GET'], cors: true }, function list() {
      return [];
    });
    app.route('/items', { methods: ['POST'] }, function create() {
      return {};
    });
    app.middleware('http', async function broken() {
      throw new Error('middleware broke');
    });
    const get = await invoke(app, proxyEvent('GET', '/items'));
    const post = await invoke(app, proxyEvent('POST', '/items'));
    expect([get.statusCode, get.headers['Access-Control-Allow-Origin']]).toEqual([500, '*']);
    expect([post.statusCode, post.headers['Access-Control-Allow-Origin']]).toEqual([500, undefined]);
  });

  it('does not override a CORS header the view set itself', async () => {
    const { app } = createApp();
    app.route('/mine', { cors: true }, function mine() {
      return new Response({ body: {}, headers: { 'access-control-allow-origin': 'https://mine.example.com' } });
    });
    const result = await invoke(app, proxyEvent('GET', '/mine'));
    expect(result.headers['access-control-allow-origin']).toBe('https://mine.example.com');
    expect(result.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });
});

describe('REST API entry point: middleware', () => {
  it('runs http and all middleware outermost-first around the view, and not other kinds', async () => {
    const { app } = createApp();
    const calls: string[] = [];
    app.middleware('all', async function first(request: Request, next) {
      calls.push(`first:${request.path}`);
      const response = await next(request);
      calls.push('first:after');
      return response;
    });
    app.middleware('sqs', async function sqsOnly(event, next) {
      calls.push('sqs');
      return next(event);
    });
    app.middleware('http', async function second(request: Request, next) {
      calls.push('second');
      const response: Response = await next(request);
      calls.push(`second:got ${response.statusCode}`);
      return new Response({ body: response.body, statusCode: response.statusCode, headers: { ...response.headers, 'X-Mw': 'yes' } });
    });
    app.route('/', function index() {
      calls.push('view');
      return { ok: true };
    });
    const result = await invoke(app, proxyEvent('GET', '/'));
    expect(calls).toEqual(['first:/', 'second', 'view', 'second:got 200', 'first:after']);
    expect(result.headers['X-Mw']).toBe('yes');
  });

  it('a middleware can short-circuit without calling the view', async () => {
    const { app } = createApp();
    let viewCalled = false;
    app.middleware('http', function requireHeader(request: Request, next) {
      if (!request.headers.has('x-custom-header')) return new Response({ statusCode: 400, body: { Error: "Missing required 'X-Custom-Header'" } });
      return next(request);
    });
    app.route('/', function index() {
      viewCalled = true;
      return {};
    });
    const result = await invoke(app, proxyEvent('GET', '/'));
    expect([result.statusCode, jsonOf(result), viewCalled]).toEqual([400, { Error: "Missing required 'X-Custom-Header'" }, false]);
    const passed = await invoke(app, proxyEvent('GET', '/', { headers: { 'X-Custom-Header': '1' } }));
    expect([passed.statusCode, viewCalled]).toEqual([200, true]);
  });

  it('middleware sees view errors as responses, but ChaliceUnhandledError as an exception', async () => {
    const { app } = createApp();
    const seen: string[] = [];
    app.middleware('http', async function handleErrors(request: Request, next) {
      try {
        const response: Response = await next(request);
        seen.push(`response ${response.statusCode}`);
        return response;
      } catch (error) {
        seen.push(`caught ${(error as Error).message}`);
        return new Response({ statusCode: 500, body: String((error as Error).message), headers: { 'Content-Type': 'text/plain' } });
      }
    });
    app.route('/view-error', function viewError() {
      throw new Error('ordinary');
    });
    app.route('/unhandled', function unhandled() {
      throw new ChaliceUnhandledError('for middleware');
    });
    const ordinary = await invoke(app, proxyEvent('GET', '/view-error'));
    const special = await invoke(app, proxyEvent('GET', '/unhandled'));
    expect(seen).toEqual(['response 500', 'caught for middleware']);
    expect(jsonOf(ordinary)).toMatchObject({ Code: 'InternalServerError' });
    expect([special.body, special.headers['Content-Type']]).toEqual(['for middleware', 'text/plain']);
  });

  it('an error thrown by middleware becomes an error response', async () => {
    const { app, logs } = createApp();
    app.middleware('http', function gate() {
      throw new UnauthorizedError('who are you');
    });
    app.middleware('http', function never() {
      throw new Error('not reached');
    });
    app.route('/', function index() {
      return {};
    });
    const result = await invoke(app, proxyEvent('GET', '/'));
    expect([result.statusCode, jsonOf(result)]).toEqual([401, { Code: 'UnauthorizedError', Message: 'who are you' }]);
    expect(logs).toEqual([]);
  });

  it('an unhandled ChaliceUnhandledError with no middleware to catch it is a logged 500', async () => {
    const { app, logs } = createApp();
    app.route('/', function index() {
      throw new ChaliceUnhandledError('nobody caught me');
    });
    const result = await invoke(app, proxyEvent('GET', '/'));
    expect(result.statusCode).toBe(500);
    expect(logs.join('\n')).toContain('nobody caught me');
  });

  it('a Request substituted by middleware reaches the view and app.currentRequest', async () => {
    const { app } = createApp();
    app.middleware('http', function substitute(request: Request, next) {
      const event = request.toOriginalEvent() as APIGatewayProxyEvent;
      return next(proxyEventToRequest({ ...event, pathParameters: { name: 'replaced' } }, request.lambdaContext));
    });
    app.route('/who/{name}', function who({ name }) {
      return { name, current: app.currentRequest?.uriParams?.name };
    });
    const result = await invoke(app, proxyEvent('GET', '/who/{name}', { pathParameters: { name: 'original' } }));
    expect(jsonOf(result)).toEqual({ name: 'replaced', current: 'replaced' });
  });

  it('a middleware may return a plain value, which is sent as JSON', async () => {
    const { app } = createApp();
    app.middleware('http', () => ({ from: 'middleware' }));
    app.route('/', function index() {
      return {};
    });
    expect(jsonOf(await invoke(app, proxyEvent('GET', '/')))).toEqual({ from: 'middleware' });
  });
});

describe('REST API entry point: current request', () => {
  it('app.currentRequest and app.lambdaContext belong to the invocation, even when two interleave', async () => {
    const { app } = createApp();
    const gates = new Map([
      ['a', deferred()],
      ['b', deferred()],
    ]);
    app.route('/who/{name}', async function who({ name }) {
      const before = app.currentRequest?.uriParams?.name;
      await gates.get(name)!.promise;
      return { name, before, after: app.currentRequest?.uriParams?.name, requestId: app.lambdaContext?.awsRequestId };
    });
    const handler = createRestApiHandler(app);
    const first = handler(proxyEvent('GET', '/who/{name}', { pathParameters: { name: 'a' } }), lambdaContext('ctx-a'));
    const second = handler(proxyEvent('GET', '/who/{name}', { pathParameters: { name: 'b' } }), lambdaContext('ctx-b'));
    // Finish the second before the first so each resumes after the other has run.
    gates.get('b')!.resolve();
    const b = jsonOf(await second);
    gates.get('a')!.resolve();
    const a = jsonOf(await first);
    expect(a).toEqual({ name: 'a', before: 'a', after: 'a', requestId: 'ctx-a' });
    expect(b).toEqual({ name: 'b', before: 'b', after: 'b', requestId: 'ctx-b' });
    expect(app.currentRequest).toBeUndefined();
  });

  it('a plain (not async) view sees its own request while an async one is suspended, and neither leaks', async () => {
    const { app } = createApp();
    const gate = deferred();
    app.route('/slow', async function slow() {
      await gate.promise;
      return { after: app.currentRequest?.path, requestId: app.lambdaContext?.awsRequestId };
    });
    app.route('/fast/{name}', function fast({ name }) {
      return { name, current: app.currentRequest?.uriParams?.name, requestId: app.lambdaContext?.awsRequestId };
    });
    const handler = createRestApiHandler(app);
    const slow = handler(proxyEvent('GET', '/slow'), lambdaContext('ctx-slow'));
    const fast = await handler(proxyEvent('GET', '/fast/{name}', { pathParameters: { name: 'x' } }), lambdaContext('ctx-fast'));
    expect(jsonOf(fast)).toEqual({ name: 'x', current: 'x', requestId: 'ctx-fast' });
    expect(app.currentRequest).toBeUndefined();
    gate.resolve();
    expect(jsonOf(await slow)).toEqual({ after: '/slow', requestId: 'ctx-slow' });
  });

  it('a plain view that returns a promise still answers, and errors it rejects with become responses', async () => {
    const { app } = createApp();
    app.route('/later', function later() {
      return Promise.resolve({ later: true });
    });
    app.route('/boom', function boom() {
      return Promise.reject(new NotFoundError('gone'));
    });
    const handler = createRestApiHandler(app);
    expect(jsonOf(await handler(proxyEvent('GET', '/later')))).toEqual({ later: true });
    const boom = await handler(proxyEvent('GET', '/boom'));
    expect(boom.statusCode).toBe(404);
    expect(jsonOf(boom)).toEqual({ Code: 'NotFoundError', Message: 'gone' });
  });
});
