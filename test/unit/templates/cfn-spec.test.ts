import { beforeAll, describe, expect, it } from 'vitest';
import { generateSamTemplate } from '../../../src/build/templates/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import { Chalice } from '../../../src/runtime/index.js';
import { fixtureGraph, graphOptions, inlineConfig } from '../graph/fixture-graph.js';
import type { CfnSpecification } from './cfn-template-checker.js';
import { checkSamTemplate, loadCfnSpecification } from './cfn-template-checker.js';
import { SAM_RESOURCES } from './sam-spec.js';

type Template = Parameters<typeof checkSamTemplate>[0];

let spec: CfnSpecification;
beforeAll(() => {
  spec = loadCfnSpecification();
});

/** A PRIVATE API with a custom-free config, to cover the endpoint variants the fixtures do not. */
function privateTemplate(): Template {
  const app = new Chalice({ appName: 'demo' });
  app.route('/', function index() {});
  const graph = buildAppGraph(
    graphOptions(app, inlineConfig({ api_gateway_endpoint_type: 'PRIVATE', api_gateway_endpoint_vpce: 'vpce-1', stages: { dev: { manage_iam_role: false, iam_role_arn: 'arn:aws:iam::1:role/r' } } })),
  );
  return generateSamTemplate(graph) as Template;
}

describe('generated SAM templates match the resource specifications', () => {
  it.each([
    ['hello', 'dev'],
    ['full', 'dev'],
    ['full', 'prod'],
    ['http-api', 'dev'],
    ['http-api', 'prod'],
  ] as const)('%s (%s): every property, reference and attribute exists', async (fixture, stage) => {
    const template = generateSamTemplate(await fixtureGraph(fixture, stage)) as Template;
    expect(checkSamTemplate(template, spec)).toEqual([]);
  });

  it('a PRIVATE API with an existing role', () => {
    expect(checkSamTemplate(privateTemplate(), spec)).toEqual([]);
  });

  it('covers the HTTP API resources and events', async () => {
    const template = generateSamTemplate(await fixtureGraph('http-api', 'prod')) as Template;
    expect([...new Set(Object.values(template.Resources).map((r) => r.Type))].sort()).toEqual([
      'AWS::ApiGatewayV2::ApiMapping',
      'AWS::ApiGatewayV2::DomainName',
      'AWS::IAM::Role',
      'AWS::Lambda::Permission',
      'AWS::Serverless::Function',
      'AWS::Serverless::HttpApi',
    ]);
  });

  it('covers every resource type the generator emits', async () => {
    const template = generateSamTemplate(await fixtureGraph('full')) as Template;
    const types = new Set(Object.values(template.Resources).map((r) => r.Type));
    expect([...types].sort()).toEqual([
      'AWS::ApiGateway::BasePathMapping',
      'AWS::ApiGateway::DomainName',
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::ApiMapping',
      'AWS::ApiGatewayV2::Deployment',
      'AWS::ApiGatewayV2::DomainName',
      'AWS::ApiGatewayV2::Integration',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Stage',
      'AWS::IAM::Role',
      'AWS::Lambda::Function',
      'AWS::Lambda::Permission',
      'AWS::Logs::LogGroup',
      'AWS::Serverless::Api',
      'AWS::Serverless::Function',
      'AWS::Serverless::LayerVersion',
      'Custom::S3BucketNotifications',
    ]);
    const eventTypes = new Set(
      Object.values(template.Resources).flatMap((r) => Object.values((r.Properties?.Events ?? {}) as Record<string, { Type: string }>).map((e) => e.Type)),
    );
    expect([...eventTypes].sort()).toEqual(['CloudWatchEvent', 'DynamoDB', 'Kinesis', 'SNS', 'SQS', 'Schedule']);
  });
});

