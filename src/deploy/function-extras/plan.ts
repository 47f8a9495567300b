/**
 * Planning a function's extras (pure; called by the planner right after each function, so
 * code and configuration updates come first and the triggers planned later can use the alias).
 *
 * Provisioned concurrency lives on the `live` alias, which must point at a published version.
 * The alias's description carries a hash of what that version holds (the code's SHA-256, the
 * layer's, and every function setting Lambda versions): when the hash differs, the plan
 * publishes `$LATEST` (already updated by then) and points the alias at the new version. A
 * deploy killed after an update but before the alias moved leaves the old hash, so the next
 * deploy publishes then; publishing twice is harmless (Lambda answers the newest version when
 * nothing changed). The provisioned concurrency is put when it differs from the alias's.
 *
 * The event invoke config (`async_invocation`) is put on the qualifier the triggers invoke
 * (the alias, or the plain function) when it differs, with Lambda's defaults filled in so that
 * a removed key resets. Both are recorded in the state (`lambda_alias`,
 * `lambda_event_invoke_config`), so removing the setting from the config deletes them (sweep.ts).
 */
import { createHash } from 'node:crypto';
import type { AppGraph, LambdaFunctionResource } from '../../graph/index.js';
import { invokedAlias } from '../../graph/index.js';
import type { DeployedResource } from '../../project/deployed-state.js';
import { stableStringify } from '../../project/stable-json.js';
import type { EventInvokeSettings } from '../aws/function-extras-calls.js';
import type { Instruction } from '../instructions.js';
import { versionOutput } from './instructions.js';
import { aliasDescription } from './names.js';
import type { FunctionExtrasSnapshot } from './snapshot.js';

/** What these planners need from the planner. */
export interface FunctionExtrasPlanContext {
  readonly graph: AppGraph;
  readonly snapshot: FunctionExtrasSnapshot;
  /** Hashes of the deployment package and the automatic layer. */
  readonly artifacts: { readonly codeSha256: string; readonly layerSha256?: string };
  readonly out: Instruction[];
  /** The record the previous state has under this name and type. */
  previous(name: string, resourceType: string): DeployedResource | undefined;
  /** Keeps `record` in the state (a `record` instruction when it differs). */
  keep(record: DeployedResource): void;
  /** Marks a record as written by an instruction of this plan. */
  want(record: { readonly name: string; readonly resourceType: string }): void;
}

export function planFunctionExtras(ctx: FunctionExtrasPlanContext, fn: LambdaFunctionResource): void {
  planAlias(ctx, fn);
  planEventInvokeConfig(ctx, fn);
}

function planAlias(ctx: FunctionExtrasPlanContext, fn: LambdaFunctionResource): void {
  const aliasName = invokedAlias(fn);
  if (aliasName === undefined || fn.provisionedConcurrency === undefined) return;
  const { functionName } = fn;
  const record = { name: fn.resourceName, resourceType: 'lambda_alias', functionName, aliasName };
  const description = aliasDescription(versionHash(ctx, fn));
  const remote = ctx.snapshot.aliases?.[functionName];
  const functionVersion = { output: versionOutput(functionName) } as const;
  if (remote === undefined) {
    ctx.want(record);
    ctx.out.push({ kind: 'publish-version', functionName });
    ctx.out.push({ kind: 'create-alias', functionName, aliasName, functionVersion, description, pending: { ...record, pending: true }, record });
  } else {
    ctx.keep(record);
    if (remote.description !== description) {
      ctx.out.push({ kind: 'publish-version', functionName });
      ctx.out.push({ kind: 'update-alias', functionName, aliasName, functionVersion, description });
    }
  }
  if (ctx.snapshot.provisionedConcurrency?.[functionName] !== fn.provisionedConcurrency) {
    ctx.out.push({ kind: 'put-provisioned-concurrency', functionName, qualifier: aliasName, executions: fn.provisionedConcurrency });
  }
}

function planEventInvokeConfig(ctx: FunctionExtrasPlanContext, fn: LambdaFunctionResource): void {
  if (fn.asyncInvocation === undefined) return;
  const { functionName } = fn;
  const qualifier = invokedAlias(fn);
  const record = { name: fn.resourceName, resourceType: 'lambda_event_invoke_config', functionName, ...(qualifier === undefined ? {} : { qualifier }) };
  // The config moved to another qualifier (provisioned concurrency added or removed): remove the old one.
  const previous = ctx.previous(record.name, record.resourceType);
  if (previous !== undefined && previous.qualifier !== qualifier) {
    const old = typeof previous.qualifier === 'string' ? { qualifier: previous.qualifier } : {};
    ctx.out.push({ kind: 'delete-event-invoke-config', functionName, ...old });
  }
  const { onFailure, onSuccess, maximumRetryAttempts, maximumEventAgeInSeconds } = fn.asyncInvocation;
  const settings: EventInvokeSettings = {
    maximumRetryAttempts: maximumRetryAttempts ?? 2,
    maximumEventAgeInSeconds: maximumEventAgeInSeconds ?? 21_600,
    ...(onFailure === undefined ? {} : { onFailure }),
    ...(onSuccess === undefined ? {} : { onSuccess }),
  };
  const remote = ctx.snapshot.eventInvokeConfigs?.[functionName];
  if (remote !== undefined && stableStringify(remote) === stableStringify(settings)) {
    ctx.keep(record);
    return;
  }
  ctx.want(record);
  ctx.out.push({ kind: 'put-event-invoke-config', functionName, ...(qualifier === undefined ? {} : { qualifier }), settings, record });
}

/** What a published version holds: the code, the layer and the function's versioned settings. */
function versionHash(ctx: FunctionExtrasPlanContext, fn: LambdaFunctionResource): string {
  // Not part of a version: tags, the log group, reserved and provisioned concurrency, async settings.
  const { tags: _tags, logRetentionInDays: _logs, reservedConcurrency: _reserved, provisionedConcurrency: _pc, asyncInvocation: _async, ...versioned } = fn;
  return createHash('sha256')
    .update(stableStringify({ code: ctx.artifacts.codeSha256, layer: ctx.artifacts.layerSha256 ?? null, function: versioned }))
    .digest('hex');
}
