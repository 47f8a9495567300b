/**
 * The Lambda Invoke API on `chalice local`'s port, so the AWS SDK (`new LambdaClient({
 * endpoint })`), the AWS CLI (`--endpoint-url`) or another service can invoke any function of
 * the app: `POST /2015-03-31/functions/NAME/invocations`.
 *
 * NAME is the app's function name (`every_hour`, `api_handler`), the deployed name
 * (`<app>-<stage>-<name>`, `<app>-<stage>` for `api_handler`) or its ARN, optionally with a
 * `:qualifier`. The invocation runs in the function's Lambda sandbox like every other one.
 * Answers are Lambda's:
 *   RequestResponse (default) → 200 with the result as JSON;
 *   a handler that threw, timed out or crashed → 200, `X-Amz-Function-Error: Unhandled` and
 *     `{"errorType","errorMessage","trace"}` (the Node.js runtime's error document);
 *   Event → 202 at once, the function runs in the background; DryRun → 204;
 *   unknown function → 404 ResourceNotFoundException, bad JSON → 400
 *     InvalidRequestContentException, over 6 MB → 413 RequestTooLargeException, each a JSON
 *     `{"Type","message"}` body with `x-amzn-ErrorType`, which the SDK turns into its exception.
 *
 * Precedence: a POST to this path is the Invoke API, never an app route (the app is warned at
 * load if it declares a route under `/2015-03-31/functions/`); every other request is the app's.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadyTarget, Target } from './app-host.js';

export const INVOKE_PATH_PREFIX = '/2015-03-31/functions/';
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Lambda's synchronous invocation payload limit (request and response). */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

export type InvokeEvent =
  | { readonly kind: 'invoked'; readonly functionName: string; readonly invocationType: 'RequestResponse' | 'Event'; readonly failed: boolean }
  | { readonly kind: 'invoke-failed'; readonly functionName: string; readonly message: string };

/** Whether this request is for the Invoke API (checked before the app's routes). */
export function isInvokeRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url !== undefined && req.url.startsWith(INVOKE_PATH_PREFIX) && INVOKE_PATH.test(req.url.split('?')[0]);
}

export interface InvokeEndpointOptions {
  readonly target: () => Target | undefined;
  readonly onEvent: (event: InvokeEvent) => void;
}

/** Answers one Invoke API request; never throws. */
export function handleInvoke(req: IncomingMessage, res: ServerResponse, options: InvokeEndpointOptions): void {
  const requestId = randomUUID();
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    invoke(req, res, options, requestId, tooLarge ? undefined : Buffer.concat(chunks).toString('utf8'), size).catch((error: unknown) => {
      answerError(res, requestId, 500, 'ServiceException', `chalice local failed to invoke the function: ${(error as Error | null)?.message ?? String(error)}`, 'Service');
    });
  });
}

