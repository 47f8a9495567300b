/**
 * `chalice package` and `chalice appgraph` end to end through bin/chalice.js on a copy of the
 * http-api fixture (`api_type: "http"`): both formats describe the HTTP API, and the bundle
 * exports the handler and the built-in authorizer the templates name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChalice } from '../local/chalice-process.js';
import { copyFixture, invokeBundle, REPO_ROOT, removeTempDirs, tempDir, unzipToTemp } from './package-helpers.js';

afterAll(removeTempDirs);

describe('chalice package with api_type "http" (CLI)', () => {
  it('writes sam.json with the HTTP API, its routes as HttpApi events and a bundle exporting both functions', async () => {
    const project = copyFixture('http-api');
    const out = join(tempDir(), 'out');
    const result = await runChalice(['--project-dir', project, 'package', '--stage', 'prod', out]);
    expect(result.code, result.stderr).toBe(0);
    const template = JSON.parse(readFileSync(join(out, 'sam.json'), 'utf8'));
    expect(template.Resources.HttpAPI.Type).toBe('AWS::Serverless::HttpApi');
    expect(template.Resources.RestAPI).toBeUndefined();
    const events = Object.values(template.Resources.APIHandler.Properties.Events as Record<string, { Type: string; Properties: { Method: string; Path: string } }>);
    expect(events.map((e) => `${e.Type} ${e.Properties.Method} ${e.Properties.Path}`).sort()).toEqual([
      'HttpApi DELETE /users/{userId}',
      'HttpApi GET /',
      'HttpApi GET /orders/{orderId}/items/{itemId}',
      'HttpApi GET /users/{userId}',
      'HttpApi POST /admin',
      'HttpApi PUT /users/{userId}',
    ]);
    expect(template.Resources.ApiGatewayCustomDomainMapping.Properties.ApiId).toEqual({ Ref: 'HttpAPI' });
    // A payload 2.0 REQUEST event, as the HTTP API sends it to a Lambda authorizer.
    const authEvent = {
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-west-2:123456789012:abc123/api/GET/orders/1/items/2',
      identitySource: ['alice'],
      routeKey: 'GET /orders/{orderId}/items/{itemId}',
      rawPath: '/api/orders/1/items/2',
      rawQueryString: '',
      headers: { 'x-token': 'alice' },
      requestContext: { http: { method: 'GET', path: '/api/orders/1/items/2' } },
    };
    const invoked = await invokeBundle(unzipToTemp(readFileSync(join(out, 'deployment.zip'))), 'tokens', authEvent);
    expect(invoked.exports).toEqual(expect.arrayContaining(['api_handler', 'tokens']));
    expect(invoked.result).toEqual({ isAuthorized: true, context: { user: 'alice' } });
  });

  it('writes chalice.tf.json with the HTTP API, its routes, authorizers and stage', async () => {
    const project = copyFixture('http-api');
    const out = join(tempDir(), 'out');
    const result = await runChalice(['--project-dir', project, 'package', '--pkg-format', 'terraform', out]);
    expect(result.code, result.stderr).toBe(0);
    const tf = JSON.parse(readFileSync(join(out, 'chalice.tf.json'), 'utf8'));
    expect(tf.resource.aws_apigatewayv2_api.http_api).toMatchObject({ name: 'httpapi', protocol_type: 'HTTP' });
    expect(Object.values(tf.resource.aws_apigatewayv2_route as Record<string, { route_key: string }>).map((r) => r.route_key).sort()).toEqual([
      'DELETE /users/{userId}',
      'GET /',
      'GET /orders/{orderId}/items/{itemId}',
      'GET /users/{userId}',
      'POST /admin',
      'PUT /users/{userId}',
    ]);
    expect(Object.keys(tf.resource.aws_apigatewayv2_authorizer).sort()).toEqual(['http_api_tokens_authorizer', 'http_api_users_authorizer']);
    expect(tf.resource.aws_apigatewayv2_stage.http_api).toEqual({ api_id: '${aws_apigatewayv2_api.http_api.id}', name: 'api', auto_deploy: true });
    expect(tf.resource.aws_api_gateway_rest_api).toBeUndefined();
  });

  it('chalice appgraph shows the HTTP API', async () => {
    const project = copyFixture('http-api');
    const result = await runChalice(['--project-dir', project, 'appgraph']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('http-api http_api');
    expect(result.stdout).toContain('GET /users/{userId} → getUser [authorizer users (jwt, scopes users/read)]');
  });

  it('refuses an app an HTTP API cannot serve with one line naming the route', async () => {
    const project = copyFixture('hello');
    const config = join(project, '.chalice/config.json');
    const app = join(project, 'app.ts');
    writeFileSync(config, JSON.stringify({ version: '2.0', app_name: 'hello', api_type: 'http' }));
    writeFileSync(app, `import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'hello' });\napp.route('/k', { apiKeyRequired: true }, function keyed() { return {}; });\n`);
    const result = await runChalice(['--project-dir', project, 'package', join(tempDir(), 'out')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^Error: Route GET \/k \(view keyed\) sets apiKeyRequired, but an HTTP API \(api_type "http"\) has no API keys; .*$/m);
  });
});
