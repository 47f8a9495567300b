/**
 * `chalice deploy`, redeploy, a removed route and `chalice delete` of an `api_type: "http"` app
 * (routes, a JWT authorizer, a built-in Lambda authorizer, an IAM route, CORS), end to end
 * against the AWS API emulator: what exists is read back with API Gateway v2 and Lambda calls;
 * the emulator's recorder counts writes.
 *
 * What the emulator (moto) checks of HTTP APIs, and so what this test can prove: it keeps and
 * returns what it was given (CORS configuration, tags, JWT configuration, authorizer settings,
 * route authorization, AutoDeploy) without validating it against API Gateway's rules, and it
 * serves no requests. So the shapes sent are checked here; behaviour of the deployed API (CORS
 * preflights, JWT validation) is API Gateway's and not exercised.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import {
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetDomainNameCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../functional/local/chalice-process.js';
import { ACCOUNT, REGION, chalice, describeWithEmulator, sdkConfig, writes, recorded } from './aws-helpers.js';
import { added, inventory, type Inventory } from './deploy-inventory.js';

const v2 = () => new ApiGatewayV2Client(sdkConfig());

async function httpApis() {
  return ((await v2().send(new GetApisCommand({}))).Items ?? []).filter((api) => api.Name === 'httpapi');
}

async function routeKeys(apiId: string): Promise<string[]> {
  return ((await v2().send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? []).map((r) => r.RouteKey!).sort();
}

const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

describeWithEmulator('chalice deploy of an HTTP API (api_type http)', () => {
  let project: string;
  let before: Inventory;
  let apiId: string;

  beforeAll(async () => {
    project = join(mkdtempSync(join(tmpdir(), 'chalice-e2e-')), 'project');
    cpSync(join(REPO_ROOT, 'test/fixtures/projects/http-api'), project, { recursive: true });
    before = await inventory();
  });

  afterAll(async () => {
    if (project && existsSync(join(project, '.chalice/deployed/dev.json'))) await chalice(project, ['delete']);
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('creates the API with CORS, its 2.0 Lambda integration, JWT and Lambda authorizers, routes, an auto-deployed stage and invoke permissions', async () => {
    const { stdout, code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    console.log(`http-api first deploy: ${calls.length} calls, ${writes(calls).length} writes`);
    const apis = await httpApis();
    expect(apis).toHaveLength(1);
    const api = apis[0]!;
    apiId = api.ApiId!;
    const url = `https://${apiId}.execute-api.${REGION}.amazonaws.com/api/`;
    expect(stdout).toContain(`  - HTTP API URL: ${url}`);
    expect((await chalice(project, ['url'])).stdout).toBe(`${url}\n`);

    expect(api.ProtocolType).toBe('HTTP');
    expect(api.Tags).toMatchObject({ 'chalice-ts:app': 'httpapi', 'chalice-ts:stage': 'dev' });
    expect(api.Tags?.['aws-chalice']).toMatch(/^version=.+:stage=dev:app=httpapi$/);
    expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: ['https://app.example.com'], ExposeHeaders: ['X-Trace-Id'], MaxAge: 600, AllowCredentials: true });
    expect(api.CorsConfiguration?.AllowHeaders).toContain('X-Request-Id');

    const integrations = (await v2().send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
    expect(integrations.map((i) => [i.IntegrationType, i.IntegrationUri, i.PayloadFormatVersion])).toEqual([['AWS_PROXY', fnArn('httpapi-dev'), '2.0']]);

    const authorizers = (await v2().send(new GetAuthorizersCommand({ ApiId: apiId }))).Items ?? [];
    const byName = Object.fromEntries(authorizers.map((a) => [a.Name, a]));
    expect(byName.users).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_AbC123', Audience: ['client-web', 'client-cli'] },
    });
    expect(byName.tokens).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn('httpapi-dev-tokens')}/invocations`,
      AuthorizerResultTtlInSeconds: 60,
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.X-Token'],
      AuthorizerCredentialsArn: 'arn:aws:iam::123456789012:role/invoke-tokens',
    });

    const routes = (await v2().send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
    const target = `integrations/${integrations[0]!.IntegrationId}`;
    expect(routes.map((r) => [r.RouteKey, r.Target, r.AuthorizationType, r.AuthorizerId ?? null, r.AuthorizationScopes ?? []]).sort()).toEqual([
      ['DELETE /users/{userId}', target, 'JWT', byName.users!.AuthorizerId, ['admin', 'users/write']],
      ['GET /', target, 'NONE', null, []],
      ['GET /orders/{orderId}/items/{itemId}', target, 'CUSTOM', byName.tokens!.AuthorizerId, []],
      ['GET /users/{userId}', target, 'JWT', byName.users!.AuthorizerId, ['users/read']],
      ['POST /admin', target, 'AWS_IAM', null, []],
      ['PUT /users/{userId}', target, 'JWT', byName.users!.AuthorizerId, ['admin', 'users/write']],
    ]);

    const stages = (await v2().send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(stages.map((s) => [s.StageName, s.AutoDeploy])).toEqual([['api', true]]);

    for (const fn of ['httpapi-dev', 'httpapi-dev-tokens']) {
      const policy = JSON.parse((await new LambdaClient(sdkConfig()).send(new GetPolicyCommand({ FunctionName: fn }))).Policy!) as { Statement: unknown[] };
      expect(JSON.stringify(policy.Statement), fn).toContain(`arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/*`);
    }
    expect(readFileSync(join(project, '.chalice/deployed/dev.json'), 'utf8')).toContain(`"httpApiUrl": "${url}"`);
  });

  it('makes no write call when redeployed unchanged', async () => {
    const { code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    console.log(`http-api no-op redeploy: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(writes(calls).map((c) => `${c.service} ${c.operation}`)).toEqual([]);
  });

  it('deletes only the removed route from the API, and its method from the CORS configuration (the functions get the new code)', async () => {
    const app = join(project, 'app.ts');
    const source = readFileSync(app, 'utf8');
    const withoutAdmin = source.replace(/app\.route\('\/admin'[\s\S]*?\n\}\);\n/, '');
    expect(withoutAdmin).not.toBe(source);
    writeFileSync(app, withoutAdmin);
    const { code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    const apiWrites = writes(calls).filter((c) => c.service === 'apigateway');
    // The CORS configuration lists the routes' methods: POST went with the route.
    expect(apiWrites.map((c) => c.operation.replace(/routes\/[a-z0-9]+$/, 'routes/<id>'))).toEqual([`PATCH /v2/apis/${apiId}`, `DELETE /v2/apis/${apiId}/routes/<id>`]);
    expect((await httpApis())[0]!.CorsConfiguration?.AllowMethods).toEqual(['DELETE', 'GET', 'PUT']);
    expect(await routeKeys(apiId)).toEqual(['DELETE /users/{userId}', 'GET /', 'GET /orders/{orderId}/items/{itemId}', 'GET /users/{userId}', 'PUT /users/{userId}']);
    expect((await httpApis()).map((a) => a.ApiId)).toEqual([apiId]);
    const { calls: again } = await recorded(project, ['deploy', '--yes']);
    expect(writes(again)).toEqual([]);
  });

  it('tags the API with the configured tags, and removes them again', async () => {
    const file = join(project, '.chalice/config.json');
    const config = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(config) as object), tags: { team: 'web' } }));
    const tagged = await recorded(project, ['deploy', '--yes']);
    expect(tagged.code, tagged.stderr).toBe(0);
    expect((await httpApis())[0]!.Tags).toMatchObject({ team: 'web', 'chalice-ts:app': 'httpapi' });
    writeFileSync(file, config);
    const untagged = await recorded(project, ['deploy', '--yes']);
    expect(untagged.code, untagged.stderr).toBe(0);
    expect((await httpApis())[0]!.Tags?.team).toBeUndefined();
    expect(writes((await recorded(project, ['deploy', '--yes'])).calls)).toEqual([]);
  });

  it('delete removes the HTTP API, its functions, role and everything else', async () => {
    const { code, stderr, calls } = await recorded(project, ['delete']);
    expect(code, stderr).toBe(0);
    console.log(`http-api delete: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(await httpApis()).toEqual([]);
    expect(added(before, await inventory())).toEqual({});
    expect(existsSync(join(project, '.chalice/deployed/dev.json'))).toBe(false);
  });
});

describeWithEmulator('chalice deploy of an HTTP API with a custom domain (stage prod)', () => {
  const DOMAIN = 'api.example.com';
  let project: string;

  beforeAll(async () => {
    const certificate = (await new ACMClient(sdkConfig()).send(new RequestCertificateCommand({ DomainName: DOMAIN }))).CertificateArn!;
    project = join(mkdtempSync(join(tmpdir(), 'chalice-e2e-')), 'project');
    cpSync(join(REPO_ROOT, 'test/fixtures/projects/http-api'), project, { recursive: true });
    const file = join(project, '.chalice/config.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('arn:aws:acm:us-west-2:123456789012:certificate/http', certificate));
  });

  afterAll(async () => {
    if (project && existsSync(join(project, '.chalice/deployed/prod.json'))) await chalice(project, ['delete', '--stage', 'prod']);
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('maps an API Gateway v2 domain to the HTTP API at url_prefix, prints it, and removes both on delete', async () => {
    const { stdout, code, stderr } = await recorded(project, ['deploy', '--stage', 'prod', '--yes']);
    expect(code, stderr).toBe(0);
    const [api] = await httpApis();
    const mappings = (await v2().send(new GetApiMappingsCommand({ DomainName: DOMAIN }))).Items ?? [];
    expect(mappings.map((m) => [m.ApiMappingKey, m.ApiId, m.Stage])).toEqual([['v1', api!.ApiId, 'v1']]);
    expect(stdout).toContain(`  - Custom domain (HTTP API): https://${DOMAIN}/v1/`);
    expect((await chalice(project, ['url', '--stage', 'prod'])).stderr).toContain(`Custom domain: https://${DOMAIN}/v1/`);
    expect(writes((await recorded(project, ['deploy', '--stage', 'prod', '--yes'])).calls)).toEqual([]);
    const removed = await recorded(project, ['delete', '--stage', 'prod']);
    expect(removed.code, removed.stderr).toBe(0);
    await expect(v2().send(new GetDomainNameCommand({ DomainName: DOMAIN }))).rejects.toThrow();
    expect(await httpApis()).toEqual([]);
  });
});
