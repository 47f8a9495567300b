import { describe, expect, it } from 'vitest';
import type { AppGraph, HttpApiResource } from '../../../src/graph/index.js';
import { appGraphToText, buildAppGraph, resourcesOfKind } from '../../../src/graph/index.js';
import { AuthResponse, CORSConfig, Chalice, CognitoUserPoolAuthorizer, CustomAuthorizer, IAMAuthorizer, JWTAuthorizer } from '../../../src/runtime/index.js';
import { fixtureGraph, graphOptions, inlineConfig } from './fixture-graph.js';

const HTTP = { api_type: 'http' };

function graphOf(app: Chalice, file: Record<string, unknown> = HTTP): AppGraph {
  return buildAppGraph(graphOptions(app, inlineConfig(file)));
}

function httpApi(graph: AppGraph): HttpApiResource {
  const [api] = resourcesOfKind(graph, 'http-api');
  expect(api).toBeDefined();
  return api;
}

const jwt = new JWTAuthorizer('users', { issuer: 'https://issuer.example.com/', audience: ['aud-1'] });

describe('api_type "http"', () => {
  it('builds an HTTP API instead of a REST API, with the handler and its permission', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    const graph = graphOf(app);
    expect(resourcesOfKind(graph, 'rest-api')).toEqual([]);
    expect(httpApi(graph)).toEqual({
      kind: 'http-api',
      resourceName: 'http_api',
      name: 'demo',
      stage: 'api',
      routes: [{ path: '/', method: 'GET', viewName: 'index', paramNames: [] }],
      handler: { ref: 'lambda-function', name: 'api_handler' },
      authorizers: [],
    });
    expect(resourcesOfKind(graph, 'lambda-permission')).toEqual([
      {
        kind: 'lambda-permission',
        resourceName: 'http_api_invoke',
        function: { ref: 'lambda-function', name: 'api_handler' },
        service: 'apigateway',
        source: { kind: 'http-api', api: { ref: 'http-api', name: 'http_api' } },
      },
    ]);
    expect(resourcesOfKind(graph, 'lambda-function').map((f) => f.functionName)).toEqual(['demo-dev']);
  });

  it('keeps the REST API by default and per stage', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    const graph = graphOf(app, { api_type: 'http', stages: { dev: { api_type: 'rest' } } });
    expect(resourcesOfKind(graph, 'http-api')).toEqual([]);
    expect(resourcesOfKind(graph, 'rest-api')).toHaveLength(1);
  });

  it('builds no API for an app without routes', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction(function worker() {});
    expect(resourcesOfKind(graphOf(app), 'http-api')).toEqual([]);
  });

  it('maps the fixture: routes in registration order, JWT / Lambda / IAM authorizers, one CORS configuration', async () => {
    const graph = await fixtureGraph('http-api');
    const api = httpApi(graph);
    expect(api.routes.map((r) => `${r.method} ${r.path} ${r.authorizer?.kind ?? '-'}`)).toEqual([
      'GET / -',
      'GET /users/{userId} jwt',
      'PUT /users/{userId} jwt',
      'DELETE /users/{userId} jwt',
      'GET /orders/{orderId}/items/{itemId} lambda',
      'POST /admin iam',
    ]);
    expect(api.routes[4].paramNames).toEqual(['orderId', 'itemId']);
    expect(api.routes[1].authorizer).toEqual({
      kind: 'jwt',
      name: 'users',
      header: 'Authorization',
      scopes: ['users/read'],
      issuer: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_AbC123',
      audience: ['client-web', 'client-cli'],
    });
    expect(api.routes[4].authorizer).toEqual({
      kind: 'lambda',
      name: 'tokens',
      header: 'X-Token',
      ttlSeconds: 60,
      simpleResponses: true,
      executionRole: 'arn:aws:iam::123456789012:role/invoke-tokens',
      function: { ref: 'lambda-function', name: 'tokens' },
    });
    expect(api.routes[5].authorizer).toEqual({ kind: 'iam', name: 'sigv4' });
    expect(api.cors).toEqual({
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['DELETE', 'GET', 'POST', 'PUT'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Api-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Trace-Id'],
      maxAge: 600,
      allowCredentials: true,
    });
    expect(api.authorizers).toEqual([{ ref: 'lambda-function', name: 'tokens' }]);
    expect(resourcesOfKind(graph, 'lambda-permission').map((p) => [p.resourceName, p.function.name, p.source.kind])).toEqual([
      ['http_api_invoke', 'api_handler', 'http-api'],
      ['tokens_invoke', 'tokens', 'http-api'],
    ]);
  });

  it('merges CORS from the routes that enable it; their methods are the allowed ones', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a', { cors: true }, function a() {});
    app.route('/b', { methods: ['POST'], cors: new CORSConfig() }, function b() {});
    app.route('/c', { methods: ['DELETE'] }, function c() {});
    expect(httpApi(graphOf(app)).cors).toEqual({
      allowOrigins: ['*'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Api-Key'],
      exposeHeaders: [],
      allowCredentials: false,
    });
  });

  it('ignores binary media types: payload 2.0 carries isBase64Encoded', () => {
    const app = new Chalice({ appName: 'demo' });
    app.api.binaryTypes.push('application/octet-stream');
    app.route('/', function index() {});
    expect(httpApi(graphOf(app))).not.toHaveProperty('binaryMediaTypes');
  });

  it('maps a custom domain (always REGIONAL) to the HTTP API', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    const graph = graphOf(app, {
      ...HTTP,
      api_gateway_custom_domain: { domain_name: 'api.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:1:certificate/c', url_prefix: '/' },
    });
    expect(resourcesOfKind(graph, 'domain-name')).toMatchObject([
      { resourceName: 'api_gateway_custom_domain', protocol: 'http', endpointType: 'REGIONAL', domainName: 'api.example.com' },
    ]);
    expect(resourcesOfKind(graph, 'api-mapping')).toEqual([
      {
        kind: 'api-mapping',
        resourceName: 'api_gateway_custom_domain_mapping',
        domain: { ref: 'domain-name', name: 'api_gateway_custom_domain' },
        api: { ref: 'http-api', name: 'http_api' },
        stage: 'api',
      },
    ]);
  });

  it('chalice appgraph shows the HTTP API routes with their authorizers', async () => {
    const text = appGraphToText(await fixtureGraph('http-api'));
    expect(text).toContain('├── http-api http_api');
    expect(text).toContain('PUT /users/{userId} → changeUser [authorizer users (jwt, scopes users/write admin)]');
    expect(text).toContain('GET /orders/{orderId}/items/{itemId} → orderItem [authorizer tokens (lambda)]');
  });
});

