/** Header maps: merging names case-insensitively while keeping the case first seen. */

/** `{ name: value | values }` → ordered `[name, values]`, repeated names (any case) merged. */
export function headersToMultiValue(headers: Readonly<Record<string, string | readonly string[] | undefined>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const nameOf = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : [...value];
    const key = nameOf.get(name.toLowerCase()) ?? name;
    nameOf.set(name.toLowerCase(), key);
    (out[key] ??= []).push(...values);
  }
  return out;
}

/** The last value of a header, looked up case-insensitively. */
export function headerValue(headers: Readonly<Record<string, readonly string[]>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return values[values.length - 1];
  }
  return undefined;
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
