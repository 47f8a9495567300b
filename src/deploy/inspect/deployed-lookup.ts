/**
 * Finding what `url`, `logs` and `invoke` work on in a stage's deployed state
 * (`.chalice/deployed/<stage>.json`): the REST API and the functions, by the resource names the
 * app graph gives them (`api_handler`, a handler's name). Missing things are user errors that
 * say what exists and what to run.
 */
import { deployedFunctions, deployedRestApi, type DeployedFunctionRecord, type DeployedRestApiRecord } from '../deployed-records.js';
import { readDeployedState, type DeployedState } from '../../project/deployed-state.js';
import { ChaliceTsError } from '../../project/errors.js';
import { closestMatch } from '../../project/suggest.js';

/** The stage's state; a never-deployed stage is a user error naming the fix. */
export function requireDeployedState(projectDir: string, stage: string): DeployedState {
  const state = readDeployedState(projectDir, stage);
  if (state === undefined) {
    throw new ChaliceTsError(
      `Stage "${stage}" has not been deployed (no .chalice/deployed/${stage}.json in ${projectDir}); run \`chalice deploy --stage ${stage}\` first`,
      'stage_not_deployed',
    );
  }
  return state;
}

/** The stage's REST API record. */
export function requireRestApi(state: DeployedState, stage: string): DeployedRestApiRecord {
  const api = deployedRestApi(state);
  if (api === undefined) {
    throw new ChaliceTsError(
      `Stage "${stage}" has no deployed REST API (the app has no routes, or was deployed before it had any); add a route and run \`chalice deploy --stage ${stage}\``,
      'rest_api_not_deployed',
    );
  }
  return api;
}

/** The deployed function named `name` (the app's name for it, not the Lambda function name). */
export function requireFunction(state: DeployedState, stage: string, name: string): DeployedFunctionRecord {
  const functions = deployedFunctions(state);
  const found = functions.find((record) => record.name === name)
    // The Lambda name (`myapp-dev-foo`) is what the AWS console shows; accept it too.
    ?? functions.find((record) => record.functionName === name);
  if (found !== undefined) return found;
  const names = functions.map((record) => record.name);
  if (names.length === 0) {
    throw new ChaliceTsError(`Stage "${stage}" has no deployed Lambda functions; run \`chalice deploy --stage ${stage}\``, 'function_not_deployed');
  }
  const suggestion = closestMatch(name, names);
  throw new ChaliceTsError(
    `No deployed function named "${name}" in stage "${stage}"${suggestion !== undefined ? ` (did you mean "${suggestion}"?)` : ''}; deployed functions: ${names.join(', ')}`,
    'function_not_deployed',
  );
}

/** The region of a Lambda ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region === undefined || region === '' ? undefined : region;
}
