/**
 * The app `chalice local` is currently serving, and reloading it.
 *
 * A load reads `.chalice/config.json`, applies the stage's environment variables for
 * `api_handler`, bundles and imports the app (`loadApp`), and puts a fresh API Gateway
 * emulation in front of it. The result replaces the current target atomically: a request
 * already in flight finishes on the app it started on; the NEXT request sees the new one.
 * A load that fails (syntax error, an exception in the app's top-level code, a broken config)
 * becomes a `failed` target that the server answers with 500 and the error until the next
 * successful load. Reloads never overlap: a change during a load queues one more load.
 *
 * Everything the user should see is emitted as a `HostEvent`; this module never prints.
 */
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  chaliceTsSourceDir,
  configPathOf,
  loadApp,
  readProjectConfig,
  REST_API_FUNCTION_NAME,
  resolveFunctionConfig,
  resolveStageConfig,
} from '../../project/index.js';
import { createApiGateway, createFakeLambdaContextFactory, type FakeLambdaContextFactory } from '../gateway/index.js';
import type { ApiGateway, GatewayApp } from '../gateway/types.js';
import type { LambdaContext } from '../../runtime/index.js';
import type { WebsocketClientFactory } from '../../runtime/websocket-api.js';
import { createEnvironmentManager } from './environment.js';

/** What the server reads from the user's app (by property: the app has its own runtime copy). */
export interface LocalApp extends GatewayApp {
  readonly websocketHandlers?: Partial<Record<'connect' | 'message' | 'disconnect', unknown>>;
  readonly websocketApi?: { clientFactory?: WebsocketClientFactory | undefined };
  readonly experimentalFeatureFlags?: ReadonlySet<string>;
}

export interface RouteSummary {
  readonly method: string;
  readonly path: string;
}

export interface ReadyTarget {
  readonly kind: 'ready';
  readonly app: LocalApp;
  readonly gateway: ApiGateway;
  /** API Gateway stage name (`requestContext.stage`), e.g. 'api'. */
  readonly apiGatewayStage: string;
  readonly routes: readonly RouteSummary[];
  readonly hasWebsocket: boolean;
  /** A fresh fake Lambda context for the function `name`, with its configured timeout and memory. */
  readonly lambdaContext: (name: string) => LambdaContext;
  /** Absolute paths whose change triggers a reload. */
  readonly watchFiles: readonly string[];
}

export interface FailedTarget {
  readonly kind: 'failed';
  /** Shown in the terminal and in every 500 answer until fixed. */
  readonly message: string;
  readonly error: unknown;
  readonly watchFiles: readonly string[];
}

export type Target = ReadyTarget | FailedTarget;

export type HostEvent =
  | { readonly kind: 'loaded'; readonly target: ReadyTarget; readonly reload: boolean; readonly ms: number }
  | { readonly kind: 'load-failed'; readonly target: FailedTarget; readonly reload: boolean }
  | { readonly kind: 'warning'; readonly message: string };

export interface AppHostOptions {
  readonly projectDir: string;
  /** Chalice stage whose configuration applies. @default 'dev' */
  readonly stage?: string;
  readonly unsupportedAuthorizers?: 'refuse' | 'allow';
  readonly apiKeys?: readonly string[];
  /** Installed as `app.websocketApi.clientFactory` on every loaded app. */
  readonly websocketClientFactory?: WebsocketClientFactory;
  readonly onEvent?: (event: HostEvent) => void;
}

export interface AppHost {
  readonly current: Target | undefined;
  /** Loads (or reloads) the app; resolves once the new target is current. */
  load(): Promise<Target>;
  /** Restores environment variables changed by loads. */
  close(): void;
}

