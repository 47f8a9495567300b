import { describe, expect, it } from 'vitest';
import type { AppGraph, LambdaFunctionResource, ManagedIamRoleResource, Resource } from '../../../src/graph/index.js';
import {
  buildAppGraph,
  dependenciesOf,
  eventBusName,
  invokedAlias,
  PROVISIONED_ALIAS,
  resolveRef,
  resourceKey,
  resourcesOfKind,
  sortByDependencies,
  VPC_ACCESS_STATEMENT,
} from '../../../src/graph/index.js';
import { AuthResponse, Blueprint, Chalice, CognitoUserPoolAuthorizer } from '../../../src/runtime/index.js';
import { FIXED_POLICY, fixtureGraph, graphOptions, inlineConfig } from './fixture-graph.js';

function fn(graph: AppGraph, name: string): LambdaFunctionResource {
  return resolveRef(graph, { ref: 'lambda-function', name });
}

/** An app with a route (api_handler) and the pure functions foo and bar. */
function appWithFunctions(): Chalice {
  const app = new Chalice({ appName: 'demo' });
  app.route('/', function index() {
    return {};
  });
  app.lambdaFunction(function foo() {});
  app.lambdaFunction(function bar() {});
  return app;
}

function graphOf(app: Chalice, file: Record<string, unknown>, overrides: Parameters<typeof graphOptions>[2] = {}): AppGraph {
  return buildAppGraph(graphOptions(app, inlineConfig(file), overrides));
}

describe('per-function settings follow the config precedence', () => {
  const graph = graphOf(appWithFunctions(), {
    lambda_memory_size: 256,
    environment_variables: { A: 'top', B: 'top' },
    lambda_functions: { foo: { lambda_memory_size: 512, environment_variables: { B: 'foo' } }, api_handler: { lambda_timeout: 10 } },
    stages: {
      dev: {
        lambda_timeout: 30,
        environment_variables: { C: 'dev' },
        lambda_functions: { bar: { lambda_timeout: 90, lambda_memory_size: 1024, environment_variables: { A: 'bar-dev' } } },
      },
    },
  });

  it.each([
    { name: 'api_handler', memorySize: 256, timeout: 30, environment: { A: 'top', B: 'top', C: 'dev' } },
    { name: 'foo', memorySize: 512, timeout: 30, environment: { A: 'top', B: 'foo', C: 'dev' } },
    { name: 'bar', memorySize: 1024, timeout: 90, environment: { A: 'bar-dev', B: 'top', C: 'dev' } },
  ])('$name: memory $memorySize, timeout $timeout', ({ name, memorySize, timeout, environment }) => {
    const resource = fn(graph, name);
    expect(resource).toMatchObject({ memorySize, timeout });
    expect(resource.environment).toEqual(environment);
  });

  it('names the REST handler <app>-<stage> and every other function <app>-<stage>-<name>', () => {
    expect(resourcesOfKind(graph, 'lambda-function').map((f) => [f.resourceName, f.functionName, f.handler])).toEqual([
      ['foo', 'demo-dev-foo', 'app.foo'],
      ['bar', 'demo-dev-bar', 'app.bar'],
      ['api_handler', 'demo-dev', 'app.api_handler'],
    ]);
  });
});

describe('tags', () => {
  it('merges config tags across levels and adds the aws-chalice tag, which wins over a user tag of that key', () => {
    const graph = graphOf(appWithFunctions(), {
      tags: { owner: 'top', 'aws-chalice': 'mine' },
      lambda_functions: { foo: { tags: { cost: 'foo' } } },
      stages: { dev: { tags: { owner: 'dev' } } },
    });
    expect(fn(graph, 'foo').tags).toEqual({ 'aws-chalice': 'version=0.0.0-test:stage=dev:app=demo', cost: 'foo', owner: 'dev' });
    expect(fn(graph, 'bar').tags).toEqual({ 'aws-chalice': 'version=0.0.0-test:stage=dev:app=demo', owner: 'dev' });
  });
});

