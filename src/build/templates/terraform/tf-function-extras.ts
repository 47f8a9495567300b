/**
 * Terraform resources of a function's provisioned concurrency and asynchronous invocation
 * settings, and the references triggers use to invoke a function.
 *
 * With provisioned concurrency the function is published (`publish = true`: a new version on
 * every code or configuration change), the `live` alias follows the newest version and carries
 * the provisioned concurrency, and every trigger invokes the alias (`tfInvokedArn`). The
 * event invoke config applies to the alias when there is one, else to the unqualified function.
 */
import type { AsyncInvocationConfig, LambdaFunctionResource } from '../../../graph/index.js';
import { invokedAlias, resolveRef } from '../../../graph/index.js';
import type { TerraformState } from './tf-common.js';
import { functionArn, put } from './tf-common.js';

/** Attributes added to the function's `aws_lambda_function`. */
export function tfFunctionAttributes(fn: LambdaFunctionResource): Record<string, unknown> {
  return invokedAlias(fn) === undefined ? {} : { publish: true };
}

/** The alias, provisioned concurrency and event invoke config of a function (`name`: its Terraform name). */
export function addFunctionExtras(state: TerraformState, name: string, fn: LambdaFunctionResource): void {
  const alias = invokedAlias(fn);
  if (alias !== undefined && fn.provisionedConcurrency !== undefined) {
    put(state, 'aws_lambda_alias', name, {
      name: alias,
      function_name: `\${aws_lambda_function.${name}.function_name}`,
      function_version: `\${aws_lambda_function.${name}.version}`,
    });
    put(state, 'aws_lambda_provisioned_concurrency_config', name, {
      function_name: `\${aws_lambda_alias.${name}.function_name}`,
      qualifier: `\${aws_lambda_alias.${name}.name}`,
      provisioned_concurrent_executions: fn.provisionedConcurrency,
    });
  }
  if (fn.asyncInvocation !== undefined) {
    put(state, 'aws_lambda_function_event_invoke_config', name, {
      function_name: `\${aws_lambda_function.${name}.function_name}`,
      ...(alias === undefined ? {} : { qualifier: `\${aws_lambda_alias.${name}.name}` }),
      ...tfEventInvokeConfig(fn.asyncInvocation),
    });
  }
}

function tfEventInvokeConfig(config: AsyncInvocationConfig): Record<string, unknown> {
  const destinations = {
    ...(config.onFailure === undefined ? {} : { on_failure: { destination: config.onFailure } }),
    ...(config.onSuccess === undefined ? {} : { on_success: { destination: config.onSuccess } }),
  };
  return {
    ...(config.maximumRetryAttempts === undefined ? {} : { maximum_retry_attempts: config.maximumRetryAttempts }),
    ...(config.maximumEventAgeInSeconds === undefined ? {} : { maximum_event_age_in_seconds: config.maximumEventAgeInSeconds }),
    ...(Object.keys(destinations).length === 0 ? {} : { destination_config: destinations }),
  };
}

function invokedFunction(state: TerraformState, name: string): LambdaFunctionResource {
  return resolveRef(state.graph, { ref: 'lambda-function', name });
}

/** What a trigger invokes: the alias's ARN when the function has one, else the function's. */
export function tfInvokedArn(state: TerraformState, name: string): string {
  return invokedAlias(invokedFunction(state, name)) === undefined ? functionArn(name) : `\${aws_lambda_alias.${name}.arn}`;
}

/** API Gateway's invocation URI of the function or its alias. */
export function tfInvokeUri(state: TerraformState, name: string): string {
  return invokedAlias(invokedFunction(state, name)) === undefined ? `\${aws_lambda_function.${name}.invoke_arn}` : `\${aws_lambda_alias.${name}.invoke_arn}`;
}

/** A permission's `qualifier`, so that it allows invoking the alias. */
export function tfPermissionQualifier(state: TerraformState, name: string): Record<string, unknown> {
  return invokedAlias(invokedFunction(state, name)) === undefined ? {} : { qualifier: `\${aws_lambda_alias.${name}.name}` };
}
