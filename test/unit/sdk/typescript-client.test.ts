import { describe, expect, it } from 'vitest';
import { CHALICE_ERROR_CODES } from '../../../src/build/sdk/client-core.js';
import { appToSdkModel, baseMethodName } from '../../../src/build/sdk/sdk-routes.js';
import { generateTypeScriptClient } from '../../../src/build/sdk/typescript-client.js';
import { ALL_ERRORS, Chalice, CognitoUserPoolAuthorizer, IAMAuthorizer } from '../../../src/runtime/index.js';
import { FIXTURE_NAMES, loadFixtureApp } from '../graph/fixture-graph.js';
import { expectGoldenText } from './golden-text.js';

describe('typed client method names (as API Gateway names its SDK methods)', () => {
  it.each([
    ['/', 'GET', 'rootGet'],
    ['/foo', 'GET', 'fooGet'],
    ['/hello/{name}', 'GET', 'helloNameGet'],
    ['/users/{user_id}', 'PUT', 'usersUserIdPut'],
    ['/a-b/c.d/e~f', 'DELETE', 'aBCDEFDelete'],
    ['/v1/items', 'PATCH', 'v1ItemsPatch'],
    ['/2fa', 'POST', '_2faPost'],
    ['/Users', 'OPTIONS', 'usersOptions'],
  ])('%s %s → %s', (path, method, name) => {
    expect(baseMethodName(path, method)).toBe(name);
  });

  it('numbers names that collide instead of dropping a route', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a-b', function dashed() {});
    app.route('/a.b', function dotted() {});
    app.route('/send', function send() {});
    expect(appToSdkModel(app).routes.map((r) => [r.path, r.methodName])).toEqual([
      ['/a-b', 'aBGet'],
      ['/a.b', 'aBGet2'],
      ['/send', 'sendGet'],
    ]);
  });
});

describe('the SDK model of an app', () => {
  it('is sorted by path and method, whatever the registration order', () => {
    const first = new Chalice({ appName: 'demo' });
    first.route('/b', { methods: ['POST', 'GET'] }, function b() {});
    first.route('/a', function a() {});
    const second = new Chalice({ appName: 'demo' });
    second.route('/a', function a() {});
    second.route('/b', { methods: ['GET', 'POST'] }, function b() {});
    expect(generateTypeScriptClient(appToSdkModel(first))).toBe(generateTypeScriptClient(appToSdkModel(second)));
    expect(appToSdkModel(first).routes.map((r) => `${r.httpMethod} ${r.path}`)).toEqual(['GET /a', 'GET /b', 'POST /b']);
  });

  it.each([
    ['GET', ['application/json'], { kind: 'none' }],
    ['DELETE', ['application/json'], { kind: 'none' }],
    ['POST', ['application/json'], { kind: 'json' }],
    ['PUT', ['application/x-www-form-urlencoded', 'application/json'], { kind: 'json' }],
    ['PATCH', ['application/merge-patch+json'], { kind: 'json' }],
    ['POST', ['application/octet-stream'], { kind: 'raw', contentType: 'application/octet-stream' }],
    ['POST', ['text/csv', 'text/plain'], { kind: 'raw', contentType: 'text/csv' }],
  ] as const)('%s accepting %j takes body %j', (method, contentTypes, body) => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/x', { methods: [method], contentTypes: [...contentTypes] }, function x() {});
    expect(appToSdkModel(app).routes[0].body).toEqual(body);
  });

  it('names the class after the app and records what each route needs from the caller', () => {
    const app = new Chalice({ appName: 'my-shop_api' });
    app.route('/key', { apiKeyRequired: true }, function key() {});
    app.route('/iam', { authorizer: new IAMAuthorizer() }, function iam() {});
    app.route('/pool', { authorizer: new CognitoUserPoolAuthorizer('pool', ['arn:aws:cognito-idp:us-east-1:1:userpool/p'], { header: 'X-Token' }) }, function pool() {});
    const model = appToSdkModel(app);
    expect(model.className).toBe('MyShopApiClient');
    const source = generateTypeScriptClient(model);
    expect(source).toContain('Needs an API key: set ClientOptions.apiKey.');
    expect(source).toContain('Authorized by IAM: requests must be SigV4-signed');
    expect(source).toContain('Authorized by pool: send the token in the X-Token header (ClientOptions.headers).');
  });

  it('has an exception class for every HTTP error the runtime can throw', () => {
    for (const error of ALL_ERRORS) expect(CHALICE_ERROR_CODES).toContain(error.code);
    const source = generateTypeScriptClient(appToSdkModel(new Chalice({ appName: 'demo' })));
    for (const code of CHALICE_ERROR_CODES) expect(source).toContain(`export class ${code} extends ApiError {`);
  });
});

describe('generated clients of the fixture projects', () => {
  it.each(FIXTURE_NAMES)('%s: client.ts matches its golden test/golden/sdk/<fixture>.client.ts', async (fixture) => {
    const app = await loadFixtureApp(fixture);
    expectGoldenText(`sdk/${fixture}.client.ts`, generateTypeScriptClient(appToSdkModel(app as never)));
  });
});
