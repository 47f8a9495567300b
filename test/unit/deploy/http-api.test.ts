/**
 * HTTP APIs (`api_type: "http"`) against the in-memory AWS: what a deploy creates, records and
 * reports; that a changed app (or a change made by hand) is brought back in place with only the
 * calls that differ; switching `api_type` between rest and http; a lost state file. (Crash
 * safety at every write and the plan goldens cover the `http-api` fixture too.)
 */
import { describe, expect, it } from 'vitest';
import type { AppGraph, Resource } from '../../../src/graph/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import type { HttpApiResource, HttpRoute } from '../../../src/graph/resources.js';
import { deployedHttpApi } from '../../../src/deploy/http-api/records.js';
import { instructionCall } from '../../../src/deploy/plan-text.js';
import { deployedCustomDomains } from '../../../src/deploy/websocket-domains/records.js';
import type { Instruction } from '../../../src/deploy/instructions.js';
import { graphOptions, inlineConfig, loadFixtureApp } from '../graph/fixture-graph.js';
import { fixtureInputs, harness, inputsOf } from './deploy-helpers.js';
import type { FailureMode } from './fake-aws-client.js';

function withHttpApi(graph: AppGraph, change: (api: HttpApiResource) => HttpApiResource): AppGraph {
  return { ...graph, resources: graph.resources.map((r: Resource) => (r.kind === 'http-api' ? change(r) : r)) };
}

const withoutRoutes = (graph: AppGraph, keep: (route: HttpRoute) => boolean) => withHttpApi(graph, (api) => ({ ...api, routes: api.routes.filter(keep) }));

const kinds = (plan: readonly Instruction[]) => plan.map((i) => i.kind);

