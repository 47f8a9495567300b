/**
 * What the test client takes from `<projectDir>/.chalice/config.json` for one stage: the API
 * Gateway stage name, the stage's environment variables, and per function its merged
 * environment variables, timeout and memory size. A project without a config file gets the
 * defaults and no variables.
 */
import { existsSync } from 'node:fs';
import { configPathOf, readProjectConfig, resolveFunctionConfig, resolveStageConfig, type FunctionUrlConfig, type ProjectConfig } from '../project/index.js';

export interface FunctionSettings {
  readonly environmentVariables: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** `function_url`, when the function has one. */
  readonly functionUrl?: FunctionUrlConfig;
}

export interface ClientSettings {
  readonly apiGatewayStage: string;
  /** `api_type`: which API Gateway the routes are served by. */
  readonly apiType: 'rest' | 'http';
  readonly stageEnvironment: Readonly<Record<string, string>>;
  functionSettings(functionName: string): FunctionSettings;
}

const DEFAULT_FUNCTION: FunctionSettings = { environmentVariables: {}, timeoutSeconds: 60, memoryMb: 128 };

/**
 * @throws ChaliceTsError / ConfigError when the config file exists but is invalid or does not
 *   define `stage`.
 */
export function readClientSettings(projectDir: string, stage: string): ClientSettings {
  if (!existsSync(configPathOf(projectDir))) {
    return { apiGatewayStage: 'api', apiType: 'rest', stageEnvironment: {}, functionSettings: () => DEFAULT_FUNCTION };
  }
  const config: ProjectConfig = readProjectConfig(projectDir);
  const stageConfig = resolveStageConfig(config, stage);
  const cache = new Map<string, FunctionSettings>();
  return {
    apiGatewayStage: stageConfig.apiGatewayStage,
    apiType: stageConfig.apiType,
    stageEnvironment: stageConfig.environmentVariables,
    functionSettings(functionName) {
      let settings = cache.get(functionName);
      if (settings === undefined) {
        const fn = resolveFunctionConfig(config, stage, functionName);
        settings = { environmentVariables: fn.environmentVariables, timeoutSeconds: fn.lambdaTimeout, memoryMb: fn.lambdaMemorySize, ...(fn.functionUrl ? { functionUrl: fn.functionUrl } : {}) };
        cache.set(functionName, settings);
      }
      return settings;
    },
  };
}
