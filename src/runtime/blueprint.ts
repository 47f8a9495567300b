/**
 * `Blueprint`: a group of registrations kept until `app.registerBlueprint` replays them
 * onto an app with an optional name prefix and URL prefix.
 */
import { ChaliceAuthorizer } from './auth.js';
import { currentInvocationScope } from './invocation-scope.js';
import type { LambdaContext } from './lambda-context.js';
import type { Logger } from './log.js';
import { Registrar, type Registration } from './registration.js';
import type { Request } from './request.js';
import { joinPaths } from './route-path.js';
import type { Chalice, RegisterBlueprintOptions } from './app.js';

export class Blueprint extends Registrar {
  readonly #pending: Registration[] = [];
  #app: Chalice | undefined;

  /** `importName` is accepted for parity with Chalice and ignored. */
  constructor(readonly importName?: string) {
    super();
  }

  protected record(registration: Registration): void {
    this.#pending.push(registration);
  }

  /** The app this blueprint was registered on (Chalice's `current_app`; throws before registration). */
  get currentApp(): Chalice {
    return this.#registeredApp('currentApp');
  }

  /** Same as `currentApp`. */
  get app(): Chalice {
    return this.#registeredApp('app');
  }

  /** The app's `currentRequest`: the request being handled, undefined outside one (throws before registration). */
  get currentRequest(): Request | undefined {
    this.#registeredApp('currentRequest');
    return currentInvocationScope()?.request ?? undefined;
  }

  /** The app's `lambdaContext` (throws before registration). */
  get lambdaContext(): LambdaContext | undefined {
    this.#registeredApp('lambdaContext');
    return currentInvocationScope()?.lambdaContext ?? undefined;
  }

  /** The app's `log` (throws before registration). */
  get log(): Logger {
    return this.#registeredApp('log').log;
  }

  /**
   * Reading app state through a blueprint that no app has taken is a mistake (usually a
   * missing `registerBlueprint` call), not "no request": say which blueprint and what to do.
   */
  #registeredApp(property: string): Chalice {
    if (this.#app === undefined) {
      throw new Error(
        `${this.#describe()} is not registered on an app, so blueprint.${property} is not available; call app.registerBlueprint(blueprint) first (at import time, before any request)`,
      );
    }
    return this.#app;
  }

  /** Names a blueprint in errors: by its import name, else by what it registers. */
  #describe(): string {
    if (this.importName) return `Blueprint ${JSON.stringify(this.importName)}`;
    const first = this.#pending.find((r) => r.kind !== 'middleware');
    if (first === undefined) return 'A blueprint with no routes or handlers';
    switch (first.kind) {
      case 'route':
        return `The blueprint with route ${first.path} (view ${first.name})`;
      case 'authorizer':
        return `The blueprint with authorizer ${first.authorizer.name}`;
      case 'event-source':
        return `The blueprint with ${first.entry.kind} handler ${first.entry.name}`;
      default:
        return `The blueprint with ${first.kind} handler ${first.name}`;
    }
  }

  /** @internal Called by `Chalice.registerBlueprint`. */
  replayOnto(app: Chalice, record: (registration: Registration) => void, options: RegisterBlueprintOptions): void {
    this.#app = app;
    const prefix = options.namePrefix ?? '';
    const renamed = new Map<ChaliceAuthorizer, ChaliceAuthorizer>();
    for (const reg of this.#pending) {
      switch (reg.kind) {
        case 'route': {
          const authorizer = reg.options.authorizer instanceof ChaliceAuthorizer ? (renamed.get(reg.options.authorizer) ?? reg.options.authorizer) : reg.options.authorizer;
          record({ ...reg, name: prefix + reg.name, path: joinPaths(options.urlPrefix, reg.path), options: { ...reg.options, authorizer } });
          break;
        }
        case 'authorizer': {
          const a = reg.authorizer;
          const copy = prefix ? new ChaliceAuthorizer(prefix + a.name, a.handler, a.ttlSeconds, a.executionRole, a.header, a.scopes) : a;
          renamed.set(a, copy);
          record({ kind: 'authorizer', authorizer: copy });
          break;
        }
        case 'event-source':
          record({ kind: 'event-source', entry: { ...reg.entry, name: prefix + reg.entry.name } });
          break;
        case 'lambda-function':
        case 'websocket':
          record({ ...reg, name: prefix + reg.name });
          break;
        case 'middleware':
          record(reg);
          break;
        default: {
          const never: never = reg;
          throw new TypeError(`unknown registration ${JSON.stringify(never)}`);
        }
      }
    }
  }
}
