/**
 * Function URLs in `chalice.tf.json`: one `aws_lambda_function_url` per URL (keyed by the
 * graph's `<function>_function_url`), its `<Prefix>FunctionUrl` output, and for a public
 * (`NONE`) URL the two `aws_lambda_permission`s Lambda requires: `lambda:InvokeFunctionUrl`
 * with `function_url_auth_type = "NONE"`, and `lambda:InvokeFunction` with
 * `invoked_via_function_url = true` (an argument of AWS provider 6.29.0 and later, so such a
 * configuration asks for that provider; see tf-requirements.ts).
 */
import type { FunctionUrlResource, LambdaPermissionResource } from '../../../graph/index.js';
import { resolveRef } from '../../../graph/index.js';
import { functionOutputPrefix } from '../logical-names.js';
import type { TerraformState } from './tf-common.js';
import { functionArn, put, tfName } from './tf-common.js';
import { tfPermissionQualifier } from './tf-function-extras.js';

export function addFunctionUrl(state: TerraformState, url: FunctionUrlResource): void {
  const name = tfName(url.resourceName, `function URL ${url.resourceName}`);
  const fn = resolveRef(state.graph, url.function);
  const cors = url.cors;
  put(state, 'aws_lambda_function_url', name, {
    function_name: `\${aws_lambda_function.${fn.resourceName}.function_name}`,
    // On the `live` alias when the function has provisioned concurrency (its instances are there).
    ...tfPermissionQualifier(state, fn.resourceName),
    authorization_type: url.authType,
    invoke_mode: url.invokeMode,
    ...(cors === undefined
      ? {}
      : {
          cors: {
            allow_credentials: cors.allowCredentials,
            allow_headers: cors.allowHeaders,
            allow_methods: cors.allowMethods,
            allow_origins: cors.allowOrigins,
            expose_headers: cors.exposeHeaders,
            ...(cors.maxAge === undefined ? {} : { max_age: cors.maxAge }),
          },
        }),
  });
  state.output[`${functionOutputPrefix(fn)}FunctionUrl`] = { value: `\${aws_lambda_function_url.${name}.function_url}` };
}

export function addFunctionUrlPermission(state: TerraformState, permission: LambdaPermissionResource & { readonly source: { readonly kind: 'function-url' } }): void {
  const name = tfName(permission.resourceName, `permission ${permission.resourceName}`);
  const common = { function_name: functionArn(permission.function.name), ...tfPermissionQualifier(state, permission.function.name), principal: '*', action: permission.source.action };
  put(state, 'aws_lambda_permission', name, {
    ...common,
    ...(permission.source.action === 'lambda:InvokeFunctionUrl' ? { function_url_auth_type: 'NONE' } : { invoked_via_function_url: true }),
  });
}

/** Whether the configuration uses `invoked_via_function_url` (AWS provider 6.29.0 or later). */
export function usesInvokedViaFunctionUrl(permissions: readonly LambdaPermissionResource[]): boolean {
  return permissions.some((p) => p.source.kind === 'function-url' && p.source.action === 'lambda:InvokeFunction');
}
