/**
 * `Client`: the test client of `chalice-ts/test`, usable from any test runner (it imports none).
 *
 *   new Client(app, { stageName, projectDir })
 *     ├─ reads <projectDir>/.chalice/config.json (if present) for the stage
 *     ├─ sets the stage's environment variables on process.env until dispose()
 *     ├─ .http    → API Gateway emulation → app.lambdaHandler('api_handler'): a REST API
 *     │             (src/local/gateway), or with api_type "http" an HTTP API (src/local/http-api)
 *     ├─ .lambda  → app.lambdaHandler(name) with a fake Lambda context
 *     ├─ .functionUrl(name) → the function's URL (payload format 2.0, ../local/function-url)
 *     └─ .events  → sample AWS events
 *
 * Every invocation (REST handler, authorizer, `lambda.invoke`) runs with its own function's
 * merged environment variables from the config, like the deployed functions.
 */
import { resolve } from 'node:path';
import { createApiGateway, createFakeLambdaContext, type ApiGatewayOptions, type GatewayApp } from '../local/gateway/index.js';
import { createHttpApiGateway, type JwksSource } from '../local/http-api/index.js';
import type { LambdaContext } from '../runtime/index.js';
import { createEnvScope, type EnvScope } from './env-scope.js';
import { TestEventsClient } from './events-client.js';
import { TestFunctionUrlClient } from './function-url-client.js';
import { TestHTTPClient } from './http-client.js';
import { TestLambdaClient } from './lambda-client.js';
import { readClientSettings, type ClientSettings } from './project-settings.js';

/** The part of a `Chalice` app the client uses (read by property, so any copy of the runtime fits). */
export type ClientApp = GatewayApp;

export interface ClientOptions
  extends Pick<ApiGatewayOptions, 'apiKeys' | 'unsupportedAuthorizers' | 'clock' | 'timeoutMs' | 'stageVariables' | 'region' | 'accountId'> {
  /** The chalice stage whose config (environment variables, timeouts) applies. @default 'dev' */
  readonly stageName?: string;
  /** Directory holding `.chalice/config.json`. @default process.cwd() */
  readonly projectDir?: string;
  /** Receives emulation warnings (IAM/custom authorizers). @default process.emitWarning */
  readonly onWarning?: (message: string) => void;
  /** Which API Gateway serves the routes. @default the stage's `api_type` from the config, else 'rest' */
  readonly apiType?: 'rest' | 'http';
  /**
   * HTTP APIs: the JSON Web Key Set JWT authorizers check token signatures against — the key
   * set itself (`{ keys: [...] }`), a JSON file path (relative to `projectDir`) or an http(s)
   * URL. Without it, requests to JWT-protected routes are answered 401.
   */
  readonly jwks?: JwksSource;
}

export class Client implements Disposable {
  readonly http: TestHTTPClient;
  readonly lambda: TestLambdaClient;
  readonly events: TestEventsClient;
  readonly stageName: string;
  readonly #env: EnvScope;
  readonly #functionUrl: (name: string) => TestFunctionUrlClient;
  #disposed = false;

  constructor(app: ClientApp, options: ClientOptions = {}) {
    if (typeof app?.lambdaHandler !== 'function' || !(app.routes instanceof Map)) {
      throw new TypeError('new Client(app): app must be a Chalice app (the object your app.ts exports as `app`)');
    }
    this.stageName = options.stageName ?? 'dev';
    const settings: ClientSettings = readClientSettings(resolve(options.projectDir ?? process.cwd()), this.stageName);
    this.#env = createEnvScope(settings.stageEnvironment);
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    const clock = options.clock;

    const contextFor = (functionName: string): LambdaContext => {
      const fn = settings.functionSettings(functionName);
      return createFakeLambdaContext({
        appName: app.appName,
        stage: this.stageName,
        functionName,
        timeoutSeconds: fn.timeoutSeconds,
        memoryMb: fn.memoryMb,
        region,
        accountId,
        ...(clock ? { clock } : {}),
      });
    };
    const around = <T>(functionName: string, fn: () => Promise<T>): Promise<T> =>
      this.#env.during(settings.functionSettings(functionName).environmentVariables, fn);
    const assertUsable = () => {
      if (this.#disposed) throw new Error('This chalice-ts test Client was disposed; create a new Client for further requests');
    };

    const gatewayOptions = {
      stageName: settings.apiGatewayStage,
      region,
      accountId,
      lambdaContext: contextFor,
      wrapInvocation: around,
      onWarning: options.onWarning ?? ((message: string) => process.emitWarning(message, 'ChaliceTsWarning')),
      // A view running past the Lambda's lambda_timeout fails the invocation (REST 502, HTTP API 500), as deployed.
      lambdaTimeoutMs: settings.functionSettings('api_handler').timeoutSeconds * 1000,
      ...pick(options, ['unsupportedAuthorizers', 'clock', 'timeoutMs', 'stageVariables']),
    };
    const gateway =
      (options.apiType ?? settings.apiType) === 'http'
        ? createHttpApiGateway(app, {
            ...gatewayOptions,
            ...(options.jwks !== undefined ? { jwks: options.jwks } : {}),
            jwksBaseDir: resolve(options.projectDir ?? process.cwd()),
            jwksHint: 'pass { jwks } to new Client(app, …): the key set, a JWKS file or an http(s) URL',
          })
        : createApiGateway(app, { ...gatewayOptions, ...pick(options, ['apiKeys']) });
    this.http = new TestHTTPClient(gateway, assertUsable);
    this.lambda = new TestLambdaClient({ assertUsable, handlerFor: (name) => app.lambdaHandler(name), contextFor, around });
    this.events = new TestEventsClient({ region, accountId }, settings.apiGatewayStage);
    this.#functionUrl = (name) => {
      const config = settings.functionSettings(name).functionUrl;
      if (config === undefined) {
        throw new Error(`client.functionUrl("${name}"): the function has no function URL in stage "${this.stageName}"; set lambda_functions.${name}.function_url in .chalice/config.json (and pass projectDir if the test runs elsewhere)`);
      }
      const handler = app.lambdaHandler(name);
      return new TestFunctionUrlClient({
        name,
        config,
        urlId: 'localfunctionurl',
        region,
        accountId,
        assertUsable,
        invoke: (event) => around(name, () => handler(event, contextFor(name))),
      });
    };
  }

  /** Requests to the Lambda function URL of `functionName` (`api_handler` or a `lambdaFunction`). */
  functionUrl(functionName: string): TestFunctionUrlClient {
    return this.#functionUrl(functionName);
  }

  /** Restores `process.env` to what it was before this client. Safe to call more than once. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#env.restore();
  }

  /** `using client = new Client(app)` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