describe('HTTP API deploy', () => {
  it('records the API id and its URL, which the deploy result reports', async () => {
    const h = harness();
    const result = await h.deploy(await fixtureInputs('http-api'));
    const api = deployedHttpApi(h.store.read()!)!;
    expect(api.httpApiUrl).toBe(`https://${api.httpApiId}.execute-api.us-west-2.amazonaws.com/api/`);
    expect(result.httpApi).toEqual(api);
    expect(result.restApi).toBeUndefined();
  });

  it('creates the API as the app describes it: CORS, one 2.0 proxy integration, authorizers, routes, an auto-deployed stage, invoke permissions', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('http-api'));
    const [[apiId, api]] = [...h.client.httpApis.apis];
    expect(api!.tags).toMatchObject({ 'chalice-ts:app': 'httpapi', 'chalice-ts:stage': 'dev', 'aws-chalice': 'version=0.0.0-test:stage=dev:app=httpapi' });
    expect(api!.cors).toMatchObject({ allowOrigins: ['https://app.example.com'], exposeHeaders: ['X-Trace-Id'], maxAge: 600, allowCredentials: true });
    expect([...api!.integrations.values()]).toEqual([{ integrationType: 'AWS_PROXY', integrationUri: 'arn:aws:lambda:us-west-2:123456789012:function:httpapi-dev', payloadFormatVersion: '2.0' }]);
    const authorizers = Object.fromEntries([...api!.authorizers].map(([id, a]) => [a.name, { id, ...a }]));
    expect(authorizers.users).toMatchObject({ authorizerType: 'JWT', identitySource: ['$request.header.Authorization'], audience: ['client-web', 'client-cli'] });
    expect(authorizers.tokens).toMatchObject({
      authorizerType: 'REQUEST',
      identitySource: ['$request.header.X-Token'],
      authorizerUri: 'arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:httpapi-dev-tokens/invocations',
      resultTtlInSeconds: 60,
      enableSimpleResponses: true,
      credentialsArn: 'arn:aws:iam::123456789012:role/invoke-tokens',
    });
    const routes = Object.fromEntries([...api!.routes.values()].map((r) => [r.routeKey, r]));
    expect(Object.keys(routes).sort()).toEqual(['DELETE /users/{userId}', 'GET /', 'GET /orders/{orderId}/items/{itemId}', 'GET /users/{userId}', 'POST /admin', 'PUT /users/{userId}']);
    expect(routes['GET /']).toMatchObject({ authorizationType: 'NONE', authorizationScopes: [] });
    expect(routes['GET /']!.authorizerId).toBeUndefined();
    expect(routes['PUT /users/{userId}']).toMatchObject({ authorizationType: 'JWT', authorizerId: authorizers.users!.id, authorizationScopes: ['admin', 'users/write'] });
    expect(routes['GET /orders/{orderId}/items/{itemId}']).toMatchObject({ authorizationType: 'CUSTOM', authorizerId: authorizers.tokens!.id });
    expect(routes['POST /admin']).toMatchObject({ authorizationType: 'AWS_IAM' });
    expect([...api!.stages]).toEqual([['api', { autoDeploy: true }]]);
    const sourceArn = `arn:aws:execute-api:us-west-2:123456789012:${apiId}/*`;
    expect(h.client.functions.get('httpapi-dev')!.policy).toEqual([{ sid: 'chalice-ts-http_api_invoke', principal: 'apigateway.amazonaws.com', sourceArn }]);
    expect(h.client.functions.get('httpapi-dev-tokens')!.policy).toEqual([{ sid: 'chalice-ts-tokens_invoke', principal: 'apigateway.amazonaws.com', sourceArn }]);
  });

  it.each<[string, (graph: AppGraph) => AppGraph, string[]]>([
    ['a removed route: only that route is deleted', (g) => withoutRoutes(g, (r) => r.path !== '/admin'), ['delete-http-route']],
    [
      'the routes of an authorizer removed: the routes, then the authorizer',
      (g) => withoutRoutes(g, (r) => r.path !== '/users/{userId}'),
      ['delete-http-route', 'delete-http-route', 'delete-http-route', 'delete-http-authorizer'],
    ],
    ['an added route', (g) => withHttpApi(g, (api) => ({ ...api, routes: [...api.routes, { ...api.routes[0]!, path: '/health', viewName: 'health' }] })), ['create-http-route']],
    [
      "a route's scopes changed",
      (g) => withHttpApi(g, (api) => ({ ...api, routes: api.routes.map((r) => (r.authorizer?.kind === 'jwt' && r.method === 'GET' ? { ...r, authorizer: { ...r.authorizer, scopes: ['users/list'] } } : r)) })),
      ['update-http-route'],
    ],
    [
      "a JWT authorizer's audience changed",
      (g) => withHttpApi(g, (api) => ({ ...api, routes: api.routes.map((r) => (r.authorizer?.kind === 'jwt' ? { ...r, authorizer: { ...r.authorizer, audience: ['client-web'] } } : r)) })),
      ['update-http-authorizer'],
    ],
    [
      "a route's authorizer taken away",
      (g) => withHttpApi(g, (api) => ({ ...api, routes: api.routes.map(({ authorizer, ...r }) => (r.method === 'DELETE' ? r : { ...r, ...(authorizer ? { authorizer } : {}) })) })),
      ['update-http-route'],
    ],
    ['CORS changed', (g) => withHttpApi(g, (api) => ({ ...api, cors: { ...api.cors!, maxAge: 60 } })), ['update-http-api-cors']],
    ['CORS removed', (g) => withHttpApi(g, ({ cors: _cors, ...api }) => api), ['delete-http-api-cors']],
  ])('%s; then nothing is left to change', async (_case, change, expected) => {
    const h = harness();
    const inputs = await fixtureInputs('http-api');
    await h.deploy(inputs);
    const changed = inputsOf(change(inputs.graph));
    expect(kinds(await h.plan(changed))).toEqual(expected);
    await h.deploy(changed);
    expect(await h.plan(changed)).toEqual([]);
  });

  it('puts back what was changed by hand: a route, a tag, the stage, a stray integration and route', async () => {
    const h = harness();
    const inputs = await fixtureInputs('http-api');
    await h.deploy(inputs);
    const [[apiId, api]] = [...h.client.httpApis.apis];
    const admin = [...api!.routes.values()].find((r) => r.routeKey === 'POST /admin')!;
    Object.assign(admin, { authorizationType: 'NONE' });
    delete api!.tags['aws-chalice'];
    api!.tags.owner = 'someone';
    api!.stages.get('api')!.autoDeploy = false;
    const { integrationId } = await h.client.createHttpIntegration(apiId!, 'arn:aws:lambda:us-west-2:123456789012:function:other');
    await h.client.createHttpRoute(apiId!, { routeKey: 'GET /stray', target: `integrations/${integrationId}`, authorizationType: 'NONE', authorizationScopes: [] });
    expect(kinds(await h.plan(inputs))).toEqual(['tag-http-api', 'untag-http-api', 'update-http-route', 'delete-http-route', 'delete-http-integration', 'update-http-stage']);
    await h.deploy(inputs);
    expect(await h.plan(inputs)).toEqual([]);
  });

  it('replaces an integration of another payload format, and a second authorizer of the same name, made by hand', async () => {
    const h = harness();
    const inputs = await fixtureInputs('http-api');
    await h.deploy(inputs);
    const [[apiId, api]] = [...h.client.httpApis.apis];
    for (const integration of api!.integrations.values()) integration.payloadFormatVersion = '1.0';
    const users = [...api!.authorizers.values()].find((a) => a.name === 'users')!;
    if (users.authorizerType !== 'JWT') throw new Error('users is a JWT authorizer');
    await h.client.createHttpAuthorizer(apiId!, { ...users, issuer: 'https://elsewhere.example.com' });
    const plan = await h.plan(inputs);
    expect(kinds(plan)).toEqual(['create-http-integration', ...Array(6).fill('update-http-route'), 'delete-http-authorizer', 'delete-http-integration']);
    await h.deploy(inputs);
    expect([...api!.integrations.values()].map((i) => i.payloadFormatVersion)).toEqual(['2.0']);
    expect([...api!.authorizers.values()].map((a) => a.name).sort()).toEqual(['tokens', 'users']);
    expect(await h.plan(inputs)).toEqual([]);
  });

  it('adopts the API after the state file is lost: no write, no duplicate', async () => {
    const h = harness();
    const inputs = await fixtureInputs('http-api');
    await h.deploy(inputs);
    const before = h.client.dump();
    h.store.remove();
    h.client.resetCalls();
    await h.deploy(inputs);
    expect(h.client.writes).toEqual([]);
    expect(h.client.dump()).toEqual(before);
    expect(deployedHttpApi(h.store.read()!)).toBeDefined();
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
  });
});

