/**
 * Function URLs (`lambda_functions.<fn>.function_url`): a `function-url` resource for each
 * function whose config sets one, and for a public (`NONE`) URL the two resource-policy
 * statements Lambda requires: `lambda:InvokeFunctionUrl` for principal `*` with the
 * `lambda:FunctionUrlAuthType: NONE` condition, and `lambda:InvokeFunction` for `*` with
 * `lambda:InvokedViaFunctionUrl: true` (required for URLs created since October 2025; it lets
 * anyone invoke through the URL only, not through the Invoke API). An `AWS_IAM` URL needs no
 * statement: its callers' own IAM policies grant lambda:InvokeFunctionUrl.
 *
 * A URL serves HTTP (payload format 2.0), so only the REST handler (`api_handler`, which routes
 * v2 events) and pure `app.lambdaFunction`s (which get the raw event) may have one. A
 * `function_url` under a name that is no function of the app is reported by the project
 * layer's "matches no function" warning, like any other unused `lambda_functions` entry.
 */
import type { FunctionUrlConfig } from '../project/index.js';
import { ChaliceTsError } from '../project/errors.js';
import type { BuildContext } from './build-context.js';
import type { FunctionUrlResource, LambdaFunctionResource, LambdaPermissionResource } from './resources.js';
import { refTo } from './resources.js';

const SERVED_PURPOSES: ReadonlySet<LambdaFunctionResource['purpose']> = new Set(['rest-api', 'pure']);

export function addFunctionUrls(ctx: BuildContext): void {
  const functions = ctx.collector.all().filter((r): r is LambdaFunctionResource => r.kind === 'lambda-function');
  for (const fn of functions) {
    const config = ctx.functionConfig(fn.resourceName).functionUrl;
    if (config !== undefined) addFunctionUrl(ctx, fn, config);
  }
}

function addFunctionUrl(ctx: BuildContext, fn: LambdaFunctionResource, config: FunctionUrlConfig): void {
  if (!SERVED_PURPOSES.has(fn.purpose)) {
    throw new ChaliceTsError(
      `lambda_functions.${fn.resourceName}.function_url is set, but "${fn.resourceName}" is ${fn.purpose === 'authorizer' ? 'an authorizer' : fn.purpose === 'websocket' ? 'a websocket handler' : 'an event handler'}; a function URL serves HTTP requests, so only api_handler and app.lambdaFunction functions can have one: remove function_url there`,
      'function_url_unsupported',
    );
  }
  const url: FunctionUrlResource = {
    kind: 'function-url',
    resourceName: `${fn.resourceName}_function_url`,
    function: refTo(fn),
    authType: config.authType,
    ...(config.cors === undefined ? {} : { cors: config.cors }),
    invokeMode: config.invokeMode,
  };
  ctx.collector.add(url);
  if (config.authType !== 'NONE') return;
  const permissions: LambdaPermissionResource[] = [
    { kind: 'lambda-permission', resourceName: `${fn.resourceName}_function_url_public`, function: refTo(fn), service: '*', source: { kind: 'function-url', url: refTo(url), action: 'lambda:InvokeFunctionUrl' } },
    { kind: 'lambda-permission', resourceName: `${fn.resourceName}_function_url_invoke`, function: refTo(fn), service: '*', source: { kind: 'function-url', url: refTo(url), action: 'lambda:InvokeFunction' } },
  ];
  for (const permission of permissions) ctx.collector.add(permission);
}
