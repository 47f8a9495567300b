/**
 * Golden files: generated artifacts compared with committed copies under `test/golden/`.
 * Run with `UPDATE_GOLDEN=1` to rewrite them after an intended change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { stableStringify } from '../../../src/project/index.js';

const GOLDEN_ROOT = fileURLToPath(new URL('../../golden/', import.meta.url));

/** Compares `value` (as sorted, indented JSON) with `test/golden/<relativePath>`, or writes it under UPDATE_GOLDEN=1. */
export function expectGolden(relativePath: string, value: unknown): void {
  const file = `${GOLDEN_ROOT}${relativePath}`;
  const text = stableStringify(value);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(existsSync(file), `missing golden file test/golden/${relativePath}; run the tests with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(text, `test/golden/${relativePath} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}