describe('what an HTTP API cannot do is refused with a clear error', () => {
  const builtin = (app: Chalice) => app.authorizer({ name: 'auth' }, (a) => new AuthResponse({ routes: ['*'], principalId: a.token }));
  it.each([
    {
      case: 'apiKeyRequired',
      build: (app: Chalice) => app.route('/key', { apiKeyRequired: true }, function withKey() {}),
      error: /^Route GET \/key \(view withKey\) sets apiKeyRequired, but an HTTP API \(api_type "http"\) has no API keys; remove apiKeyRequired/,
    },
    {
      case: 'a Cognito user pool authorizer',
      build: (app: Chalice) =>
        app.route('/c', { authorizer: new CognitoUserPoolAuthorizer('pool', ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Xy']) }, function viaPool() {}),
      error:
        /^Route GET \/c \(view viaPool\) uses the Cognito user pool authorizer "pool".*use new JWTAuthorizer\('pool', \{ issuer: 'https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_Xy', audience: \[<app client ids>\] \}\) instead$/,
    },
    {
      case: 'a custom authorizer',
      build: (app: Chalice) => app.route('/x', { authorizer: new CustomAuthorizer('ext', 'arn:aws:apigateway:x') }, function viaExt() {}),
      error: /^Route GET \/x \(view viaExt\) uses the custom authorizer "ext", which an HTTP API \(api_type "http"\) does not support; .*app\.authorizer.*JWTAuthorizer/,
    },
    {
      case: 'scopes on a built-in authorizer',
      build: (app: Chalice) => app.route('/s', { authorizer: builtin(app).withScopes(['read']) }, function scoped() {}),
      error: /^Route GET \/s \(view scoped\) requires scopes read from the built-in authorizer "auth", but an HTTP API checks scopes only with a JWT authorizer/,
    },
    {
      case: 'conflicting CORS configurations',
      build: (app: Chalice) => {
        app.route('/a', { cors: true }, function a() {});
        app.route('/b', { cors: new CORSConfig({ allowOrigin: 'https://x.example.com' }) }, function b() {});
      },
      error: /^Routes GET \/a \(view a\) and GET \/b \(view b\) enable different CORS configurations, but an HTTP API \(api_type "http"\) has one for the whole API/,
    },
    {
      case: 'two different authorizers with one name',
      build: (app: Chalice) => {
        app.route('/a', { authorizer: jwt }, function a() {});
        app.route('/b', { authorizer: new JWTAuthorizer('users', { issuer: 'https://other.example.com/', audience: ['aud-1'] }) }, function b() {});
      },
      error: /^Routes GET \/a and GET \/b use two different authorizers named "users"/,
    },
  ])('$case', ({ build, error }) => {
    const app = new Chalice({ appName: 'demo' });
    build(app);
    expect(() => graphOf(app)).toThrow(error);
  });

  it.each([
    { setting: { api_gateway_endpoint_type: 'PRIVATE', api_gateway_endpoint_vpce: 'vpce-1' }, error: /"api_gateway_endpoint_type": "PRIVATE" is set .* cannot be private/ },
    { setting: { minimum_compression_size: 100 }, error: /"minimum_compression_size" is set .* does not compress responses/ },
  ])('REST-only setting $setting', ({ setting, error }) => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    expect(() => graphOf(app, { ...HTTP, ...setting })).toThrow(error);
  });

  it('scopes per route are fine on a JWT authorizer (one definition, scopes differ)', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a', { authorizer: jwt.withScopes(['a']) }, function a() {});
    app.route('/b', { authorizer: jwt.withScopes(['b']) }, function b() {});
    expect(httpApi(graphOf(app)).routes.map((r) => (r.authorizer?.kind === 'jwt' ? r.authorizer.scopes : []))).toEqual([['a'], ['b']]);
  });

  it('a REST API still refuses a JWT authorizer', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a', { authorizer: jwt }, function a() {});
    expect(() => graphOf(app, {})).toThrow(/only an HTTP API has; set "api_type": "http"/);
  });

  it('an IAM authorizer has no scopes to refuse', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a', { authorizer: new IAMAuthorizer() }, function a() {});
    expect(httpApi(graphOf(app)).routes[0].authorizer).toEqual({ kind: 'iam', name: 'sigv4' });
  });
});
