/**
 * A route's Standard Schema validators at request time (see `RouteSchemas`):
 *
 *   request → body schema (on `jsonBody`) + query schema (on `query`) → outputs stored on the
 *   request, or one 400 BadRequestError naming every problem → view → response schema on what
 *   the view returned (a 2xx body) → the schema's output is sent, or a 500 whose logged error
 *   names the mismatch.
 *
 * A validator may answer synchronously or with a promise (async refinements); both are
 * supported, and a synchronous one keeps the whole invocation synchronous (see rest-api.ts).
 * Messages are bounded: a hostile body with thousands of problems must not produce a
 * megabyte of error text, so only the first issues are listed, each cut to a few hundred
 * characters.
 */
import { BadRequestError } from '../errors.js';
import { isJsonContentType, queryParamsToObject, setValidatedInput, type Request } from '../request.js';
import type { RouteSchemas } from '../resources.js';
import { Response, isResponse } from '../response.js';
import type { StandardSchemaV1 } from '../standard-schema.js';

/** Issues listed in one message; the rest are counted. */
export const MAX_LISTED_ISSUES = 10;
/** Characters kept of one issue (path and message). */
export const MAX_ISSUE_LENGTH = 300;

type Result = StandardSchemaV1.Result<unknown>;
type Part = 'body' | 'query';

/**
 * Validates the request's body and query against the route's schemas and stores the outputs
 * on the request (`jsonBody`, `query`). Throws (or rejects with) a `BadRequestError` listing
 * every problem of both; returns a promise only when a validator answered with one.
 */
export function validateRequestInput(schemas: RouteSchemas, request: Request): void | Promise<void> {
  const parts: Part[] = [];
  const results: (Result | Promise<Result>)[] = [];
  if (schemas.body !== undefined) {
    // A body that is not JSON throws BadRequestError('Error Parsing JSON') here, as in any view.
    const body = request.jsonBody;
    parts.push('body');
    results.push(schemas.body['~standard'].validate(body));
  }
  if (schemas.query !== undefined) {
    parts.push('query');
    results.push(schemas.query['~standard'].validate(queryParamsToObject(request.queryParams)));
  }
  if (results.some(isThenable)) return Promise.all(results).then((settled) => applyResults(parts, settled, request));
  applyResults(parts, results as Result[], request);
}

function applyResults(parts: readonly Part[], results: readonly Result[], request: Request): void {
  const problems: string[] = [];
  results.forEach((result, i) => {
    if (result.issues) problems.push(partProblem(parts[i], result.issues, request));
    else setValidatedInput(request, parts[i], result.value);
  });
  if (problems.length > 0) throw new BadRequestError(problems.join('; '));
}

function partProblem(part: Part, issues: readonly StandardSchemaV1.Issue[], request: Request): string {
  if (part === 'query') return `Invalid query string: ${issuesToText(issues)}`;
  const contentType = request.headers.get('content-type');
  // Without a JSON Content-Type `jsonBody` is null, which is rarely what the client meant.
  const hint = contentType === undefined || !isJsonContentType(contentType) ? ' (a body is read as JSON only when sent with Content-Type: application/json)' : '';
  return `Invalid request body: ${issuesToText(issues)}${hint}`;
}

/** `name: Required, items[0].id: Expected number, … and 3 more issues`. */
export function issuesToText(issues: readonly StandardSchemaV1.Issue[]): string {
  if (issues.length === 0) return 'the validator rejected the value without naming an issue';
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = issuePathToText(issue.path);
    const text = path === '' ? String(issue.message) : `${path}: ${String(issue.message)}`;
    return text.length > MAX_ISSUE_LENGTH ? `${text.slice(0, MAX_ISSUE_LENGTH - 1)}…` : text;
  });
  const more = issues.length - listed.length;
  if (more > 0) listed.push(`… and ${more} more issue${more === 1 ? '' : 's'}`);
  return listed.join(', ');
}

/** `['items', 0, 'id']` → `items[0].id`; keys that are not identifiers are quoted. */
export function issuePathToText(path: StandardSchemaV1.Issue['path']): string {
  if (path === undefined) return '';
  let text = '';
  for (const segment of path) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${typeof key === 'symbol' ? key.toString() : JSON.stringify(key)}]`;
  }
  return text;
}

/** Thrown for a view result that does not match the route's response schema (a 500: the view's fault). */
export class ResponseSchemaMismatch extends Error {
  constructor(view: string, issues: readonly StandardSchemaV1.Issue[]) {
    super(`View ${view} returned a body that does not match its response schema: ${issuesToText(issues)}`);
    this.name = 'ResponseSchemaMismatch';
  }
}

/**
 * Checks what a view returned against its response schema: a plain value, or the body of a
 * 2xx `Response` (error responses and binary bodies are not the schema's business). Returns
 * the value to send, with the schema's output as the body, or throws `ResponseSchemaMismatch`.
 */
export function checkViewResult(schema: StandardSchemaV1, view: string, value: unknown): unknown {
  const response = isResponse(value) ? value : undefined;
  if (response !== undefined && (response.statusCode < 200 || response.statusCode > 299 || response.body instanceof Uint8Array)) return value;
  const result = schema['~standard'].validate(response === undefined ? value : response.body);
  const settle = (settled: Result): unknown => {
    if (settled.issues) throw new ResponseSchemaMismatch(view, settled.issues);
    return response === undefined ? settled.value : new Response({ body: settled.value, headers: response.headers, statusCode: response.statusCode });
  };
  return isThenable(result) ? Promise.resolve(result).then(settle) : settle(result);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
