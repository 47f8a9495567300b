/**
 * The fake AWS's Lambda function URLs (mixed into `FakeAwsClient`): one URL config per function,
 * gone with its function, and the public permissions as statements of the function's policy.
 * Like Lambda, a second CreateFunctionUrlConfig for a function fails with ResourceConflictException.
 */
import type { PolicyStatement } from '../../../src/deploy/aws/aws-client.js';
import { AwsCallError } from '../../../src/deploy/aws/aws-client.js';
import type { FunctionUrlCalls, FunctionUrlSettings, RemoteFunctionUrl } from '../../../src/deploy/aws/function-url-calls.js';

/** What the fake lends these calls. */
export interface FakeFunctionUrlContext {
  readonly region: string;
  run<T>(method: keyof FunctionUrlCalls, args: unknown[], effect: () => T): Promise<T>;
  notFound(method: string, what: string): never;
  /** The policy of an existing function (throws not found otherwise). */
  policyOf(method: string, functionName: string): PolicyStatement[];
}

export interface FakeFunctionUrls extends FunctionUrlCalls {
  /** URL configs by function name. */
  readonly urls: Map<string, RemoteFunctionUrl>;
}

export function createFakeFunctionUrls(ctx: FakeFunctionUrlContext): FakeFunctionUrls {
  const urls = new Map<string, RemoteFunctionUrl>();
  let next = 1;
  const config = (settings: FunctionUrlSettings, functionUrl: string): RemoteFunctionUrl => structuredClone({ ...settings, functionUrl });
  return {
    urls,
    getFunctionUrlConfig: (functionName) => ctx.run('getFunctionUrlConfig', [functionName], () => (urls.has(functionName) ? structuredClone(urls.get(functionName)) : undefined)),
    createFunctionUrlConfig: (functionName, settings) =>
      ctx.run('createFunctionUrlConfig', [functionName, settings], () => {
        ctx.policyOf('createFunctionUrlConfig', functionName);
        if (urls.has(functionName)) throw new AwsCallError('Lambda.CreateFunctionUrlConfig', 'ResourceConflictException', `Failed to create function url config for [functionArn = ${functionName}]. Error message: FunctionUrlConfig exists for this Lambda function`);
        const created = config(settings, `https://url${String(next++).padStart(6, '0')}.lambda-url.${ctx.region}.on.aws/`);
        urls.set(functionName, created);
        return structuredClone(created);
      }),
    updateFunctionUrlConfig: (functionName, settings) =>
      ctx.run('updateFunctionUrlConfig', [functionName, settings], () => {
        const found = urls.get(functionName) ?? ctx.notFound('updateFunctionUrlConfig', `Function URL of ${functionName}`);
        const updated = config(settings, found.functionUrl);
        urls.set(functionName, updated);
        return structuredClone(updated);
      }),
    deleteFunctionUrlConfig: (functionName) =>
      ctx.run('deleteFunctionUrlConfig', [functionName], () => {
        if (!urls.delete(functionName)) ctx.notFound('deleteFunctionUrlConfig', `Function URL of ${functionName}`);
      }),
    addFunctionUrlPermission: (functionName, statement) =>
      ctx.run('addFunctionUrlPermission', [functionName, statement.sid], () => {
        const policy = ctx.policyOf('addFunctionUrlPermission', functionName);
        if (policy.some((s) => s.sid === statement.sid)) throw new AwsCallError('Lambda.AddPermission', 'ResourceConflictException', `The statement id (${statement.sid}) provided already exists`);
        policy.push({
          sid: statement.sid,
          principal: '*',
          action: statement.action,
          ...(statement.action === 'lambda:InvokeFunctionUrl' ? { functionUrlAuthType: 'NONE' } : { invokedViaFunctionUrl: true }),
        });
      }),
  };
}
