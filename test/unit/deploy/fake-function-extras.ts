/**
 * The fake's Lambda versions, aliases, provisioned concurrency and event invoke configs
 * (`FunctionExtrasCalls`), mixed into `FakeAwsClient`. Like Lambda: a version freezes the
 * function's code and settings; publishing when `$LATEST` equals the newest version publishes
 * nothing and answers that version; an alias has its own resource policy (permissions added
 * with `name:alias`); provisioned concurrency needs an alias at a published version; deleting
 * the function deletes all of it.
 */
import type { EventInvokeSettings, FunctionExtrasCalls } from '../../../src/deploy/aws/function-extras-calls.js';
import type { PolicyStatement } from '../../../src/deploy/aws/aws-client.js';
import { AwsCallError } from '../../../src/deploy/aws/aws-client.js';
import type { FakeAwsClient } from './fake-aws-client.js';

export interface FakeAlias {
  version: string;
  description: string;
  policy: (PolicyStatement & { sourceAccount?: string })[];
  provisioned?: number;
}

/** Per function name. */
export interface FakeFunctionExtras {
  /** Version number → what it froze (code hash and settings, as JSON). */
  versions: Map<string, string>;
  aliases: Map<string, FakeAlias>;
  /** Qualifier (`$LATEST` for the unqualified function) → config. */
  eventInvokeConfigs: Map<string, EventInvokeSettings>;
}

/** `name` or `name:qualifier` → its parts. */
export function splitQualified(functionName: string): { name: string; qualifier?: string } {
  const [name, qualifier] = functionName.split(':');
  return qualifier === undefined ? { name: name! } : { name: name!, qualifier };
}

function extrasOf(client: FakeAwsClient, method: string, functionName: string): FakeFunctionExtras {
  client.fn(method, functionName);
  let extras = client.functionExtras.get(functionName);
  if (extras === undefined) {
    extras = { versions: new Map(), aliases: new Map(), eventInvokeConfigs: new Map() };
    client.functionExtras.set(functionName, extras);
  }
  return extras;
}

function aliasOf(client: FakeAwsClient, method: string, functionName: string, aliasName: string): FakeAlias {
  return extrasOf(client, method, functionName).aliases.get(aliasName) ?? client.notFound(method, `Alias ${functionName}:${aliasName}`);
}

/** The resource policy of `name` or `name:alias` (for the fake's permission calls). */
export function policyOf(client: FakeAwsClient, method: string, functionName: string): (PolicyStatement & { sourceAccount?: string })[] {
  const { name, qualifier } = splitQualified(functionName);
  return qualifier === undefined ? client.fn(method, name).policy : aliasOf(client, method, name, qualifier).policy;
}

