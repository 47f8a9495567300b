/**
 * `chalice url`, `logs` and `invoke` as a user runs them, where no AWS emulator is needed:
 * answers from the deployed state alone, the errors before any AWS call, and Lambda's answers
 * for a failing function, served by a loopback stand-in for the Lambda API
 * (AWS_ENDPOINT_URL_LAMBDA points the SDK at it).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeDeployedState } from '../../../src/project/deployed-state.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../local/chalice-process.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:';

/** A project whose dev stage is deployed with two functions and a REST API. */
function deployedProject(): string {
  const dir = tempDir('chalice-inspect-');
  writeDeployedState(dir, 'dev', {
    resources: [
      { name: 'api_handler', resourceType: 'lambda_function', functionName: 'shop-dev', lambdaArn: `${ARN}shop-dev` },
      { name: 'fails', resourceType: 'lambda_function', functionName: 'shop-dev-fails', lambdaArn: `${ARN}shop-dev-fails` },
      { name: 'rest_api', resourceType: 'rest_api', restApiId: 'x1y2z3', restApiUrl: 'https://x1y2z3.execute-api.eu-west-1.amazonaws.com/api/', region: 'eu-west-1' },
    ],
  });
  writeDeployedState(dir, 'jobs', { resources: [{ name: 'nightly', resourceType: 'lambda_function', functionName: 'shop-jobs-nightly', lambdaArn: `${ARN}shop-jobs-nightly` }] });
  return dir;
}

/** An environment without any AWS configuration: no credentials anywhere, no instance metadata. */
function noAws(dir: string): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined,
    AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_ENDPOINT_URL: undefined, AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined, AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONFIG_FILE: join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function run(project: string, args: readonly string[], options: { input?: string; env?: Record<string, string | undefined> } = {}) {
  return runChalice(['--project-dir', project, ...args], { env: { ...noAws(project), ...options.env }, input: options.input ?? '' });
}

afterAll(removeTempDirs);

describe('chalice url', () => {
  it('prints the deployed REST API URL of the stage, with no AWS configuration at all', async () => {
    expect(await run(deployedProject(), ['url'])).toEqual({ code: 0, stdout: 'https://x1y2z3.execute-api.eu-west-1.amazonaws.com/api/\n', stderr: '' });
  });

  it.each([
    ['a stage never deployed', ['url', '--stage', 'prod'], /^Error: Stage "prod" has not been deployed \(no \.chalice\/deployed\/prod\.json in .*\); run `chalice deploy --stage prod` first\n$/],
    ['a stage without a REST API', ['url', '--stage', 'jobs'], /^Error: Stage "jobs" has no deployed REST API .*; add a route and run `chalice deploy --stage jobs`\n$/],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    const result = await run(deployedProject(), args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('chalice logs and invoke before any AWS call', () => {
  it.each([
    ['logs of an unknown function', ['logs', '-n', 'fail'], 'Error: No deployed function named "fail" in stage "dev" (did you mean "fails"?); deployed functions: api_handler, fails\n'],
    ['invoke of an unknown function', ['invoke', '-n', 'nope'], 'Error: No deployed function named "nope" in stage "dev"; deployed functions: api_handler, fails\n'],
    ['logs with a bad --since', ['logs', '--since', 'yesterday'], 'Error: Invalid --since "yesterday": use a relative time such as 30s, 10m, 1h, 2d, 1w, or an ISO 8601 time such as 2024-05-01T12:00:00Z\n'],
    ['logs with a bad --num-entries', ['logs', '--num-entries', '0'], 'Error: Invalid --num-entries "0": expected a whole number of at least 1\n'],
    ['invoke without -n', ['invoke'], "Error: required option '-n, --name <name>' not specified; see `chalice invoke --help`\n"],
    ['logs without credentials', ['logs'], 'Error: No AWS credentials found: run `aws configure`, pick a profile with --profile/AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n'],
    ['invoke without credentials', ['invoke', '-n', 'fails'], 'Error: No AWS credentials found: run `aws configure`, pick a profile with --profile/AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n'],
    ['invoke with an unknown --profile', ['invoke', '-n', 'fails', '--profile', 'work'], /^Error: AWS profile "work" is not in .*no-config or .*no-credentials; create it with `aws configure --profile work`/],
  ])('%s: exits 2 with one line', async (_case, args, message) => {
    const result = await run(deployedProject(), args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
  });
});

describe('chalice invoke against a stand-in Lambda API', () => {
  let server: Server;
  let lambdaEndpoint: string;
  const requests: Array<{ path: string; body: string; invocationType: string | undefined; region: string | undefined }> = [];
  let answer: (request: IncomingMessage, response: ServerResponse) => void = () => {};

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({
          path: request.url ?? '',
          body,
          invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
          region: /Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1],
        });
        answer(request, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lambdaEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    requests.length = 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const env = () => ({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL_LAMBDA: lambdaEndpoint });

  it('invokes the function in its own region synchronously and prints its answer', async () => {
    answer = (_request, response) => {
      response.setHeader('x-amz-executed-version', '$LATEST');
      response.end('{"ok":true}');
    };
    const result = await run(deployedProject(), ['invoke', '-n', 'api_handler'], { input: '{"path": "/"}', env: env() });
    expect(result).toEqual({ code: 0, stdout: '{"ok":true}\n', stderr: '' });
    // No region is configured: the function's ARN says where it is.
    expect(requests).toEqual([{ path: '/2015-03-31/functions/shop-dev/invocations', body: '{"path": "/"}', invocationType: 'RequestResponse', region: 'eu-west-1' }]);
  });

  it('prints a failing function\'s error and stack on stderr and exits non-zero', async () => {
    answer = (_request, response) => {
      response.setHeader('x-amz-function-error', 'Unhandled');
      response.end(JSON.stringify({ errorType: 'TypeError', errorMessage: 'order is undefined', trace: ['TypeError: order is undefined', '    at fails (/var/task/app.js:12:5)'] }));
    };
    const result = await run(deployedProject(), ['invoke', '-n', 'fails'], { input: '{}', env: env() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'TypeError: order is undefined\n    at fails (/var/task/app.js:12:5)\n' +
        'Error: Function fails (shop-dev-fails) failed (FunctionError: Unhandled), details above\n',
    );
  });

  it('names the call, the function and the fix when Lambda does not know the function', async () => {
    answer = (_request, response) => {
      response.statusCode = 404;
      response.setHeader('x-amzn-errortype', 'ResourceNotFoundException');
      response.end(JSON.stringify({ Type: 'User', message: 'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:shop-dev-fails' }));
    };
    const result = await run(deployedProject(), ['invoke', '-n', 'fails'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'Error: Lambda Invoke on function shop-dev-fails failed: ResourceNotFoundException: Function not found: arn:aws:lambda:eu-west-1:123456789012:function:shop-dev-fails; the function is gone from AWS; run `chalice deploy` to create it again\n',
    );
  });

  it('says which endpoint it could not reach', async () => {
    const result = await run(deployedProject(), ['invoke', '-n', 'fails'], { env: { ...env(), AWS_ENDPOINT_URL_LAMBDA: undefined, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Lambda Invoke on function shop-dev-fails failed: could not reach AWS at AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED.*\); check the network connection and that the endpoint is running\n$/);
  });
});
