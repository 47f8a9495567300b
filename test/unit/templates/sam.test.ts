import { describe, expect, it } from 'vitest';
import { generateSamTemplate, samIntegrationUri } from '../../../src/build/templates/index.js';
import { generateOpenApiDocument } from '../../../src/build/openapi/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import { Chalice } from '../../../src/runtime/index.js';
import { fixtureGraph, graphOptions, inlineConfig } from '../graph/fixture-graph.js';

function samOf(app: Chalice, file: Record<string, unknown> = {}): any {
  return generateSamTemplate(buildAppGraph(graphOptions(app, inlineConfig(file))));
}

describe('generateSamTemplate', () => {
  it('subscribes S3 handlers through one custom resource per bucket, with S3 allowed to invoke each function', async () => {
    const template: any = generateSamTemplate(await fixtureGraph('full'));
    const custom = template.Resources.FullUploadsNotifications;
    expect(custom).toEqual({
      Type: 'Custom::S3BucketNotifications',
      DependsOn: ['OnUploadS3eventPermission', 'OnRemoveS3eventPermission'],
      Properties: {
        ServiceToken: { 'Fn::GetAtt': ['S3NotificationsHandler', 'Arn'] },
        BucketName: 'full-uploads',
        Notifications: [
          {
            Id: 'chalice-ts-full-dev-onUpload-s3event',
            LambdaFunctionArn: { 'Fn::GetAtt': ['OnUpload', 'Arn'] },
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }, { Name: 'suffix', Value: '.csv' }] } },
          },
          { Id: 'chalice-ts-full-dev-onRemove-s3event', LambdaFunctionArn: { 'Fn::GetAtt': ['OnRemove', 'Arn'] }, Events: ['s3:ObjectRemoved:*'] },
        ],
      },
    });
    expect(template.Resources.OnUploadS3eventPermission.Properties).toEqual({
      FunctionName: { Ref: 'OnUpload' },
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::full-uploads' },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('gives the custom resource\'s role only the notification calls on the app\'s buckets', () => {
    const app = new Chalice({ appName: 'demo' });
    app.onS3Event('b-two', function second() {});
    app.onS3Event('a.one', function first() {});
    const template = samOf(app);
    expect(template.Resources.S3NotificationsHandlerRole.Properties.Policies).toEqual([
      {
        PolicyName: 'S3BucketNotifications',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetBucketNotification', 's3:PutBucketNotification'],
              Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::a.one' }, { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b-two' }],
            },
          ],
        },
      },
    ]);
    expect(Object.keys(template.Resources).filter((id) => template.Resources[id].Type === 'Custom::S3BucketNotifications').sort()).toEqual([
      'AOneNotifications',
      'BTwoNotifications',
    ]);
    expect(template.Resources.S3NotificationsHandler.Properties.Runtime).toBe('nodejs20.x');
  });

  it('keeps buckets whose names differ only in punctuation apart', () => {
    const app = new Chalice({ appName: 'demo' });
    app.onS3Event('my.bucket', function first() {});
    app.onS3Event('my-bucket', function second() {});
    const ids = Object.keys(samOf(app).Resources).filter((id) => id.startsWith('MyBucketNotifications'));
    expect(ids).toHaveLength(2);
  });

  it('an app without S3 handlers has no custom resource', () => {
    const app = new Chalice({ appName: 'demo' });
    app.route('/', function index() {});
    expect(Object.keys(samOf(app).Resources).filter((id) => id.startsWith('S3Notifications'))).toEqual([]);
  });

  it('outputs the REST API id, the endpoint URL and the name of every function', async () => {
    const template: any = generateSamTemplate(await fixtureGraph('full'));
    expect(template.Outputs.RestAPIId).toEqual({ Value: { Ref: 'RestAPI' } });
    expect(template.Outputs.EndpointURL).toEqual({ Value: { 'Fn::Sub': 'https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/api/' } });
    const functions = Object.entries(template.Resources as Record<string, any>).filter(([, r]) => r.Type === 'AWS::Serverless::Function');
    expect(functions.length).toBe(20);
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
    const text = async () => JSON.stringify(generateSamTemplate(await fixtureGraph('full')));
    expect(await text()).toBe(await text());
  });
});
