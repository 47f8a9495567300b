/**
 * Reading function URLs back from a stage's deployed state: what `chalice deploy` prints at the
 * end and `chalice url` shows. Pending records (a deploy killed mid-way) have no URL and are skipped.
 */
import type { DeployedResource, DeployedState } from '../../project/deployed-state.js';

export interface DeployedFunctionUrl {
  /** The app's name for the function (`api_handler`, a `lambdaFunction`'s name). */
  readonly function: string;
  readonly functionName: string;
  readonly authType: string;
  /** `https://<id>.lambda-url.<region>.on.aws/`. */
  readonly url: string;
}

function isDeployedFunctionUrl(record: DeployedResource): boolean {
  return record.resourceType === 'function_url' && typeof record.functionUrl === 'string' && typeof record.functionName === 'string';
}

/** Sorted by the function's name. */
export function deployedFunctionUrls(state: DeployedState): DeployedFunctionUrl[] {
  return state.resources.filter(isDeployedFunctionUrl).map((record) => ({
    function: String(record.function ?? record.functionName),
    functionName: String(record.functionName),
    authType: String(record.authType ?? ''),
    url: String(record.functionUrl),
  })).sort((a, b) => (a.function < b.function ? -1 : a.function > b.function ? 1 : 0));
}

/** The line of each URL, e.g. `Function URL (api_handler): https://abc.lambda-url.us-west-2.on.aws/`. */
export function functionUrlLines(state: DeployedState): string[] {
  return deployedFunctionUrls(state).map((u) => `Function URL (${u.function}): ${u.url}`);
}
