/** Builds app graphs of the fixture projects (`test/fixtures/projects/<name>`) with fixed inputs. */
import { fileURLToPath } from 'node:url';
import type { AppGraph, AppModel, BuildAppGraphOptions, IamPolicyDocument } from '../../../src/graph/index.js';
import { buildAppGraph } from '../../../src/graph/index.js';
import type { ProjectConfig } from '../../../src/project/index.js';
import { parseProjectConfig, readProjectConfig } from '../../../src/project/index.js';

export const FIXTURE_NAMES = ['hello', 'full'] as const;
/** `http-api` (`api_type: "http"`) and `function-urls` have golden templates and plans but are kept out of FIXTURE_NAMES, whose users are REST API checks. */
export type FixtureName = (typeof FIXTURE_NAMES)[number] | 'http-api' | 'function-urls';

/** Stands in for the generated policy, so graphs do not depend on the policy analyser. */
export const FIXED_POLICY: IamPolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:*:logs:*:*:*' },
  ],
};

export const TEST_RUNTIME = 'nodejs20.x';
export const TEST_VERSION = '0.0.0-test';

export function fixtureDir(name: FixtureName): string {
  return fileURLToPath(new URL(`../../fixtures/projects/${name}/`, import.meta.url));
}

export async function loadFixtureApp(name: FixtureName): Promise<AppModel> {
  const module = (await import(`../../fixtures/projects/${name}/app.ts`)) as { app: AppModel };
  return module.app;
}

export async function fixtureGraph(name: FixtureName, stage = 'dev'): Promise<AppGraph> {
  const projectDir = fixtureDir(name);
  return buildAppGraph({
    app: await loadFixtureApp(name),
    config: readProjectConfig(projectDir),
    stage,
    projectDir,
    policyDocument: FIXED_POLICY,
    lambdaRuntime: TEST_RUNTIME,
    toolVersion: TEST_VERSION,
  });
}

/** A config from an inline `.chalice/config.json` object. */
export function inlineConfig(file: Record<string, unknown>): ProjectConfig {
  return parseProjectConfig(JSON.stringify({ version: '2.0', app_name: 'demo', ...file }), {
    projectDir: '/project',
    configPath: '/project/.chalice/config.json',
  });
}

/** Graph options with test defaults; `files` are the project files policy readers may ask for. */
export function graphOptions(
  app: AppModel,
  config: ProjectConfig,
  overrides: Partial<BuildAppGraphOptions> & { files?: Record<string, string> } = {},
): BuildAppGraphOptions {
  const { files = {}, ...rest } = overrides;
  return {
    app,
    config,
    stage: 'dev',
    projectDir: '/project',
    policyDocument: FIXED_POLICY,
    lambdaRuntime: TEST_RUNTIME,
    toolVersion: TEST_VERSION,
    readProjectFile: (file) => {
      if (file in files) return files[file];
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
    ...rest,
  };
}