export const fakeFunctionExtrasCalls: FunctionExtrasCalls & ThisType<FakeAwsClient> = {
  getAlias(functionName, aliasName) {
    return this.run('getAlias', [functionName, aliasName], () => {
      const alias = this.functionExtras.get(functionName)?.aliases.get(aliasName);
      return alias === undefined ? undefined : { functionVersion: alias.version, description: alias.description };
    });
  },
  publishVersion(functionName) {
    return this.run('publishVersion', [functionName], () => {
      const f = this.fn('publishVersion', functionName);
      const extras = extrasOf(this, 'publishVersion', functionName);
      const frozen = JSON.stringify({ code: f.codeSha256, settings: f.settings });
      const newest = [...extras.versions].at(-1);
      if (newest !== undefined && newest[1] === frozen) return { version: newest[0] };
      const version = String(extras.versions.size + 1);
      extras.versions.set(version, frozen);
      return { version };
    });
  },
  createAlias(functionName, aliasName, functionVersion, description) {
    return this.run('createAlias', [functionName, aliasName, functionVersion], () => {
      const extras = extrasOf(this, 'createAlias', functionName);
      if (extras.aliases.has(aliasName)) throw new AwsCallError('Lambda.CreateAlias', 'ResourceConflictException', `Alias already exists: ${aliasName}`);
      if (!extras.versions.has(functionVersion)) this.notFound('createAlias', `Version ${functionName}:${functionVersion}`);
      extras.aliases.set(aliasName, { version: functionVersion, description, policy: [] });
    });
  },
  updateAlias(functionName, aliasName, functionVersion, description) {
    return this.run('updateAlias', [functionName, aliasName, functionVersion], () => {
      const alias = aliasOf(this, 'updateAlias', functionName, aliasName);
      if (!extrasOf(this, 'updateAlias', functionName).versions.has(functionVersion)) this.notFound('updateAlias', `Version ${functionName}:${functionVersion}`);
      Object.assign(alias, { version: functionVersion, description });
    });
  },
  deleteAlias(functionName, aliasName) {
    return this.run('deleteAlias', [functionName, aliasName], () => {
      aliasOf(this, 'deleteAlias', functionName, aliasName);
      this.functionExtras.get(functionName)!.aliases.delete(aliasName);
      this.functionExtras.get(functionName)!.eventInvokeConfigs.delete(aliasName);
    });
  },
  getProvisionedConcurrency(functionName, qualifier) {
    return this.run('getProvisionedConcurrency', [functionName, qualifier], () => this.functionExtras.get(functionName)?.aliases.get(qualifier)?.provisioned);
  },
  putProvisionedConcurrency(functionName, qualifier, executions) {
    return this.run('putProvisionedConcurrency', [functionName, qualifier, executions], () => {
      aliasOf(this, 'putProvisionedConcurrency', functionName, qualifier).provisioned = executions;
    });
  },
  deleteProvisionedConcurrency(functionName, qualifier) {
    return this.run('deleteProvisionedConcurrency', [functionName, qualifier], () => {
      const alias = aliasOf(this, 'deleteProvisionedConcurrency', functionName, qualifier);
      if (alias.provisioned === undefined) this.notFound('deleteProvisionedConcurrency', `Provisioned concurrency of ${functionName}:${qualifier}`);
      delete alias.provisioned;
    });
  },
  getEventInvokeConfig(functionName, qualifier) {
    return this.run('getEventInvokeConfig', [functionName, qualifier], () => {
      const found = this.functionExtras.get(functionName)?.eventInvokeConfigs.get(qualifier ?? '$LATEST');
      return found === undefined ? undefined : { ...found };
    });
  },
  putEventInvokeConfig(functionName, qualifier, settings) {
    return this.run('putEventInvokeConfig', [functionName, qualifier, settings], () => {
      if (qualifier !== undefined) aliasOf(this, 'putEventInvokeConfig', functionName, qualifier);
      extrasOf(this, 'putEventInvokeConfig', functionName).eventInvokeConfigs.set(qualifier ?? '$LATEST', { ...settings });
    });
  },
  deleteEventInvokeConfig(functionName, qualifier) {
    return this.run('deleteEventInvokeConfig', [functionName, qualifier], () => {
      const configs = extrasOf(this, 'deleteEventInvokeConfig', functionName).eventInvokeConfigs;
      if (!configs.delete(qualifier ?? '$LATEST')) this.notFound('deleteEventInvokeConfig', `Event invoke config of ${functionName}`);
    });
  },
};

/** The extras by function name and natural keys, for `dump()` (versions by what they froze, not by number). */
export function dumpFunctionExtras(client: FakeAwsClient): Record<string, unknown> {
  const entries = [...client.functionExtras].filter(([, e]) => e.aliases.size + e.eventInvokeConfigs.size > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return {};
  return {
    functionExtras: Object.fromEntries(
      entries.map(([name, e]) => [
        name,
        {
          aliases: Object.fromEntries(
            [...e.aliases].map(([alias, a]) => [
              alias,
              { frozen: e.versions.get(a.version), description: a.description, provisioned: a.provisioned ?? null, policy: a.policy.map((p) => JSON.stringify({ ...p, sourceArn: client.apiLabel(p.sourceArn) })).sort() },
            ]),
          ),
          eventInvokeConfigs: Object.fromEntries([...e.eventInvokeConfigs].sort(([a], [b]) => (a < b ? -1 : 1))),
        },
      ]),
    ),
  };
}