export function createAppHost(options: AppHostOptions): AppHost {
  const stage = options.stage ?? 'dev';
  const env = createEnvironmentManager();
  const emit = options.onEvent ?? (() => {});
  const configPath = configPathOf(options.projectDir);
  const chaliceTsSource = ownsChaliceTs(options.projectDir) ? undefined : chaliceTsSourceDir();
  let current: Target | undefined;
  let loads = 0;
  let running: Promise<Target> | undefined;
  let queued: Promise<Target> | undefined;

  const loadOnce = async (): Promise<Target> => {
    const reload = loads++ > 0;
    const started = performance.now();
    const previousFiles = current?.watchFiles ?? [];
    try {
      const config = readProjectConfig(options.projectDir);
      const stageConfig = resolveStageConfig(config, stage);
      const functionConfig = resolveFunctionConfig(config, stage, REST_API_FUNCTION_NAME);
      env.apply(functionConfig.environmentVariables);
      const loaded = await loadApp<LocalApp>(options.projectDir, chaliceTsSource ? { chaliceTsSource } : {});
      const app = loaded.app;
      if (options.websocketClientFactory && app.websocketApi) app.websocketApi.clientFactory = options.websocketClientFactory;
      // Each function's configuration is resolved once per load, not per invocation.
      const contextFactories = new Map<string, FakeLambdaContextFactory>();
      const lambdaContext = (functionName: string): LambdaContext => {
        let factory = contextFactories.get(functionName);
        if (factory === undefined) {
          const resolved = resolveFunctionConfig(config, stage, functionName);
          factory = createFakeLambdaContextFactory({ appName: app.appName, stage, functionName, timeoutSeconds: resolved.lambdaTimeout, memoryMb: resolved.lambdaMemorySize });
          contextFactories.set(functionName, factory);
        }
        return factory();
      };
      // Start-up warnings (one per unsupported authorizer) are shown once per load; the ones
      // the gateway gives per request are shown for every request, as they happen.
      const startupWarnings = new Set<string>();
      let starting = true;
      const gateway = createApiGateway(app, {
        lambdaContext,
        stageName: stageConfig.apiGatewayStage,
        lambdaTimeoutMs: functionConfig.lambdaTimeout * 1000,
        unsupportedAuthorizers: options.unsupportedAuthorizers ?? 'refuse',
        unsupportedAuthorizersHint: 'restart chalice local with --allow-unsupported-authorizers',
        ...(options.apiKeys && options.apiKeys.length > 0 ? { apiKeys: options.apiKeys } : {}),
        onWarning: (message) => {
          if (starting && startupWarnings.has(message)) return;
          startupWarnings.add(message);
          emit({ kind: 'warning', message });
        },
      });
      starting = false;
      const target: ReadyTarget = {
        kind: 'ready',
        app,
        gateway,
        apiGatewayStage: stageConfig.apiGatewayStage,
        routes: routesOf(app),
        hasWebsocket: Object.values(app.websocketHandlers ?? {}).some((entry) => entry !== undefined),
        lambdaContext,
        watchFiles: unique([loaded.entryFile, ...loaded.dependencies, configPath]),
      };
      current = target;
      emit({ kind: 'loaded', target, reload, ms: Math.round(performance.now() - started) });
      // Served anyway, so the handlers can be developed; packaging refuses the app until it opts in.
      if (target.hasWebsocket && !app.experimentalFeatureFlags?.has('WEBSOCKETS')) {
        emit({
          kind: 'warning',
          message: "The app registers websocket handlers, an experimental feature it has not opted in to; add app.experimentalFeatureFlags.add('WEBSOCKETS') (chalice package and deploy refuse the app without it)",
        });
      }
      return target;
    } catch (error) {
      const target: FailedTarget = {
        kind: 'failed',
        message: loadErrorMessage(options.projectDir, error),
        error,
        // Keep watching what the last good load used, so fixing any of those files recovers.
        watchFiles: unique([...previousFiles, ...defaultEntries(options.projectDir), configPath]),
      };
      current = target;
      emit({ kind: 'load-failed', target, reload });
      return target;
    }
  };

  return {
    get current() {
      return current;
    },
    load() {
      if (running === undefined) {
        running = loadOnce().finally(() => {
          running = undefined;
        });
        return running;
      }
      // One load is running: everything that changed meanwhile is picked up by ONE more load.
      queued ??= running.then(() => {
        queued = undefined;
        return this.load();
      });
      return queued;
    },
    close() {
      env.restore();
    },
  };
}

function routesOf(app: LocalApp): RouteSummary[] {
  const routes: RouteSummary[] = [];
  for (const [path, byMethod] of app.routes) for (const method of byMethod.keys()) routes.push({ method, path });
  return routes;
}

function unique(files: readonly string[]): string[] {
  return [...new Set(files)].sort();
}

function defaultEntries(projectDir: string): string[] {
  return ['app.ts', 'app.mts', 'app.js'].map((name) => join(projectDir, name));
}

/**
 * Whether the project resolves `chalice-ts` itself (installed, or the chalice-ts repository's
 * own examples through the package self-reference). If not, the app is linked against the
 * runtime this server runs from, so a bare directory with an app.ts can still be served.
 */
function ownsChaliceTs(projectDir: string): boolean {
  try {
    createRequire(join(projectDir, 'package.json')).resolve('chalice-ts');
    return true;
  } catch {
    return false;
  }
}

/**
 * Tool errors say what to do in their message; when the app's own code threw while loading
 * (`app_load_failed`), the stack of what it threw follows, project-relative, so the 500 page
 * and the console show where to look.
 */
export function loadErrorMessage(projectDir: string, error: unknown): string {
  const e = error as { message?: unknown; stack?: unknown; fault?: unknown; code?: unknown; cause?: unknown } | null;
  if (typeof e?.fault === 'string' && typeof e.message === 'string') {
    const cause = e.code === 'app_load_failed' ? (e.cause as { stack?: unknown } | undefined) : undefined;
    return typeof cause?.stack === 'string' ? `${e.message}\n${appStack(projectDir, cause.stack)}` : e.message;
  }
  const stack = typeof e?.stack === 'string' ? e.stack : String(error);
  return `The app threw while loading: ${appStack(projectDir, stack)}`;
}

/** The stack up to Node's module loader (how the app was imported, not where it failed), project-relative. */
function appStack(projectDir: string, fullStack: string): string {
  const lines = fullStack.split('\n');
  const loaderFrame = lines.findIndex((line, i) => i > 0 && line.includes('node:internal/modules/'));
  const stack = (loaderFrame > 0 ? lines.slice(0, loaderFrame) : lines).join('\n');
  // Stack frames carry absolute paths; the project-relative form is what the user recognises.
  const prefixes = [`${pathToFileURL(projectDir).href}/`, `${projectDir}${sep}`];
  return prefixes.reduce((text, prefix) => text.split(prefix).join(''), stack);
}
