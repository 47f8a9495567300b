/**
 * `chalice deploy`, redeploy and `chalice delete` of an app with two function URLs (the REST
 * handler's, public with CORS; a pure function's, AWS_IAM), end to end against the AWS API
 * emulator: the URL configs are read back with GetFunctionUrlConfig and their statements with
 * GetPolicy; the emulator's recorder counts writes.
 *
 * Emulator gaps, worked around here and nowhere else: moto keeps AddPermission's
 * `FunctionUrlAuthType` / `InvokedViaFunctionUrl` as keys of the statement instead of turning
 * them into `Condition`s (both forms are read), and it answers GetFunctionUrlConfig but does
 * not serve the URLs, so requests to them are not tried. It also ignores InvokeMode in
 * UpdateFunctionUrlConfig, so the update exercised is a CORS change.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionUrlConfigCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../functional/local/chalice-process.js';
import { chalice, describeWithEmulator, sdkConfig, writes, recorded } from './aws-helpers.js';
import { added, inventory, type Inventory } from './deploy-inventory.js';

const lambda = () => new LambdaClient(sdkConfig());

type Functions = Record<string, { function_url?: unknown }>;

function setFunctions(project: string, change: (functions: Functions) => Functions): void {
  const file = join(project, '.chalice/config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as { lambda_functions: Functions };
  config.lambda_functions = change(config.lambda_functions);
  writeFileSync(file, JSON.stringify(config, null, 2));
}

async function urlConfig(functionName: string) {
  return lambda().send(new GetFunctionUrlConfigCommand({ FunctionName: functionName }));
}

/** The public statements (principal `*`) of a function's policy; none when it has no policy. */
async function publicStatements(functionName: string): Promise<Record<string, unknown>[]> {
  try {
    const policy = JSON.parse((await lambda().send(new GetPolicyCommand({ FunctionName: functionName }))).Policy!) as { Statement: Record<string, unknown>[] };
    return policy.Statement.filter((s) => s.Principal === '*');
  } catch {
    return [];
  }
}

describeWithEmulator('chalice deploy of function URLs', () => {
  let project: string;
  let before: Inventory;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    project = join(mkdtempSync(join(tmpdir(), 'chalice-e2e-')), 'project');
    cpSync(join(REPO_ROOT, 'test/fixtures/projects/function-urls'), project, { recursive: true });
    before = await inventory();
  });

  afterAll(async () => {
    if (project && existsSync(join(project, '.chalice/deployed/dev.json'))) await chalice(project, ['delete']);
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('creates both URL configs and the public statements of the NONE one, and prints the URLs', async () => {
    const { stdout, code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    console.log(`function-urls first deploy: ${calls.length} calls, ${writes(calls).length} writes`);
    const api = await urlConfig('urls-dev');
    expect(api).toMatchObject({ AuthType: 'NONE', Cors: { AllowOrigins: ['https://app.example.com'], AllowMethods: ['GET', 'PUT'], AllowHeaders: ['content-type'], ExposeHeaders: ['x-request-id'], MaxAge: 300, AllowCredentials: true } });
    const worker = await urlConfig('urls-dev-worker');
    expect(worker.AuthType).toBe('AWS_IAM');
    expect(worker.Cors ?? {}).toEqual({});
    urls.api_handler = api.FunctionUrl!;
    urls.worker = worker.FunctionUrl!;
    expect(stdout).toContain(`  - Function URL (api_handler): ${urls.api_handler}`);
    expect(stdout).toContain(`  - Function URL (worker): ${urls.worker}`);

    const statements = await publicStatements('urls-dev');
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual([
      ['chalice-ts-api_handler_function_url_public', 'lambda:InvokeFunctionUrl'],
      ['chalice-ts-api_handler_function_url_invoke', 'lambda:InvokeFunction'],
    ]);
    // The condition as AWS writes it, or the request key as the emulator keeps it.
    const [publicUrl, invoke] = statements;
    expect(JSON.stringify(publicUrl)).toMatch(/"(lambda:)?FunctionUrlAuthType":"NONE"/);
    expect(JSON.stringify(invoke)).toMatch(/"(lambda:)?InvokedViaFunctionUrl":("true"|true)/);
    expect(await publicStatements('urls-dev-worker')).toEqual([]);

    const url = await chalice(project, ['url']);
    expect(url.stdout).toMatch(/^https:\/\/[a-z0-9]+\.execute-api\.us-west-2\.amazonaws\.com\/api\/\n$/);
    expect(url.stderr).toContain(`Function URL (api_handler): ${urls.api_handler}\nFunction URL (worker): ${urls.worker}\n`);
  });

  it('makes no write call when redeployed unchanged; --json lists the URLs', async () => {
    const { code, stderr, stdout, calls } = await recorded(project, ['deploy', '--yes', '--json']);
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as { functionUrls: unknown }).functionUrls).toEqual([
      { function: 'api_handler', functionName: 'urls-dev', authType: 'NONE', url: urls.api_handler },
      { function: 'worker', functionName: 'urls-dev-worker', authType: 'AWS_IAM', url: urls.worker },
    ]);
    console.log(`function-urls no-op redeploy: ${calls.length} calls, ${writes(calls).length} writes`);
    expect(writes(calls).map((c) => `${c.service} ${c.operation}`)).toEqual([]);
  });

  it('updates a changed CORS setting in place, keeping the URL', async () => {
    setFunctions(project, (fns) => ({ ...fns, worker: { function_url: { auth_type: 'AWS_IAM', cors: { allow_origins: ['*'] } } } }));
    const { code, stderr, calls } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    // UpdateFunctionUrlConfig (the recorder names REST-style Lambda calls by method and path).
    expect(writes(calls).map((c) => `${c.service} ${c.operation}`)).toEqual(['lambda PUT /2021-10-31/functions/urls-dev-worker/url']);
    const worker = await urlConfig('urls-dev-worker');
    expect(worker).toMatchObject({ FunctionUrl: urls.worker, Cors: { AllowOrigins: ['*'] } });
    expect(writes((await recorded(project, ['deploy', '--yes'])).calls)).toEqual([]);
  });

  it('removing function_url deletes the URL config and its statements', async () => {
    setFunctions(project, (fns) => ({ ...fns, api_handler: {} }));
    const { code, stderr, stdout } = await recorded(project, ['deploy', '--yes']);
    expect(code, stderr).toBe(0);
    await expect(urlConfig('urls-dev')).rejects.toThrow();
    expect(await publicStatements('urls-dev')).toEqual([]);
    expect(stdout).not.toContain('Function URL (api_handler)');
    expect((await urlConfig('urls-dev-worker')).FunctionUrl).toBe(urls.worker);
    expect(writes((await recorded(project, ['deploy', '--yes'])).calls)).toEqual([]);
  });

  it('delete leaves nothing behind', async () => {
    const { code, stderr, calls } = await recorded(project, ['delete']);
    expect(code, stderr).toBe(0);
    console.log(`function-urls delete: ${calls.length} calls, ${writes(calls).length} writes`);
    await expect(urlConfig('urls-dev-worker')).rejects.toThrow();
    expect(added(before, await inventory())).toEqual({});
  });
});
