/**
 * The keys of `.chalice/config.json`: where each may appear and what its value must be.
 *
 * Levels: 'top' (the file's root object), 'stage' (`stages.<stage>`) and 'function'
 * (`lambda_functions.<fn>`, both at the top and inside a stage). The sets follow the
 * configuration reference: stage keys are also allowed at the top level;
 * `api_gateway_endpoint_type` is top-level only; per-function keys are the twelve listed for
 * Lambda specific configuration. Limits that AWS enforces at deploy time (memory, timeout,
 * layer count, name characters) are checked here so the mistake is reported with its key path
 * before anything is built.
 */
import { stateUrlProblem } from './state-url.js';
import { closestMatch } from './suggest.js';

export type Level = 'top' | 'stage' | 'function';

/** Reports a problem at a key path; checking goes on so that every problem is reported. */
export type Fail = (path: readonly string[], problem: string) => void;
/** Checks one value; calls `fail` with the (possibly deeper) path of each problem it finds. */
export type Check = (value: unknown, path: readonly string[], fail: Fail) => void;

export interface KeySpec {
  readonly levels: readonly Level[];
  readonly check: Check;
}

/** Describes a JSON value for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const expect = (what: string): Check => (value, path, fail) => fail(path, `must be ${what}, got ${describeValue(value)}`);

const boolean: Check = (value, path, fail) => {
  if (typeof value !== 'boolean') expect('true or false')(value, path, fail);
};

const nonEmptyString = (what = 'a non-empty string'): Check => (value, path, fail) => {
  if (typeof value !== 'string' || value === '') expect(what)(value, path, fail);
};

function pattern(re: RegExp, what: string): Check {
  return (value, path, fail) => {
    if (typeof value !== 'string' || !re.test(value)) expect(what)(value, path, fail);
  };
}

function oneOf(values: readonly string[]): Check {
  const what = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return (value, path, fail) => {
    if (typeof value !== 'string' || !values.includes(value)) expect(what)(value, path, fail);
  };
}

function oneOfNumbers(values: readonly number[], unit: string): Check {
  const what = `one of ${values.join(', ')} (${unit})`;
  return (value, path, fail) => {
    if (typeof value !== 'number' || !values.includes(value)) expect(what)(value, path, fail);
  };
}

function integer(min: number, max: number, unit: string): Check {
  const range = max === Infinity ? `${min} or more` : `from ${min} to ${max}`;
  const what = `an integer ${range}${unit ? ` (${unit})` : ''}`;
  return (value, path, fail) => {
    const ok = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    if (!ok) expect(what)(value, path, fail);
  };
}

function stringList(options: { max?: number } = {}): Check {
  const what = `a list of non-empty strings${options.max === undefined ? '' : ` (at most ${options.max})`}`;
  return (value, path, fail) => {
    if (!Array.isArray(value)) return expect(what)(value, path, fail);
    value.forEach((item, i) => {
      if (typeof item !== 'string' || item === '') expect('a non-empty string')(item, [...path, String(i)], fail);
    });
    if (options.max !== undefined && value.length > options.max) fail(path, `must have at most ${options.max} entries, got ${value.length}`);
  };
}

function stringMap(keyPattern?: RegExp, keyWhat = ''): Check {
  return (value, path, fail) => {
    if (!isPlainObject(value)) return expect('an object mapping names to string values')(value, path, fail);
    for (const [key, item] of Object.entries(value)) {
      if (keyPattern && !keyPattern.test(key)) fail([...path, key], `is not a valid name: ${keyWhat}`);
      if (typeof item !== 'string') {
        expect('a string (quote numbers and booleans, e.g. "1" or "true")')(item, [...path, key], fail);
      }
    }
  };
}

const arn = pattern(/^arn:[^:]+:[^:]+:/, 'an ARN (arn:aws:…)');

/**
 * Rejects keys of `object` that are not in `known`, suggesting the closest known key.
 * `hints` maps a key someone might write (e.g. from another example) to the one it means.
 */
export function rejectUnknownKeys(
  object: Record<string, unknown>,
  path: readonly string[],
  known: readonly string[],
  fail: Fail,
  hints: Readonly<Record<string, string>> = {},
): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const suggestion = hints[key] ?? closestMatch(key, known);
    fail(
      [...path, key],
      suggestion
        ? `is not a known key; did you mean "${suggestion}"?`
        : `is not a known key; known keys here are: ${[...known].sort().join(', ')}`,
    );
  }
}

