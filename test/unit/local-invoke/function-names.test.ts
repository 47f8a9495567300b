import { describe, expect, it } from 'vitest';
import { functionErrorDocument, resolveFunctionName } from '../../../src/local/server/lambda-invoke-endpoint.js';
import { SandboxFailure } from '../../../src/local/sandbox/function-pool.js';

const target = { functions: ['api_handler', 'every_hour', 'handle_jobs'], stage: 'dev', app: { appName: 'shop' } } as never;

describe('the Invoke API finds the function a name stands for', () => {
  it.each([
    ['every_hour', 'every_hour'],
    ['shop-dev-every_hour', 'every_hour'],
    ['shop-dev', 'api_handler'],
    ['api_handler', 'api_handler'],
    ['every_hour:$LATEST', 'every_hour'],
    ['shop-dev-handle_jobs:live', 'handle_jobs'],
    ['arn:aws:lambda:eu-west-1:111122223333:function:shop-dev-every_hour', 'every_hour'],
    ['arn:aws:lambda:us-east-1:123456789012:function:every_hour:$LATEST', 'every_hour'],
    ['shop-prod-every_hour', undefined],
    ['other-dev-every_hour', undefined],
    ['nope', undefined],
    ['shop-dev-nope', undefined],
  ])('%s → %s', (requested, expected) => {
    expect(resolveFunctionName(target, requested)).toBe(expected);
  });
});

describe("a failed invocation becomes the Node.js runtime's error document", () => {
  it.each([
    [Object.assign(new TypeError('bad'), { stack: 'TypeError: bad\n    at handler (app.ts:3:9)' }), { errorType: 'TypeError', errorMessage: 'bad', trace: ['TypeError: bad', '    at handler (app.ts:3:9)'] }],
    [new SandboxFailure('spin', 'timeout', 'timed out after 1 s (its lambda_timeout); the sandbox was stopped', true), { errorType: 'Sandbox.Timedout', errorMessage: 'spin timed out after 1 s (its lambda_timeout); the sandbox was stopped', trace: [] }],
    [new SandboxFailure('quit', 'exit', 'exited (process.exit(1) in the app)', true), { errorType: 'Runtime.ExitError', errorMessage: 'quit exited (process.exit(1) in the app)', trace: [] }],
    [new SandboxFailure('hog', 'out-of-memory', 'ran out of memory (its lambda_memory_size is 128 MB)', true), { errorType: 'Runtime.OutOfMemory', errorMessage: 'hog ran out of memory (its lambda_memory_size is 128 MB)', trace: [] }],
    ['a string', { errorType: 'string', errorMessage: 'a string', trace: [] }],
  ])('%s', (error, document) => {
    expect(functionErrorDocument(error)).toEqual(document);
  });
});
