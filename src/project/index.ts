/**
 * The project layer: reading a user project. `.chalice/config.json` (validation, stage and
 * per-function precedence), loading the app, and the deployed-state files. Engine code: it
 * never prints; problems are thrown as `ChaliceTsError` with a code.
 */
export { ChaliceTsError } from './errors.js';
export { ConfigError, formatKeyPath, type ConfigProblem } from './config-error.js';
export type {
  AsyncInvocationSettings,
  Architecture,
  ConfigFile,
  CustomDomainConfig,
  CustomDomainConfigFile,
  EndpointType,
  FunctionConfig,
  FunctionConfigFile,
  FunctionUrlAuthType,
  FunctionUrlConfig,
  FunctionUrlConfigFile,
  FunctionUrlCors,
  FunctionUrlInvokeMode,
  LambdaSettings,
  ProjectConfig,
  StageConfig,
  StageConfigFile,
  TlsVersion,
} from './config-types.js';
export { DEFAULT_STAGE, REST_API_FUNCTION_NAME } from './config-types.js';
export { configPathOf, parseProjectConfig, readProjectConfig } from './config-file.js';
export { validateConfigFile } from './config-validate.js';
export { resolveFunctionConfig, resolveStageConfig } from './config-resolve.js';
export type { AppBundle, AppLike, LoadAppOptions, LoadedApp } from './app-loader.js';
export { APP_ENTRY_NAMES, bundleApp, chaliceTsSourceDir, disposeAppBundle, importAppBundle, isAppLike, loadApp } from './app-loader.js';
export type { DeployedResource, DeployedState } from './deployed-state.js';
export {
  DEPLOYED_STATE_SCHEMA_VERSION,
  deployedStatePath,
  deployedStateToJson,
  parseDeployedState,
  readDeployedState,
  writeDeployedState,
} from './deployed-state.js';
export type { JsonValue } from './stable-json.js';
export { sortKeysDeep, stableStringify } from './stable-json.js';
export type { JsonSyntaxProblem } from './json-syntax.js';
export { findJsonSyntaxError } from './json-syntax.js';
export { unknownFunctionConfigWarnings } from './function-names.js';
