/**
 * Templates of functions with provisioned concurrency on an HTTP API: the handler and the
 * built-in authorizer are invoked through their `live` alias in SAM (whose `HttpApi` events
 * SAM connects to the alias itself) and in Terraform. (The REST API, rules, mappings, SNS, S3
 * and websocket cases are in the full fixture's goldens.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSamTemplate, generateTerraformTemplate } from '../../../src/build/templates/index.js';
import type { AppGraph } from '../../../src/graph/index.js';
import { fixtureGraph } from '../graph/fixture-graph.js';
import type { CfnSpecification } from './cfn-template-checker.js';
import { checkSamTemplate, loadCfnSpecification } from './cfn-template-checker.js';

async function provisionedHttpApi(): Promise<AppGraph> {
  const graph = await fixtureGraph('http-api');
  return {
    ...graph,
    resources: graph.resources.map((r) => (r.kind === 'lambda-function' && ['api_handler', 'tokens'].includes(r.resourceName) ? { ...r, provisionedConcurrency: 2 } : r)),
  };
}

let spec: CfnSpecification;
beforeAll(() => {
  spec = loadCfnSpecification();
});

describe('an HTTP API whose handler and authorizer have provisioned concurrency', () => {
  it('SAM: AutoPublishAlias on both, the authorizer and its permission point at the alias, and the template checks out', async () => {
    const template: any = generateSamTemplate(await provisionedHttpApi());
    for (const id of ['APIHandler', 'Tokens']) {
      expect(template.Resources[id].Properties, id).toMatchObject({ AutoPublishAlias: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    }
    expect(template.Resources.HttpAPI.Properties.Auth.Authorizers.tokens.FunctionArn).toEqual({ Ref: 'TokensAliaslive' });
    expect(template.Resources.TokensInvokePermission.Properties.FunctionName).toEqual({ Ref: 'TokensAliaslive' });
    expect(checkSamTemplate(template, spec)).toEqual([]);
  });

  it('Terraform: published functions, the integration and the authorizer invoke the aliases, the permissions name them', async () => {
    const template: any = generateTerraformTemplate(await provisionedHttpApi());
    const resource = template.resource;
    expect(resource.aws_lambda_function.api_handler.publish).toBe(true);
    expect(Object.keys(resource.aws_lambda_alias).sort()).toEqual(['api_handler', 'tokens']);
    expect(resource.aws_lambda_provisioned_concurrency_config.tokens).toEqual({
      function_name: '${aws_lambda_alias.tokens.function_name}',
      qualifier: '${aws_lambda_alias.tokens.name}',
      provisioned_concurrent_executions: 2,
    });
    expect(Object.values(resource.aws_apigatewayv2_integration as Record<string, any>).map((i) => i.integration_uri)).toEqual(['${aws_lambda_alias.api_handler.invoke_arn}']);
    expect(Object.values(resource.aws_apigatewayv2_authorizer as Record<string, any>).filter((a) => a.authorizer_type === 'REQUEST').map((a) => a.authorizer_uri)).toEqual([
      '${aws_lambda_alias.tokens.invoke_arn}',
    ]);
    for (const permission of Object.values(resource.aws_lambda_permission as Record<string, any>)) {
      expect(permission.qualifier, JSON.stringify(permission)).toMatch(/^\$\{aws_lambda_alias\.(api_handler|tokens)\.name\}$/);
    }
  });
});

describe('a function URL on a function with provisioned concurrency', () => {
  it('Terraform: the URL and its public permissions are on the live alias', async () => {
    const graph = await fixtureGraph('function-urls');
    const provisioned: AppGraph = {
      ...graph,
      resources: graph.resources.map((r) => (r.kind === 'lambda-function' && r.resourceName === 'api_handler' ? { ...r, provisionedConcurrency: 1 } : r)),
    };
    const resource: any = generateTerraformTemplate(provisioned).resource;
    expect(resource.aws_lambda_function_url.api_handler_function_url.qualifier).toBe('${aws_lambda_alias.api_handler.name}');
    expect(resource.aws_lambda_function_url.worker_function_url.qualifier).toBeUndefined();
    const publicPermissions = Object.values(resource.aws_lambda_permission as Record<string, { principal: string; qualifier?: string }>).filter((p) => p.principal === '*');
    expect(publicPermissions.map((p) => p.qualifier)).toEqual(['${aws_lambda_alias.api_handler.name}', '${aws_lambda_alias.api_handler.name}']);
  });
});
