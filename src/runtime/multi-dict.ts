/**
 * A read-only map from a name to one or more string values: query strings (case-sensitive)
 * and headers (case-insensitive). `get` returns the last value like API Gateway's
 * single-value view does; `getList` returns them all.
 *
 * It reads like a `ReadonlyMap<string, string>` (and so like Chalice's MultiDict, whose
 * items are a name and its last value): `has`, `size`, `keys`, `values`, `entries`,
 * `forEach` and `for…of` see each name once with its last value; header names come out
 * lower-cased.
 *
 * Built from an event's maps (`fromRecords`), it reads them in place and indexes lazily:
 * lower-casing and indexing every header of every request costs more than the rest of a
 * small request, while most requests read one or two headers. Header names are ASCII
 * (RFC 9110), so lower-casing never changes their length.
 */
export interface MultiDictOptions {
  /** Header semantics: names are compared lower-cased. @default false */
  readonly caseInsensitive?: boolean;
}

type ValuesRecord = Readonly<Record<string, string | readonly string[] | null | undefined>>;

/** After this many case-insensitive lookups by scanning, an index is cheaper. */
const SCANS_BEFORE_INDEX = 4;

export class MultiDict {
  #values: Map<string, string[]> | null;
  #source: ValuesRecord | null = null;
  #scans = 0;
  readonly #caseInsensitive: boolean;

  constructor(entries: Iterable<readonly [string, string | readonly string[]]> = [], options: MultiDictOptions = {}) {
    this.#caseInsensitive = options.caseInsensitive ?? false;
    this.#values = new Map();
    for (const [name, value] of entries) this.#add(this.#values, name, value);
  }

  /**
   * A view of API Gateway's pair of maps: the multi-value one when present, else the
   * single-value one. The maps are read, not copied; do not change them afterwards.
   */
  static fromRecords(
    multi: Readonly<Record<string, readonly string[]>> | null | undefined,
    single: Readonly<Record<string, string>> | null | undefined,
    options: MultiDictOptions = {},
  ): MultiDict {
    const dict = new MultiDict([], options);
    dict.#source = multi ?? single ?? {};
    dict.#values = null;
    return dict;
  }

  #add(values: Map<string, string[]>, name: string, value: string | readonly string[] | null | undefined): void {
    if (value === null || value === undefined || (typeof value !== 'string' && value.length === 0)) return;
    const key = this.#key(name);
    const list = values.get(key);
    if (list === undefined) values.set(key, typeof value === 'string' ? [value] : [...value]);
    else if (typeof value === 'string') list.push(value);
    else list.push(...value);
  }

  #key(name: string): string {
    return this.#caseInsensitive ? name.toLowerCase() : name;
  }

  #index(): Map<string, string[]> {
    if (this.#values === null) {
      const values = new Map<string, string[]>();
      const source = this.#source!;
      for (const name in source) if (Object.hasOwn(source, name)) this.#add(values, name, source[name]);
      this.#values = values;
      this.#source = null;
    }
    return this.#values;
  }

  /** The values for `name`, possibly shared with the source: never mutate the result. */
  #lookup(name: string): readonly string[] | undefined {
    const source = this.#source;
    if (source === null || (this.#caseInsensitive && ++this.#scans > SCANS_BEFORE_INDEX)) return this.#index().get(this.#key(name));
    if (!this.#caseInsensitive) return Object.hasOwn(source, name) ? asList(source[name]) : undefined;
    // One pass; names differing only in case (`Accept`, `accept`) merge in source order.
    const wanted = name.toLowerCase();
    let found: readonly string[] | undefined;
    for (const key in source) {
      if (key.length !== wanted.length || !Object.hasOwn(source, key)) continue;
      if (key !== wanted && key.toLowerCase() !== wanted) continue;
      const values = asList(source[key]);
      if (values !== undefined) found = found === undefined ? values : [...found, ...values];
    }
    return found;
  }

  get(name: string): string | undefined {
    const list = this.#lookup(name);
    return list === undefined ? undefined : list[list.length - 1];
  }

  getList(name: string): string[] {
    return [...(this.#lookup(name) ?? [])];
  }

  has(name: string): boolean {
    return this.#lookup(name) !== undefined;
  }

  /** How many distinct names (header names counted lower-cased). */
  get size(): number {
    return this.#index().size;
  }

  /** Each name once, in arrival order (header names lower-cased). */
  keys(): IterableIterator<string> {
    return this.#index().keys();
  }

  /** Each name's last value, like `get`. */
  *values(): IterableIterator<string> {
    for (const list of this.#index().values()) yield list[list.length - 1];
  }

  /** `[name, last value]` per name, like `Map#entries`; use `getList` for every value. */
  *entries(): IterableIterator<[string, string]> {
    for (const [name, list] of this.#index()) yield [name, list[list.length - 1]];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** `callback(lastValue, name, dict)` per name, as `Map#forEach` calls it. */
  forEach(callback: (value: string, name: string, dict: MultiDict) => void, thisArg?: unknown): void {
    for (const [name, list] of this.#index()) callback.call(thisArg, list[list.length - 1], name, this);
  }

  /** Single-value object (last value wins), JSON-serialisable. */
  toJSON(): Record<string, string> {
    // fromEntries defines own properties, so a name like `__proto__` stays a plain key.
    return Object.fromEntries([...this.#index()].map(([name, list]) => [name, list[list.length - 1]]));
  }

  toMultiValueJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.#index()].map(([name, list]) => [name, [...list]]));
  }
}

function asList(value: string | readonly string[] | null | undefined): readonly string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  return value.length === 0 ? undefined : value;
}