const customDomain: Check = (value, path, fail) => {
  if (!isPlainObject(value)) return expect('an object with domain_name and certificate_arn')(value, path, fail);
  const known = ['domain_name', 'certificate_arn', 'tls_version', 'url_prefix', 'tags'];
  rejectUnknownKeys(value, path, known, fail, { security_policy: 'tls_version', url_prefixes: 'url_prefix' });
  const required: ReadonlyArray<[string, Check]> = [
    ['domain_name', nonEmptyString('a domain name such as "api.example.com"')],
    ['certificate_arn', arn],
  ];
  for (const [key, check] of required) {
    if (key in value) check(value[key], [...path, key], fail);
    else fail([...path, key], 'is required for a custom domain');
  }
  if ('tls_version' in value) oneOf(['TLS_1_0', 'TLS_1_2'])(value.tls_version, [...path, 'tls_version'], fail);
  if ('url_prefix' in value) nonEmptyString()(value.url_prefix, [...path, 'url_prefix'], fail);
  if ('tags' in value) stringMap()(value.tags, [...path, 'tags'], fail);
};

/** Lambda's AllowMethods values for a function URL's CORS (`*`: every method). */
const FUNCTION_URL_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE', '*'];

/** `function_url`: `{ auth_type, cors?, invoke_mode? }`, with the limits CreateFunctionUrlConfig enforces. */
const functionUrl: Check = (value, path, fail) => {
  if (!isPlainObject(value)) return expect('an object such as {"auth_type": "NONE"}')(value, path, fail);
  rejectUnknownKeys(value, path, ['auth_type', 'cors', 'invoke_mode'], fail, { authorization_type: 'auth_type', AuthType: 'auth_type', InvokeMode: 'invoke_mode', Cors: 'cors' });
  if (!('auth_type' in value)) {
    fail([...path, 'auth_type'], 'is required: "NONE" (a public URL anyone can call) or "AWS_IAM" (callers sign requests with SigV4); choose one explicitly');
  } else {
    oneOf(['NONE', 'AWS_IAM'])(value.auth_type, [...path, 'auth_type'], fail);
  }
  if ('invoke_mode' in value) oneOf(['BUFFERED', 'RESPONSE_STREAM'])(value.invoke_mode, [...path, 'invoke_mode'], fail);
  if (!('cors' in value)) return;
  const cors = value.cors;
  const at = [...path, 'cors'];
  if (!isPlainObject(cors)) return expect('an object such as {"allow_origins": ["https://example.com"]}')(cors, at, fail);
  const lists = ['allow_origins', 'allow_methods', 'allow_headers', 'expose_headers'];
  rejectUnknownKeys(cors, at, [...lists, 'max_age', 'allow_credentials'], fail, { allow_origin: 'allow_origins', allow_method: 'allow_methods', max_age_seconds: 'max_age' });
  // Lambda takes at most 100 origins and headers and 6 methods.
  for (const key of lists) if (key in cors) stringList({ max: key === 'allow_methods' ? 6 : 100 })(cors[key], [...at, key], fail);
  if (Array.isArray(cors.allow_methods)) {
    cors.allow_methods.forEach((method, i) => {
      if (typeof method === 'string' && method !== '' && !FUNCTION_URL_METHODS.includes(method)) {
        fail([...at, 'allow_methods', String(i)], `must be one of ${FUNCTION_URL_METHODS.map((m) => JSON.stringify(m)).join(', ')}, got ${describeValue(method)}`);
      }
    });
  }
  if ('max_age' in cors) integer(0, 86_400, 'seconds')(cors.max_age, [...at, 'max_age'], fail);
  if ('allow_credentials' in cors) boolean(cors.allow_credentials, [...at, 'allow_credentials'], fail);
};