async function invoke(req: IncomingMessage, res: ServerResponse, options: InvokeEndpointOptions, requestId: string, payload: string | undefined, size: number): Promise<void> {
  const encodedName = INVOKE_PATH.exec((req.url ?? '').split('?')[0])![1];
  let requested: string;
  try {
    requested = decodeURIComponent(encodedName);
  } catch {
    requested = encodedName;
  }
  const target = options.target();
  if (target === undefined || target.kind !== 'ready') {
    // The function's code does not load: Lambda reports an init error as the function's error.
    const message = target?.message ?? 'the app is still loading';
    return answerFunctionError(res, requestId, { errorType: 'Runtime.ImportModuleError', errorMessage: message, trace: [] });
  }
  const functionName = resolveFunctionName(target, requested);
  if (functionName === undefined) {
    const arn = requested.startsWith('arn:') ? requested : `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${requested}`;
    return answerError(res, requestId, 404, 'ResourceNotFoundException', `Function not found: ${arn} (chalice local serves ${target.functions.join(', ') || 'no functions'})`);
  }
  const invocationType = headerOf(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
    return answerError(res, requestId, 400, 'InvalidParameterValueException', `Unsupported invocation type ${invocationType}; use RequestResponse, Event or DryRun`);
  }
  if (payload === undefined) {
    return answerError(res, requestId, 413, 'RequestTooLargeException', `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation (got ${size})`);
  }
  const eventJson = payload.trim() === '' ? '{}' : payload;
  try {
    JSON.parse(eventJson);
  } catch (error) {
    return answerError(res, requestId, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${(error as Error).message}`);
  }
  if (invocationType === 'DryRun') return answer(res, requestId, 204, {}, '');
  if (invocationType === 'Event') {
    answer(res, requestId, 202, {}, '');
    const outcome = await run(target, functionName, eventJson, options);
    options.onEvent({ kind: 'invoked', functionName, invocationType, failed: !outcome.ok });
    return;
  }
  const outcome = await run(target, functionName, eventJson, options);
  options.onEvent({ kind: 'invoked', functionName, invocationType, failed: !outcome.ok });
  if (!outcome.ok) return answerFunctionError(res, requestId, outcome.error);
  answer(res, requestId, 200, { 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST' }, outcome.json);
}

export interface FunctionErrorDocument {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

type Outcome = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: FunctionErrorDocument };

async function run(target: ReadyTarget, functionName: string, eventJson: string, options: InvokeEndpointOptions): Promise<Outcome> {
  try {
    const result = await target.invoke(functionName, eventJson);
    return { ok: true, json: JSON.stringify(result) ?? 'null' };
  } catch (error) {
    const document = functionErrorDocument(error);
    // Sandbox failures (timeouts, crashes) were reported by the sandbox; an error the handler
    // threw is reported here, as Lambda logs it.
    if ((error as { name?: unknown } | null)?.name !== 'SandboxFailure') {
      options.onEvent({ kind: 'invoke-failed', functionName, message: `failed: ${document.trace.length > 0 ? document.trace.join('\n') : `${document.errorType}: ${document.errorMessage}`}` });
    }
    return { ok: false, error: document };
  }
}

/** What the Node.js Lambda runtime answers for an invocation that failed this way. */
export function functionErrorDocument(error: unknown): FunctionErrorDocument {
  const e = error as { name?: unknown; message?: unknown; stack?: unknown; reason?: unknown; functionName?: unknown } | null;
  if (e?.name === 'SandboxFailure') {
    const errorType = SANDBOX_ERROR_TYPES[String(e.reason)] ?? 'Runtime.ExitError';
    return { errorType, errorMessage: `${String(e.functionName)} ${String(e.message)}`, trace: [] };
  }
  if (e !== null && typeof e === 'object' && typeof e.message === 'string') {
    return {
      errorType: typeof e.name === 'string' ? e.name : 'Error',
      errorMessage: e.message,
      trace: typeof e.stack === 'string' ? e.stack.split('\n') : [],
    };
  }
  return { errorType: 'string', errorMessage: String(error), trace: [] };
}

/** The `errorType` Lambda gives each way a sandbox fails. */
const SANDBOX_ERROR_TYPES: Readonly<Record<string, string>> = {
  timeout: 'Sandbox.Timedout',
  exit: 'Runtime.ExitError',
  crash: 'Runtime.ExitError',
  'out-of-memory': 'Runtime.OutOfMemory',
  'init-failed': 'Runtime.InitError',
  stopped: 'Runtime.ExitError',
};

/** The app's function a requested name (short, deployed, ARN, with a qualifier) stands for. */
export function resolveFunctionName(target: Pick<ReadyTarget, 'functions' | 'stage' | 'app'>, requested: string): string | undefined {
  let name = requested;
  const arn = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(name);
  if (arn) name = arn[1];
  else name = name.replace(/:(\$LATEST|[A-Za-z0-9_-]+)$/, '');
  if (target.functions.includes(name)) return name;
  const deployedPrefix = `${target.app.appName}-${target.stage}`;
  if (name === deployedPrefix && target.functions.includes('api_handler')) return 'api_handler';
  if (name.startsWith(`${deployedPrefix}-`)) {
    const short = name.slice(deployedPrefix.length + 1);
    if (target.functions.includes(short)) return short;
  }
  return undefined;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answerFunctionError(res: ServerResponse, requestId: string, error: FunctionErrorDocument): void {
  answer(res, requestId, 200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Executed-Version': '$LATEST' }, JSON.stringify(error));
}

function answerError(res: ServerResponse, requestId: string, status: number, type: string, message: string, fault: 'User' | 'Service' = 'User'): void {
  if (res.headersSent) return;
  answer(res, requestId, status, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': type }, JSON.stringify({ Type: fault, message }));
}

function answer(res: ServerResponse, requestId: string, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
