import { describe, expect, it } from 'vitest';
import { generateTerraformTemplate } from '../../../src/build/templates/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import { Chalice } from '../../../src/runtime/index.js';
import { fixtureGraph, graphOptions, inlineConfig } from '../graph/fixture-graph.js';

/** A one-function app subscribed to an SNS topic by name (its ARN is built with the region). */
function snsAppTemplate(lambdaRuntime: string): any {
  const app = new Chalice({ appName: 'demo' });
  app.onSnsMessage('alerts', function onAlert() {});
  return generateTerraformTemplate(buildAppGraph(graphOptions(app, inlineConfig({}), { lambdaRuntime })));
}

describe('generateTerraformTemplate', () => {
  it('asks for Terraform 1.x and an AWS provider from 5.x on, with no upper bound', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('hello'));
    expect(template.terraform).toEqual({
      required_version: '>= 1.0',
      required_providers: {
        aws: { source: 'hashicorp/aws', version: '>= 5.26' },
        null: { source: 'hashicorp/null', version: '>= 2.0, < 4.0' },
      },
    });
  });

  // The provider refuses a runtime newer than its SDK at plan time, and `aws_region.name` is
  // deprecated in 6.x while 5.x lacks `region`.
  it.each([
    ['nodejs20.x', '>= 5.26', '${data.aws_region.chalice.name}'],
    ['nodejs22.x', '>= 5.82', '${data.aws_region.chalice.name}'],
    ['nodejs24.x', '>= 6.20', '${data.aws_region.chalice.region}'],
  ])('with %s functions asks for AWS provider %s and reads the region from %s', (runtime, version, region) => {
    const template = snsAppTemplate(runtime);
    expect(template.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version });
    expect(template.resource.aws_lambda_function.onAlert.runtime).toBe(runtime);
    expect(template.resource.aws_sns_topic_subscription['onAlert-sns-subscription'].topic_arn).toBe(
      `arn:\${data.aws_partition.chalice.partition}:sns:${region}:\${data.aws_caller_identity.chalice.account_id}:alerts`,
    );
  });

  it('deploys the REST API through a stage, with a new deployment whenever the OpenAPI document changes', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    expect(template.resource.aws_api_gateway_deployment).toEqual({
      rest_api: {
        rest_api_id: '${aws_api_gateway_rest_api.rest_api.id}',
        triggers: { redeployment: '${sha1(local.chalice_api_swagger)}' },
        lifecycle: { create_before_destroy: true },
      },
    });
    expect(template.resource.aws_api_gateway_stage).toEqual({
      rest_api: {
        rest_api_id: '${aws_api_gateway_rest_api.rest_api.id}',
        deployment_id: '${aws_api_gateway_deployment.rest_api.id}',
        stage_name: 'api',
      },
    });
    // The mapping names the stage through the stage resource, so it waits for the stage to exist.
    expect(template.resource.aws_api_gateway_base_path_mapping['api_gateway_custom_domain_mapping']).toMatchObject({
      stage_name: '${aws_api_gateway_stage.rest_api.stage_name}',
    });
    // Nothing but the stage reads the deployment: provider 6 removed its stage_name, stage_description and invoke_url.
    const text = JSON.stringify(template);
    expect(text.match(/aws_api_gateway_deployment\.rest_api\.[a-z_]+/g)).toEqual(['aws_api_gateway_deployment.rest_api.id']);
    expect(text).not.toContain('stage_description');
  });

  it('turns on X-Ray tracing on the stage when the API asks for it', async () => {
    const graph = await fixtureGraph('hello');
    const traced = { ...graph, resources: graph.resources.map((r) => (r.kind === 'rest-api' ? { ...r, xray: true } : r)) };
    expect((generateTerraformTemplate(traced) as any).resource.aws_api_gateway_stage.rest_api.xray_tracing_enabled).toBe(true);
    expect((generateTerraformTemplate(graph) as any).resource.aws_api_gateway_stage.rest_api).not.toHaveProperty('xray_tracing_enabled');
  });

  it('passes minimum_compression_size as a string, its type since AWS provider 5', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    expect(template.resource.aws_api_gateway_rest_api.rest_api.minimum_compression_size).toBe('1024');
  });

  it('redeploys the websocket API when a route changes and takes its URL and permissions from API Gateway', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    const deployment = template.resource.aws_apigatewayv2_deployment.websocket_api_deployment;
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    for (const route of Object.keys(template.resource.aws_apigatewayv2_route)) {
      expect(deployment.triggers.redeployment).toContain(`aws_apigatewayv2_route.${route}.id`);
    }
    expect(template.output.WebsocketConnectEndpointURL).toEqual({ value: '${aws_apigatewayv2_stage.websocket_api_stage.invoke_url}/' });
    expect(template.resource.aws_lambda_permission.websocket_connect_invoke_permission.source_arn).toBe(
      '${aws_apigatewayv2_api.websocket_api.execution_arn}/*',
    );
  });

  it('declares the data sources Chalice uses, with the app and stage names', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('hello'));
    expect(template.data).toEqual({
      aws_caller_identity: { chalice: {} },
      aws_partition: { chalice: {} },
      aws_region: { chalice: {} },
      null_data_source: { chalice: { inputs: { app: 'hello', stage: 'dev' } } },
    });
  });

  it('points every function at deployment.zip next to the configuration', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    const functions = Object.values(template.resource.aws_lambda_function as Record<string, any>);
    expect(functions.length).toBe(20);
    for (const fn of functions) {
      expect(fn.filename).toBe('${path.module}/deployment.zip');
      expect(fn.source_code_hash).toBe('${filebase64sha256("${path.module}/deployment.zip")}');
    }
    expect(template.resource.aws_lambda_layer_version['managed-layer']).toMatchObject({
      filename: '${path.module}/layer-deployment.zip',
      source_code_hash: '${filebase64sha256("${path.module}/layer-deployment.zip")}',
    });
  });

  it('groups S3 notifications per bucket, after the permissions S3 checks', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    expect(template.resource.aws_s3_bucket_notification).toEqual({
      'full-uploads_notify': {
        bucket: 'full-uploads',
        depends_on: ['aws_lambda_permission.onUpload-s3event', 'aws_lambda_permission.onRemove-s3event'],
        lambda_function: [
          {
            events: ['s3:ObjectCreated:*'],
            filter_prefix: 'incoming/',
            filter_suffix: '.csv',
            lambda_function_arn: '${aws_lambda_function.onUpload.arn}',
          },
          { events: ['s3:ObjectRemoved:*'], lambda_function_arn: '${aws_lambda_function.onRemove.arn}' },
        ],
      },
    });
    expect(template.resource.aws_lambda_permission['onUpload-s3event']).toEqual({
      action: 'lambda:InvokeFunction',
      function_name: '${aws_lambda_function.onUpload.arn}',
      principal: 's3.amazonaws.com',
      source_account: '${data.aws_caller_identity.chalice.account_id}',
      source_arn: 'arn:${data.aws_partition.chalice.partition}:s3:::full-uploads',
      statement_id: 'onUpload-s3event',
    });
  });

  it('outputs the endpoint URL, the REST API id and every function name', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    expect(template.output.EndpointURL).toEqual({ value: '${aws_api_gateway_stage.rest_api.invoke_url}' });
    expect(template.output.RestAPIId).toEqual({ value: '${aws_api_gateway_rest_api.rest_api.id}' });
    for (const name of Object.keys(template.resource.aws_lambda_function)) {
      expect(Object.values(template.output)).toContainEqual({ value: `\${aws_lambda_function.${name}.function_name}` });
    }
  });

  it('imports the REST API from the OpenAPI document held in a local', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    const swagger = JSON.parse(template.locals.chalice_api_swagger);
    expect(swagger.paths['/'].get['x-amazon-apigateway-integration'].uri).toBe('${aws_lambda_function.api_handler.invoke_arn}');
    expect(swagger.securityDefinitions.token_auth['x-amazon-apigateway-authorizer'].authorizerUri).toBe('${aws_lambda_function.token_auth.invoke_arn}');
    expect(template.resource.aws_api_gateway_rest_api.rest_api).toMatchObject({
      body: '${local.chalice_api_swagger}',
      name: 'full',
      endpoint_configuration: { types: ['REGIONAL'] },
    });
  });

  it('escapes template syntax Terraform would evaluate, keeping its own interpolations', async () => {
    const template: any = generateTerraformTemplate(await fixtureGraph('full'));
    expect(template.resource.aws_iam_role_policy.everyFive_role.policy).toContain('arn:aws:s3:::full-reports/$${aws:username}/*');
    expect(template.resource.aws_iam_role_policy.everyFive_role.role).toBe('${aws_iam_role.everyFive_role.id}');
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction(function foo() {});
    const graph = buildAppGraph(graphOptions(app, inlineConfig({ environment_variables: { A: '${var.x}', B: '%{if x}', C: '${aws_s3_bucket.b.id}' } })));
    expect((generateTerraformTemplate(graph) as any).resource.aws_lambda_function.foo.environment.variables).toEqual({
      A: '$${var.x}',
      B: '%%{if x}',
      C: '${aws_s3_bucket.b.id}',
    });
  });

  it('refuses a function name Terraform cannot use as a resource name', () => {
    const app = new Chalice({ appName: 'demo' });
    app.lambdaFunction({ name: '1st' }, () => {});
    const graph = buildAppGraph(graphOptions(app, inlineConfig({})));
    expect(() => generateTerraformTemplate(graph)).toThrow(expect.objectContaining({ code: 'template_name_invalid', message: expect.stringContaining('"1st"') }));
  });

  it('is deterministic', async () => {
    const text = async () => JSON.stringify(generateTerraformTemplate(await fixtureGraph('full')));
    expect(await text()).toBe(await text());
  });
});