describe('the checker itself', () => {
  it.each([
    {
      change: 'a misspelled SAM function property',
      mutate: (t: any) => renameKey(t.Resources.APIHandler.Properties, 'MemorySize', 'MemmorySize'),
      problem: /APIHandler \(AWS::Serverless::Function\)\.Properties: unknown property MemmorySize/,
    },
    {
      change: 'a misspelled CloudFormation property',
      mutate: (t: any) => renameKey(t.Resources.ApiGatewayCustomDomainMapping.Properties, 'RestApiId', 'RestApiID'),
      problem: /unknown property RestApiID/,
    },
    {
      change: 'a misspelled nested property',
      mutate: (t: any) => renameKey(t.Resources.ApiGatewayCustomDomain.Properties.EndpointConfiguration, 'Types', 'Type'),
      problem: /EndpointConfiguration: unknown property Type/,
    },
    {
      change: 'a misspelled SAM event property',
      mutate: (t: any) => renameKey(t.Resources.Jobs.Properties.Events.JobsSqsEventSource.Properties, 'BatchSize', 'Batchsize'),
      problem: /JobsSqsEventSource\.Properties: unknown property Batchsize/,
    },
    {
      change: 'a misspelled HTTP API authorizer property',
      fixture: 'http-api',
      mutate: (t: any) => renameKey(t.Resources.HttpAPI.Properties.Auth.Authorizers.tokens, 'EnableSimpleResponses', 'EnableSimpleResponse'),
      problem: /HttpAPI \(AWS::Serverless::HttpApi\)\.Properties\.Auth\.Authorizers\.tokens: unknown property EnableSimpleResponse/,
    },
    {
      change: 'a misspelled HttpApi event auth property',
      fixture: 'http-api',
      mutate: (t: any) => renameKey(t.Resources.APIHandler.Properties.Events.HttpApiGetUsersUserId.Properties.Auth, 'AuthorizationScopes', 'Scopes'),
      problem: /HttpApiGetUsersUserId\.Properties\.Auth: unknown property Scopes/,
    },
    {
      change: 'a missing required property',
      mutate: (t: any) => delete t.Resources.WebsocketAPIStage.Properties.ApiId,
      problem: /required property ApiId is missing/,
    },
    {
      change: 'a custom resource without its ServiceToken',
      mutate: (t: any) => delete t.Resources.FullUploadsNotifications.Properties.ServiceToken,
      problem: /FullUploadsNotifications \(Custom::S3BucketNotifications\)\.Properties: required property ServiceToken is missing/,
    },
    {
      change: 'a DependsOn naming a missing permission',
      mutate: (t: any) => (t.Resources.FullUploadsNotifications.DependsOn = ['NoSuchPermission']),
      problem: /DependsOn NoSuchPermission does not exist/,
    },
    {
      change: 'a Ref to a missing resource',
      mutate: (t: any) => (t.Resources.WebsocketAPIStage.Properties.DeploymentId = { Ref: 'Nowhere' }),
      problem: /Ref to unknown Nowhere/,
    },
    {
      change: 'an unknown attribute',
      mutate: (t: any) => (t.Outputs.APIHandlerArn.Value = { 'Fn::GetAtt': ['APIHandler', 'Nope'] }),
      problem: /Fn::GetAtt APIHandler\.Nope does not exist/,
    },
    {
      change: 'a Fn::Sub variable naming a missing resource',
      mutate: (t: any) => (t.Outputs.EndpointURL.Value = { 'Fn::Sub': 'https://${RestApi}.example/' }),
      problem: /Fn::Sub variable \$\{RestApi\} does not exist/,
    },
  ] as { change: string; fixture?: 'http-api'; mutate: (t: any) => void; problem: RegExp }[])('reports $change', async ({ fixture, mutate, problem }) => {
    const template = structuredClone(generateSamTemplate(await fixtureGraph(fixture ?? 'full'))) as Template;
    mutate(template);
    expect(checkSamTemplate(template, spec).join('\n')).toMatch(problem);
  });

  it('knows every property the CloudFormation spec package lists for the SAM types it checks', () => {
    for (const [type, samSpec] of Object.entries(SAM_RESOURCES)) {
      const fromPackage = Object.keys(spec.ResourceTypes[type]?.Properties ?? {});
      expect(fromPackage.filter((p) => !samSpec.properties.includes(p)), type).toEqual([]);
    }
  });
});

function renameKey(object: Record<string, unknown>, from: string, to: string): void {
  expect(object).toHaveProperty(from);
  object[to] = object[from];
  delete object[from];
}
