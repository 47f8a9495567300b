/**
 * The Lambda function URL calls of the `AwsClient` (types only; the SDK implementation is
 * sdk-function-urls.ts, the test double test/unit/deploy/fake-function-urls.ts).
 */

import type { CorsSettings } from '../../project/config-types.js';

/** CreateFunctionUrlConfig's `Cors`; absent in `FunctionUrlSettings` means none. */
export type FunctionUrlCorsSettings = CorsSettings;

export interface FunctionUrlSettings {
  readonly authType: 'NONE' | 'AWS_IAM';
  readonly cors?: FunctionUrlCorsSettings;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
}

/** A function's URL config as GetFunctionUrlConfig answers it. */
export interface RemoteFunctionUrl extends FunctionUrlSettings {
  /** `https://<id>.lambda-url.<region>.on.aws/`. */
  readonly functionUrl: string;
}

/** One statement of a function URL's resource policy (AddPermission with principal `*`). */
export interface FunctionUrlStatement {
  readonly sid: string;
  readonly action: 'lambda:InvokeFunctionUrl' | 'lambda:InvokeFunction';
}

export interface FunctionUrlCalls {
  /** Undefined when the function has no URL (or does not exist). */
  getFunctionUrlConfig(functionName: string): Promise<RemoteFunctionUrl | undefined>;
  createFunctionUrlConfig(functionName: string, settings: FunctionUrlSettings): Promise<RemoteFunctionUrl>;
  updateFunctionUrlConfig(functionName: string, settings: FunctionUrlSettings): Promise<RemoteFunctionUrl>;
  deleteFunctionUrlConfig(functionName: string): Promise<void>;
  /**
   * Grants anyone the statement's action through the public URL: `lambda:InvokeFunctionUrl`
   * with `FunctionUrlAuthType: NONE`, or `lambda:InvokeFunction` with `InvokedViaFunctionUrl`.
   */
  addFunctionUrlPermission(functionName: string, statement: FunctionUrlStatement): Promise<void>;
}

export const FUNCTION_URL_WRITE_CALLS: readonly (keyof FunctionUrlCalls)[] = [
  'createFunctionUrlConfig',
  'updateFunctionUrlConfig',
  'deleteFunctionUrlConfig',
  'addFunctionUrlPermission',
];
