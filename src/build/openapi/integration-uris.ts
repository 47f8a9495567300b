/**
 * The `uri` of a Lambda proxy integration (and of a built-in authorizer) differs per output:
 * CloudFormation substitutes the function's ARN (`Fn::Sub`), Terraform interpolates the
 * function's `invoke_arn`, and deploy fills in the ARN it just created. Each caller picks one.
 */
import type { LambdaFunctionResource } from '../../graph/index.js';

export type IntegrationUri = (fn: LambdaFunctionResource) => unknown;

/** API Gateway's invocation URI for a Lambda function ARN. */
export function lambdaArnToIntegrationUri(partition: string, region: string, lambdaArn: string): string {
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${lambdaArn}/invocations`;
}

/** For a deploy that knows the ARNs: `arnOf(fn)` returns the function's ARN. */
export function deployedIntegrationUri(partition: string, region: string, arnOf: (fn: LambdaFunctionResource) => string): IntegrationUri {
  return (fn) => lambdaArnToIntegrationUri(partition, region, arnOf(fn));
}
