/**
 * Websocket APIs and custom domains against the in-memory AWS: what a deploy records and
 * prints, how a changed app or a hand-made change is brought back in place, certificates
 * refused before any write, adopted domains left alone on delete, and the deployed resources
 * matching what `chalice package` describes for the same graph. (Crash safety at every write
 * and the plan goldens cover these resources through the `full` fixture.)
 */
import { describe, expect, it } from 'vitest';
import { generateSamTemplate } from '../../../src/build/templates/index.js';
import type { AppGraph, DomainNameResource, Resource } from '../../../src/graph/index.js';
import { countWrites } from '../../../src/deploy/instructions.js';
import { deployedCustomDomains, deployedWebsocketApi, websocketDomainSummary } from '../../../src/deploy/websocket-domains/records.js';
import { cleanChange, expectChangeConvergesAfterAnyFailure, fixtureInputs, harness, inputsOf } from './deploy-helpers.js';
import { FakeAwsClient } from './fake-aws-client.js';

const WS_CERT = 'arn:aws:acm:us-west-2:123456789012:certificate/ws';
const REST_CERT = 'arn:aws:acm:us-west-2:123456789012:certificate/rest';

function mapResources(graph: AppGraph, change: (r: Resource) => Resource | undefined): AppGraph {
  return { ...graph, resources: graph.resources.flatMap((r) => change(r) ?? []) };
}

function withDomain(graph: AppGraph, protocol: 'rest' | 'websocket', change: Partial<DomainNameResource>): AppGraph {
  return mapResources(graph, (r) => (r.kind === 'domain-name' && r.protocol === protocol ? { ...r, ...change } : r));
}

function withMappingPath(graph: AppGraph, protocol: 'rest' | 'websocket', basePath: string): AppGraph {
  return mapResources(graph, (r) => (r.kind === 'api-mapping' && (r.api.ref === 'rest-api') === (protocol === 'rest') ? { ...r, basePath } : r));
}

/** The graph without the `$disconnect` handler (its function, route and permission). */
function withoutDisconnect(graph: AppGraph): AppGraph {
  return mapResources(graph, (r) => {
    if (r.kind === 'lambda-function' && r.resourceName === 'websocket_disconnect') return undefined;
    if (r.kind === 'lambda-permission' && r.function.name === 'websocket_disconnect') return undefined;
    if (r.kind === 'websocket-api') return { ...r, routes: r.routes.filter((route) => route.routeKey !== '$disconnect') };
    return r;
  });
}

describe('websocket API deploy', () => {
  it('records the API id and wss:// URL, and prints them as the seeds show', async () => {
    const h = harness();
    const result = await h.deploy(await fixtureInputs('full'));
    const api = deployedWebsocketApi(h.store.read()!)!;
    expect(api.websocketApiUrl).toBe(`wss://${api.websocketApiId}.execute-api.us-west-2.amazonaws.com/api/`);
    expect(result.websocketApi).toEqual(api);
    expect(websocketDomainSummary(result.state)[0]).toBe(`  - Websocket API URL: ${api.websocketApiUrl}`);
  });

  it('a removed handler loses its route, integration and function, and the stage is redeployed; then nothing changes', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const changed = inputsOf(withoutDisconnect(inputs.graph));
    const plan = await h.plan(changed);
    expect(plan.map((i) => i.kind).filter((k) => k.includes('websocket'))).toEqual(['delete-websocket-route', 'delete-websocket-integration', 'create-websocket-deployment']);
    await h.deploy(changed);
    const deployed = (h.client.dump() as { websocketApis: { stages: { deployed: { routes: Record<string, string> } }[] }[] }).websocketApis[0]!.stages[0]!.deployed.routes;
    expect(Object.keys(deployed)).toEqual(['$connect', '$default']);
    expect(await h.plan(changed)).toEqual([]);
  });

  it('a route pointed elsewhere by hand is put back and redeployed', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const [api] = h.client.websocketApis.values();
    const routes = [...api!.routes.values()];
    routes[0]!.target = routes[1]!.target;
    const plan = await h.plan(inputs);
    expect(plan.map((i) => i.kind)).toEqual(['update-websocket-route', 'create-websocket-deployment']);
    await h.deploy(inputs);
    expect(await h.plan(inputs)).toEqual([]);
  });

  it('a websocket API deleted by hand is created again, with its permissions re-pointed', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const expected = h.client.dump();
    h.client.websocketApis.clear();
    await h.deploy(inputs);
    expect(h.client.dump()).toEqual(expected);
  });
});

