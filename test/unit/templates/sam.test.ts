import { describe, expect, it } from 'vitest';
import { generateSamTemplate, samIntegrationUri } from '../../../src/build/templates/index.js';
import { generateOpenApiDocument } from '../../../src/build/openapi/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import { Chalice } from '../../../src/runtime/index.js';
import { fixtureGraph, graphOptions, inlineConfig } from '../graph/fixture-graph.js';
import { withoutS3Events } from './golden.js';

function samOf(app: Chalice, file: Record<string, unknown> = {}): any {
  return generateSamTemplate(buildAppGraph(graphOptions(app, inlineConfig(file))));
}

describe('generateSamTemplate', () => {
  it('refuses S3 event handlers, pointing at the Terraform format', async () => {
    const graph = await fixtureGraph('full');
    expect(() => generateSamTemplate(graph)).toThrow(
      expect.objectContaining({
        name: 'ChaliceTsError',
        code: 'sam_s3_events_unsupported',
        message: expect.stringMatching(/onUpload \(bucket full-uploads\), onRemove \(bucket full-uploads\).*--pkg-format terraform/),
      }),
    );
  });

  it('outputs the REST API id, the endpoint URL and the name of every function', async () => {
    const template: any = generateSamTemplate(withoutS3Events(await fixtureGraph('full')));
    expect(template.Outputs.RestAPIId).toEqual({ Value: { Ref: 'RestAPI' } });
    expect(template.Outputs.EndpointURL).toEqual({ Value: { 'Fn::Sub': 'https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/api/' } });
    const functions = Object.entries(template.Resources as Record<string, any>).filter(([, r]) => r.Type === 'AWS::Serverless::Function');
    expect(functions.length).toBe(19);
    for (const [id] of functions) {
      const nameOutput = Object.values(template.Outputs as Record<string, any>).find((o) => o.Value.Ref === id);
      expect(nameOutput, `name output of ${id}`).toBeDefined();
    }
    expect(template.Outputs.WebsocketConnectHandlerName).toEqual({ Value: { Ref: 'WebsocketConnect' } });
    expect(template.Outputs.WebsocketConnectEndpointURL).toEqual({
      Value: { 'Fn::Sub': 'wss://${WebsocketAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/api/' },
    });
  });

  it('uses an existing role ARN as the Role and creates no IAM role', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction(function foo() {});
    const template = samOf(app, { manage_iam_role: false, iam_role_arn: 'arn:aws:iam::1:role/r' });
    expect(template.Resources.Foo.Properties.Role).toBe('arn:aws:iam::1:role/r');
    expect(Object.values(template.Resources).map((r: any) => r.Type)).toEqual(['AWS::Serverless::Function']);
    expect(template.Outputs).toEqual({ FooArn: { Value: { 'Fn::GetAtt': ['Foo', 'Arn'] } }, FooName: { Value: { Ref: 'Foo' } } });
  });

  it('sets VPC, reserved concurrency and layers (the automatic layer first)', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction(function foo() {});
    const template = samOf(app, {
      automatic_layer: true,
      layers: ['arn:layer:1'],
      subnet_ids: ['sn-1'],
      security_group_ids: ['sg-1'],
      reserved_concurrency: 3,
    });
    expect(template.Resources.Foo.Properties).toMatchObject({
      VpcConfig: { SecurityGroupIds: ['sg-1'], SubnetIds: ['sn-1'] },
      ReservedConcurrentExecutions: 3,
      Layers: [{ Ref: 'ManagedLayer' }, 'arn:layer:1'],
    });
  });

  it.each([
    [{}, 'EDGE'],
    [{ api_gateway_endpoint_type: 'REGIONAL' }, 'REGIONAL'],
    [{ api_gateway_endpoint_type: 'PRIVATE', api_gateway_endpoint_vpce: ['vpce-1'] }, { Type: 'PRIVATE', VPCEndpointIds: ['vpce-1'] }],
  ])('configures the endpoint of %j as %j', (file, endpoint) => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    expect(samOf(app, file).Resources.RestAPI.Properties.EndpointConfiguration).toEqual(endpoint);
  });

  it('fails when two resources get the same logical id', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction({ name: 'foo_bar' }, () => {});
    app.lambdaFunction({ name: 'foo-bar' }, () => {});
    expect(() => samOf(app)).toThrow(expect.objectContaining({ code: 'template_name_conflict', message: expect.stringContaining('FooBar') }));
  });

  it('embeds the OpenAPI document it is given', async () => {
    const graph = await fixtureGraph('hello');
    const openapi = generateOpenApiDocument(graph, { integrationUri: samIntegrationUri })!;
    const template: any = generateSamTemplate(graph, { openapi: { ...openapi, marker: true } });
    expect(template.Resources.RestAPI.Properties.DefinitionBody.marker).toBe(true);
    expect(generateSamTemplate(graph)).toEqual(generateSamTemplate(graph, { openapi }));
  });

  it('is deterministic', async () => {
    const text = async () => JSON.stringify(generateSamTemplate(withoutS3Events(await fixtureGraph('full'))));
    expect(await text()).toBe(await text());
  });
});
