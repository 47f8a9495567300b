/**
 * The `FunctionExtrasCalls` of the real `AwsClient`, on Lambda: versions and aliases,
 * provisioned concurrency configs and event invoke configs. The SDK module is loaded on first
 * use, like the rest of the SDK client.
 *
 * AWS facts recorded here:
 *  - PublishVersion publishes nothing when `$LATEST` has not changed since the newest version;
 *    it answers that version, so publishing again after a lost answer is harmless.
 *  - Provisioned concurrency and event invoke configs belong to one qualifier (an alias, a
 *    version, or the unqualified function); without `Qualifier` the event invoke config is the
 *    unqualified function's.
 *  - GetProvisionedConcurrencyConfig answers ProvisionedConcurrencyConfigNotFoundException
 *    when the alias has none.
 */
import type * as LambdaModule from '@aws-sdk/client-lambda';
import { AwsCallError, isAwsCallError } from './aws-client.js';
import type { EventInvokeSettings, FunctionExtrasCalls } from './function-extras-calls.js';

type Loaded<M, C> = { readonly m: M; readonly client: C };

/** What the SDK client lends these calls: the Lambda client and its error translation. */
export interface SdkFunctionExtrasContext {
  lambda(): Promise<Loaded<typeof LambdaModule, LambdaModule.LambdaClient>>;
  send<T>(call: string, run: () => Promise<T>): Promise<T>;
  find<T>(call: string, run: () => Promise<T>): Promise<T | undefined>;
}

const PC_NOT_FOUND = 'ProvisionedConcurrencyConfigNotFoundException';

/** Lambda's event invoke defaults: what an absent setting means. */
const DEFAULT_RETRIES = 2;
const DEFAULT_EVENT_AGE = 21_600;

export function createSdkFunctionExtrasCalls(ctx: SdkFunctionExtrasContext): FunctionExtrasCalls {
  const qualifier = (q: string | undefined) => (q === undefined ? {} : { Qualifier: q });
  return {
    async getAlias(functionName, aliasName) {
      const { m, client } = await ctx.lambda();
      const found = await ctx.find('Lambda.GetAlias', () => client.send(new m.GetAliasCommand({ FunctionName: functionName, Name: aliasName })));
      return found === undefined ? undefined : { functionVersion: found.FunctionVersion ?? '', description: found.Description ?? '' };
    },
    async publishVersion(functionName) {
      const { m, client } = await ctx.lambda();
      const published = await ctx.send('Lambda.PublishVersion', () => client.send(new m.PublishVersionCommand({ FunctionName: functionName })));
      return { version: published.Version ?? '' };
    },
    async createAlias(functionName, aliasName, functionVersion, description) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.CreateAlias', () => client.send(new m.CreateAliasCommand({ FunctionName: functionName, Name: aliasName, FunctionVersion: functionVersion, Description: description })));
    },
    async updateAlias(functionName, aliasName, functionVersion, description) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.UpdateAlias', () => client.send(new m.UpdateAliasCommand({ FunctionName: functionName, Name: aliasName, FunctionVersion: functionVersion, Description: description })));
    },
    async deleteAlias(functionName, aliasName) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.DeleteAlias', () => client.send(new m.DeleteAliasCommand({ FunctionName: functionName, Name: aliasName })));
    },
    async getProvisionedConcurrency(functionName, alias) {
      const { m, client } = await ctx.lambda();
      try {
        const found = await ctx.find('Lambda.GetProvisionedConcurrencyConfig', () =>
          client.send(new m.GetProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: alias })),
        );
        return found?.RequestedProvisionedConcurrentExecutions;
      } catch (error) {
        if (isAwsCallError(error) && error.code === PC_NOT_FOUND) return undefined;
        throw error;
      }
    },
    async putProvisionedConcurrency(functionName, alias, executions) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.PutProvisionedConcurrencyConfig', () =>
        client.send(new m.PutProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: alias, ProvisionedConcurrentExecutions: executions })),
      );
    },
    async deleteProvisionedConcurrency(functionName, alias) {
      const { m, client } = await ctx.lambda();
      try {
        await ctx.send('Lambda.DeleteProvisionedConcurrencyConfig', () => client.send(new m.DeleteProvisionedConcurrencyConfigCommand({ FunctionName: functionName, Qualifier: alias })));
      } catch (error) {
        // None configured: already gone, which is what the deletion wants.
        if (isAwsCallError(error) && error.code === PC_NOT_FOUND) throw new AwsCallError(error.call, error.code, error.message, true);
        throw error;
      }
    },
    async getEventInvokeConfig(functionName, q) {
      const { m, client } = await ctx.lambda();
      const found = await ctx.find('Lambda.GetFunctionEventInvokeConfig', () =>
        client.send(new m.GetFunctionEventInvokeConfigCommand({ FunctionName: functionName, ...qualifier(q) })),
      );
      if (found === undefined) return undefined;
      const settings: EventInvokeSettings = {
        maximumRetryAttempts: found.MaximumRetryAttempts ?? DEFAULT_RETRIES,
        maximumEventAgeInSeconds: found.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE,
        ...(found.DestinationConfig?.OnFailure?.Destination ? { onFailure: found.DestinationConfig.OnFailure.Destination } : {}),
        ...(found.DestinationConfig?.OnSuccess?.Destination ? { onSuccess: found.DestinationConfig.OnSuccess.Destination } : {}),
      };
      return settings;
    },
    async putEventInvokeConfig(functionName, q, settings) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.PutFunctionEventInvokeConfig', () =>
        client.send(
          new m.PutFunctionEventInvokeConfigCommand({
            FunctionName: functionName,
            ...qualifier(q),
            MaximumRetryAttempts: settings.maximumRetryAttempts,
            MaximumEventAgeInSeconds: settings.maximumEventAgeInSeconds,
            // Put replaces the whole config: a destination left out is removed.
            DestinationConfig: {
              ...(settings.onFailure === undefined ? {} : { OnFailure: { Destination: settings.onFailure } }),
              ...(settings.onSuccess === undefined ? {} : { OnSuccess: { Destination: settings.onSuccess } }),
            },
          }),
        ),
      );
    },
    async deleteEventInvokeConfig(functionName, q) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.DeleteFunctionEventInvokeConfig', () => client.send(new m.DeleteFunctionEventInvokeConfigCommand({ FunctionName: functionName, ...qualifier(q) })));
    },
  };
}
