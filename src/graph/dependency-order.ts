/**
 * Dependency order: every resource after the resources it references. A depth-first walk
 * over each resource's `Ref`s in insertion order, so the result is deterministic and keeps
 * the builders' order wherever the references allow.
 */
import type { Ref, Resource } from './resources.js';
import { isRef, resourceKey } from './resources.js';

/** Every `Ref` inside `resource`, in property order. */
export function dependenciesOf(resource: Resource): Ref[] {
  const found: Ref[] = [];
  const visit = (value: unknown): void => {
    if (isRef(value)) {
      found.push(value);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  for (const [key, value] of Object.entries(resource)) if (key !== 'kind') visit(value);
  return found;
}

/**
 * `resources` reordered so that dependencies come first.
 * @throws Error on a reference to a missing resource or a cycle (both are bugs in the builders).
 */
export function sortByDependencies(resources: readonly Resource[]): Resource[] {
  const byKey = new Map(resources.map((r) => [resourceKey(r), r]));
  const ordered: Resource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (resource: Resource): void => {
    const key = resourceKey(resource);
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw new Error(`app graph: dependency cycle through ${key}`);
    state.set(key, 'visiting');
    for (const ref of dependenciesOf(resource)) {
      const dependency = byKey.get(resourceKey(ref));
      if (dependency === undefined) throw new Error(`app graph: ${key} references missing ${resourceKey(ref)}`);
      visit(dependency);
    }
    state.set(key, 'done');
    ordered.push(resource);
  };
  resources.forEach(visit);
  return ordered;
}
