/**
 * The `AwsClient` calls of a function's extras: the published version and alias that carry
 * provisioned concurrency, the provisioned concurrency itself, and the event invoke config
 * (asynchronous invocation settings). Part of `AwsClient` (aws-client.ts).
 */

/** An alias: the version it points at and its description (chalice-ts keeps a hash of what was published there). */
export interface RemoteAlias {
  readonly functionVersion: string;
  readonly description: string;
}

/** PutFunctionEventInvokeConfig's settings, with Lambda's defaults filled in (2 retries, 21600 s, no destinations). */
export interface EventInvokeSettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  readonly onFailure?: string;
  readonly onSuccess?: string;
}

export interface FunctionExtrasCalls {
  getAlias(functionName: string, aliasName: string): Promise<RemoteAlias | undefined>;
  /** Publishes `$LATEST` as a version; Lambda answers the newest version when nothing changed since it. */
  publishVersion(functionName: string): Promise<{ readonly version: string }>;
  createAlias(functionName: string, aliasName: string, functionVersion: string, description: string): Promise<void>;
  updateAlias(functionName: string, aliasName: string, functionVersion: string, description: string): Promise<void>;
  deleteAlias(functionName: string, aliasName: string): Promise<void>;
  /** The requested provisioned concurrency of a qualifier, or undefined when none is configured. */
  getProvisionedConcurrency(functionName: string, qualifier: string): Promise<number | undefined>;
  putProvisionedConcurrency(functionName: string, qualifier: string, executions: number): Promise<void>;
  deleteProvisionedConcurrency(functionName: string, qualifier: string): Promise<void>;
  /** `qualifier` undefined: the unqualified function (`$LATEST`). */
  getEventInvokeConfig(functionName: string, qualifier: string | undefined): Promise<EventInvokeSettings | undefined>;
  putEventInvokeConfig(functionName: string, qualifier: string | undefined, settings: EventInvokeSettings): Promise<void>;
  deleteEventInvokeConfig(functionName: string, qualifier: string | undefined): Promise<void>;
}

/** The write calls among `FunctionExtrasCalls`. */
export const FUNCTION_EXTRAS_WRITE_CALLS: readonly (keyof FunctionExtrasCalls)[] = [
  'publishVersion',
  'createAlias',
  'updateAlias',
  'deleteAlias',
  'putProvisionedConcurrency',
  'deleteProvisionedConcurrency',
  'putEventInvokeConfig',
  'deleteEventInvokeConfig',
];
