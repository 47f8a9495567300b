/**
 * `chalice url [--stage]`: prints the deployed REST API's URL (the HTTP API's, with
 * `api_type: "http"`) from the stage's deployed state
 * (no AWS call unless the state is kept in S3), so `http $(chalice url)hello` works as in Chalice.
 */
import type { Command } from 'commander';
import { requireRestApi } from '../../deploy/inspect/deployed-lookup.js';
import { deployedRestApi } from '../../deploy/deployed-records.js';
import { deployedCustomDomains, deployedWebsocketApi } from '../../deploy/websocket-domains/records.js';
import { deployedHttpApi } from '../../deploy/http-api/records.js';
import { deployedFunctionUrls, functionUrlLines } from '../../deploy/function-urls/records.js';
import { addAwsOptions, type AwsOptions } from '../aws-options.js';
import { globalOptions, terminal } from '../context.js';
import { addStateUrlOption, loadDeployedState, type StateUrlOptions } from '../state-options.js';

export function register(program: Command): void {
  const command = program
    .command('url')
    .description('Print the URL of the deployed REST API (or HTTP API, with api_type http).')
    .option('--stage <stage>', 'Name of the Chalice stage to get the deployed URL for.', 'dev');
  // --profile/--region only matter when the state is kept in S3.
  addAwsOptions(addStateUrlOption(command)).action(async (options: { readonly stage: string } & StateUrlOptions & AwsOptions, cmd: Command) => {
    const { projectDir } = globalOptions(cmd);
    const state = await loadDeployedState(projectDir, options.stage, options);
    // an app with only a websocket API prints its URL; custom domains go to
    // stderr next to it, so `$(chalice url)` stays the one generated URL.
    const websocket = deployedWebsocketApi(state);
    const http = deployedHttpApi(state);
    const functionUrls = deployedFunctionUrls(state);
    if (http !== undefined) {
      terminal().info(http.httpApiUrl);
    } else if (deployedRestApi(state) === undefined && websocket !== undefined) {
      terminal().info(websocket.websocketApiUrl);
    } else if (deployedRestApi(state) === undefined && websocket === undefined && functionUrls.length > 0) {
      // An app of pure functions with URLs: the first URL is the one URL on stdout.
      terminal().info(functionUrls[0]!.url);
    } else {
      terminal().info(requireRestApi(state, options.stage).restApiUrl);
    }
    for (const domain of deployedCustomDomains(state)) process.stderr.write(`Custom domain: ${domain.url}
`);
    for (const line of functionUrlLines(state)) process.stderr.write(`${line}\n`);
  });
}