/** `{"s3": "s3://bucket/prefix"}`: where a team keeps the stage's deployed state. */
const deployedState: Check = (value, path, fail) => {
  if (!isPlainObject(value)) return expect('an object such as {"s3": "s3://my-bucket/chalice-state"}')(value, path, fail);
  rejectUnknownKeys(value, path, ['s3'], fail, { url: 's3', bucket: 's3' });
  if (!('s3' in value)) {
    // A misspelt key was already reported with its "did you mean"; one problem is enough.
    if (Object.keys(value).length === 0) fail([...path, 's3'], 'is required: the S3 URL to keep the deployed state at, e.g. "s3://my-bucket/chalice-state"');
    return;
  }
  const problem = stateUrlProblem(value.s3);
  if (problem !== undefined) fail([...path, 's3'], problem);
};

/** Services Lambda sends an asynchronous invocation's record to (`DestinationConfig`). */
const DESTINATION_ARN = /^arn:[^:]+:(sqs|sns|lambda|events):[^:]*:[^:]*:.+$/;
const DESTINATION_WHAT = 'the ARN of an SQS queue, SNS topic, Lambda function or EventBridge event bus (arn:aws:sqs:<region>:<account>:<queue>)';

/** `{"on_failure", "on_success", "maximum_retry_attempts", "maximum_event_age_in_seconds"}`: PutFunctionEventInvokeConfig. */
const asyncInvocation: Check = (value, path, fail) => {
  if (!isPlainObject(value)) return expect('an object such as {"on_failure": "arn:aws:sqs:…", "maximum_retry_attempts": 1}')(value, path, fail);
  rejectUnknownKeys(value, path, ['on_failure', 'on_success', 'maximum_retry_attempts', 'maximum_event_age_in_seconds'], fail, {
    onFailure: 'on_failure',
    onSuccess: 'on_success',
    retries: 'maximum_retry_attempts',
    retry_attempts: 'maximum_retry_attempts',
    maximum_event_age: 'maximum_event_age_in_seconds',
  });
  for (const key of ['on_failure', 'on_success']) if (key in value) pattern(DESTINATION_ARN, DESTINATION_WHAT)(value[key], [...path, key], fail);
  // Lambda's limits: 0 to 2 retries, events kept 60 seconds to 6 hours.
  if ('maximum_retry_attempts' in value) integer(0, 2, '')(value.maximum_retry_attempts, [...path, 'maximum_retry_attempts'], fail);
  if ('maximum_event_age_in_seconds' in value) integer(60, 21_600, 'seconds')(value.maximum_event_age_in_seconds, [...path, 'maximum_event_age_in_seconds'], fail);
};

/** Placeholder for keys whose structure the walker in config-validate.ts checks itself. */
const structural: Check = () => undefined;

const ALL: readonly Level[] = ['top', 'stage', 'function'];
const TOP_AND_STAGE: readonly Level[] = ['top', 'stage'];
const TOP: readonly Level[] = ['top'];
const FUNCTION: readonly Level[] = ['function'];