describe('blueprints', () => {
  it('uses the namePrefix in function, view, authorizer and rule names and the urlPrefix in paths', () => {
    const bp = new Blueprint();
    const auth = bp.authorizer({ name: 'auth' }, () => new AuthResponse({ routes: ['*'], principalId: 'p' }));
    bp.route('/{id}', { authorizer: auth }, function show() {});
    bp.schedule('rate(1 hour)', function hourly() {});
    const app = new Chalice({ appName: 'demo' });
    app.registerBlueprint(bp, { namePrefix: 'bp_', urlPrefix: '/things' });
    const graph = graphOf(app, {});
    const api = resourcesOfKind(graph, 'rest-api')[0];
    expect(api.routes.map((r) => [r.path, r.viewName, r.authorizer?.name])).toEqual([['/things/{id}', 'bp_show', 'bp_auth']]);
    expect(fn(graph, 'bp_auth')).toMatchObject({ purpose: 'authorizer', functionName: 'demo-dev-bp_auth' });
    expect(resourcesOfKind(graph, 'event-rule').map((r) => [r.resourceName, r.ruleName])).toEqual([['bp_hourly-event', 'demo-dev-bp_hourly-event']]);
    expect(fn(graph, 'bp_hourly').functionName).toBe('demo-dev-bp_hourly');
  });
});

describe('VPC', () => {
  const vpc = { subnet_ids: ['sn-1'], security_group_ids: ['sg-1'] };

  it('puts the function in the subnets and adds ENI permissions to the generated policy of its role', () => {
    const graph = graphOf(appWithFunctions(), { lambda_functions: { foo: vpc } });
    expect(fn(graph, 'foo')).toMatchObject({ subnetIds: ['sn-1'], securityGroupIds: ['sg-1'] });
    expect(fn(graph, 'bar')).toMatchObject({ subnetIds: [], securityGroupIds: [] });
    const role = resolveRef(graph, fn(graph, 'foo').role) as ManagedIamRoleResource;
    expect(role.policyDocument.Statement).toEqual([...FIXED_POLICY.Statement, VPC_ACCESS_STATEMENT]);
  });

  it('leaves the generated policy alone when no function is in a VPC', () => {
    const graph = graphOf(appWithFunctions(), {});
    const role = resolveRef(graph, fn(graph, 'foo').role) as ManagedIamRoleResource;
    expect(role.policyDocument).toEqual(FIXED_POLICY);
  });

  it('does not touch a policy the user supplies in a file', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const graph = graphOf(
      appWithFunctions(),
      { lambda_functions: { foo: { ...vpc, autogen_policy: false } } },
      { files: { '.chalice/policy-dev.json': JSON.stringify(policy) } },
    );
    const role = resolveRef(graph, fn(graph, 'foo').role) as ManagedIamRoleResource;
    expect(role.policyDocument).toEqual(policy);
  });
});

describe('layers and reserved concurrency', () => {
  it('keeps the configured layer ARNs in order and attaches the automatic layer to every function', () => {
    const graph = graphOf(appWithFunctions(), { automatic_layer: true, lambda_functions: { foo: { layers: ['arn:l:2', 'arn:l:1'] } } });
    expect(fn(graph, 'foo')).toMatchObject({ layers: ['arn:l:2', 'arn:l:1'], managedLayer: { ref: 'lambda-layer', name: 'managed-layer' } });
    expect(fn(graph, 'bar')).toMatchObject({ layers: [], managedLayer: { ref: 'lambda-layer', name: 'managed-layer' } });
    expect(resourcesOfKind(graph, 'lambda-layer')).toEqual([
      { kind: 'lambda-layer', resourceName: 'managed-layer', layerName: 'demo-dev-managed-layer', runtime: 'nodejs20.x', compatibleArchitectures: ['x86_64'], contentFile: 'layer-deployment.zip' },
    ]);
  });

  it('has no layer without automatic_layer', () => {
    const graph = graphOf(appWithFunctions(), {});
    expect(resourcesOfKind(graph, 'lambda-layer')).toEqual([]);
    expect(fn(graph, 'foo').managedLayer).toBeUndefined();
  });

  it.each([
    { value: 0, expected: 0 },
    { value: 25, expected: 25 },
    { value: undefined, expected: undefined },
  ])('reserved_concurrency $value', ({ value, expected }) => {
    const graph = graphOf(appWithFunctions(), value === undefined ? {} : { lambda_functions: { foo: { reserved_concurrency: value } } });
    expect(fn(graph, 'foo').reservedConcurrency).toBe(expected);
    expect('reservedConcurrency' in fn(graph, 'bar')).toBe(false);
  });
});

