/**
 * The Lambda sandboxes of one loaded app: a pool per function (function-pool.ts), created on
 * the function's first invocation, each with that function's timeout, memory size and
 * environment variables, as Lambda keeps one set of execution environments per function.
 * The `api_handler` pool starts at once: its first sandbox loads the app and describes it
 * (routes, authorizers, CORS, websocket handlers), which is all the main thread knows of it.
 *
 * The main thread never imports the user's code; it runs the API Gateway emulation and the
 * websocket connection registry, and hands each invocation to a sandbox as JSON.
 */
import { existsSync } from 'node:fs';
import type { AppBundle } from '../../project/app-loader.js';
import type { WebsocketConnectionClient } from '../../runtime/websocket-api.js';
import { createFunctionPool, type FunctionPool, type InvocationCallback, type SandboxFailure } from './function-pool.js';
import type { AppDescription } from './protocol.js';

export { SandboxFailure, type InvocationCallback } from './function-pool.js';
export type { AppDescription, RouteData } from './protocol.js';

/** What Lambda applies to one function. */
export interface FunctionSettings {
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly environmentVariables: Readonly<Record<string, string>>;
}

export interface AppSandboxesOptions {
  readonly bundle: AppBundle;
  /** Chalice stage (for the Lambda context's function name). */
  readonly stage: string;
  /** The function whose first sandbox describes the app. */
  readonly describingFunction: string;
  readonly settings: (functionName: string) => FunctionSettings;
  /** The longest a queued invocation may wait before nobody wants its answer. */
  readonly queueLimitMs: (functionName: string) => number;
  /** @default 10 */
  readonly maxSandboxesPerFunction?: number;
  readonly websocketClient: () => WebsocketConnectionClient;
  readonly onFailure: (failure: SandboxFailure) => void;
}

export interface AppSandboxes {
  /** The app as its first sandbox loaded it; rejects with the load error. */
  readonly description: Promise<AppDescription>;
  /** One invocation of `functionName` with `eventJson`; resolves with the parsed result. */
  invoke(functionName: string, eventJson: string): Promise<unknown>;
  /** `invoke` without a promise: `onDone(true, result)` or `onDone(false, error)`, once. */
  run(functionName: string, eventJson: string, onDone: InvocationCallback): void;
  /**
   * `run` with the event as the object the gateway built, for sandboxes on the server's own
   * thread (in-process.ts), where writing and parsing its JSON would be pure cost.
   */
  runEvent?(functionName: string, event: unknown, onDone: InvocationCallback): void;
  /** Lets invocations in flight finish, then stops every sandbox. */
  retire(): void;
  close(): Promise<void>;
}

/** The worker entry next to this module (`.js` when built, `.ts` when run from source). */
const WORKER_FILE = (() => {
  const js = new URL('./sandbox-worker.js', import.meta.url);
  return import.meta.url.endsWith('.ts') && !existsSync(js) ? new URL('./sandbox-worker.ts', import.meta.url) : js;
})();

export function createAppSandboxes(options: AppSandboxesOptions): AppSandboxes {
  const pools = new Map<string, FunctionPool>();
  const { bundle } = options;
  let retired = false;

  const poolOf = (functionName: string, describe = false): FunctionPool => {
    let pool = pools.get(functionName);
    if (pool === undefined) {
      const settings = options.settings(functionName);
      pool = createFunctionPool({
        workerFile: WORKER_FILE,
        workerData: {
          bundleFile: bundle.file,
          projectDir: bundle.root,
          entryFile: bundle.entryFile,
          dependencies: bundle.dependencies,
          functionName,
          stage: options.stage,
          timeoutSeconds: settings.timeoutSeconds,
          memoryMb: settings.memoryMb,
          describe,
        },
        env: { ...process.env, ...settings.environmentVariables },
        maxSandboxes: options.maxSandboxesPerFunction,
        queueLimitMs: options.queueLimitMs(functionName),
        startNow: describe,
        websocketClient: options.websocketClient,
        onFailure: options.onFailure,
      });
      pools.set(functionName, pool);
      // A request that started on this app before it was replaced may still need a function.
      if (retired) pool.retire();
    }
    return pool;
  };

  const description = poolOf(options.describingFunction, true).ready.then((described) => {
    if (described === undefined) throw new Error('The app sandbox did not describe the app');
    return described;
  });

  return {
    description,
    invoke: (functionName, eventJson) => poolOf(functionName).invoke(eventJson),
    run: (functionName, eventJson, onDone) => poolOf(functionName).run(eventJson, onDone),
    retire() {
      retired = true;
      for (const pool of pools.values()) pool.retire();
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
