/**
 * `chalice deploy`, redeploy and `chalice delete` of a websocket API with custom domains for it
 * and for the REST API, end to end against the AWS API emulator: what exists is read back with
 * API Gateway (v1 and v2), Lambda and ACM calls; the emulator's recorder counts writes.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, GetBasePathMappingsCommand, GetDomainNameCommand as GetRestDomainNameCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApiMappingsCommand,
  GetApisCommand,
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
const v1 = () => new APIGatewayClient(sdkConfig());
const REST_DOMAIN = 'api.chat.example.com';
const WS_DOMAIN = 'ws.chat.example.com';

function setConfig(project: string, dev: Record<string, unknown>): void {
  const file = join(project, '.chalice/config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { stages: { dev: Record<string, unknown> } };
  config.stages.dev = { ...config.stages.dev, ...dev };
  writeFileSync(file, JSON.stringify(config, null, 2));
}

async function chatApis(): Promise<{ ApiId?: string; Name?: string }[]> {
  return ((await v2().send(new GetApisCommand({}))).Items ?? []).filter((api) => api.Name?.startsWith('chat-'));
}

describeWithEmulator('chalice deploy of a websocket API with custom domains', () => {
  let project: string;
  let before: Inventory;
  let restCertificate: string;
  let wsCertificate: string;
  let apiId: string;

  beforeAll(async () => {
    const acm = new ACMClient(sdkConfig());
    restCertificate = (await acm.send(new RequestCertificateCommand({ DomainName: REST_DOMAIN }))).CertificateArn!;
    wsCertificate = (await acm.send(new RequestCertificateCommand({ DomainName: WS_DOMAIN }))).CertificateArn!;
    project = join(mkdtempSync(join(tmpdir(), 'chalice-e2e-')), 'project');
    cpSync(join(REPO_ROOT, 'test/integration/fixtures/chat'), project, { recursive: true });
    setConfig(project, {
      api_gateway_custom_domain: { domain_name: REST_DOMAIN, certificate_arn: restCertificate, url_prefix: 'v1', tags: { team: 'chat' } },
      websocket_api_custom_domain: { domain_name: WS_DOMAIN, certificate_arn: wsCertificate },
    });
    before = await inventory();
  });

  afterAll(async () => {
    if (project && existsSync(join(project, '.chalice/deployed/dev.json'))) await chalice(project, ['delete']);
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('creates the websocket API with its routes, stage and permissions, both domains and their mappings, and prints the URLs and DNS targets', async () => {
    const { stdout, code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    console.log(`chat first deploy: ${calls.length} calls, ${writes(calls).length} writes`);
    const apis = await chatApis();
    expect(apis.map((a) => a.Name)).toEqual(['chat-dev-websocket-api']);
    apiId = apis[0]!.ApiId!;
    const url = `wss://${apiId}.execute-api.${REGION}.amazonaws.com/api/`;
    expect(stdout).toContain(`  - Websocket API URL: ${url}`);

    const integrations = (await v2().send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
    const uriOf = new Map(integrations.map((i) => [i.IntegrationId, i.IntegrationUri]));
    const routes = ((await v2().send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? []).map((r) => [r.RouteKey, uriOf.get(r.Target!.replace('integrations/', ''))]).sort();
    const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:chat-dev-${name}`;
    const uri = (name: string) => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;
    expect(routes).toEqual([
      ['$connect', uri('websocket_connect')],
      ['$default', uri('websocket_message')],
      ['$disconnect', uri('websocket_disconnect')],
    ]);
    const stages = (await v2().send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(stages.map((s) => [s.StageName, typeof s.DeploymentId])).toEqual([['api', 'string']]);
    for (const handler of ['websocket_connect', 'websocket_message', 'websocket_disconnect']) {
      const policy = JSON.parse((await new LambdaClient(sdkConfig()).send(new GetPolicyCommand({ FunctionName: `chat-dev-${handler}` }))).Policy!) as { Statement: { Condition?: unknown }[] };
      expect(JSON.stringify(policy.Statement)).toContain(`arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/*`);
    }

    const restDomain = await v1().send(new GetRestDomainNameCommand({ domainName: REST_DOMAIN }));
    expect(restDomain).toMatchObject({ regionalCertificateArn: restCertificate, endpointConfiguration: { types: ['REGIONAL'] }, securityPolicy: 'TLS_1_2' });
    expect(restDomain.tags).toMatchObject({ team: 'chat', 'chalice-ts:app': 'chat', 'chalice-ts:stage': 'dev' });
    const restApiId = /https:\/\/([a-z0-9]+)\./.exec((await chalice(project, ['url'])).stdout)![1];
    const basePaths = (await v1().send(new GetBasePathMappingsCommand({ domainName: REST_DOMAIN }))).items ?? [];
    expect(basePaths.map((m) => [m.basePath, m.restApiId, m.stage])).toEqual([['v1', restApiId, 'api']]);
    expect(stdout).toContain(`  - Custom domain (REST API): https://${REST_DOMAIN}/v1/`);
    expect(stdout).toContain(`DNS: point ${REST_DOMAIN} at ${restDomain.regionalDomainName} (alias record in hosted zone ${restDomain.regionalHostedZoneId}, or a CNAME)`);

    const wsDomain = await v2().send(new GetDomainNameCommand({ DomainName: WS_DOMAIN }));
    expect(wsDomain.DomainNameConfigurations?.[0]).toMatchObject({ CertificateArn: wsCertificate, EndpointType: 'REGIONAL' });
    const mappings = (await v2().send(new GetApiMappingsCommand({ DomainName: WS_DOMAIN }))).Items ?? [];
    expect(mappings.map((m) => [m.ApiMappingKey ?? '', m.ApiId, m.Stage])).toEqual([['', apiId, 'api']]);
    expect(stdout).toContain(`  - Custom domain (websocket API): wss://${WS_DOMAIN}/`);
    expect(stdout).toContain(`DNS: point ${WS_DOMAIN} at ${wsDomain.DomainNameConfigurations![0]!.ApiGatewayDomainName}`);

    const state = readFileSync(join(project, '.chalice/deployed/dev.json'), 'utf8');
    expect(state).toContain(`"websocketApiUrl": "${url}"`);
    const urlCommand = await chalice(project, ['url']);
    expect(urlCommand.stdout).toMatch(/^https:\/\/[a-z0-9]+\.execute-api\.us-west-2\.amazonaws\.com\/api\/\n$/);
    expect(urlCommand.stderr).toContain(`Custom domain: https://${REST_DOMAIN}/v1/`);
  });

  it('makes no write call when redeployed unchanged', async () => {
    const { code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    console.log(`chat no-op redeploy: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(writes(calls).map((c) => `${c.service} ${c.operation}`)).toEqual([]);
  });

  // (Changed tags are not exercised here: the emulator does not implement TagResource on domain
  // names; the unit tests cover them with the fake.)
  it('updates the domain (TLS version) and moves the REST mapping in place, and drops a removed websocket handler', async () => {
    setConfig(project, {
      api_gateway_custom_domain: { domain_name: REST_DOMAIN, certificate_arn: restCertificate, url_prefix: 'v2', tls_version: 'TLS_1_0', tags: { team: 'chat' } },
    });
    const app = join(project, 'app.ts');
    writeFileSync(app, readFileSync(app, 'utf8').replace('app.onWsDisconnect(function disconnect() {});\n', ''));
    const { code, stderr } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    expect(((await v1().send(new GetBasePathMappingsCommand({ domainName: REST_DOMAIN }))).items ?? []).map((m) => m.basePath)).toEqual(['v2']);
    const restDomain = await v1().send(new GetRestDomainNameCommand({ domainName: REST_DOMAIN }));
    expect(restDomain.securityPolicy).toBe('TLS_1_0');
    expect(restDomain.tags).toMatchObject({ team: 'chat' });
    expect((await chatApis()).map((a) => a.ApiId)).toEqual([apiId]);
    expect(((await v2().send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? []).map((r) => r.RouteKey).sort()).toEqual(['$connect', '$default']);
    const { calls } = await recorded(project, ['deploy', '--yes']);
    expect(writes(calls)).toEqual([]);
  });

  it('delete removes the websocket API, both domains, their mappings and everything else', async () => {
    const { code, stderr, calls } = await recorded(project, ['delete']);
    expect(code, stderr).toBe(0);
    console.log(`chat delete: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(await chatApis()).toEqual([]);
    await expect(v1().send(new GetRestDomainNameCommand({ domainName: REST_DOMAIN }))).rejects.toThrow();
    await expect(v2().send(new GetDomainNameCommand({ DomainName: WS_DOMAIN }))).rejects.toThrow();
    expect(added(before, await inventory())).toEqual({});
  });

  it('refuses a certificate from the wrong region before making any write', async () => {
    setConfig(project, {
      api_gateway_custom_domain: { domain_name: REST_DOMAIN, certificate_arn: restCertificate.replace(`:${REGION}:`, ':eu-west-1:') },
    });
    const { code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code).toBe(2);
    expect(stderr).toContain(`api_gateway_custom_domain.certificate_arn of ${REST_DOMAIN} is in eu-west-1, but a REGIONAL endpoint takes a certificate from the API's own region; use a certificate from us-west-2`);
    expect(writes(calls)).toEqual([]);
  });
});
