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

  /** The app this blueprint was registered on (throws before registration). */
  get app(): Chalice {
    if (!this.#app) throw new TypeError('This blueprint is not registered yet: call app.registerBlueprint(blueprint) first');
    return this.#app;
  }

  get currentRequest(): Request | undefined {
    return currentInvocationScope()?.request ?? undefined;
  }

  get lambdaContext(): LambdaContext | undefined {
    return currentInvocationScope()?.lambdaContext ?? undefined;
  }

  get log(): Logger {
    return this.app.log;
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
