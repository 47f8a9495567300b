/** The chalice-ts version, for the default `aws-chalice` tag. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The `version` of chalice-ts's own package.json (`src/graph/` and `dist/graph/` both sit two levels below it). */
export function chaliceTsVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
