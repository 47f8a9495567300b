/** The HTTP API (`api_type: "http"`) in both template formats, beyond what the fixture goldens show. */
import { describe, expect, it } from 'vitest';
import { generateSamTemplate, generateTerraformTemplate } from '../../../src/build/templates/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import { AuthResponse, Chalice } from '../../../src/runtime/index.js';
import { graphOptions, inlineConfig } from '../graph/fixture-graph.js';

/** One open route (with a path parameter), one route behind a built-in authorizer without simple responses or an execution role. */
function templates(): { sam: any; tf: any } {
  const app = new Chalice({ appName: 'demo' });
  const auth = app.authorizer({ name: 'auth', ttlSeconds: 0 }, (a) => new AuthResponse({ routes: ['*'], principalId: a.token }));
  app.route('/files/{name}', function files() {});
  app.route('/me', { methods: ['PATCH'], authorizer: auth }, function me() {});
  const graph = buildAppGraph(graphOptions(app, inlineConfig({ api_type: 'http', stages: { dev: { api_gateway_stage: 'v2' } } })));
  return { sam: generateSamTemplate(graph), tf: generateTerraformTemplate(graph) };
}

describe('SAM', () => {
  const { sam } = templates();

  it('leaves the handler permission to SAM (HttpApi events grant it) and adds the authorizer function its own', () => {
    const permissions = Object.entries(sam.Resources as Record<string, { Type: string; Properties: { FunctionName: unknown } }>)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Permission')
      .map(([id, r]) => [id, r.Properties.FunctionName]);
    expect(permissions).toEqual([['AuthInvokePermission', { Ref: 'Auth' }]]);
  });

  it('writes no CORS configuration without CORS routes, and the Lambda authorizer as configured', () => {
    expect(sam.Resources.HttpAPI.Properties).toEqual({
      StageName: 'v2',
      Auth: {
        Authorizers: {
          auth: {
            FunctionArn: { 'Fn::GetAtt': ['Auth', 'Arn'] },
            AuthorizerPayloadFormatVersion: '2.0',
            EnableSimpleResponses: false,
            Identity: { Headers: ['Authorization'], ReauthorizeEvery: 0 },
          },
        },
      },
    });
  });

  it('names one event per route after its method and path', () => {
    expect(Object.keys(sam.Resources.APIHandler.Properties.Events).sort()).toEqual(['HttpApiGetFilesName', 'HttpApiPatchMe']);
    expect(sam.Resources.APIHandler.Properties.Events.HttpApiGetFilesName.Properties.Path).toBe('/files/{name}');
    expect(sam.Outputs.EndpointURL.Value).toEqual({ 'Fn::Sub': 'https://${HttpAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/v2/' });
  });
});

describe('Terraform', () => {
  const { tf } = templates();

  it('routes without an authorizer have no authorization settings; a Lambda authorizer route is CUSTOM', () => {
    expect(tf.resource.aws_apigatewayv2_route.http_api_get_files_name).toEqual({
      api_id: '${aws_apigatewayv2_api.http_api.id}',
      route_key: 'GET /files/{name}',
      target: 'integrations/${aws_apigatewayv2_integration.http_api.id}',
    });
    expect(tf.resource.aws_apigatewayv2_route.http_api_patch_me).toMatchObject({
      route_key: 'PATCH /me',
      authorization_type: 'CUSTOM',
      authorizer_id: '${aws_apigatewayv2_authorizer.http_api_auth_authorizer.id}',
    });
    expect(tf.resource.aws_apigatewayv2_api.http_api).toEqual({ name: 'demo', protocol_type: 'HTTP' });
  });

  it('lets API Gateway invoke both functions from any route, stage and authorizer of the API', () => {
    expect(Object.entries(tf.resource.aws_lambda_permission).map(([name, p]: [string, any]) => [name, p.function_name, p.source_arn])).toEqual([
      ['auth_invoke', '${aws_lambda_function.auth.arn}', '${aws_apigatewayv2_api.http_api.execution_arn}/*'],
      ['http_api_invoke', '${aws_lambda_function.api_handler.arn}', '${aws_apigatewayv2_api.http_api.execution_arn}/*'],
    ]);
    expect(tf.output.EndpointURL).toEqual({ value: '${aws_apigatewayv2_stage.http_api.invoke_url}/' });
  });
});
