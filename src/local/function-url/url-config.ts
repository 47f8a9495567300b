/**
 * Which functions of the app `chalice local` serves through a function URL, and with what
 * settings: `lambda_functions.<fn>.function_url` of the served stage, for the app's functions.
 * The config was validated when the app loaded; a config that does not resolve serves no URL.
 */
import { createHash } from 'node:crypto';
import type { FunctionUrlConfig } from '../../project/index.js';
import { readProjectConfig, resolveFunctionConfig } from '../../project/index.js';

/** Requests under `/_lambda-url/<function>/…` go to that function's URL. */
export const FUNCTION_URL_PATH_PREFIX = '/_lambda-url/';

export interface LocalFunctionUrl extends FunctionUrlConfig {
  /** The app's name for the function (`api_handler`, a `lambdaFunction`'s name). */
  readonly name: string;
  /** A stable stand-in for Lambda's 32-character url id (`requestContext.apiId`). */
  readonly urlId: string;
}

export function localFunctionUrls(projectDir: string, stage: string, functions: readonly string[], appName: string): LocalFunctionUrl[] {
  let config: ReturnType<typeof readProjectConfig>;
  try {
    config = readProjectConfig(projectDir);
  } catch {
    return [];
  }
  const out: LocalFunctionUrl[] = [];
  for (const name of functions) {
    let url: FunctionUrlConfig | undefined;
    try {
      url = resolveFunctionConfig(config, stage, name).functionUrl;
    } catch {
      url = undefined;
    }
    if (url !== undefined) out.push({ ...url, name, urlId: createHash('sha256').update(`${appName}-${stage}-${name}`).digest('hex').slice(0, 32) });
  }
  return out;
}

/** The local address of a function's URL, e.g. `http://127.0.0.1:8000/_lambda-url/api_handler/`. */
export function localFunctionUrlAddress(serverUrl: string, name: string): string {
  return `${serverUrl}${FUNCTION_URL_PATH_PREFIX}${encodeURIComponent(name)}/`;
}
