/**
 * A read-only map from a name to one or more string values: query strings (case-sensitive)
 * and headers (case-insensitive). `get` returns the last value like API Gateway's
 * single-value view does; `getList` returns them all.
 */
export class MultiDict {
  readonly #values: Map<string, string[]>;
  readonly #caseInsensitive: boolean;

  constructor(entries: Iterable<readonly [string, string | readonly string[]]> = [], options: { caseInsensitive?: boolean } = {}) {
    this.#caseInsensitive = options.caseInsensitive ?? false;
    this.#values = new Map();
    for (const [name, value] of entries) {
      const key = this.#key(name);
      const list = this.#values.get(key) ?? [];
      if (typeof value === 'string') list.push(value);
      else list.push(...value);
      this.#values.set(key, list);
    }
  }

  #key(name: string): string {
    return this.#caseInsensitive ? name.toLowerCase() : name;
  }

  get(name: string): string | undefined {
    const list = this.#values.get(this.#key(name));
    return list === undefined ? undefined : list[list.length - 1];
  }

  getList(name: string): string[] {
    return [...(this.#values.get(this.#key(name)) ?? [])];
  }

  has(name: string): boolean {
    return this.#values.has(this.#key(name));
  }

  keys(): string[] {
    return [...this.#values.keys()];
  }

  get size(): number {
    return this.#values.size;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const [name, list] of this.#values) yield [name, list[list.length - 1]];
  }

  /** Single-value object (last value wins), JSON-serialisable. */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, list] of this.#values) out[name] = list[list.length - 1];
    return out;
  }

  toMultiValueJSON(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [name, list] of this.#values) out[name] = [...list];
    return out;
  }
}
