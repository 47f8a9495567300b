/** Text golden files (generated source) under `test/golden/`; `UPDATE_GOLDEN=1` rewrites them. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_ROOT = fileURLToPath(new URL('../../golden/', import.meta.url));

export function expectGoldenText(relativePath: string, text: string): void {
  const file = `${GOLDEN_ROOT}${relativePath}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(existsSync(file), `missing golden file test/golden/${relativePath}; run the tests with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(text, `test/golden/${relativePath} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}
