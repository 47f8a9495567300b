/**
 * `chalice invoke`: calls a deployed function synchronously (Lambda Invoke, RequestResponse)
 * with a JSON payload and returns what it answered. Lambda is behind `FunctionInvoker` so tests
 * use a fake.
 *
 * Lambda answers a function that threw with HTTP 200, `FunctionError` set ("Unhandled") and the
 * error as the payload (`{"errorType","errorMessage","trace"}` from the Node runtime,
 * `stackTrace` from Python's): the call succeeded, the function did not.
 */
import { ChaliceTsError } from '../../project/errors.js';
import { findJsonSyntaxError } from '../../project/json-syntax.js';

export interface InvokeResponse {
  /** The function's answer (or its error document), as Lambda returned it. */
  readonly payload: string;
  /** Set when the function failed (`Unhandled`, `Handled`). */
  readonly functionError?: string;
}

export interface FunctionInvoker {
  /** Lambda Invoke, InvocationType RequestResponse. */
  invoke(functionName: string, payload: string): Promise<InvokeResponse>;
}

/**
 * The payload to send, from what stdin held: empty (or only whitespace) means `{}`, as Lambda
 * itself defaults; anything else must be one JSON document, checked here so a typo fails with
 * its position instead of as Lambda's InvalidRequestContentException.
 */
export function invokePayload(text: string): string {
  if (text.trim() === '') return '{}';
  try {
    JSON.parse(text);
    return text;
  } catch (error) {
    const problem = findJsonSyntaxError(text);
    const where = problem ? ` at line ${problem.line}, column ${problem.column}: ${problem.message}` : `: ${(error as Error).message}`;
    throw new ChaliceTsError(
      `The payload on stdin is not valid JSON${where}; pipe one JSON document, e.g. \`echo '{"key": "value"}' | chalice invoke -n NAME\``,
      'invoke_payload_invalid',
    );
  }
}

/**
 * The text to show for a failed invocation, as the runtime would print it: Node's
 * `errorType: errorMessage` then its stack (`trace`); Python's traceback (`stackTrace`) then
 * `errorType: errorMessage`. An answer that is not an error document is shown as it came.
 */
export function formatFunctionError(payload: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return payload;
  const error = parsed as { errorType?: unknown; errorMessage?: unknown; trace?: unknown; stackTrace?: unknown };
  if (typeof error.errorMessage !== 'string') return payload;
  const heading = typeof error.errorType === 'string' ? `${error.errorType}: ${error.errorMessage}` : error.errorMessage;
  if (Array.isArray(error.trace)) {
    // The error's stack split in lines; its first line repeats the heading.
    const frames = error.trace.map(String);
    if (frames[0]?.trim() === heading) frames.shift();
    return [heading, ...frames].join('\n');
  }
  if (Array.isArray(error.stackTrace)) {
    const frames = error.stackTrace.map((frame) => (Array.isArray(frame) ? formatPythonFrame(frame) : String(frame).replace(/\n$/, '')));
    return ['Traceback (most recent call last):', ...frames, heading].join('\n');
  }
  return heading;
}

function formatPythonFrame(frame: readonly unknown[]): string {
  const [path, line, fn, code] = frame;
  return `  File "${String(path)}", line ${String(line)}, in ${String(fn)}\n    ${String(code)}`;
}
