/**
 * Structural validation of a parsed `.chalice/config.json`: every key is known and allowed at
 * its level, and every value has the documented type and range. Combinations that depend on
 * several levels (an IAM role ARN when the role is not managed, both VPC lists, a PRIVATE
 * API's endpoint) are checked after merging, in config-resolve.ts.
 *
 * The walk reports every problem and goes on; below a value of the wrong shape (a stage that
 * is not an object, a misplaced `lambda_functions`) it does not descend, so one mistake is
 * reported once rather than as a cascade.
 */
import { ConfigProblems } from './config-error.js';
import type { Fail, Level } from './config-schema.js';
import { KEY_SPECS, NAME_PATTERN, describeValue, isPlainObject, keysAt, misplacedKeyProblem } from './config-schema.js';
import type { ConfigFile } from './config-types.js';
import { closestMatch } from './suggest.js';

/** Validates a parsed config file; throws one `ConfigError` naming `configPath` and every problem found. */
export function validateConfigFile(value: unknown, configPath: string): ConfigFile {
  const problems = new ConfigProblems(configPath);
  checkFile(value, problems.report);
  problems.throwIfAny();
  return value as ConfigFile;
}

function checkFile(value: unknown, fail: Fail): void {
  if (!isPlainObject(value)) return fail([], `must contain a JSON object, got ${describeValue(value)}`);
  checkLevel(value, [], 'top', fail);
  if (!('app_name' in value)) fail(['app_name'], 'is required; add e.g. "app_name": "myapp" at the top level');
  if (!('stages' in value)) return;
  const stages = value.stages;
  if (!isPlainObject(stages)) return fail(['stages'], `must be an object mapping stage names to stage settings, got ${describeValue(stages)}`);
  for (const [stage, settings] of Object.entries(stages)) {
    if (!NAME_PATTERN.test(stage)) fail(['stages', stage], 'is not a valid stage name: use letters, digits, "-" and "_"');
    else if (!isPlainObject(settings)) fail(['stages', stage], `must be an object of stage settings, got ${describeValue(settings)}`);
    if (isPlainObject(settings)) checkLevel(settings, ['stages', stage], 'stage', fail);
  }
}

function checkLevel(object: Record<string, unknown>, path: readonly string[], level: Level, fail: Fail): void {
  for (const [key, value] of Object.entries(object)) {
    const at = [...path, key];
    if (!Object.hasOwn(KEY_SPECS, key)) {
      // Search every known key, not only this level's, so a misspelt key from another level
      // still gets a useful suggestion (and then a "can only be set at …" message once fixed).
      const suggestion = closestMatch(key, Object.keys(KEY_SPECS));
      fail(at, suggestion ? `is not a known key; did you mean "${suggestion}"?` : `is not a known key; known keys here are: ${keysAt(level).sort().join(', ')}`);
      continue;
    }
    const spec = KEY_SPECS[key];
    if (!spec.levels.includes(level)) fail(at, misplacedKeyProblem(key));
    else spec.check(value, at, fail);
  }
  if (level === 'function' || !('lambda_functions' in object)) return;
  const functions = object.lambda_functions;
  const at = [...path, 'lambda_functions'];
  if (!isPlainObject(functions)) return fail(at, `must be an object mapping function names to function settings, got ${describeValue(functions)}`);
  for (const [name, settings] of Object.entries(functions)) {
    if (name === '') fail([...at, name], 'has an empty function name; name the function, e.g. "api_handler"');
    if (!isPlainObject(settings)) fail([...at, name], `must be an object of function settings, got ${describeValue(settings)}`);
    else checkLevel(settings, [...at, name], 'function', fail);
  }
}
