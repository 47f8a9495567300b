/**
 * `chalice url [--stage]`: prints the deployed REST API's URL from the stage's deployed state
 * (no AWS call), so `http $(chalice url)hello` works as in Chalice.
 */
import type { Command } from 'commander';
import { requireDeployedState, requireRestApi } from '../../deploy/inspect/deployed-lookup.js';
import { deployedRestApi } from '../../deploy/deployed-records.js';
import { deployedCustomDomains, deployedWebsocketApi } from '../../deploy/websocket-domains/records.js';
import { globalOptions, terminal } from '../context.js';

export function register(program: Command): void {
  program
    .command('url')
    .description('Print the URL of the deployed REST API.')
    .option('--stage <stage>', 'Name of the Chalice stage to get the deployed URL for.', 'dev')
    .action((options: { readonly stage: string }, command: Command) => {
      const { projectDir } = globalOptions(command);
      const state = requireDeployedState(projectDir, options.stage);
      // ws-domains: an app with only a websocket API prints its URL; custom domains go to
      // stderr next to it, so `$(chalice url)` stays the one generated URL.
      const websocket = deployedWebsocketApi(state);
      if (deployedRestApi(state) === undefined && websocket !== undefined) {
        terminal().info(websocket.websocketApiUrl);
      } else {
        terminal().info(requireRestApi(state, options.stage).restApiUrl);
      }
      for (const domain of deployedCustomDomains(state)) process.stderr.write(`Custom domain: ${domain.url}\n`);
    });
}
