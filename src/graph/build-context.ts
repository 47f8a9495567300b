/**
 * State shared by the graph builders while one graph is built: the inputs, and the resources
 * collected so far (keyed by kind and name, so shared resources such as the default role are
 * added once).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FunctionConfig, ProjectConfig, StageConfig } from '../project/index.js';
import type { AppModel } from './app-model.js';
import type { IamPolicyDocument, Resource } from './resources.js';
import { resourceKey } from './resources.js';

export interface BuildContext {
  readonly app: AppModel;
  readonly appName: string;
  readonly stage: string;
  readonly config: ProjectConfig;
  readonly stageConfig: StageConfig;
  readonly lambdaRuntime: string;
  readonly policyDocument: IamPolicyDocument;
  readonly toolVersion: string;
  /** Text of a file relative to the project directory. */
  readonly readProjectFile: (relativePath: string) => string;
  /** Per-function settings with the config precedence applied (memoised). */
  readonly functionConfig: (name: string) => FunctionConfig;
  readonly collector: ResourceCollector;
}

export class ResourceCollector {
  readonly #resources = new Map<string, Resource>();

  /** Adds `resource`; adding an identical resource again is a no-op. @returns whether it was new */
  add(resource: Resource): boolean {
    const key = resourceKey(resource);
    const existing = this.#resources.get(key);
    if (existing === undefined) {
      this.#resources.set(key, resource);
      return true;
    }
    if (!isDeepStrictEqual(existing, resource)) {
      throw new Error(`app graph: two different ${resource.kind} resources named ${resource.resourceName}`);
    }
    return false;
  }

  get(key: string): Resource | undefined {
    return this.#resources.get(key);
  }

  /** Replaces a resource already added (same kind and name). */
  replace(resource: Resource): void {
    const key = resourceKey(resource);
    if (!this.#resources.has(key)) throw new Error(`app graph: cannot replace missing ${key}`);
    this.#resources.set(key, resource);
  }

  /** In insertion order. */
  all(): Resource[] {
    return [...this.#resources.values()];
  }
}
