/**
 * The real SdkDownloader (AWS SDK v3 GetSdk) against a stand-in API Gateway endpoint
 * (AWS_ENDPOINT_URL): the request it signs and sends, the zip it returns, and how API Gateway's
 * errors read. The AWS emulator does not implement GetSdk, hence this small server.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiGatewaySdkDownloader } from '../../../src/build/sdk/api-gateway-downloader.js';
import { writeDeployedState } from '../../../src/project/index.js';
import { copyFixture, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../local/chalice-process.js';

const ZIP = zipSync({ 'apiGateway-js-sdk/apigClient.js': strToU8('var apigClientFactory = {};') });
const seen: IncomingMessage[] = [];
let server: Server;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request);
    if (request.url?.startsWith('/restapis/abc123/stages/api/sdks/javascript')) {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="sdk.zip"' }).end(Buffer.from(ZIP));
      return;
    }
    response
      .writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'NotFoundException' })
      .end(JSON.stringify({ message: 'Invalid API identifier specified 123456789012:nope' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(() => {
  process.env = { ...savedEnv };
  seen.length = 0;
});
afterAll(async () => {
  removeTempDirs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function pointAtServer(): void {
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  delete process.env.AWS_PROFILE;
}

describe('the API Gateway SDK downloader', () => {
  it('sends a signed GetSdk for the REST API stage and returns the zip', async () => {
    pointAtServer();
    const zip = await createApiGatewaySdkDownloader().downloadSdk({ restApiId: 'abc123', stage: 'api', region: 'eu-west-1', sdkType: 'javascript' });
    expect(Buffer.from(zip).equals(Buffer.from(ZIP))).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/apigateway\/aws4_request/);
  });

  it("turns API Gateway's NotFoundException into one line naming the API, stage and region", async () => {
    pointAtServer();
    await expect(createApiGatewaySdkDownloader().downloadSdk({ restApiId: 'nope', stage: 'api', region: 'eu-west-1', sdkType: 'javascript' })).rejects.toMatchObject({
      code: 'sdk_download_failed',
      message: expect.stringMatching(/^API Gateway has no REST API nope with stage api in eu-west-1 \(Invalid API identifier specified .*\); redeploy with chalice deploy$/),
    });
  });
});

describe('chalice generate-sdk (API Gateway\'s JavaScript SDK), end to end', () => {
  it('reads the deployed REST API from the state file, downloads its SDK and unpacks it into OUT', async () => {
    const project = copyFixture('hello');
    writeDeployedState(project, 'dev', {
      resources: [{ name: 'rest_api', resourceType: 'rest_api', restApiId: 'abc123', restApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/api/', region: 'eu-west-1' }],
    });
    const out = join(tempDir(), 'sdk');
    const result = await runChalice(['--project-dir', project, 'generate-sdk', out], {
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_PROFILE: undefined },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'apigClient.js'), 'utf8')).toBe('var apigClientFactory = {};');
    expect(result.stdout).toMatch(/Wrote .*apigClient\.js/);
  });
});
