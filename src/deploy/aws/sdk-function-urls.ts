/**
 * The `FunctionUrlCalls` of the real `AwsClient`, on the Lambda SDK client the rest of the
 * SDK client loads.
 *
 * AWS facts recorded here:
 *  - A public (`NONE`) URL needs two resource-policy statements for principal `*`:
 *    `lambda:InvokeFunctionUrl` with `FunctionUrlAuthType: NONE` (GetPolicy shows it as the
 *    condition `StringEquals lambda:FunctionUrlAuthType`), and, for URLs created since October
 *    2025, `lambda:InvokeFunction` with `InvokedViaFunctionUrl: true` (condition
 *    `Bool lambda:InvokedViaFunctionUrl`). Lambda accepts FunctionUrlAuthType only with the
 *    first action and InvokedViaFunctionUrl only with the second.
 *  - UpdateFunctionUrlConfig keeps the CORS settings when `Cors` is left out: removing CORS
 *    takes an empty `Cors` object.
 *  - A URL on an alias is addressed with `Qualifier`; `functionName` comes as `<function>[:<alias>]`.
 *  - Some Lambda implementations answer InvokeMode in another case (`Buffered`): it is upper-cased.
 */
import type * as LambdaModule from '@aws-sdk/client-lambda';
import { corsFromSdk, corsToSdk } from './sdk-cors.js';
import type { FunctionUrlCalls, FunctionUrlCorsSettings, FunctionUrlSettings, RemoteFunctionUrl } from './function-url-calls.js';

type Loaded<M, C> = { readonly m: M; readonly client: C };

export interface SdkFunctionUrlContext {
  lambda(): Promise<Loaded<typeof LambdaModule, LambdaModule.LambdaClient>>;
  send<T>(call: string, run: () => Promise<T>): Promise<T>;
  find<T>(call: string, run: () => Promise<T>): Promise<T | undefined>;
}

export function createSdkFunctionUrlCalls(ctx: SdkFunctionUrlContext): FunctionUrlCalls {
  const request = (settings: FunctionUrlSettings, update: boolean) => ({
    AuthType: settings.authType,
    InvokeMode: settings.invokeMode,
    ...(settings.cors !== undefined ? { Cors: corsToSdk(settings.cors) } : update ? { Cors: {} } : {}),
  });
  // `<function>:<alias>` → FunctionName and Qualifier.
  const target = (functionName: string) => {
    const [name, alias] = functionName.split(':');
    return { FunctionName: name!, ...(alias === undefined ? {} : { Qualifier: alias }) };
  };
  return {
    async getFunctionUrlConfig(functionName) {
      const { m, client } = await ctx.lambda();
      const found = await ctx.find('Lambda.GetFunctionUrlConfig', () => client.send(new m.GetFunctionUrlConfigCommand(target(functionName))));
      return found === undefined ? undefined : remoteFunctionUrl(found);
    },
    async createFunctionUrlConfig(functionName, settings) {
      const { m, client } = await ctx.lambda();
      const created = await ctx.send('Lambda.CreateFunctionUrlConfig', () => client.send(new m.CreateFunctionUrlConfigCommand({ ...target(functionName), ...request(settings, false) })));
      return remoteFunctionUrl(created);
    },
    async updateFunctionUrlConfig(functionName, settings) {
      const { m, client } = await ctx.lambda();
      const updated = await ctx.send('Lambda.UpdateFunctionUrlConfig', () => client.send(new m.UpdateFunctionUrlConfigCommand({ ...target(functionName), ...request(settings, true) })));
      return remoteFunctionUrl(updated);
    },
    async deleteFunctionUrlConfig(functionName) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.DeleteFunctionUrlConfig', () => client.send(new m.DeleteFunctionUrlConfigCommand(target(functionName))));
    },
    async addFunctionUrlPermission(functionName, statement) {
      const { m, client } = await ctx.lambda();
      await ctx.send('Lambda.AddPermission', () =>
        client.send(
          new m.AddPermissionCommand({
            ...target(functionName),
            StatementId: statement.sid,
            Action: statement.action,
            Principal: '*',
            ...(statement.action === 'lambda:InvokeFunctionUrl' ? { FunctionUrlAuthType: 'NONE' } : { InvokedViaFunctionUrl: true }),
          }),
        ),
      );
    },
  };
}

/** The answer of Get/Create/UpdateFunctionUrlConfig; a CORS block with nothing in it is no CORS. */
function remoteFunctionUrl(answer: { FunctionUrl?: string; AuthType?: string; Cors?: LambdaModule.Cors; InvokeMode?: string }): RemoteFunctionUrl {
  const c = answer.Cors;
  const cors: FunctionUrlCorsSettings | undefined = c === undefined ? undefined : corsFromSdk(c);
  const empty = cors !== undefined && cors.allowOrigins.length + cors.allowMethods.length + cors.allowHeaders.length + cors.exposeHeaders.length === 0 && cors.maxAge === undefined && !cors.allowCredentials;
  return {
    functionUrl: answer.FunctionUrl ?? '',
    authType: answer.AuthType === 'NONE' ? 'NONE' : 'AWS_IAM',
    ...(cors === undefined || empty ? {} : { cors }),
    invokeMode: (answer.InvokeMode ?? 'BUFFERED').toUpperCase() === 'RESPONSE_STREAM' ? 'RESPONSE_STREAM' : 'BUFFERED',
  };
}
