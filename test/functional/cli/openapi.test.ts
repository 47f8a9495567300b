/** `chalice openapi` end to end: the real command on the schemas-api fixture project. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { removeDir, runChalice } from '../local/chalice-process.js';

const PROJECT = fileURLToPath(new URL('../../fixtures/projects/schemas-api/', import.meta.url));
const GOLDEN_DEV = JSON.parse(readFileSync(fileURLToPath(new URL('../../golden/openapi31/schemas-api-dev.json', import.meta.url)), 'utf8'));

describe('chalice openapi', () => {
  const out = mkdtempSync(join(tmpdir(), 'chalice-openapi-'));
  afterAll(() => removeDir(out));

  it('writes the document as YAML when OUT ends in .yaml, warning on stderr about routes without JSON Schema', async () => {
    const file = join(out, 'docs', 'api.yaml');
    const result = await runChalice(['--project-dir', PROJECT, 'openapi', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote');
    expect(result.stderr).toMatch(/^Warning: Route POST \/even \(view even\): no JSON Schema for its body schema/m);
    expect(parseYaml(readFileSync(file, 'utf8'))).toEqual(GOLDEN_DEV);
  });

  it('writes JSON to stdout for OUT -, and --format wins over the extension', async () => {
    const toStdout = await runChalice(['--project-dir', PROJECT, 'openapi', '--stage', 'dev', '-']);
    expect(toStdout.code).toBe(0);
    expect(JSON.parse(toStdout.stdout)).toEqual(GOLDEN_DEV);
    const file = join(out, 'api.yaml');
    expect((await runChalice(['--project-dir', PROJECT, 'openapi', '--format', 'json', file])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(GOLDEN_DEV);
  });

  it('exits 2 with one line for an unknown --format', async () => {
    const result = await runChalice(['--project-dir', PROJECT, 'openapi', '--format', 'xml', '-']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--format "xml" is not a format chalice openapi writes; use --format json or --format yaml/);
  });

  it('exits 2 naming the fix for an app without routes', async () => {
    const project = join(out, 'no-routes');
    mkdirSync(join(project, '.chalice'), { recursive: true });
    writeFileSync(join(project, '.chalice', 'config.json'), JSON.stringify({ version: '2.0', app_name: 'quiet', stages: { dev: {} } }));
    writeFileSync(join(project, 'app.ts'), "import { Chalice } from 'chalice-ts';\nexport const app = new Chalice({ appName: 'quiet' });\napp.lambdaFunction(function job() { return 1; });\n");
    const result = await runChalice(['--project-dir', project, 'openapi', '-']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/has no routes, so it has no REST API to describe; register one with app\.route/);
  });
});