describe('roles', () => {
  it('shares one managed default-role with the generated policy between functions', () => {
    const graph = graphOf(appWithFunctions(), {});
    expect(resourcesOfKind(graph, 'managed-iam-role')).toEqual([
      expect.objectContaining({ resourceName: 'default-role', roleName: 'demo-dev', policySource: { kind: 'autogen' }, policyDocument: FIXED_POLICY }),
    ]);
    for (const name of ['foo', 'bar', 'api_handler']) expect(fn(graph, name).role).toEqual({ ref: 'managed-iam-role', name: 'default-role' });
  });

  it('uses an existing role ARN when manage_iam_role is false, and creates no role for it', () => {
    const arn = 'arn:aws:iam::123456789012:role/mine';
    const graph = graphOf(appWithFunctions(), { stages: { dev: { manage_iam_role: false, iam_role_arn: arn } } });
    expect(resourcesOfKind(graph, 'managed-iam-role')).toEqual([]);
    expect(resourcesOfKind(graph, 'existing-iam-role')).toEqual([{ kind: 'existing-iam-role', resourceName: arn, roleArn: arn }]);
    expect(fn(graph, 'foo').role).toEqual({ ref: 'existing-iam-role', name: arn });
  });

  it('gives a function with autogen_policy false its own role with the policy file', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] };
    const graph = graphOf(
      appWithFunctions(),
      { lambda_functions: { bar: { autogen_policy: false, iam_policy_file: 'bar.json' } } },
      { files: { '.chalice/bar.json': JSON.stringify(policy) } },
    );
    expect(resolveRef(graph, fn(graph, 'bar').role)).toMatchObject({
      resourceName: 'bar_role',
      roleName: 'demo-dev-bar',
      policySource: { kind: 'file', file: '.chalice/bar.json' },
      policyDocument: policy,
    });
    expect(fn(graph, 'foo').role.name).toBe('default-role');
  });

  it.each([
    { content: undefined, code: 'policy_file_missing', message: /\.chalice\/policy-dev\.json does not exist/ },
    { content: '{ nope', code: 'policy_file_invalid', message: /not valid JSON/ },
    { content: '{"Version": "2012-10-17"}', code: 'policy_file_invalid', message: /needs a "Statement" list/ },
  ])('fails with $code for a bad policy file', ({ content, code, message }) => {
    const files: Record<string, string> = content === undefined ? {} : { '.chalice/policy-dev.json': content };
    expect(() => graphOf(appWithFunctions(), { autogen_policy: false }, { files })).toThrow(
      expect.objectContaining({ name: 'ChaliceTsError', code, message: expect.stringMatching(message) }),
    );
  });
});

describe('dependency order', () => {
  it.each(['hello', 'full'] as const)('every reference of the %s fixture points at an earlier resource', async (name) => {
    const graph = await fixtureGraph(name);
    const seen = new Set<string>();
    for (const resource of graph.resources) {
      for (const ref of dependenciesOf(resource)) expect(seen, `${resourceKey(resource)} → ${resourceKey(ref)}`).toContain(resourceKey(ref));
      seen.add(resourceKey(resource));
    }
    expect(seen.size).toBe(graph.resources.length);
  });

  it('sorts dependencies first, keeping the given order otherwise', () => {
    const graph = graphOf(appWithFunctions(), {});
    const reversed = [...graph.resources].reverse();
    const sorted = sortByDependencies(reversed);
    const kinds = sorted.map((r: Resource) => resourceKey(r));
    expect(kinds.indexOf('managed-iam-role:default-role')).toBeLessThan(kinds.indexOf('lambda-function:foo'));
    expect(kinds.indexOf('lambda-function:api_handler')).toBeLessThan(kinds.indexOf('rest-api:rest_api'));
    expect(kinds.indexOf('rest-api:rest_api')).toBeLessThan(kinds.indexOf('lambda-permission:rest_api_invoke'));
  });

  it('fails on a reference to a missing resource', () => {
    const graph = graphOf(appWithFunctions(), {});
    const withoutRole = graph.resources.filter((r) => r.kind !== 'managed-iam-role');
    expect(() => sortByDependencies(withoutRole)).toThrow(/references missing managed-iam-role:default-role/);
  });
});

describe('websocket API stage', () => {
  it.each([
    [{}, 'api'],
    [{ api_gateway_stage: 'v1' }, 'v1'],
    [{ api_gateway_stage: 'v1', websocket_api_stage: 'ws' }, 'ws'],
  ])('config %j serves the websocket API on stage %s', (file, stage) => {
    const app = new Chalice({ appName: 'demo' });
    app.experimentalFeatureFlags.add('WEBSOCKETS');
    app.onWsMessage(function onMessage() {});
    expect(resourcesOfKind(graphOf(app, file), 'websocket-api')[0].stage).toBe(stage);
  });
});

