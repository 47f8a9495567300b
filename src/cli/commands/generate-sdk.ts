/**
 * `chalice generate-sdk [--typescript | --sdk-type javascript|typescript] [--stage] OUT`:
 *   - `--typescript` (= `--sdk-type typescript`): a typed fetch-based client written from the
 *     app's routes, offline (build/sdk/typescript-sdk.ts);
 *   - `--sdk-type javascript` (the default, as in Chalice): API Gateway's own JavaScript SDK for
 *     the deployed stage, downloaded with GetSdk and unpacked (build/sdk/api-gateway-sdk.ts).
 *     The REST API id and region come from the stage's deployed state.
 */
import { Option, type Command } from 'commander';
import type { OnBuildMessage } from '../../build/build-messages.js';
import type { SdkDownloader } from '../../build/sdk/api-gateway-sdk.js';
import { ChaliceTsError } from '../../project/errors.js';
import { globalOptions, terminal } from '../context.js';
import { renderBuildMessage } from './package.js';
import { addStateUrlOption, loadDeployedState, type StateUrlOptions } from '../state-options.js';
import type { DeployedState } from '../../project/deployed-state.js';

interface GenerateSdkOptions extends StateUrlOptions {
  readonly sdkType?: 'javascript' | 'typescript';
  readonly typescript?: boolean;
  readonly stage: string;
  readonly profile?: string;
}

export function register(program: Command): void {
  const command = program
    .command('generate-sdk')
    .description('Generate an SDK for the REST API: a typed TypeScript client (--typescript) or API Gateway\'s JavaScript SDK of the deployed stage.')
    .argument('<out>', 'Directory to write the SDK into (created if missing; must be empty, or hold a client this command generated).')
    .addOption(new Option('--sdk-type <type>', 'javascript: API Gateway\'s SDK for the deployed stage; typescript: a typed client from the app\'s routes, no deploy needed.').choices(['javascript', 'typescript']))
    .option('--typescript', 'Same as --sdk-type typescript.')
    .option('--stage <stage>', 'Deployed stage to download the SDK of (javascript).', 'dev')
    .option('--profile <profile>', 'AWS profile for the download (javascript).');
  addStateUrlOption(command).action(async (out: string, options: GenerateSdkOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      if (options.typescript === true && options.sdkType === 'javascript') {
        throw new ChaliceTsError('--typescript and --sdk-type javascript ask for two different SDKs; give one of them', 'usage_conflict');
      }
      const onMessage: OnBuildMessage = (message) => renderBuildMessage(ui, message, { progress: true, debug });
      if (options.typescript === true || options.sdkType === 'typescript') {
        // Loaded on use: esbuild and the app loader are not needed at start-up.
        const { generateTypeScriptSdk } = await import('../../build/sdk/typescript-sdk.js');
        await generateTypeScriptSdk({ projectDir, outDir: out, onMessage });
        return;
      }
      const { createApiGatewaySdkDownloader } = await import('../../build/sdk/api-gateway-downloader.js');
      await generateJavaScriptSdk({
        projectDir,
        stage: options.stage,
        outDir: out,
        downloader: createApiGatewaySdkDownloader({ profile: options.profile }),
        onMessage,
        // From wherever the stage's state is kept (the file, or S3 with deployed_state / --state-url).
        readState: async () => {
          try {
            return await loadDeployedState(projectDir, options.stage, { ...options });
          } catch (error) {
            if (error instanceof ChaliceTsError && error.code === 'stage_not_deployed') return undefined;
            throw error;
          }
        },
      });
    });
}

export interface GenerateJavaScriptSdkOptions {
  readonly projectDir: string;
  readonly stage: string;
  readonly outDir: string;
  readonly downloader: SdkDownloader;
  readonly onMessage?: OnBuildMessage;
  /** The stage's deployed state. @default the local `.chalice/deployed/<stage>.json` */
  readonly readState?: () => Promise<DeployedState | undefined>;
}

/** The deployed stage's REST API → API Gateway's JavaScript SDK in OUT. @throws ChaliceTsError `not_deployed` */
export async function generateJavaScriptSdk(options: GenerateJavaScriptSdkOptions): Promise<string[]> {
  const [{ readDeployedState, readProjectConfig, resolveStageConfig }, { deployedRestApi }, { deployedHttpApi }] = await Promise.all([
    import('../../project/index.js'),
    import('../../deploy/deployed-records.js'),
    import('../../deploy/http-api/records.js'),
  ]);
  const state = options.readState ? await options.readState() : readDeployedState(options.projectDir, options.stage);
  const restApi = state === undefined ? undefined : deployedRestApi(state);
  if (restApi === undefined && state !== undefined && deployedHttpApi(state) !== undefined) {
    throw new ChaliceTsError(
      `Stage ${options.stage} is served by an HTTP API (api_type "http"), and API Gateway generates SDKs only for REST APIs; use chalice generate-sdk --typescript, which writes a typed client from the app's routes`,
      'sdk_unsupported',
    );
  }
  if (restApi === undefined) {
    throw new ChaliceTsError(
      `Stage ${options.stage} has no deployed REST API in its deployed state, so API Gateway has no SDK to generate; run chalice deploy --stage ${options.stage} first, or use chalice generate-sdk --typescript, which needs no deploy`,
      'not_deployed',
    );
  }
  const stageConfig = resolveStageConfig(readProjectConfig(options.projectDir), options.stage);
  const { downloadApiGatewaySdk } = await import('../../build/sdk/api-gateway-sdk.js');
  return downloadApiGatewaySdk({
    restApiId: restApi.restApiId,
    region: restApi.region,
    stage: stageConfig.apiGatewayStage,
    sdkType: 'javascript',
    outDir: options.outDir,
    downloader: options.downloader,
    onMessage: options.onMessage,
  });
}
