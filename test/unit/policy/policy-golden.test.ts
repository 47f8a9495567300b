// Golden file: the policy generated for a fixture app whose SDK calls are spread over several
// modules, in a VPC. Regenerate after an intended change with UPDATE_GOLDEN=1.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSdkUsage, generatePolicyDocument } from '../../../src/build/policy/index.js';

const FIXTURE = 'whole-graph';
const projectDir = fileURLToPath(new URL(`../../fixtures/policy/${FIXTURE}/`, import.meta.url));
const goldenFile = fileURLToPath(new URL(`../../golden/policy/${FIXTURE}.json`, import.meta.url));

describe('generated policy golden file', () => {
  it(`matches test/golden/policy/${FIXTURE}.json`, async () => {
    const { actions } = await analyzeSdkUsage('app.ts', { projectDir });
    const actual = `${JSON.stringify(generatePolicyDocument({ actions, needsVpc: true }), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(goldenFile, actual);
    expect(actual).toBe(await readFile(goldenFile, 'utf8'));
  });
});
