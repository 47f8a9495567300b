import { describe, expect, it } from 'vitest';
import type { AppGraph } from '../../../src/graph/index.js';
import { buildAppGraph, resourcesOfKind } from '../../../src/graph/index.js';
import { ChaliceTsError } from '../../../src/project/index.js';
import { Chalice } from '../../../src/runtime/index.js';
import { graphOptions, inlineConfig } from './fixture-graph.js';

function app(): Chalice {
  const a = new Chalice({ appName: 'demo' });
  a.route('/', function index() {
    return {};
  });
  a.lambdaFunction(function worker() {});
  a.schedule('rate(1 hour)', function hourly() {});
  return a;
}

const graphOf = (lambdaFunctions: Record<string, unknown>): AppGraph => buildAppGraph(graphOptions(app(), inlineConfig({ lambda_functions: lambdaFunctions })));

describe('function_url in the app graph', () => {
  it('a NONE URL gets the URL and the two public statements Lambda requires, after its function', () => {
    const graph = graphOf({ api_handler: { function_url: { auth_type: 'NONE', cors: { allow_origins: ['*'] } } } });
    expect(resourcesOfKind(graph, 'function-url')).toEqual([
      {
        kind: 'function-url',
        resourceName: 'api_handler_function_url',
        function: { ref: 'lambda-function', name: 'api_handler' },
        authType: 'NONE',
        cors: { allowOrigins: ['*'], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false },
        invokeMode: 'BUFFERED',
      },
    ]);
    const urlPermissions = resourcesOfKind(graph, 'lambda-permission').filter((p) => p.source.kind === 'function-url');
    expect(urlPermissions.map((p) => [p.resourceName, p.service, p.source.kind === 'function-url' && p.source.action])).toEqual([
      ['api_handler_function_url_public', '*', 'lambda:InvokeFunctionUrl'],
      ['api_handler_function_url_invoke', '*', 'lambda:InvokeFunction'],
    ]);
    const order = graph.resources.map((r) => `${r.kind}:${r.resourceName}`);
    expect(order.indexOf('function-url:api_handler_function_url')).toBeGreaterThan(order.indexOf('lambda-function:api_handler'));
    expect(order.indexOf('lambda-permission:api_handler_function_url_public')).toBeGreaterThan(order.indexOf('function-url:api_handler_function_url'));
  });

  it('an AWS_IAM URL of a pure function needs no resource-policy statement', () => {
    const graph = graphOf({ worker: { function_url: { auth_type: 'AWS_IAM', invoke_mode: 'RESPONSE_STREAM' } } });
    expect(resourcesOfKind(graph, 'function-url').map((u) => [u.resourceName, u.authType, u.invokeMode])).toEqual([['worker_function_url', 'AWS_IAM', 'RESPONSE_STREAM']]);
    expect(resourcesOfKind(graph, 'lambda-permission').filter((p) => p.source.kind === 'function-url')).toEqual([]);
  });

  it('no function_url, no URL', () => {
    expect(resourcesOfKind(graphOf({}), 'function-url')).toEqual([]);
  });

  it('an event handler cannot have a function URL: one line says why and what to do', () => {
    let error: unknown;
    try {
      graphOf({ hourly: { function_url: { auth_type: 'NONE' } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChaliceTsError);
    expect((error as Error).message).toBe(
      'lambda_functions.hourly.function_url is set, but "hourly" is an event handler; a function URL serves HTTP requests, so only api_handler and app.lambdaFunction functions can have one: remove function_url there',
    );
  });
});
