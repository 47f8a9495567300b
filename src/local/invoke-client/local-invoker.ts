/**
 * `chalice invoke --local`: one synchronous Lambda Invoke of a function of the app a running
 * `chalice local` serves, over its Invoke API (../server/lambda-invoke-endpoint.ts), answered
 * in the deployed command's `InvokeResponse` shape so both print alike. It uses node:http, not
 * fetch: fetch refuses the ports browsers block (6000, 6665…), where chalice local may listen.
 */
import { request } from 'node:http';
import { ChaliceTsError } from '../../project/errors.js';

export interface LocalInvokeResponse {
  readonly payload: string;
  readonly functionError?: string;
}

export async function invokeLocalFunction(baseUrl: string, functionName: string, payload: string): Promise<LocalInvokeResponse> {
  const url = `${baseUrl}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  let response: { status: number; headers: Record<string, string | string[] | undefined>; text: string };
  try {
    response = await post(url, payload);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    throw new ChaliceTsError(`No chalice local answers at ${baseUrl}${why}; start it with \`chalice local\` in this project, or pass the --port (and --host) it serves on`, 'local_unreachable');
  }
  const { text } = response;
  const header = (name: string): string | null => {
    const value = response.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value[0] : value;
  };
  const errorType = header('x-amzn-errortype');
  if (errorType !== null) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: shown as it came
    }
    if (errorType === 'ResourceNotFoundException') throw new ChaliceTsError(`${message}; pass one of those with -n`, 'function_not_found');
    throw new ChaliceTsError(`chalice local refused the invocation (${errorType}): ${message}`, 'invoke_refused');
  }
  if (response.status < 200 || response.status > 299) {
    throw new ChaliceTsError(`${baseUrl} answered ${response.status} to a Lambda Invoke; is it chalice local (a version with the Invoke API)? Pass the --port it serves on`, 'invoke_refused');
  }
  const functionError = header('x-amz-function-error');
  return { payload: text, ...(functionError !== null ? { functionError } : {}) };
}

function post(url: string, body: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'X-Amz-Invocation-Type': 'RequestResponse', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