/** AWS resource-name characters: app and stage names become parts of Lambda function names. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
const NAME_WHAT = 'a name of letters, digits, "-" and "_"';

export const KEY_SPECS: Readonly<Record<string, KeySpec>> = {
  version: { levels: TOP, check: oneOf(['2.0', '1.0']) },
  app_name: { levels: TOP, check: pattern(NAME_PATTERN, NAME_WHAT) },
  stages: { levels: TOP, check: structural },
  lambda_functions: { levels: TOP_AND_STAGE, check: structural },
  api_gateway_endpoint_type: { levels: TOP, check: oneOf(['EDGE', 'REGIONAL', 'PRIVATE']) },
  // Which API Gateway serves `app.route`: a REST API (payload 1.0) or an HTTP API (payload 2.0).
  api_type: { levels: TOP_AND_STAGE, check: oneOf(['rest', 'http']) },
  api_gateway_endpoint_vpce: {
    levels: TOP_AND_STAGE,
    check: (value, path, fail) => (typeof value === 'string' ? nonEmptyString('a VPC endpoint id')(value, path, fail) : stringList()(value, path, fail)),
  },
  api_gateway_policy_file: { levels: TOP_AND_STAGE, check: nonEmptyString('a file name relative to .chalice/') },
  // API Gateway stage names: alphanumerics, hyphens and underscores, up to 128 characters.
  api_gateway_stage: { levels: TOP_AND_STAGE, check: pattern(/^[A-Za-z0-9_-]{1,128}$/, 'an API Gateway stage name of letters, digits, "-" and "_"') },
  websocket_api_stage: { levels: TOP_AND_STAGE, check: pattern(/^[A-Za-z0-9_-]{1,128}$/, 'an API Gateway stage name of letters, digits, "-" and "_"') },
  api_gateway_custom_domain: { levels: TOP_AND_STAGE, check: customDomain },
  // Lambda's instruction set; native addons and the automatic layer are installed to match.
  architecture: { levels: ALL, check: oneOf(['x86_64', 'arm64']) },
  websocket_api_custom_domain: { levels: TOP_AND_STAGE, check: customDomain },
  automatic_layer: { levels: TOP_AND_STAGE, check: boolean },
  deployed_state: { levels: TOP_AND_STAGE, check: deployedState },
  // API Gateway accepts 0 to 10485760 bytes (10 MiB).
  minimum_compression_size: { levels: TOP_AND_STAGE, check: integer(0, 10_485_760, 'bytes') },
  autogen_policy: { levels: ALL, check: boolean },
  // Lambda's rule for variable names: a letter, then letters, digits and underscores.
  // Where Lambda sends an asynchronous invocation's event after its retries fail.
  dead_letter_queue: { levels: ALL, check: pattern(/^arn:[^:]+:(sqs|sns):[^:]*:[^:]*:.+$/, 'the ARN of an SQS queue or SNS topic (arn:aws:sqs:<region>:<account>:<queue>)') },
  // The retention periods CloudWatch Logs accepts (PutRetentionPolicy).
  log_retention_in_days: { levels: ALL, check: oneOfNumbers([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], 'days') },
  // Lambda's /tmp: 512 MB (the free default) up to 10240 MB.
  ephemeral_storage: { levels: ALL, check: integer(512, 10_240, 'MB') },
  environment_variables: { levels: ALL, check: stringMap(/^[A-Za-z][A-Za-z0-9_]*$/, 'environment variable names start with a letter and contain only letters, digits and "_"') },
  iam_policy_file: { levels: ALL, check: nonEmptyString('a file name relative to .chalice/') },
  iam_role_arn: { levels: ALL, check: arn },
  // Lambda takes any whole number of MB from 128 to 10240 (1 MB steps since December 2020).
  lambda_memory_size: { levels: ALL, check: integer(128, 10_240, 'MB') },
  lambda_timeout: { levels: ALL, check: integer(1, 900, 'seconds') },
  // Overrides the runtime picked from the local Node.js major (like Chalice picks its Python runtime).
  lambda_runtime: { levels: TOP_AND_STAGE, check: oneOf(['nodejs20.x', 'nodejs22.x', 'nodejs24.x']) },
  // Lambda attaches at most five layers to a function.
  layers: { levels: ALL, check: stringList({ max: 5 }) },
  manage_iam_role: { levels: ALL, check: boolean },
  reserved_concurrency: { levels: ALL, check: integer(0, Infinity, '') },
  // Instances kept initialised on the function's `live` alias, which every trigger then invokes.
  provisioned_concurrency: { levels: ALL, check: integer(1, Infinity, '') },
  async_invocation: { levels: ALL, check: asyncInvocation },
  security_group_ids: { levels: ALL, check: stringList() },
  subnet_ids: { levels: ALL, check: stringList() },
  tags: { levels: ALL, check: stringMap() },
  // A Lambda function URL (https://<id>.lambda-url.<region>.on.aws/): one function's own endpoint.
  function_url: { levels: FUNCTION, check: functionUrl },
};

/** Keys allowed at a level, in table order. */
export function keysAt(level: Level): string[] {
  return Object.entries(KEY_SPECS)
    .filter(([, spec]) => spec.levels.includes(level))
    .map(([key]) => key);
}

/** Problem text for a known key used at a level where it is not allowed. */
export function misplacedKeyProblem(key: string): string {
  const levels = KEY_SPECS[key].levels;
  if (levels.length === 1 && levels[0] === 'function') return `can only be set per function; set it in lambda_functions.<function>.${key}`;
  if (levels.length === 1) return 'can only be set at the top level of the config file';
  return levels.includes('stage')
    ? 'cannot be set per function; set it at the top level or in stages.<stage>'
    : 'cannot be set here';
}
