import { describe, expect, it } from 'vitest';
import { ConfigError, parseProjectConfig, resolveFunctionConfig, unknownFunctionConfigWarnings } from '../../../src/project/index.js';

const CONFIG_PATH = '/proj/.chalice/config.json';
const where = { projectDir: '/proj', configPath: CONFIG_PATH };
const parse = (file: Record<string, unknown>) => parseProjectConfig(JSON.stringify({ version: '2.0', app_name: 'demo', ...file }), where);

function problemsOf(file: Record<string, unknown>): string[] {
  try {
    parse(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n').map((line) => line.trim());
  }
  throw new Error('expected a ConfigError');
}

const fn = (functionUrl: unknown) => ({ lambda_functions: { api_handler: { function_url: functionUrl } } });

describe('function_url is checked per function with clear errors', () => {
  it.each([
    { name: 'auth_type missing', file: fn({}), says: 'lambda_functions.api_handler.function_url.auth_type is required: "NONE" (a public URL anyone can call) or "AWS_IAM"' },
    { name: 'auth_type lower case', file: fn({ auth_type: 'none' }), says: 'function_url.auth_type must be one of "NONE", "AWS_IAM", got "none"' },
    { name: 'misspelt key', file: fn({ auth_type: 'NONE', invoke_mod: 'BUFFERED' }), says: 'function_url.invoke_mod is not a known key; did you mean "invoke_mode"?' },
    { name: 'bad invoke mode', file: fn({ auth_type: 'NONE', invoke_mode: 'STREAM' }), says: 'function_url.invoke_mode must be one of "BUFFERED", "RESPONSE_STREAM"' },
    { name: 'cors not an object', file: fn({ auth_type: 'NONE', cors: true }), says: 'function_url.cors must be an object' },
    { name: 'misspelt cors key', file: fn({ auth_type: 'NONE', cors: { allow_origin: ['*'] } }), says: 'function_url.cors.allow_origin is not a known key; did you mean "allow_origins"?' },
    { name: 'unknown method', file: fn({ auth_type: 'NONE', cors: { allow_methods: ['GET', 'FETCH'] } }), says: 'function_url.cors.allow_methods.1 must be one of "GET", "PUT", "HEAD", "POST", "PATCH", "DELETE", "*", got "FETCH"' },
    { name: 'max_age too large', file: fn({ auth_type: 'NONE', cors: { max_age: 86_401 } }), says: 'function_url.cors.max_age must be an integer from 0 to 86400 (seconds)' },
    { name: 'allow_credentials not boolean', file: fn({ auth_type: 'NONE', cors: { allow_credentials: 'yes' } }), says: 'function_url.cors.allow_credentials must be true or false' },
    { name: 'set at the top level', file: { function_url: { auth_type: 'NONE' } }, says: 'function_url can only be set per function; set it in lambda_functions.<function>.function_url' },
    { name: 'set in a stage', file: { stages: { dev: { function_url: { auth_type: 'NONE' } } } }, says: 'stages.dev.function_url can only be set per function' },
  ])('$name', ({ file, says }) => {
    expect(problemsOf(file).some((line) => line.includes(says))).toBe(true);
  });

  it('reports every problem of one function_url at once', () => {
    const lines = problemsOf(fn({ invoke_mode: 'X', cors: { max_age: -1 } }));
    expect(lines.filter((l) => l.includes('function_url')).length).toBe(3);
  });
});

describe('function_url resolves per function and stage, taken whole from the highest level', () => {
  const cfg = parse({
    lambda_functions: {
      api_handler: { function_url: { auth_type: 'NONE', cors: { allow_origins: ['https://a.example'], max_age: 60 } } },
      worker: { function_url: { auth_type: 'AWS_IAM', invoke_mode: 'RESPONSE_STREAM' } },
    },
    stages: { dev: {}, prod: { lambda_functions: { api_handler: { function_url: { auth_type: 'AWS_IAM' } } } } },
  });

  it('fills in the defaults', () => {
    expect(resolveFunctionConfig(cfg, 'dev', 'api_handler').functionUrl).toEqual({
      authType: 'NONE',
      cors: { allowOrigins: ['https://a.example'], allowMethods: [], allowHeaders: [], exposeHeaders: [], maxAge: 60, allowCredentials: false },
      invokeMode: 'BUFFERED',
    });
    expect(resolveFunctionConfig(cfg, 'dev', 'worker').functionUrl).toEqual({ authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAM' });
  });

  it('a stage replaces the whole setting (its cors is not merged in)', () => {
    expect(resolveFunctionConfig(cfg, 'prod', 'api_handler').functionUrl).toEqual({ authType: 'AWS_IAM', invokeMode: 'BUFFERED' });
  });

  it('a function without function_url has none', () => {
    expect(resolveFunctionConfig(cfg, 'dev', 'other').functionUrl).toBeUndefined();
  });
});

describe('a function_url under a name that is no function of the app', () => {
  it('is reported by the "matches no function" warning, like any unused lambda_functions entry', () => {
    const cfg = parse({ lambda_functions: { wokrer: { function_url: { auth_type: 'NONE' } } } });
    expect(unknownFunctionConfigWarnings(cfg, 'dev', ['api_handler', 'worker'])).toEqual([
      '/proj/.chalice/config.json: lambda_functions.wokrer matches no function of the app, so its settings are not used; did you mean "worker"?',
    ]);
  });
});
