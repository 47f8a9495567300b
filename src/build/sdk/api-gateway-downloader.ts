/**
 * The real SdkDownloader: API Gateway's GetSdk through the AWS SDK v3 (loaded on first use, so
 * commands that never download do not pay for it at start-up).
 *
 * Credentials: the standard chain, or the named profile; the region is the deployed REST API's.
 * MINIMAL RESOLUTION: a stand-in until the deploy engine's shared session
 * (`src/deploy/aws/session.ts` `resolveAwsSession`) is on main; then build the client from its
 * `clientConfig` (retries, timeouts, profile checks) instead. The client honours
 * `AWS_ENDPOINT_URL` like every AWS SDK v3 client.
 */
import { ChaliceTsError } from '../../project/errors.js';
import type { SdkDownloader, SdkDownloadRequest } from './api-gateway-sdk.js';

export interface ApiGatewayDownloaderOptions {
  /** A profile from the shared AWS config files. @default the standard credential chain */
  readonly profile?: string;
}

export function createApiGatewaySdkDownloader(options: ApiGatewayDownloaderOptions = {}): SdkDownloader {
  return {
    async downloadSdk(request: SdkDownloadRequest): Promise<Uint8Array> {
      // chalice-ts supports Node 20; the SDK's notice about the Node versions its future releases
      // need would otherwise print on every download. An explicit setting wins.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const [{ APIGatewayClient, GetSdkCommand }, { fromNodeProviderChain }] = await Promise.all([
        import('@aws-sdk/client-api-gateway'),
        import('@aws-sdk/credential-providers'),
      ]);
      const client = new APIGatewayClient({
        region: request.region,
        credentials: fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile }),
      });
      try {
        const answer = await client.send(new GetSdkCommand({ restApiId: request.restApiId, stageName: request.stage, sdkType: request.sdkType }));
        if (answer.body === undefined) throw new ChaliceTsError(`API Gateway returned no SDK for REST API ${request.restApiId} stage ${request.stage}; try again`, 'sdk_download_failed');
        return answer.body;
      } catch (error) {
        if (error instanceof ChaliceTsError) throw error;
        const name = (error as { name?: string }).name ?? 'Error';
        if (name === 'NotFoundException') {
          throw new ChaliceTsError(
            `API Gateway has no REST API ${request.restApiId} with stage ${request.stage} in ${request.region} (${(error as Error).message}); redeploy with chalice deploy`,
            'sdk_download_failed',
          );
        }
        if (name === 'CredentialsProviderError') {
          throw new ChaliceTsError(`No AWS credentials found (${(error as Error).message}); configure credentials or pass --profile`, 'aws_credentials_missing');
        }
        throw new ChaliceTsError(`API Gateway GetSdk failed for REST API ${request.restApiId}: ${name}: ${(error as Error).message}`, 'sdk_download_failed');
      } finally {
        client.destroy();
      }
    },
  };
}
