/**
 * `chalice url [--stage]`: prints the deployed REST API's URL from the stage's deployed state
 * (no AWS call), so `http $(chalice url)hello` works as in Chalice.
 */
import type { Command } from 'commander';
import { requireDeployedState, requireRestApi } from '../../deploy/inspect/deployed-lookup.js';
import { globalOptions, terminal } from '../context.js';

export function register(program: Command): void {
  program
    .command('url')
    .description('Print the URL of the deployed REST API.')
    .option('--stage <stage>', 'Name of the Chalice stage to get the deployed URL for.', 'dev')
    .action((options: { readonly stage: string }, command: Command) => {
      const { projectDir } = globalOptions(command);
      const state = requireDeployedState(projectDir, options.stage);
      terminal().info(requireRestApi(state, options.stage).restApiUrl);
    });
}
