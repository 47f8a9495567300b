/**
 * Planning function URLs (pure; called by the planner for the `function-url` resources of the
 * app graph and for the `lambda-permission`s whose source is a function URL).
 *
 * A URL config is one per function, so it is found again by the function's name alone: a
 * config that exists but is not recorded (a deploy killed after the create, a lost state file)
 * is adopted, one whose auth type, CORS or invoke mode differ is updated in place, and a
 * redeploy without change plans nothing. Its permissions are statements of the function's
 * policy found by statement id, and compared by principal, action and URL condition.
 * A removed `function_url` is deleted by the sweeper from its record (sweep.ts).
 */
import type { AppGraph, FunctionUrlResource, LambdaPermissionResource } from '../../graph/index.js';
import { resolveRef } from '../../graph/index.js';
import type { DeployedResource } from '../../project/deployed-state.js';
import { sortKeysDeep } from '../../project/stable-json.js';
import type { PolicyStatement } from '../aws/aws-client.js';
import type { FunctionUrlSettings, RemoteFunctionUrl } from '../aws/function-url-calls.js';
import type { Instruction } from '../instructions.js';
import { invokedFunctionName } from '../function-extras/names.js';
import { statementId } from '../names.js';
import type { FunctionUrlSnapshot } from './snapshot.js';
import { FUNCTION_URL_RECORD_TYPE } from './snapshot.js';

/** What these planners need from the planner. */
export interface FunctionUrlPlanContext {
  readonly graph: AppGraph;
  readonly snapshot: FunctionUrlSnapshot & { readonly permissions: Readonly<Record<string, readonly PolicyStatement[]>> };
  readonly out: Instruction[];
  /** Keeps `record` in the state (a `record` instruction when it differs). */
  keep(record: DeployedResource): void;
  /** Marks a record as written by an instruction of this plan. */
  want(record: { readonly name: string; readonly resourceType: string }): void;
  /** Whether this plan creates the function (it then has neither a URL nor statements yet). */
  isCreated(functionName: string): boolean;
}

export function planFunctionUrl(ctx: FunctionUrlPlanContext, url: FunctionUrlResource): void {
  const fn = resolveRef(ctx.graph, url.function);
  // A function with provisioned concurrency has its URL on the alias triggers invoke.
  const functionName = invokedFunctionName(fn);
  const settings: FunctionUrlSettings = { authType: url.authType, ...(url.cors === undefined ? {} : { cors: url.cors }), invokeMode: url.invokeMode };
  const base = { name: url.resourceName, resourceType: FUNCTION_URL_RECORD_TYPE, function: fn.resourceName, functionName, authType: url.authType };
  const remote = ctx.isCreated(fn.functionName) ? undefined : ctx.snapshot.functionUrls?.[functionName];
  if (remote === undefined) {
    ctx.want(base);
    ctx.out.push({ kind: 'create-function-url-config', functionName, settings, pending: { ...base, pending: true }, record: { ...base, functionUrl: { output: 'functionUrl' } } });
    return;
  }
  const changed = changedUrlSettings(remote, settings);
  if (changed.length > 0) {
    ctx.want(base);
    ctx.out.push({ kind: 'update-function-url-config', functionName, settings, changed, record: { ...base, functionUrl: { output: 'functionUrl' } } });
    return;
  }
  ctx.keep({ ...base, functionUrl: remote.functionUrl });
}

export function planFunctionUrlPermission(ctx: FunctionUrlPlanContext, permission: LambdaPermissionResource & { readonly source: { readonly kind: 'function-url' } }): void {
  const fn = resolveRef(ctx.graph, permission.function);
  const functionName = invokedFunctionName(fn);
  const statement = { sid: statementId(permission.resourceName), action: permission.source.action };
  const record = { name: permission.resourceName, resourceType: 'lambda_permission', functionName, statementId: statement.sid };
  const add: Instruction = { kind: 'add-function-url-permission', functionName, statement, pending: { ...record, pending: true }, record };
  const existing = ctx.isCreated(fn.functionName) ? undefined : (ctx.snapshot.permissions[functionName] ?? []).find((s) => s.sid === statement.sid);
  if (existing === undefined) {
    ctx.want(record);
    ctx.out.push(add);
  } else if (!isUrlStatement(existing, statement.action)) {
    ctx.want(record);
    ctx.out.push({ kind: 'remove-permission', functionName, statementId: statement.sid }, add);
  } else {
    ctx.keep(record);
  }
}

function isUrlStatement(statement: PolicyStatement, action: string): boolean {
  if (statement.principal !== '*' || statement.action !== action || statement.sourceArn !== undefined) return false;
  return action === 'lambda:InvokeFunctionUrl' ? statement.functionUrlAuthType === 'NONE' : statement.invokedViaFunctionUrl === true;
}

/** Setting names that differ between the URL config Lambda has and the one the app wants. */
export function changedUrlSettings(remote: RemoteFunctionUrl, wanted: FunctionUrlSettings): string[] {
  const changed: string[] = [];
  if (remote.authType !== wanted.authType) changed.push('auth type');
  if (remote.invokeMode !== wanted.invokeMode) changed.push('invoke mode');
  const cors = (s: FunctionUrlSettings) =>
    s.cors === undefined
      ? null
      : JSON.stringify(
          sortKeysDeep({
            ...s.cors,
            allowOrigins: [...s.cors.allowOrigins].sort(),
            allowMethods: [...s.cors.allowMethods].sort(),
            allowHeaders: [...s.cors.allowHeaders].map((h) => h.toLowerCase()).sort(),
            exposeHeaders: [...s.cors.exposeHeaders].map((h) => h.toLowerCase()).sort(),
            maxAge: s.cors.maxAge ?? null,
          }),
        );
  if (cors(remote) !== cors(wanted)) changed.push('cors');
  return changed;
}
