import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument, lambdaArnToIntegrationUri } from '../../../src/build/openapi/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import { Chalice, CORSConfig, CustomAuthorizer, IAMAuthorizer } from '../../../src/runtime/index.js';
import { fixtureGraph, graphOptions, inlineConfig } from '../graph/fixture-graph.js';

const uri = (fn: { functionName: string }) => `uri:${fn.functionName}`;

async function fullDocument(): Promise<any> {
  return generateOpenApiDocument(await fixtureGraph('full'), { integrationUri: uri });
}

function documentOf(app: Chalice, file: Record<string, unknown> = {}, files: Record<string, string> = {}): any {
  return generateOpenApiDocument(buildAppGraph(graphOptions(app, inlineConfig(file), { files })), { integrationUri: uri });
}

describe('generateOpenApiDocument', () => {
  it('integrates every route with the API handler through a Lambda proxy (POST) integration', async () => {
    const doc = await fullDocument();
    const operations = Object.values(doc.paths as Record<string, Record<string, any>>).flatMap((ops) => Object.entries(ops));
    for (const [method, operation] of operations) {
      if (method === 'options') continue;
      expect(operation['x-amazon-apigateway-integration']).toEqual({
        contentHandling: 'CONVERT_TO_TEXT',
        httpMethod: 'POST',
        passthroughBehavior: 'when_no_match',
        responses: { default: { statusCode: '200' } },
        type: 'aws_proxy',
        uri: 'uri:full-dev',
      });
    }
  });

  it('lists the binary media types, path parameters and accepted content types', async () => {
    const doc = await fullDocument();
    expect(doc['x-amazon-apigateway-binary-media-types']).toContain('application/x-full');
    expect(doc.paths['/users/{user}/posts/{post}'].get.parameters).toEqual([
      { in: 'path', name: 'user', required: true, type: 'string' },
      { in: 'path', name: 'post', required: true, type: 'string' },
    ]);
    expect(doc.paths['/upload'].post.consumes).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(doc.paths['/binary'].post.consumes).toEqual(['application/octet-stream']);
  });

  it.each([
    {
      name: 'token_auth',
      definition: {
        in: 'header',
        name: 'Authorization',
        type: 'apiKey',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          authorizerCredentials: 'arn:aws:iam::123456789012:role/auth-exec',
          authorizerResultTtlInSeconds: 30,
          authorizerUri: 'uri:full-dev-token_auth',
          type: 'token',
        },
      },
    },
    {
      name: 'users',
      definition: {
        in: 'header',
        name: 'X-Token',
        type: 'apiKey',
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': {
          providerARNs: ['arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc'],
          type: 'cognito_user_pools',
        },
      },
    },
    { name: 'sigv4', definition: { in: 'header', name: 'Authorization', type: 'apiKey', 'x-amazon-apigateway-authtype': 'awsSigv4' } },
    {
      name: 'external',
      definition: {
        in: 'header',
        name: 'Authorization',
        type: 'apiKey',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          authorizerCredentials: 'arn:aws:iam::123456789012:role/invoke-ext',
          authorizerResultTtlInSeconds: 120,
          authorizerUri:
            'arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:ext/invocations',
          type: 'token',
        },
      },
    },
    { name: 'api_key', definition: { in: 'header', name: 'x-api-key', type: 'apiKey' } },
  ])('defines the $name security scheme', async ({ name, definition }) => {
    expect((await fullDocument()).securityDefinitions[name]).toEqual(definition);
  });

  it.each([
    ['/cognito', [{ users: ['read', 'write'] }]],
    ['/iam', [{ api_key: [] }, { sigv4: [] }]],
    ['/builtin', [{ token_auth: [] }]],
    ['/key', [{ api_key: [] }]],
    ['/', undefined],
  ])('secures GET %s with %j', async (path, security) => {
    expect((await fullDocument()).paths[path].get.security).toEqual(security);
  });

  it('answers CORS preflight with a mock integration listing the CORS methods and headers', async () => {
    const options = (await fullDocument()).paths['/items/{id}'].options;
    const headers = {
      'Access-Control-Allow-Headers': 'Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key,X-Special',
      'Access-Control-Allow-Methods': 'GET,DELETE,OPTIONS',
      'Access-Control-Allow-Origin': 'https://example.com',
      'Access-Control-Expose-Headers': 'X-Total',
      'Access-Control-Max-Age': '600',
    };
    expect(options['x-amazon-apigateway-integration']).toEqual({
      contentHandling: 'CONVERT_TO_TEXT',
      passthroughBehavior: 'when_no_match',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: {
        default: {
          responseParameters: Object.fromEntries(Object.entries(headers).map(([k, v]) => [`method.response.header.${k}`, `'${v}'`])),
          statusCode: '200',
        },
      },
      type: 'mock',
    });
    expect(Object.keys(options.responses['200'].headers)).toEqual(Object.keys(headers));
  });

  it('lists only the methods with CORS in the preflight of a path whose methods differ', () => {
    const app = new Chalice({ appName: 'demo' });
    app.api.cors = new CORSConfig({ allowOrigin: 'https://app.example' });
    app.route('/mixed', { methods: ['GET', 'PATCH'] }, function read() {});
    app.route('/mixed', { methods: ['POST'], cors: false }, function write() {});
    app.route('/off', { methods: ['GET'], cors: false }, function off() {});
    const doc = documentOf(app);
    const parameters = doc.paths['/mixed'].options['x-amazon-apigateway-integration'].responses.default.responseParameters;
    expect(parameters['method.response.header.Access-Control-Allow-Methods']).toBe("'GET,PATCH,OPTIONS'");
    expect(parameters['method.response.header.Access-Control-Allow-Origin']).toBe("'https://app.example'");
    expect(Object.keys(doc.paths['/mixed']).sort()).toEqual(['get', 'options', 'patch', 'post']);
    expect(doc.paths['/off'].options).toBeUndefined();
  });

  it('adds no preflight to paths without CORS and keeps an OPTIONS view the app registered', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/plain', function plain() {});
    app.route('/own', { methods: ['GET', 'OPTIONS'], cors: new CORSConfig() }, function own() {});
    const doc = documentOf(app);
    expect(doc.paths['/plain'].options).toBeUndefined();
    expect(doc.paths['/own'].options['x-amazon-apigateway-integration'].type).toBe('aws_proxy');
  });

  it('carries the resource policy, VPC endpoints of a PRIVATE API and the minimum compression size', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    const doc = documentOf(app, { api_gateway_endpoint_type: 'PRIVATE', api_gateway_endpoint_vpce: ['vpce-1'], minimum_compression_size: 0 });
    expect(doc['x-amazon-apigateway-endpoint-configuration']).toEqual({ vpcEndpointIds: ['vpce-1'] });
    expect(doc['x-amazon-apigateway-policy'].Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceVpce': 'vpce-1' } });
    expect(doc['x-amazon-apigateway-minimum-compression-size']).toBe(0);
    const edge = documentOf(app);
    for (const key of ['x-amazon-apigateway-endpoint-configuration', 'x-amazon-apigateway-policy', 'x-amazon-apigateway-minimum-compression-size']) {
      expect(edge).not.toHaveProperty(key);
    }
  });

  it("uses a custom authorizer's URI as given and leaves out an unset invoke role", () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/a', { authorizer: new CustomAuthorizer('c', 'arn:uri', { ttlSeconds: 0 }) }, function a() {});
    app.route('/b', { authorizer: new IAMAuthorizer() }, function b() {});
    const doc = documentOf(app);
    expect(doc.securityDefinitions.c['x-amazon-apigateway-authorizer']).toEqual({ authorizerResultTtlInSeconds: 0, authorizerUri: 'arn:uri', type: 'token' });
    expect(doc.paths['/b'].get.security).toEqual([{ sigv4: [] }]);
  });

  it('sorts keys at every level', async () => {
    const assertSorted = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(assertSorted);
      if (typeof value !== 'object' || value === null) return;
      const keys = Object.keys(value);
      expect(keys).toEqual([...keys].sort());
      Object.values(value).forEach(assertSorted);
    };
    assertSorted(await fullDocument());
  });

  it('is undefined for an app without routes', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction(function foo() {});
    expect(documentOf(app)).toBeUndefined();
  });

  it('builds deploy-time URIs from a function ARN', () => {
    expect(lambdaArnToIntegrationUri('aws-cn', 'cn-north-1', 'arn:aws-cn:lambda:cn-north-1:1:function:f')).toBe(
      'arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:1:function:f/invocations',
    );
  });
});