describe('custom domain certificates', () => {
  it.each([
    ['does not exist', (g: AppGraph) => withDomain(g, 'websocket', { certificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/missing' }), /certificate_arn arn:aws:acm:us-west-2:123456789012:certificate\/missing of ws\.example\.com does not exist in ACM \(us-west-2\)/],
    ['is in another region than a REGIONAL endpoint', (g: AppGraph) => withDomain(g, 'rest', { certificateArn: REST_CERT.replace('us-west-2', 'eu-west-1') }), /api_gateway_custom_domain\.certificate_arn of api\.example\.com is in eu-west-1, but a REGIONAL endpoint takes a certificate from the API's own region; use a certificate from us-west-2/],
    ['is not in us-east-1 for an EDGE endpoint', (g: AppGraph) => withDomain(g, 'rest', { endpointType: 'EDGE' }), /is in us-west-2, but an EDGE endpoint is served by CloudFront, which takes certificates from us-east-1 only/],
    ['is not an ACM ARN', (g: AppGraph) => withDomain(g, 'rest', { certificateArn: 'arn:aws:acm:example' }), /"arn:aws:acm:example" of api\.example\.com is not an ACM certificate ARN/],
  ])('that %s fails the deploy before any write', async (_case, change, message) => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await expect(h.deploy(inputsOf(change(inputs.graph)))).rejects.toThrow(message);
    expect(h.client.writes).toEqual([]);
  });

  it('an EDGE domain with a us-east-1 certificate is created with it and answers with the CloudFront alias target', async () => {
    const h = harness();
    const edgeCert = 'arn:aws:acm:us-east-1:123456789012:certificate/edge';
    h.client.certificates.add(edgeCert);
    const inputs = await fixtureInputs('full');
    await h.deploy(inputsOf(withDomain(inputs.graph, 'rest', { endpointType: 'EDGE', certificateArn: edgeCert })));
    const rest = deployedCustomDomains(h.store.read()!).find((d) => d.protocol === 'rest')!;
    expect(rest).toMatchObject({ endpointType: 'EDGE', url: 'https://api.example.com/v1/', hostedZoneId: 'Z2FDTNDATAQYW2', aliasDomainName: expect.stringMatching(/\.cloudfront\.net$/) });
  });
});

describe('custom domains', () => {
  it('records and prints the alias target DNS needs, and the custom URLs with their paths', async () => {
    const h = harness();
    const result = await h.deploy(await fixtureInputs('full'));
    expect(result.customDomains.map((d) => [d.protocol, d.url, d.hostedZoneId])).toEqual([
      ['rest', 'https://api.example.com/v1/', 'Z1UJRXOUMOOFQ8'],
      ['websocket', 'wss://ws.example.com/', 'Z1UJRXOUMOOFQ8'],
    ]);
    const lines = websocketDomainSummary(result.state);
    expect(lines).toContain('  - Custom domain (REST API): https://api.example.com/v1/');
    expect(lines).toContain(`    DNS: point api.example.com at ${result.customDomains[0]!.aliasDomainName} (alias record in hosted zone Z1UJRXOUMOOFQ8, or a CNAME)`);
  });

  it.each([
    ['a new certificate', { certificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/rest-2' }, 'update-domain-name'],
    ['a new TLS version', { tlsVersion: 'TLS_1_0' as const }, 'update-domain-name'],
    ['an added tag', { tags: { domain: 'rest', owner: 'team-a' } }, 'tag-domain-name'],
    ['a removed tag', { tags: {} }, 'untag-domain-name'],
  ])('%s is applied in place with one write', async (_what, change, kind) => {
    const h = harness();
    h.client.certificates.add('arn:aws:acm:us-west-2:123456789012:certificate/rest-2');
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const changed = inputsOf(withDomain(inputs.graph, 'rest', change));
    const plan = await h.plan(changed);
    expect(plan.filter((i) => i.kind !== 'record').map((i) => i.kind)).toEqual([kind]);
    await h.deploy(changed);
    expect(await h.plan(changed)).toEqual([]);
  });

  it.each(['rest', 'websocket'] as const)('a changed url_prefix moves the %s mapping: the old path is unmapped, the new one mapped', async (protocol) => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const changed = inputsOf(withMappingPath(inputs.graph, protocol, 'v9'));
    const plan = await h.plan(changed);
    expect(plan.map((i) => i.kind)).toEqual(protocol === 'rest' ? ['delete-base-path-mapping', 'create-base-path-mapping'] : ['delete-api-mapping', 'create-api-mapping']);
    await h.deploy(changed);
    const domain = deployedCustomDomains(h.store.read()!).find((d) => d.protocol === protocol)!;
    expect(domain.url).toBe(`${protocol === 'rest' ? 'https://api' : 'wss://ws'}.example.com/v9/`);
    expect(await h.plan(changed)).toEqual([]);
  });

  it('a domain made by hand is adopted: mapped and tagged, never untagged, and left in place by delete', async () => {
    const client = new FakeAwsClient();
    for (const arn of [REST_CERT, WS_CERT]) client.certificates.add(arn);
    client.domains.set('rest:api.example.com', {
      settings: { domainName: 'api.example.com', certificateArn: REST_CERT, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
      tags: { owner: 'dns-team' },
      basePathMappings: new Map([['legacy', { restApiId: 'other', stage: 'prod' }]]),
      apiMappings: new Map(),
    });
    client.handMadeDomains.add('rest:api.example.com');
    const h = harness(client);
    const inputs = await fixtureInputs('full');
    const plan = await h.plan(inputs);
    expect(plan.filter((i) => i.kind.includes('domain') || i.kind.includes('base-path')).map((i) => i.kind)).toEqual([
      'tag-domain-name',
      'create-base-path-mapping',
      'create-domain-name',
    ]);
    await h.deploy(inputs);
    const domain = client.domains.get('rest:api.example.com')!;
    expect(domain.tags).toEqual({ owner: 'dns-team', domain: 'rest' });
    expect([...domain.basePathMappings.keys()].sort()).toEqual(['legacy', 'v1']);
    client.resetCalls();
    await h.deploy(inputs);
    expect(client.writes).toEqual([]);
    await h.delete();
    expect(client.domains.has('rest:api.example.com')).toBe(true);
    expect([...domain.basePathMappings.keys()]).toEqual(['legacy']);
    expect(client.domains.has('websocket:ws.example.com')).toBe(false);
  });

  it('a domain another stage created is refused, naming it', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const prod = harness(h.client);
    await expect(prod.deploy(await fixtureInputs('full', 'prod').then((i) => inputsOf({ ...i.graph, resources: [...i.graph.resources, ...inputs.graph.resources.filter((r) => r.kind === 'domain-name' && r.protocol === 'rest')] })))).rejects.toThrow(
      'Custom domain api.example.com belongs to chalice-ts app "full" stage "dev"; a domain name serves one stage: pick another domain_name for stage "prod", or delete that stage first',
    );
  });
});

describe('deploy and package describe the same websocket API and domains', () => {
  it('routes, stage, domains and mappings on the fake AWS match the SAM template of the same graph', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const template = generateSamTemplate(inputs.graph) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const resources = Object.values(template.Resources);
    const ofType = (type: string) => resources.filter((r) => r.Type === type).map((r) => r.Properties);
    const byId = template.Resources;

    // route key → handler of the function its integration invokes
    const samRoutes = ofType('AWS::ApiGatewayV2::Route').map((route) => {
      const integrationId = ((route.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1]).Ref;
      const sub = byId[integrationId]!.Properties.IntegrationUri as { 'Fn::Sub': [string, { WebsocketHandler: { Ref: string } }] };
      return [route.RouteKey, byId[sub['Fn::Sub'][1].WebsocketHandler.Ref]!.Properties.Handler];
    });
    const [api] = h.client.websocketApis.values();
    const deployedRoutes = [...api!.routes.values()].map((route) => {
      const uri = api!.integrations.get(route.target.replace('integrations/', ''))!;
      const fn = /function:([^/]+)\/invocations$/.exec(uri)![1]!;
      return [route.routeKey, h.client.functions.get(fn)!.settings.handler];
    });
    expect(deployedRoutes.sort()).toEqual(samRoutes.sort());
    expect([...api!.stages.keys()]).toEqual(ofType('AWS::ApiGatewayV2::Stage').map((s) => s.StageName));
    expect(api!.name).toBe(ofType('AWS::ApiGatewayV2::Api')[0]!.Name);

    const restSam = ofType('AWS::ApiGateway::DomainName')[0]!;
    const rest = h.client.domains.get('rest:api.example.com')!;
    expect({ DomainName: rest.settings.domainName, RegionalCertificateArn: rest.settings.certificateArn, EndpointConfiguration: { Types: [rest.settings.endpointType] }, SecurityPolicy: rest.settings.securityPolicy }).toEqual({
      DomainName: restSam.DomainName,
      RegionalCertificateArn: restSam.RegionalCertificateArn,
      EndpointConfiguration: restSam.EndpointConfiguration,
      SecurityPolicy: restSam.SecurityPolicy,
    });
    expect(Object.entries(rest.tags).filter(([k]) => !k.startsWith('chalice-ts:')).map(([Key, Value]) => ({ Key, Value }))).toEqual(restSam.Tags);
    expect([...rest.basePathMappings.keys()]).toEqual([ofType('AWS::ApiGateway::BasePathMapping')[0]!.BasePath]);

    const wsSam = ofType('AWS::ApiGatewayV2::DomainName')[0]!;
    const ws = h.client.domains.get('websocket:ws.example.com')!;
    const { domainName, ...configuration } = ws.settings;
    expect([{ DomainName: domainName, ...configuration }]).toEqual([
      { DomainName: wsSam.DomainName, ...Object.fromEntries(Object.entries((wsSam.DomainNameConfigurations as Record<string, string>[])[0]!).map(([k, v]) => [k[0]!.toLowerCase() + k.slice(1), v])) },
    ]);
    const wsMappingSam = ofType('AWS::ApiGatewayV2::ApiMapping')[0]!;
    expect([...ws.apiMappings.values()].map((m) => m.key)).toEqual([(wsMappingSam.ApiMappingKey as string | undefined) ?? '']);
    expect(countWrites(await h.plan(inputs))).toBe(0);
  });
});

describe('a deploy that changes the websocket API and the domains and fails at one write', () => {
  it('converges on re-run, for every write and failure mode, to the clean result; then redeploys with no write and deletes everything', async () => {
    const v1 = await fixtureInputs('full');
    const changedGraph = withMappingPath(withMappingPath(withDomain(withoutDisconnect(v1.graph), 'rest', { tlsVersion: 'TLS_1_0', tags: {} }), 'rest', 'v2'), 'websocket', 'chat');
    const v2 = inputsOf(changedGraph);
    const clean = await cleanChange(v1, v2);
    expect(clean.writes).toBeGreaterThanOrEqual(10);
    await expectChangeConvergesAfterAnyFailure(v1, v2, clean, { thenDelete: true });
  });
});