describe('impossible apps fail clearly', () => {
  it('refuses websocket handlers without the WEBSOCKETS feature flag', () => {
    const app = new Chalice({ appName: 'demo' });
    app.onWsMessage(function onMessage() {});
    expect(() => graphOf(app, {})).toThrow(
      expect.objectContaining({ code: 'experimental_feature_disabled', message: expect.stringContaining("app.experimentalFeatureFlags.add('WEBSOCKETS')") }),
    );
    app.experimentalFeatureFlags.add('WEBSOCKETS');
    expect(resourcesOfKind(graphOf(app, {}), 'websocket-api')[0].routes).toEqual([
      { routeKey: '$default', function: { ref: 'lambda-function', name: 'websocket_message' } },
    ]);
  });

  it('refuses a route whose built-in authorizer is not registered on the app', () => {
    const bp = new Blueprint();
    const auth = bp.authorizer({ name: 'orphan' }, () => new AuthResponse({ routes: ['*'], principalId: 'p' }));
    const app = new Chalice({ appName: 'demo' });
    app.route('/', { authorizer: auth }, function index() {});
    expect(() => graphOf(app, {})).toThrow(expect.objectContaining({ code: 'authorizer_unknown', message: expect.stringContaining('"orphan"') }));
  });

  it('refuses a function that takes the name of the REST handler', () => {
    // The runtime already rejects this at registration; an app model from elsewhere may not.
    const app = appWithFunctions();
    const model = { ...app, api: app.api, routes: app.routes, pureLambdaFunctions: [...app.pureLambdaFunctions, { kind: 'lambda-function' as const, name: 'api_handler', handler: () => {} }] };
    expect(() => buildAppGraph(graphOptions(model, inlineConfig({})))).toThrow(expect.objectContaining({ code: 'function_name_conflict', message: expect.stringContaining('"api_handler"') }));
  });

  it('refuses a deployed function name longer than Lambda allows', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction({ name: 'x'.repeat(60) }, () => {});
    expect(() => graphOf(app, {})).toThrow(expect.objectContaining({ code: 'function_name_invalid', message: expect.stringContaining('Lambda allows 64') }));
  });

  it('refuses two different authorizers with one name', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a', { authorizer: new CognitoUserPoolAuthorizer('pool', ['arn:a']) }, function a() {});
    app.route('/b', { authorizer: new CognitoUserPoolAuthorizer('pool', ['arn:b']) }, function b() {});
    expect(() => graphOf(app, {})).toThrow(expect.objectContaining({ code: 'authorizer_conflict' }));
  });

  it('allows one authorizer with different scopes per route', () => {
    const app = new Chalice({ appName: 'demo' });
    const pool = new CognitoUserPoolAuthorizer('pool', ['arn:a']);
    app.route('/a', { authorizer: pool.withScopes(['read']) }, function a() {});
    app.route('/b', { authorizer: pool.withScopes(['write']) }, function b() {});
    expect(resourcesOfKind(graphOf(app, {}), 'rest-api')[0].routes.map((r) => r.authorizer?.scopes)).toEqual([['read'], ['write']]);
  });

  it('refuses a custom domain on a PRIVATE REST API', () => {
    expect(() =>
      graphOf(appWithFunctions(), {
        api_gateway_endpoint_type: 'PRIVATE',
        api_gateway_endpoint_vpce: 'vpce-1',
        api_gateway_custom_domain: { domain_name: 'x.example.com', certificate_arn: 'arn:aws:acm:us-west-2:1:certificate/c' },
      }),
    ).toThrow(expect.objectContaining({ code: 'custom_domain_unsupported' }));
  });
});

describe('the REST API', () => {
  it('does not exist for an app without routes', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction(function foo() {});
    const graph = graphOf(app, {});
    expect(graph.resources.map(resourceKey)).toEqual(['managed-iam-role:default-role', 'lambda-function:foo']);
  });

  it('gets the VPC-endpoint resource policy when PRIVATE, unless a policy file is configured', () => {
    const privateApi = { api_gateway_endpoint_type: 'PRIVATE', api_gateway_endpoint_vpce: ['vpce-1', 'vpce-2'] };
    const graph = graphOf(appWithFunctions(), privateApi);
    expect(resourcesOfKind(graph, 'rest-api')[0]).toMatchObject({
      endpointType: 'PRIVATE',
      vpcEndpointIds: ['vpce-1', 'vpce-2'],
      policy: { Statement: [expect.objectContaining({ Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } } })] },
    });
    const filePolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }] };
    const withFile = graphOf(appWithFunctions(), { ...privateApi, api_gateway_policy_file: 'api.json' }, { files: { '.chalice/api.json': JSON.stringify(filePolicy) } });
    expect(resourcesOfKind(withFile, 'rest-api')[0].policy).toEqual(filePolicy);
  });

  it('is plain data: the graph survives a JSON round trip unchanged', async () => {
    const graph = await fixtureGraph('full');
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
  });
});

