/**
 * Names shared by both template formats: CloudFormation logical ids (also the output keys of
 * both formats) derived from resource names as Chalice does (`my_function` → `MyFunction`,
 * `default-role` → `DefaultRole`, the REST handler is `APIHandler`).
 */
import type { LambdaFunctionResource } from '../../graph/index.js';
import { ChaliceTsError } from '../../project/errors.js';

/** `api_handler` → `ApiHandler`, `foo-event` → `FooEvent`: words split on `-` and `_`, capitalised, joined. */
export function toCfnResourceName(name: string): string {
  const words = name.split(/[-_]+/).filter((word) => word.length > 0);
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join('').replace(/[^A-Za-z0-9]+/g, '');
}

/** Logical id of a function: the REST API handler keeps Chalice's `APIHandler`. */
export function functionLogicalId(fn: Pick<LambdaFunctionResource, 'resourceName' | 'purpose'>): string {
  return fn.purpose === 'rest-api' ? 'APIHandler' : toCfnResourceName(fn.resourceName);
}

/** Output key prefix of a function: `APIHandler`, `WebsocketConnectHandler`, or its logical id. */
export function functionOutputPrefix(fn: Pick<LambdaFunctionResource, 'resourceName' | 'purpose'>): string {
  if (fn.purpose === 'websocket') return `${toCfnResourceName(fn.resourceName)}Handler`;
  return functionLogicalId(fn);
}

/** Remembers the names given out so far and fails on a collision, naming both sources. */
export class NameRegistry {
  readonly #owners = new Map<string, string>();

  constructor(private readonly format: string) {}

  claim(name: string, owner: string): string {
    if (name === '') {
      throw new ChaliceTsError(`${owner} gives an empty ${this.format} name; rename it with letters or digits`, 'template_name_invalid');
    }
    const existing = this.#owners.get(name);
    if (existing !== undefined && existing !== owner) {
      throw new ChaliceTsError(
        `${existing} and ${owner} both become the ${this.format} name ${name}; rename one of them ({ name: '...' })`,
        'template_name_conflict',
      );
    }
    this.#owners.set(name, owner);
    return name;
  }
}