describe('switching api_type', () => {
  /** The `hello` fixture app, built with `api_type` set. */
  async function helloWith(apiType: 'rest' | 'http') {
    const config = inlineConfig({ app_name: 'hello', api_type: apiType, stages: { dev: { api_gateway_stage: 'api' } } });
    return inputsOf(buildAppGraph(graphOptions(await loadFixtureApp('hello'), config)));
  }

  it('from rest to http deletes the REST API once the HTTP API serves the routes, and back again', async () => {
    const h = harness();
    await h.deploy(await helloWith('rest'));
    expect(h.client.apis.size).toBe(1);
    const toHttp = await h.plan(await helloWith('http'));
    const order = kinds(toHttp);
    expect(order).toContain('create-http-api');
    expect(order.indexOf('delete-rest-api')).toBeGreaterThan(order.indexOf('create-http-stage'));
    expect(order.filter((k) => k.startsWith('create-function') || k === 'delete-function')).toEqual([]);
    await h.deploy(await helloWith('http'));
    expect([h.client.apis.size, h.client.httpApis.apis.size]).toEqual([0, 1]);
    expect(await h.plan(await helloWith('http'))).toEqual([]);

    await h.deploy(await helloWith('rest'));
    expect([h.client.apis.size, h.client.httpApis.apis.size]).toEqual([1, 0]);
    expect(h.client.functions.get('hello-dev')!.policy.map((s) => s.sid)).toEqual(['chalice-ts-rest_api_invoke']);
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
  });
});

describe('an HTTP API custom domain (stage prod of the fixture)', () => {
  it('is an API Gateway v2 domain with an API mapping under url_prefix, reported with its https:// URL, and deleted with the stage', async () => {
    const h = harness();
    const inputs = await fixtureInputs('http-api', 'prod');
    const plan = await h.plan(inputs);
    const domainSteps = plan.filter((i) => i.kind.includes('domain') || i.kind.includes('mapping'));
    expect(domainSteps.map((i) => instructionCall(i))).toEqual(['ApiGatewayV2.CreateDomainName', 'ApiGatewayV2.CreateApiMapping']);
    expect(domainSteps[1]).toMatchObject({ apiId: { output: 'httpApiId' }, key: 'v1', stage: 'v1' });
    const result = await h.deploy(inputs);
    const [[apiId]] = [...h.client.httpApis.apis];
    const domain = h.client.domains.get('websocket:api.example.com')!;
    expect([...domain.apiMappings.values()]).toEqual([{ apiId, key: 'v1', stage: 'v1' }]);
    expect(domain.tags).toMatchObject({ domain: 'http', 'chalice-ts:app': 'httpapi', 'chalice-ts:stage': 'prod' });
    expect(deployedCustomDomains(result.state).map((d) => [d.protocol, d.url])).toEqual([['http', 'https://api.example.com/v1/']]);
    expect(await h.plan(inputs)).toEqual([]);
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
  });

  it('converges after a failure at any write of the first deploy, in each mode', async () => {
    const inputs = await fixtureInputs('http-api', 'prod');
    const clean = harness();
    await clean.deploy(inputs);
    const expected = clean.client.dump();
    const total = clean.client.writes.length;
    for (const mode of ['fail', 'lost-answer', 'kill'] as const satisfies readonly FailureMode[]) {
      for (let n = 1; n <= total; n++) {
        const run = harness();
        run.client.failAtWrite(n, mode);
        await expect(run.deploy(inputs)).rejects.toThrow();
        await run.deploy(inputs);
        expect(run.client.dump(), `${mode} at write ${n}`).toEqual(expected);
        await run.delete();
        expect(run.client.isEmpty(), `${mode} at write ${n}: delete`).toBe(true);
      }
    }
  });
});
