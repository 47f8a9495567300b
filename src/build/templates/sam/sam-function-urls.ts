/**
 * Function URLs in the SAM template: the function's `FunctionUrlConfig` (SAM makes the
 * `AWS::Lambda::Url` `<Function>Url` from it and, for `AuthType: NONE`, both public
 * permissions Lambda requires — `lambda:InvokeFunctionUrl` and
 * `lambda:InvokeFunction` limited to the URL (added to SAM in 2025) — so the graph's `function-url` permissions
 * need no resource of their own here), and the `<Prefix>FunctionUrl` output.
 */
import type { FunctionUrlCors, FunctionUrlResource } from '../../../graph/index.js';
import { resolveRef } from '../../../graph/index.js';
import { functionLogicalId, functionOutputPrefix } from '../logical-names.js';
import type { SamState } from './sam-generator.js';

export function addFunctionUrl(state: SamState, url: FunctionUrlResource): void {
  const fn = resolveRef(state.graph, url.function);
  const fnId = functionLogicalId(fn);
  const resource = state.resources[fnId] as { Properties: Record<string, unknown> } | undefined;
  if (resource === undefined) throw new Error(`function URL ${url.resourceName} is added before its function`);
  resource.Properties.FunctionUrlConfig = {
    AuthType: url.authType,
    ...(url.cors === undefined ? {} : { Cors: corsToCloudFormation(url.cors) }),
    InvokeMode: url.invokeMode,
  };
  state.names.claim(`${fnId}Url`, `the function URL of ${fn.resourceName}`);
  state.outputs[`${functionOutputPrefix(fn)}FunctionUrl`] = { Value: { 'Fn::GetAtt': [`${fnId}Url`, 'FunctionUrl'] } };
}

/** `AWS::Lambda::Url` Cors; empty lists are left out (Lambda's default is none). */
export function corsToCloudFormation(cors: FunctionUrlCors): Record<string, unknown> {
  const list = (key: string, values: readonly string[]) => (values.length === 0 ? {} : { [key]: [...values] });
  return {
    AllowCredentials: cors.allowCredentials,
    ...list('AllowHeaders', cors.allowHeaders),
    ...list('AllowMethods', cors.allowMethods),
    ...list('AllowOrigins', cors.allowOrigins),
    ...list('ExposeHeaders', cors.exposeHeaders),
    ...(cors.maxAge === undefined ? {} : { MaxAge: cors.maxAge }),
  };
}