describe('dead-letter queues', () => {
  it('are set per function and the generated role may send to them (SQS and SNS), once per target', () => {
    const graph = graphOf(appWithFunctions(), {
      dead_letter_queue: 'arn:aws:sqs:us-east-1:1:dlq',
      lambda_functions: { foo: { dead_letter_queue: 'arn:aws:sns:us-east-1:1:alerts' } },
    });
    expect(fn(graph, 'foo').deadLetterQueue).toBe('arn:aws:sns:us-east-1:1:alerts');
    expect(fn(graph, 'bar').deadLetterQueue).toBe('arn:aws:sqs:us-east-1:1:dlq');
    const role = resolveRef(graph, { ref: 'managed-iam-role', name: 'default-role' });
    expect(role.policyDocument.Statement.slice(-2)).toEqual([
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:us-east-1:1:alerts'] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:1:dlq'] },
    ]);
  });

  it('leave a policy from a file as the user wrote it', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] };
    const graph = graphOf(
      appWithFunctions(),
      { autogen_policy: false, dead_letter_queue: 'arn:aws:sqs:us-east-1:1:dlq' },
      { files: { '.chalice/policy-dev.json': JSON.stringify(policy) } },
    );
    expect(resolveRef(graph, { ref: 'managed-iam-role', name: 'foo_role' }).policyDocument).toEqual(policy);
  });
});

describe('provisioned concurrency and async invocation settings', () => {
  it('are set per function; the generated role may send to each destination with the action its service needs', () => {
    const graph = graphOf(appWithFunctions(), {
      provisioned_concurrency: 2,
      dead_letter_queue: 'arn:aws:sqs:us-east-1:1:dlq',
      async_invocation: { on_failure: 'arn:aws:sqs:us-east-1:1:dlq', on_success: 'arn:aws:events:us-east-1:1:event-bus/done' },
      lambda_functions: {
        foo: { async_invocation: { on_failure: 'arn:aws:sns:us-east-1:1:alerts', on_success: 'arn:aws:lambda:us-east-1:1:function:next', maximum_retry_attempts: 0 } },
      },
    });
    expect(fn(graph, 'foo')).toMatchObject({
      provisionedConcurrency: 2,
      asyncInvocation: { onFailure: 'arn:aws:sns:us-east-1:1:alerts', onSuccess: 'arn:aws:lambda:us-east-1:1:function:next', maximumRetryAttempts: 0 },
    });
    expect(fn(graph, 'bar').asyncInvocation).toEqual({ onFailure: 'arn:aws:sqs:us-east-1:1:dlq', onSuccess: 'arn:aws:events:us-east-1:1:event-bus/done' });
    const role = resolveRef(graph, { ref: 'managed-iam-role', name: 'default-role' });
    expect(role.policyDocument.Statement.slice(-4)).toEqual([
      { Effect: 'Allow', Action: ['events:PutEvents'], Resource: ['arn:aws:events:us-east-1:1:event-bus/done'] },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['arn:aws:lambda:us-east-1:1:function:next'] },
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:us-east-1:1:alerts'] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:1:dlq'] },
    ]);
  });

  it('are absent from functions that do not set them', () => {
    const graph = graphOf(appWithFunctions(), {});
    expect(fn(graph, 'foo')).not.toHaveProperty('provisionedConcurrency');
    expect(fn(graph, 'foo')).not.toHaveProperty('asyncInvocation');
  });
});

describe('rules on a custom event bus', () => {
  it('keep the bus as given on the rule, and triggers invoke the alias of a provisioned function', () => {
    const app = new Chalice({ appName: 'demo' });
    app.onCwEvent({ source: ['shop'] }, { eventBus: 'orders' }, function onOrder() {});
    app.onCwEvent({ source: ['aws.ec2'] }, function onEc2() {});
    const graph = graphOf(app, { lambda_functions: { onOrder: { provisioned_concurrency: 1 } } });
    const rules = resourcesOfKind(graph, 'event-rule');
    expect(rules.map((r) => [r.resourceName, r.eventBus, eventBusName(r)])).toEqual([
      ['onOrder-event', 'orders', 'orders'],
      ['onEc2-event', undefined, undefined],
    ]);
    expect(eventBusName({ ...rules[0]!, eventBus: 'arn:aws:events:us-east-1:1:event-bus/orders' })).toBe('orders');
    expect([invokedAlias(fn(graph, 'onOrder')), invokedAlias(fn(graph, 'onEc2'))]).toEqual([PROVISIONED_ALIAS, undefined]);
  });
});
