/**
 * The deployed-state file `.chalice/deployed/<stage>.json`: what `chalice deploy` created in a
 * stage, read by `url`, `logs`, `invoke`, `delete` and the next deploy.
 *
 * Format: `{"resources": [...], "schemaVersion": "1.0"}`, each resource at least
 * `{"name", "resourceType"}` plus the fields its deployer records (ARNs, ids, URLs). The file
 * carries a schemaVersion; one this version does not know fails instead of being misread.
 * Writes are atomic (temporary file + rename in the same directory, so a crash never leaves a
 * half-written state behind) and deterministic (sorted keys, 2-space indent, trailing newline).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { NAME_PATTERN, describeValue, isPlainObject } from './config-schema.js';
import { ChaliceTsError } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import type { JsonValue } from './stable-json.js';
import { stableStringify } from './stable-json.js';

export const DEPLOYED_STATE_SCHEMA_VERSION = '1.0';

export interface DeployedResource {
  /** Resource name in the app graph, e.g. `api_handler`, `rest_api`. */
  readonly name: string;
  /** Kind of resource, e.g. `lambda_function`, `rest_api`. */
  readonly resourceType: string;
  readonly [field: string]: JsonValue;
}

export interface DeployedState {
  /** In deployment order; `delete` removes them in reverse. */
  readonly resources: readonly DeployedResource[];
}

/** Path of a stage's deployed-state file. */
export function deployedStatePath(projectDir: string, stage: string): string {
  if (!NAME_PATTERN.test(stage)) {
    throw new ChaliceTsError(`Invalid stage name ${JSON.stringify(stage)}: use letters, digits, "-" and "_"`, 'stage_invalid');
  }
  return join(projectDir, '.chalice', 'deployed', `${stage}.json`);
}

/** The file text for a state (pure). */
export function deployedStateToJson(state: DeployedState): string {
  return stableStringify({ schemaVersion: DEPLOYED_STATE_SCHEMA_VERSION, resources: state.resources });
}

/** Parses and checks state file text; `file` is only used in messages. */
export function parseDeployedState(text: string, file: string): DeployedState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxError(text);
    const where = problem ? `${file}:${problem.line}:${problem.column}` : file;
    throw invalid(where, `is not valid JSON: ${problem?.message ?? (error as Error).message}`);
  }
  if (!isPlainObject(parsed)) throw invalid(file, `must contain a JSON object, got ${describeValue(parsed)}`);
  if (!('schemaVersion' in parsed)) {
    throw new ChaliceTsError(
      `${file} has no schemaVersion, so it was not written by chalice-ts; move it away before deploying this stage with chalice-ts`,
      'state_schema_unsupported',
    );
  }
  if (parsed.schemaVersion !== DEPLOYED_STATE_SCHEMA_VERSION) {
    throw new ChaliceTsError(
      `${file} has schemaVersion ${describeValue(parsed.schemaVersion)}, which this chalice-ts does not read (it reads "${DEPLOYED_STATE_SCHEMA_VERSION}"); use the chalice-ts version that wrote it`,
      'state_schema_unsupported',
    );
  }
  const resources = parsed.resources;
  if (!Array.isArray(resources)) throw invalid(file, `resources must be a list, got ${describeValue(resources)}`);
  resources.forEach((resource: unknown, i) => {
    if (!isPlainObject(resource) || typeof resource.name !== 'string' || typeof resource.resourceType !== 'string') {
      throw invalid(file, `resources.${i} must be an object with string "name" and "resourceType"`);
    }
  });
  return { resources: resources as DeployedResource[] };
}

/** Reads a stage's state; undefined when the stage has never been deployed. */
export function readDeployedState(projectDir: string, stage: string): DeployedState | undefined {
  const file = deployedStatePath(projectDir, stage);
  if (!existsSync(file)) return undefined;
  return parseDeployedState(readFileSync(file, 'utf8'), file);
}

/** Writes a stage's state atomically and deterministically. */
export function writeDeployedState(projectDir: string, stage: string, state: DeployedState): void {
  const file = deployedStatePath(projectDir, stage);
  mkdirSync(dirname(file), { recursive: true });
  // Same directory as the target, so rename is atomic (never across file systems).
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, deployedStateToJson(state));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function invalid(file: string, problem: string): ChaliceTsError {
  return new ChaliceTsError(`${file}: ${problem}; fix or remove the file`, 'state_invalid');
}
