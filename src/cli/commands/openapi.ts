/**
 * `chalice openapi [--stage] [--format json|yaml] OUT`: writes the OpenAPI 3.1 document of the
 * REST API (route schemas as JSON Schema, authorizers and API keys as security schemes) to
 * OUT, or to stdout for `-`. The format follows `--format`, else OUT's extension (.yaml/.yml),
 * else JSON. Warnings (a route whose validator offers no JSON Schema) go to stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ChaliceTsError } from '../../project/errors.js';
import { globalOptions, terminal } from '../context.js';
import { renderBuildMessage } from './package.js';

interface OpenApiOptions {
  readonly stage: string;
  readonly format?: string;
}

export function register(program: Command): void {
  program
    .command('openapi')
    .description('Write the OpenAPI 3.1 document of the REST API, with route schemas.')
    .argument('<out>', "File to write, or '-' for stdout.")
    .option('--stage <stage>', 'Stage whose configuration (API Gateway stage, custom domain) applies.', 'dev')
    .option('--format <format>', 'json or yaml (default: from the file extension, else json).')
    .action(async (out: string, options: OpenApiOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      const format = outputFormat(options.format, out);
      // Loaded on use: esbuild and the YAML writer are not needed at start-up.
      const { generateProjectOpenApi, openApiToText } = await import('../../build/openapi31/index.js');
      const document = await generateProjectOpenApi({
        projectDir,
        stage: options.stage,
        onMessage: (message) => renderBuildMessage(ui, message, { progress: false, debug }),
      });
      const text = openApiToText(document, format);
      if (out === '-') {
        process.stdout.write(text);
        return;
      }
      const file = resolve(out);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      ui.info(`Wrote ${out} (OpenAPI 3.1, ${format})`);
    });
}

function outputFormat(flag: string | undefined, out: string): 'json' | 'yaml' {
  if (flag !== undefined) {
    const lower = flag.toLowerCase();
    if (lower === 'json' || lower === 'yaml') return lower;
    throw new ChaliceTsError(`--format ${JSON.stringify(flag)} is not a format chalice openapi writes; use --format json or --format yaml`, 'openapi_format');
  }
  const extension = extname(out).toLowerCase();
  return extension === '.yaml' || extension === '.yml' ? 'yaml' : 'json';
}
