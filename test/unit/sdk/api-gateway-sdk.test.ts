import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { SdkDownloader, SdkDownloadRequest } from '../../../src/build/sdk/api-gateway-sdk.js';
import { sdkZipToFiles } from '../../../src/build/sdk/api-gateway-sdk.js';
import { generateJavaScriptSdk } from '../../../src/cli/commands/generate-sdk.js';
import { writeDeployedState } from '../../../src/project/index.js';
import { copyFixture, removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../../functional/local/chalice-process.js';

afterAll(removeTempDirs);

/** What API Gateway's GetSdk returns for sdkType javascript: one top-level directory. */
const SDK_ZIP = zipSync({
  'apiGateway-js-sdk/README.md': strToU8('# API Gateway SDK'),
  'apiGateway-js-sdk/apigClient.js': strToU8('var apigClientFactory = {};'),
  'apiGateway-js-sdk/lib/apiGatewayCore/utils.js': strToU8('var utils = {};'),
});

/** Records its requests and answers with a fixed zip. */
class FakeSdkDownloader implements SdkDownloader {
  readonly requests: SdkDownloadRequest[] = [];
  constructor(private readonly zip: Uint8Array = SDK_ZIP) {}
  async downloadSdk(request: SdkDownloadRequest): Promise<Uint8Array> {
    this.requests.push({ ...request });
    return this.zip;
  }
}

/** The hello fixture with a deployed REST API recorded for `stage`. */
function deployedProject(stage = 'dev'): string {
  const dir = copyFixture('hello');
  writeDeployedState(dir, stage, {
    resources: [
      { name: 'api_handler', resourceType: 'lambda_function', functionName: `hello-${stage}`, lambdaArn: 'arn:aws:lambda:eu-west-1:123456789012:function:hello-dev' },
      { name: 'rest_api', resourceType: 'rest_api', restApiId: 'abc123', restApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/api/', region: 'eu-west-1' },
    ],
  });
  return dir;
}

function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  ).sort();
}

describe('chalice generate-sdk --sdk-type javascript', () => {
  it("asks API Gateway for the deployed REST API's stage and unpacks the SDK's directory into OUT", async () => {
    const project = deployedProject();
    const out = join(tempDir(), 'sdk');
    const downloader = new FakeSdkDownloader();
    const written = await generateJavaScriptSdk({ projectDir: project, stage: 'dev', outDir: out, downloader });
    expect(downloader.requests).toEqual([{ restApiId: 'abc123', stage: 'api', region: 'eu-west-1', sdkType: 'javascript' }]);
    expect(written).toEqual(['README.md', 'apigClient.js', 'lib/apiGatewayCore/utils.js']);
    expect(listTree(out)).toEqual(written);
    expect(readFileSync(join(out, 'apigClient.js'), 'utf8')).toBe('var apigClientFactory = {};');
  });

  it('takes the REST API from the state wherever it is kept (e.g. S3), not only the local file', async () => {
    const project = copyFixture('hello'); // no .chalice/deployed/ here
    const downloader = new FakeSdkDownloader();
    const readState = async () => ({
      resources: [{ name: 'rest_api', resourceType: 'rest_api', restApiId: 'shared1', restApiUrl: 'https://shared1.execute-api.us-east-2.amazonaws.com/api/', region: 'us-east-2' }],
    });
    await generateJavaScriptSdk({ projectDir: project, stage: 'dev', outDir: join(tempDir(), 'sdk'), downloader, readState });
    expect(downloader.requests).toEqual([{ restApiId: 'shared1', stage: 'api', region: 'us-east-2', sdkType: 'javascript' }]);
  });

  it('fails with one line and downloads nothing when the stage has no deployed REST API', async () => {
    const downloader = new FakeSdkDownloader();
    const out = join(tempDir(), 'sdk');
    await expect(generateJavaScriptSdk({ projectDir: copyFixture('hello'), stage: 'prod', outDir: out, downloader })).rejects.toMatchObject({
      code: 'not_deployed',
      message: expect.stringMatching(/^Stage prod has no deployed REST API .*run chalice deploy --stage prod first, or use chalice generate-sdk --typescript/),
    });
    expect(downloader.requests).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('says that API Gateway has no SDK for an HTTP API, and points at --typescript', async () => {
    const downloader = new FakeSdkDownloader();
    const readState = async () => ({
      resources: [{ name: 'http_api', resourceType: 'http_api', httpApiId: 'h1', httpApiUrl: 'https://h1.execute-api.us-west-2.amazonaws.com/api/' }],
    });
    await expect(generateJavaScriptSdk({ projectDir: copyFixture('hello'), stage: 'dev', outDir: join(tempDir(), 'sdk'), downloader, readState })).rejects.toMatchObject({
      code: 'sdk_unsupported',
      message: expect.stringMatching(/^Stage dev is served by an HTTP API .*use chalice generate-sdk --typescript/),
    });
    expect(downloader.requests).toEqual([]);
  });

  it('refuses an OUT that already holds files, before downloading', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'mine.txt'), 'x');
    const downloader = new FakeSdkDownloader();
    await expect(generateJavaScriptSdk({ projectDir: deployedProject(), stage: 'dev', outDir: out, downloader })).rejects.toMatchObject({ code: 'out_dir_not_empty' });
    expect(downloader.requests).toEqual([]);
  });

  it.each([
    ['an entry climbing out of OUT', zipSync({ 'sdk/../../evil.js': strToU8('x') }), /entry outside its directory \(sdk\/\.\.\/\.\.\/evil\.js\)/],
    ['an absolute entry', zipSync({ '/etc/evil': strToU8('x') }), /entry outside its directory/],
    ['an empty zip', zipSync({}), /is empty/],
    ['bytes that are not a zip', strToU8('<html>oops</html>'), /is not a readable zip/],
  ])('refuses %s and writes nothing', async (_case, zip, message) => {
    expect(() => sdkZipToFiles(zip)).toThrow(message);
    const out = join(tempDir(), 'sdk');
    await expect(generateJavaScriptSdk({ projectDir: deployedProject(), stage: 'dev', outDir: out, downloader: new FakeSdkDownloader(zip) })).rejects.toMatchObject({ code: 'sdk_download_invalid' });
    expect(existsSync(out)).toBe(false);
  });

  it('keeps paths as they are when the zip has no single top-level directory', () => {
    const files = sdkZipToFiles(zipSync({ 'a.js': strToU8('a'), 'lib/b.js': strToU8('b') }));
    expect([...files.keys()]).toEqual(['a.js', 'lib/b.js']);
  });

  it('the CLI says so in one line and exits 2 for a stage that was never deployed', async () => {
    const project = copyFixture('hello');
    mkdirSync(join(project, '.chalice', 'deployed'), { recursive: true });
    const result = await runChalice(['--project-dir', project, 'generate-sdk', '--stage', 'dev', join(tempDir(), 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: Stage dev has no deployed REST API/)]);
  });

  it('the CLI refuses --typescript together with --sdk-type javascript', async () => {
    const result = await runChalice(['--project-dir', copyFixture('hello'), 'generate-sdk', '--typescript', '--sdk-type', 'javascript', join(tempDir(), 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('Error: --typescript and --sdk-type javascript ask for two different SDKs; give one of them');
  });
});
