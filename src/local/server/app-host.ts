/**
 * The app `chalice local` is currently serving, and reloading it.
 *
 * A load reads `.chalice/config.json`, bundles the app (`bundleApp`) and starts its Lambda
 * sandboxes (../sandbox/): worker threads that import the bundle with each function's
 * environment variables, timeout and memory size (or, with `inProcess`, one copy of the app on
 * this thread, behind the same interface). Otherwise this thread never runs the user's code: the
 * first sandbox describes the app (routes, authorizers, CORS), and a fresh API Gateway
 * emulation is put in front of that description, invoking the sandboxes. The result replaces
 * the current target atomically: a request already in flight finishes on the app (and
 * sandboxes) it started on, which are then stopped; the NEXT request sees the new one.
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
  bundleApp,
  chaliceTsSourceDir,
  configPathOf,
  disposeAppBundle,
  readProjectConfig,
  REST_API_FUNCTION_NAME,
  resolveFunctionConfig,
  resolveStageConfig,
  type AppBundle,
} from '../../project/index.js';
import { createApiGateway } from '../gateway/index.js';
import { createHttpApiGateway, HTTP_API_TIMEOUT_MS } from '../http-api/index.js';
import { createInvocationDeadlines } from '../gateway/invocation-deadlines.js';
import type { ApiGateway, GatewayApp, GatewayRoute } from '../gateway/types.js';
import type { HttpMethod } from '../../runtime/index.js';
import type { WebsocketConnectionClient } from '../../runtime/websocket-api.js';
import { createAppSandboxes, SandboxFailure, type AppDescription, type AppSandboxes, type InvocationCallback } from '../sandbox/app-sandboxes.js';
import { createInProcessSandboxes } from '../sandbox/in-process.js';

/** API Gateway's integration timeout for REST APIs (and the gateway's default). */
export const INTEGRATION_TIMEOUT_MS = 29_000;

/**
 * The app as this thread sees it: the description its sandbox sent, with `lambdaHandler` (and
 * `lambdaJsonHandler`, the same taking JSON text) invoking the sandboxes.
 */
