/**
 * Builds the `chalice` program: global options, then every command from `COMMANDS` in the
 * order `chalice --help` lists them. Commands register themselves (`register(program)`); this
 * module only wires them. Running and mapping errors to exit codes is `main.ts`'s job.
 */
import { Command } from 'commander';
import { packageInfo } from './context.js';
import * as appgraph from './commands/appgraph.js';
import * as del from './commands/delete.js';
import * as deploy from './commands/deploy.js';
import * as dev from './commands/dev.js';
import * as genPolicy from './commands/gen-policy.js';
import * as generatePipeline from './commands/generate-pipeline.js';
import * as generateSdk from './commands/generate-sdk.js';
import * as invoke from './commands/invoke.js';
import * as local from './commands/local.js';
import * as logs from './commands/logs.js';
import * as newProject from './commands/new-project.js';
import * as openapi from './commands/openapi.js';
import * as pkg from './commands/package.js';
import * as url from './commands/url.js';

export interface CommandModule {
  register(program: Command): void;
}

export const COMMANDS: readonly CommandModule[] = [
  newProject,
  local,
  deploy,
  del,
  url,
  logs,
  invoke,
  pkg,
  genPolicy,
  generateSdk,
  generatePipeline,
  dev,
  appgraph,
  openapi,
];

export function createProgram(commands: readonly CommandModule[] = COMMANDS): Command {
  const program = new Command('chalice')
    .description('chalice-ts: build, run and deploy serverless apps on AWS Lambda and API Gateway')
    .version(packageInfo().version, '-V, --version', 'Print the chalice-ts version.')
    .helpOption('-h, --help', 'Show help for a command.')
    .option('--project-dir <dir>', 'The project directory, holding app.ts and .chalice/ (default: the current directory).')
    .option('--debug', 'Print debug output and stack traces.')
    .showSuggestionAfterError(true)
    .helpCommand(false);
  for (const command of commands) command.register(program);
  return program;
}
