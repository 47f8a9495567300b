/** The example project of the typed client (examples/sdk-page), copied to temp dirs so tests may run it side by side. */
import { cpSync } from 'node:fs';
import { join, sep } from 'node:path';
import { REPO_ROOT, tempDir } from '../../helpers/fixture-projects.js';

export const SDK_EXAMPLE = join(REPO_ROOT, 'examples/sdk-page');

/** A copy of examples/sdk-page without the loader's cache. */
export function copySdkExample(): string {
  const dir = join(tempDir('chalice-ts-sdk-'), 'sdk-page');
  cpSync(SDK_EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${sep}.cache`) });
  return dir;
}