export interface LocalApp extends GatewayApp {
  readonly websocketHandlers: Partial<Record<'connect' | 'message' | 'disconnect', true>>;
  readonly experimentalFeatureFlags: ReadonlySet<string>;
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
  /** Absolute paths whose change triggers a reload. */
  readonly watchFiles: readonly string[];
  /** Every Lambda function of the app (`api_handler`, authorizers, event handlers…). */
  readonly functions: readonly string[];
  /** The app's `app.schedule` handlers. */
  readonly schedules: readonly { readonly name: string; readonly expression: string }[];
  /** The Chalice stage served. */
  readonly stage: string;
  /**
   * One invocation of `functionName` with `eventJson` in its Lambda sandbox, as the Invoke API
   * and the scheduler make them; resolves with the result, rejects with the handler's error or
   * a `SandboxFailure` (a timeout, a crash), which was reported already.
   */
  invoke(functionName: string, eventJson: string): Promise<unknown>;
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
  | { readonly kind: 'warning'; readonly message: string }
  /**
   * A Lambda invocation failed or its sandbox died (a timeout, a crash, `process.exit()`, an
   * error thrown to the Lambda runtime, a result API Gateway cannot use). `statusCode` is what
   * the client was answered, when the failure answered one.
   */
  | { readonly kind: 'invocation-failed'; readonly functionName: string; readonly message: string; readonly statusCode?: number };

export interface AppHostOptions {
  readonly projectDir: string;
  /** Chalice stage whose configuration applies. @default 'dev' */
  readonly stage?: string;
  readonly unsupportedAuthorizers?: 'refuse' | 'allow';
  readonly apiKeys?: readonly string[];
  /** JWKS file or http(s) URL for JWT authorizers (`api_type: "http"`). */
  readonly jwks?: string;
  /** What `app.websocketApi` in the sandboxes talks to (the server's connections). */
  readonly websocketClient?: () => WebsocketConnectionClient;
  /** Sandboxes per function at most (concurrent invocations beyond wait). @default 10 */
  readonly maxSandboxesPerFunction?: number;
  /**
   * Run the app on this thread instead of in sandboxes (../sandbox/in-process.ts): faster, and
   * simpler to debug, but nothing contains a view that spins or exits. @default false
   */
  readonly inProcess?: boolean;
  readonly onEvent?: (event: HostEvent) => void;
}

export interface AppHost {
  readonly current: Target | undefined;
  /** Loads (or reloads) the app; resolves once the new target is current. */
  load(): Promise<Target>;
  /** Stops every sandbox and removes the bundles. */
  close(): Promise<void>;
}

export function createAppHost(options: AppHostOptions): AppHost {
  const stage = options.stage ?? 'dev';
  const emit = options.onEvent ?? (() => {});
  const configPath = configPathOf(options.projectDir);
  const chaliceTsSource = ownsChaliceTs(options.projectDir) ? undefined : chaliceTsSourceDir();
  const websocketClient = options.websocketClient ?? (() => {
    throw new Error('This server has no websocket endpoint');
  });
  let current: Target | undefined;
  let currentSandboxes: AppSandboxes | undefined;
  const bundles = new Set<AppBundle>();
  const allSandboxes = new Set<AppSandboxes>();
  let loads = 0;
  let running: Promise<Target> | undefined;
  let queued: Promise<Target> | undefined;

  const relative = (text: string): string => projectRelative(options.projectDir, text);
  // What a failed api_handler invocation is answered: 502 by a REST API, 500 by an HTTP API.
  let failedApiStatus = 502;
  const onFailure = (failure: SandboxFailure): void => {
    emit({
      kind: 'invocation-failed',
      functionName: failure.functionName,
      message: relative(failure.message),
      ...(failure.duringInvocation && failure.functionName === REST_API_FUNCTION_NAME ? { statusCode: failedApiStatus } : {}),
    });
  };

  const loadOnce = async (): Promise<Target> => {
    const reload = loads++ > 0;
    const started = performance.now();
    const previousFiles = current?.watchFiles ?? [];
    let sandboxes: AppSandboxes | undefined;
    let bundle: AppBundle | undefined;
    try {
      const config = readProjectConfig(options.projectDir);
      const stageConfig = resolveStageConfig(config, stage);
      failedApiStatus = stageConfig.apiType === 'http' ? 500 : 502;
      // API Gateway's integration timeout: REST 29 s, HTTP API 30 s.
      const integrationMs = stageConfig.apiType === 'http' ? HTTP_API_TIMEOUT_MS : INTEGRATION_TIMEOUT_MS;
      const functionConfig = resolveFunctionConfig(config, stage, REST_API_FUNCTION_NAME);
      bundle = await bundleApp(options.projectDir, chaliceTsSource ? { chaliceTsSource } : {});
      bundles.add(bundle);
      const settingsOf = (functionName: string) => {
        const resolved = resolveFunctionConfig(config, stage, functionName);
        return { timeoutSeconds: resolved.lambdaTimeout, memoryMb: resolved.lambdaMemorySize, environmentVariables: resolved.environmentVariables };
      };
      sandboxes = (options.inProcess ? createInProcessSandboxes : createAppSandboxes)({
        bundle,
        stage,
        describingFunction: REST_API_FUNCTION_NAME,
        settings: settingsOf,
        // What waits longer than this was answered by the gateway already (REST and
        // authorizers); websocket events have no such answer and always run.
        queueLimitMs: (functionName) =>
          functionName.startsWith('websocket_') ? Infinity : Math.min(settingsOf(functionName).timeoutSeconds * 1000, integrationMs),
        ...(options.maxSandboxesPerFunction !== undefined ? { maxSandboxesPerFunction: options.maxSandboxesPerFunction } : {}),
        websocketClient,
        onFailure,
      });
      allSandboxes.add(sandboxes);
      const description = await sandboxes.description;
      const appSandboxes = sandboxes;
      const app = describedApp(description, sandboxes, settingsOf, (functionName, message, statusCode) =>
        emit({ kind: 'invocation-failed', functionName, message: relative(message), ...(statusCode !== undefined ? { statusCode } : {}) }),
      );
      // Start-up warnings (one per unsupported authorizer) are shown once per load; the ones
      // the gateway gives per request are shown for every request, as they happen.
      const startupWarnings = new Set<string>();
      let starting = true;
      const gatewayOptions = {
        stageName: stageConfig.apiGatewayStage,
        chaliceStage: stage,
        lambdaTimeoutMs: functionConfig.lambdaTimeout * 1000,
        // The sandbox builds the Lambda context the handler sees; this one is never read.
        lambdaContext: () => UNUSED_CONTEXT,
        unsupportedAuthorizers: options.unsupportedAuthorizers ?? 'refuse',
        unsupportedAuthorizersHint: 'restart chalice local with --allow-unsupported-authorizers',
        onWarning: (message: string) => {
          if (starting && startupWarnings.has(message)) return;
          startupWarnings.add(message);
          emit({ kind: 'warning', message });
        },
      };
      const gateway =
        stageConfig.apiType === 'http'
          ? createHttpApiGateway(app, {
              ...gatewayOptions,
              timeoutMs: HTTP_API_TIMEOUT_MS,
              ...(options.jwks !== undefined ? { jwks: options.jwks } : {}),
              jwksHint: 'restart chalice local with --jwks <file or URL> (the issuer\'s JSON Web Key Set)',
            })
          : createApiGateway(app, {
              ...gatewayOptions,
              timeoutMs: INTEGRATION_TIMEOUT_MS,
              ...(options.apiKeys && options.apiKeys.length > 0 ? { apiKeys: options.apiKeys } : {}),
            });
      starting = false;
      const target: ReadyTarget = {
        kind: 'ready',
        app,
        gateway,
        apiGatewayStage: stageConfig.apiGatewayStage,
        routes: routesOf(app),
        hasWebsocket: Object.values(app.websocketHandlers).some((entry) => entry === true),
        watchFiles: unique([bundle.entryFile, ...bundle.dependencies, configPath]),
        functions: description.functions,
        schedules: description.schedules,
        stage,
        invoke: (functionName, eventJson) => appSandboxes.invoke(functionName, eventJson),
      };
      replace(target, sandboxes);
      emit({ kind: 'loaded', target, reload, ms: Math.round(performance.now() - started) });
      // Served anyway, so the handlers can be developed; packaging refuses the app until it opts in.
      if (target.hasWebsocket && !app.experimentalFeatureFlags.has('WEBSOCKETS')) {
        emit({
          kind: 'warning',
          message: "The app registers websocket handlers, an experimental feature it has not opted in to; add app.experimentalFeatureFlags.add('WEBSOCKETS') (chalice package and deploy refuse the app without it)",
        });
      }
      return target;
    } catch (error) {
      if (sandboxes !== undefined) {
        allSandboxes.delete(sandboxes);
        void sandboxes.close();
      }
      if (bundle !== undefined) {
        bundles.delete(bundle);
        disposeAppBundle(bundle);
      }
      const target: FailedTarget = {
        kind: 'failed',
        message: loadErrorMessage(options.projectDir, error),
        error,
        // Keep watching what the last good load used, so fixing any of those files recovers.
        watchFiles: unique([...previousFiles, ...defaultEntries(options.projectDir), configPath]),
      };
      replace(target, undefined);
      emit({ kind: 'load-failed', target, reload });
      return target;
    }
  };

  /** Makes `target` current; the sandboxes of the app it replaces finish what they run, then stop. */
  const replace = (target: Target, sandboxes: AppSandboxes | undefined): void => {
    const previous = currentSandboxes;
    current = target;
    currentSandboxes = sandboxes;
    if (previous !== undefined) {
      previous.retire();
      allSandboxes.delete(previous);
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
    async close() {
      const closing = [...allSandboxes, ...(currentSandboxes ? [currentSandboxes] : [])];
      allSandboxes.clear();
      currentSandboxes = undefined;
      await Promise.all(closing.map((sandboxes) => sandboxes.close()));
      for (const bundle of bundles) disposeAppBundle(bundle);
      bundles.clear();
    },
  };
}

/** Never read: the gateway hands it to `lambdaHandler`, which sends only the event to a sandbox. */
const UNUSED_CONTEXT = Object.freeze({}) as never;

type ReportFailure = (functionName: string, message: string, statusCode?: number) => void;
/** One invocation: the event (JSON text for sandboxes, the object in-process), `onDone` once. */
type JsonHandler = (eventJson: string, onDone: (ok: boolean, valueOrError: unknown) => void) => void;
type Invoke = (event: unknown, onDone: (ok: boolean, valueOrError: unknown) => void) => void;

/**
 * The described app with `lambdaHandler` invoking the sandboxes. Failures neither the sandboxes
 * nor the gateway report are reported here: an error thrown out of the REST handler to the
 * Lambda runtime, and API Gateway's own integration timeout (the Lambda runs on).
 */
function describedApp(
  description: AppDescription,
  sandboxes: AppSandboxes,
  settingsOf: (functionName: string) => { timeoutSeconds: number },
  report: ReportFailure,
): LocalApp {
  const routes = new Map<string, Map<HttpMethod, GatewayRoute>>();
  for (const data of description.routes) {
    const cors = data.cors === null ? null : { ...(data.cors as unknown as GatewayRoute['cors'] & object), getAccessControlHeaders: () => ({ ...data.cors!.accessControlHeaders }) };
    const route = { ...data, cors } as unknown as GatewayRoute;
    let byMethod = routes.get(data.path);
    if (byMethod === undefined) routes.set(data.path, (byMethod = new Map()));
    byMethod.set(route.method, route);
  }
  const integrationDeadlines = createInvocationDeadlines(INTEGRATION_TIMEOUT_MS);
  // Sandboxes on other threads take the event as JSON text; in-process ones take the object.
  const byObject = sandboxes.runEvent !== undefined;
  const start = (sandboxes.runEvent ?? sandboxes.run) as (functionName: string, event: unknown, onDone: InvocationCallback) => void;
  const handlers = new Map<string, Invoke>();
  const handlerOf = (functionName: string): Invoke => {
    const isRest = functionName === REST_API_FUNCTION_NAME;
    const isWebsocket = functionName.startsWith('websocket_');
    // API Gateway gives up on a REST integration (504) before a longer Lambda timeout.
    const outlivesGateway = !isWebsocket && settingsOf(functionName).timeoutSeconds * 1000 > INTEGRATION_TIMEOUT_MS;
    const reportStillRunning = (): void =>
      report(
        functionName,
        `still running after API Gateway's ${INTEGRATION_TIMEOUT_MS / 1000} s integration timeout (the function runs on until its lambda_timeout of ${settingsOf(functionName).timeoutSeconds} s)`,
        504,
      );
    return (event, onDone) => {
      // Fires only if the invocation has not finished by then (finishing unlinks it).
      const deadline = outlivesGateway ? integrationDeadlines.start(reportStillRunning) : undefined;
      start.call(sandboxes, functionName, event, (ok, value) => {
        if (deadline !== undefined) integrationDeadlines.finish(deadline);
        // Sandbox failures were reported as they happened; the gateway reports authorizer
        // failures and REST results it cannot use, the websocket endpoint its handlers' errors.
        if (!ok && isRest && !(value instanceof SandboxFailure)) {
          const stack = (value as Error | null)?.stack ?? String(value);
          report(functionName, `failed: ${stack}`, 502);
        }
        onDone(ok, value);
      });
    };
  };
  const invokerOf = (name: string): Invoke => {
    let handler = handlers.get(name);
    if (handler === undefined) handlers.set(name, (handler = handlerOf(name)));
    return handler;
  };
  const described = description.websocketHandlers;
  return {
    appName: description.appName,
    api: { binaryTypes: description.binaryTypes },
    routes,
    lambdaHandler(name) {
      const handler = invokerOf(name);
      return (event) => new Promise((resolve, reject) => handler(byObject ? event : JSON.stringify(event), (ok, value) => (ok ? resolve(value) : reject(value))));
    },
    // The gateway writes the REST event as JSON text: the sandbox gets exactly that string.
    ...(byObject ? {} : { lambdaJsonHandler: invokerOf as (name: string) => JsonHandler }),
    websocketHandlers: {
      ...(described.connect ? { connect: true as const } : {}),
      ...(described.message ? { message: true as const } : {}),
      ...(described.disconnect ? { disconnect: true as const } : {}),
    },
    experimentalFeatureFlags: new Set(description.experimentalFeatureFlags),
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
 * and the console show where to look. A package that is not installed needs no stack: the
 * message names it (and the stack would only show the bundle's temporary file).
 */
export function loadErrorMessage(projectDir: string, error: unknown): string {
  const e = error as { message?: unknown; stack?: unknown; fault?: unknown; code?: unknown; cause?: unknown } | null;
  if (typeof e?.fault === 'string' && typeof e.message === 'string') {
    const cause = e.code === 'app_load_failed' ? (e.cause as { stack?: unknown; code?: unknown } | undefined) : undefined;
    if (cause?.code === 'ERR_MODULE_NOT_FOUND') return e.message;
    return typeof cause?.stack === 'string' ? `${e.message}\n${appStack(projectDir, cause.stack)}` : e.message;
  }
  const stack = typeof e?.stack === 'string' ? e.stack : String(error);
  return `The app threw while loading: ${appStack(projectDir, stack)}`;
}

/** The stack up to Node's module loader (how the app was imported, not where it failed), project-relative. */
function appStack(projectDir: string, fullStack: string): string {
  const lines = fullStack.split('\n');
  const loaderFrame = lines.findIndex((line, i) => i > 0 && (line.includes('node:internal/modules/') || line.includes('/.chalice/.cache/app-')));
  const kept = (loaderFrame > 0 ? lines.slice(0, loaderFrame) : lines).map((line) => projectRelative(projectDir, line));
  // Frames inside chalice-ts or node_modules say how the app's call failed, not where: keep
  // the app's own frames when there are any.
  const isFrame = (line: string): boolean => /^\s+at /.test(line);
  const isAppFrame = (line: string): boolean => isFrame(line) && !/\(?(?:\/|file:|node:)/.test(line.replace(/^\s+at (?:.*? \()?/, '')) && !line.includes('node_modules');
  const appFrames = kept.filter(isAppFrame);
  return (appFrames.length > 0 ? kept.filter((line) => !isFrame(line) || isAppFrame(line)) : kept).join('\n');
}

/** Stack frames carry absolute paths; the project-relative form is what the user recognises. */
export function projectRelative(projectDir: string, text: string): string {
  const prefixes = [`${pathToFileURL(projectDir).href}/`, `${projectDir}${sep}`];
  return prefixes.reduce((out, prefix) => out.split(prefix).join(''), text);
}
