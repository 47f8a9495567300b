/** Header maps (merging names case-insensitively while keeping the case first seen) and methods. */

/** A request's headers merged case-insensitively, built once per request for every lookup. */
export interface HeaderIndex {
  /** `{ name: values }` under the first spelling of each name, in order of appearance. */
  readonly multi: Record<string, string[]>;
  /** How many distinct names. */
  readonly size: number;
  /** The last value of a header; `lowerName` must be lower case. */
  last(lowerName: string): string | undefined;
}

/**
 * Header lists merged case-insensitively into `target` under the first spelling of each name:
 * `listFor(name)` returns that name's value list, adding it on first sight. Headers are few,
 * so parallel arrays scanned linearly beat building a Map.
 */
export function caseInsensitiveLists(target: Record<string, string[]>): {
  readonly listFor: (name: string) => string[];
  readonly lowerNames: readonly string[];
  readonly lists: readonly string[][];
} {
  const lowerNames: string[] = [];
  const lists: string[][] = [];
  const listFor = (name: string): string[] => {
    const lower = name.toLowerCase();
    const at = lowerNames.indexOf(lower);
    if (at >= 0) return lists[at];
    const values: string[] = [];
    lowerNames.push(lower);
    lists.push(values);
    setOwn(target, name, values);
    return values;
  };
  return { listFor, lowerNames, lists };
}

/** `{ name: value | values }` → a `HeaderIndex`; repeated names (any case) are merged. */
export function headersToIndex(headers: Readonly<Record<string, string | readonly string[] | undefined>>): HeaderIndex {
  const multi: Record<string, string[]> = {};
  const { listFor, lowerNames, lists } = caseInsensitiveLists(multi);
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    const values = listFor(name);
    if (typeof value === 'string') values.push(value);
    else for (const v of value) values.push(v);
  }
  return {
    multi,
    size: lowerNames.length,
    last(lowerName) {
      const at = lowerNames.indexOf(lowerName);
      if (at < 0) return undefined;
      const values = lists[at];
      return values[values.length - 1];
    },
  };
}

/** `{ name: value | values }` → ordered `[name, values]`, repeated names (any case) merged. */
export function headersToMultiValue(headers: Readonly<Record<string, string | readonly string[] | undefined>>): Record<string, string[]> {
  return headersToIndex(headers).multi;
}

/** The last value of a header, looked up case-insensitively. */
export function headerValue(headers: Readonly<Record<string, readonly string[]>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return values[values.length - 1];
  }
  return undefined;
}

/** The methods as clients send them, already upper case (no conversion per request). */
const UPPER_CASE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** `method.toUpperCase()`, skipped for the usual methods (which are upper case already). */
export function upperCaseMethod(method: string): string {
  return UPPER_CASE_METHODS.has(method) ? method : method.toUpperCase();
}

/** `record[key] = value` as an own property, even for a name like `__proto__`. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

/** The media type of a Content-Type/Accept value: `Text/HTML; charset=x` → `text/html`. */
export function mediaType(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const type = value.split(';')[0].trim().toLowerCase();
  return type === '' ? undefined : type;
}

/**
 * Whether a media type is one of API Gateway's binary media types. Entries may use
 * wildcards (`image/*`, `*\/*`), as API Gateway's binaryMediaTypes do.
 */
export function isBinaryMediaType(type: string | undefined, binaryTypes: readonly string[]): boolean {
  if (type === undefined) return false;
  const [major, minor] = type.split('/');
  return binaryTypes.some((entry) => {
    const [eMajor, eMinor] = entry.toLowerCase().split('/');
    return (eMajor === '*' || eMajor === major) && (eMinor === '*' || eMinor === minor);
  });
}
