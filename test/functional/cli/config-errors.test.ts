import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeDir, runChalice } from '../local/chalice-process.js';

/** The hello fixture project with `config` as its `.chalice/config.json`. */
function projectWithConfig(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-config-errors-'));
  cpSync(join(REPO_ROOT, 'test/fixtures/projects/hello'), dir, { recursive: true });
  writeFileSync(join(dir, '.chalice', 'config.json'), JSON.stringify(config, null, 2));
  return dir;
}

describe('a wrong .chalice/config.json on the command line', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  it('lists every problem under a summary line and exits 2', async () => {
    const dir = projectWithConfig({
      version: '2.0',
      app_name: 'hello',
      lambda_memory_size: 100,
      stages: { dev: { lambda_timout: 30, tags: { team: 1 } } },
    });
    dirs.push(dir);
    const configPath = join(dir, '.chalice', 'config.json');
    const result = await runChalice(['--project-dir', dir, 'appgraph']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `Error: ${configPath} has 3 problems:`,
      `  ${configPath}: lambda_memory_size must be an integer from 128 to 10240 (MB), got 100`,
      `  ${configPath}: stages.dev.lambda_timout is not a known key; did you mean "lambda_timeout"?`,
      `  ${configPath}: stages.dev.tags.team must be a string (quote numbers and booleans, e.g. "1" or "true"), got 1`,
    ]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('says one problem in one line', async () => {
    const dir = projectWithConfig({ version: '2.0', app_name: 'hello', lambda_timeout: 0 });
    dirs.push(dir);
    const result = await runChalice(['--project-dir', dir, 'appgraph']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toBe(`Error: ${join(dir, '.chalice', 'config.json')}: lambda_timeout must be an integer from 1 to 900 (seconds), got 0`);
  });

  it('accepts a memory size that is not a multiple of 64', async () => {
    const dir = projectWithConfig({ version: '2.0', app_name: 'hello', lambda_memory_size: 1000, lambda_runtime: 'nodejs22.x' });
    dirs.push(dir);
    const result = await runChalice(['--project-dir', dir, 'appgraph']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/memorySize: 1000\b/);
  });
});
