/**
 * `chalice local --stage <stage>`: the stage's configuration reaches every part of the
 * emulation — environment variables, the API Gateway stage name in the request context, and
 * the Lambda context's deployed function name (`<app>-<stage>` for the REST handler).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEHAVIOUR_APP_DIR } from '../../contract/http-behaviour-suite.js';
import { removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

describe('chalice local --stage', () => {
  let projectDir: string;
  let local: ChaliceLocal;
  beforeAll(async () => {
    projectDir = mkdtempSync(join(tmpdir(), 'chalice-stage-flag-'));
    cpSync(BEHAVIOUR_APP_DIR, projectDir, { recursive: true });
    const configPath = join(projectDir, '.chalice', 'config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.stages.prod = { api_gateway_stage: 'v1', environment_variables: { BEHAVIOUR_STAGE: 'prod' } };
    writeFileSync(configPath, JSON.stringify(config));
    local = await startChaliceLocal(projectDir, ['--no-autoreload', '--stage', 'prod']);
  });
  afterAll(async () => {
    await local?.stop();
    removeDir(projectDir);
  });

  const getJson = async (path: string) => (await fetch(`${local.url}${path}`)).json();

  it("applies the stage's environment variables", async () => {
    expect(await getJson('/env')).toEqual({ greeting: 'hello from the top level', stage: 'prod', fn: null });
  });

  it("uses the stage's API Gateway stage name", async () => {
    expect(await getJson('/context')).toMatchObject({ stage: 'v1', path: '/v1/context' });
  });

  it('names the Lambda context after the function deployed in that stage', async () => {
    expect(await getJson('/fidelity/lambda-context')).toEqual({ functionName: 'behaviour-prod' });
  });
});
