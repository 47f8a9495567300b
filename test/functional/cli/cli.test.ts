import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_INTERNAL, reportError } from '../../../src/cli/main.js';
import { ChaliceTsError } from '../../../src/project/errors.js';
import { REPO_ROOT, runChalice } from '../local/chalice-process.js';

const ANSI = /\x1b\[/;
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('chalice CLI', () => {
  it('lists every command in --help and exits 0', async () => {
    const result = await runChalice(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['new-project', 'local', 'deploy', 'delete', 'url', 'logs', 'invoke', 'package', 'gen-policy', 'generate-sdk', 'generate-pipeline', 'dev', 'appgraph']) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(result.stdout).toContain('--project-dir');
    expect(result.stdout).toContain('--debug');
  });

  it('prints the package version with --version', async () => {
    const result = await runChalice(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('shows the options of a command with <command> --help', async () => {
    const result = await runChalice(['local', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--host', '--port', '--stage', '--no-autoreload', '--allow-unsupported-authorizers', '--api-key']) expect(result.stdout).toContain(option);
  });

  it.each([
    ['an unknown command', ['deploi'], /unknown command 'deploi'.*see `chalice --help`/],
    ['an unknown option', ['local', '--prot', '1'], /unknown option '--prot'.*see `chalice local --help`/],
    ['an invalid option value', ['new-project', 'x', '--template', 'nope'], /nope.*see `chalice new-project --help`/],
    ['an invalid choice', ['package', '--pkg-format', 'nope', 'out'], /Allowed choices are cloudformation, terraform; see `chalice package --help`$/m],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    const result = await runChalice(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('prints the app graph of a project for a stage without writing into it', async () => {
    const project = join(REPO_ROOT, 'test/fixtures/projects/hello');
    const result = await runChalice(['--project-dir', project, 'appgraph', '--stage', 'dev']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Application hello \(stage dev\)$/m);
    expect(result.stdout).toMatch(/lambda-function api_handler[\s\S]*functionName: hello-dev/);
    expect(result.stdout).toMatch(/rest-api rest_api[\s\S]*GET \/ → index/);
  });

  it('prints the stack of a user error only with --debug', async () => {
    const plain = await runChalice(['generate-sdk']);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
    const debug = await runChalice(['--debug', 'generate-sdk']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  describe('colours', () => {
    it('colours errors when FORCE_COLOR asks for it', async () => {
      const result = await runChalice(['generate-sdk'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      expect(result.stderr).toMatch(ANSI);
    });

    it('never colours when NO_COLOR is set', async () => {
      const result = await runChalice(['generate-sdk'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
      expect(result.stderr).not.toMatch(ANSI);
    });

    it('does not colour output that is not a terminal', async () => {
      const result = await runChalice(['generate-sdk'], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
      expect(result.stderr).not.toMatch(ANSI);
    });
  });
});

describe('exit codes of errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('maps an unexpected error to exit 1 and prints its stack', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    expect(reportError(new TypeError('cannot read x of undefined'), false)).toBe(EXIT_INTERNAL);
    expect(written.join('')).toMatch(/TypeError: cannot read x of undefined\n\s+at /);
  });

  it('treats an internal ChaliceTsError as unexpected', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(reportError(new ChaliceTsError('template missing', 'template_missing', 'internal'), false)).toBe(EXIT_INTERNAL);
  });
});
