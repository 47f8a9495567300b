/**
 * `chalice url [--stage]`: prints the deployed REST API's URL from the stage's deployed state
 * (no AWS call unless the state is kept in S3), so `http $(chalice url)hello` works as in Chalice.
 */
import type { Command } from 'commander';
import { requireRestApi } from '../../deploy/inspect/deployed-lookup.js';
import { addAwsOptions, type AwsOptions } from '../aws-options.js';
import { globalOptions, terminal } from '../context.js';
import { addStateUrlOption, loadDeployedState, type StateUrlOptions } from '../state-options.js';

export function register(program: Command): void {
  const command = program
    .command('url')
    .description('Print the URL of the deployed REST API.')
    .option('--stage <stage>', 'Name of the Chalice stage to get the deployed URL for.', 'dev');
  // --profile/--region only matter when the state is kept in S3.
  addAwsOptions(addStateUrlOption(command)).action(async (options: { readonly stage: string } & StateUrlOptions & AwsOptions, cmd: Command) => {
    const { projectDir } = globalOptions(cmd);
    const state = await loadDeployedState(projectDir, options.stage, options);
    terminal().info(requireRestApi(state, options.stage).restApiUrl);
  });
}
