/**
 * Reading `.chalice/config.json`: file → JSON (with `file:line:column` on syntax errors) →
 * structural validation → eager combination checks for every declared stage and every
 * function the file names, so a broken config fails when it is read rather than halfway
 * through a deploy.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ConfigProblems } from './config-error.js';
import { resolveFunctionConfigWith, resolveStageConfigWith } from './config-resolve.js';
import type { ProjectConfig } from './config-types.js';
import { DEFAULT_STAGE } from './config-types.js';
import { validateConfigFile } from './config-validate.js';
import { ChaliceTsError } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';

/** Path of the config file of a project. */
export function configPathOf(projectDir: string): string {
  return join(projectDir, '.chalice', 'config.json');
}

/**
 * Reads and validates `<projectDir>/.chalice/config.json`.
 * @throws ChaliceTsError `project_not_found` / `config_not_found`; ConfigError `config_invalid`.
 */
export function readProjectConfig(projectDir: string): ProjectConfig {
  const configPath = configPathOf(projectDir);
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new ChaliceTsError(`Project directory ${projectDir} does not exist; pass the directory that holds app.ts and .chalice/`, 'project_not_found');
  }
  if (!existsSync(configPath)) {
    throw new ChaliceTsError(
      `No .chalice/config.json in ${projectDir}: run \`chalice new-project\` to create a project, or create .chalice/config.json containing {"version": "2.0", "app_name": "<your app>"}`,
      'config_not_found',
    );
  }
  return parseProjectConfig(readFileSync(configPath, 'utf8'), { projectDir, configPath });
}

/**
 * Validates config text that has already been read (for tests and for tools that generate
 * config). `configPath` is only used in messages.
 */
export function parseProjectConfig(text: string, where: { readonly projectDir: string; readonly configPath: string }): ProjectConfig {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text; // editors on Windows may add a BOM
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const problem = findJsonSyntaxError(json);
    const location = problem ? `:${problem.line}:${problem.column}` : '';
    const reason = problem?.message ?? (error as Error).message;
    throw new ConfigError(`${where.configPath}${location}`, [], `is not valid JSON: ${reason}`);
  }
  const file = validateConfigFile(parsed, where.configPath);
  const config: ProjectConfig = {
    projectDir: where.projectDir,
    configPath: where.configPath,
    appName: file.app_name,
    stageNames: Object.keys(file.stages ?? {}).sort(),
    file,
  };
  checkCombinations(config);
  return config;
}

/**
 * Resolves every declared stage (or the default stage) and every function the file configures,
 * and throws one error listing every impossible combination. A top-level mistake shows up in
 * every stage and function; it is reported once, at its key path.
 */
function checkCombinations(config: ProjectConfig): void {
  const problems = new ConfigProblems(config.configPath);
  const stages = config.stageNames.length > 0 ? config.stageNames : [DEFAULT_STAGE];
  const topFunctions = Object.keys(config.file.lambda_functions ?? {});
  for (const stage of stages) {
    resolveStageConfigWith(config, stage, problems.report);
    const stageFunctions = Object.keys(config.file.stages?.[stage]?.lambda_functions ?? {});
    for (const name of new Set([...topFunctions, ...stageFunctions])) resolveFunctionConfigWith(config, stage, name, problems.report);
  }
  problems.throwIfAny();
}
