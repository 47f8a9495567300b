/**
 * The Lambda Invoke API of a real `chalice local` process, driven by the AWS SDK v3
 * `LambdaClient` pointed at it: every function of the app, by its short or deployed name,
 * synchronously and asynchronously, with errors as Lambda reports them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Event, createSqsEvent } from '../../../src/testing/event-factories.js';
import { copyFixture, removeDir, startChaliceLocal, type ChaliceLocal } from './chalice-process.js';

describe('chalice local serves the Lambda Invoke API', () => {
  let projectDir: string;
  let local: ChaliceLocal;
  let lambda: LambdaClient;
  let eventsLog: string;

  beforeAll(async () => {
    projectDir = copyFixture('events-app');
    eventsLog = join(projectDir, 'events.jsonl');
    local = await startChaliceLocal(projectDir, ['--no-autoreload', '--no-schedules'], { EVENTS_LOG: eventsLog });
    lambda = new LambdaClient({ endpoint: local.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });

  afterAll(async () => {
    lambda?.destroy();
    await local?.stop('SIGKILL');
    removeDir(projectDir);
  });

  const invoke = async (FunctionName: string, payload: unknown, InvocationType?: 'Event' | 'RequestResponse') => {
    const answer = await lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(payload)), ...(InvocationType ? { InvocationType } : {}) }));
    const text = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '';
    return { status: answer.StatusCode, functionError: answer.FunctionError, payload: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };

  it.each([
    ['echo', 'events-app-dev-echo'],
    ['events-app-dev-echo', 'events-app-dev-echo'],
    ['arn:aws:lambda:us-east-1:123456789012:function:events-app-dev-echo', 'events-app-dev-echo'],
    ['echo:$LATEST', 'events-app-dev-echo'],
  ])('invokes %s synchronously and answers its result', async (name, deployedName) => {
    expect(await invoke(name, { n: 1 })).toEqual({ status: 200, functionError: undefined, payload: { event: { n: 1 }, functionName: deployedName } });
  });

  it('passes an event source handler its event and answers what it returns (a partial batch response as is)', async () => {
    const sqs = await invoke('handle_jobs', createSqsEvent(['ok', 'fail', 'ok'], 'jobs'));
    const failedId = createSqsEvent(['ok', 'fail', 'ok'], 'jobs').Records[1].messageId;
    expect(sqs.payload).toEqual({ batchItemFailures: [{ itemIdentifier: failedId }] });
    expect((await invoke('on_upload', createS3Event('uploads', 'a b/c.txt'))).payload).toEqual({ bucket: 'uploads', key: 'a b/c.txt' });
  });

  it('invokes the REST handler by its deployed name with an API Gateway proxy event', async () => {
    const answer = await invoke('events-app-dev', { resource: '/', path: '/', httpMethod: 'GET', headers: {}, multiValueHeaders: {}, queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null, requestContext: { resourcePath: '/', httpMethod: 'GET', stage: 'api', identity: { sourceIp: '127.0.0.1' } }, body: null, isBase64Encoded: false });
    expect(answer.status).toBe(200);
    expect(answer.payload).toMatchObject({ statusCode: 200, body: '{"hello":"world"}' });
  });

  it("answers a handler's error as Lambda does: 200 with FunctionError Unhandled and the runtime's error document", async () => {
    const answer = await invoke('boom', {});
    expect(answer.status).toBe(200);
    expect(answer.functionError).toBe('Unhandled');
    expect(answer.payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad thing', trace: expect.arrayContaining([expect.stringContaining('TypeError: bad thing')]) });
    await local.waitFor(/boom failed: TypeError: bad thing/);
  });

  it('contains a handler that runs past its timeout like a REST one, and the function keeps answering', async () => {
    const answer = await invoke('spin', {});
    expect(answer).toMatchObject({ status: 200, functionError: 'Unhandled', payload: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('timed out after 1 s') } });
    expect((await invoke('echo', 'still here')).payload).toMatchObject({ event: 'still here' });
  });

  it('answers an Event invocation 202 at once and runs the function in the background', async () => {
    const answer = await invoke('later', { job: 7 }, 'Event');
    expect(answer).toEqual({ status: 202, functionError: undefined, payload: undefined });
    await local.waitFor(/invoked later \(Event\)/);
    const lines = readFileSync(eventsLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toContainEqual({ fn: 'later', event: { job: 7 } });
  });

  it('answers an unknown function with ResourceNotFoundException, naming the functions it serves', async () => {
    const error = await invoke('nope', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toMatch(/^Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope \(chalice local serves api_handler, every_hour, weekday_noon, .*echo/);
  });

  it.each([
    ['not json', 400, 'InvalidRequestContentException'],
  ])('refuses a payload that is %s with %i %s', async (_what, status, type) => {
    const response = await fetch(`${local.url}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: '{"a":' });
    expect(response.status).toBe(status);
    expect(response.headers.get('x-amzn-errortype')).toBe(type);
    expect(await response.json()).toMatchObject({ message: expect.stringContaining('Could not parse request body into json') });
  });

  it('leaves every other request to the app', async () => {
    const response = await fetch(`${local.url}/`);
    expect(await response.json()).toEqual({ hello: 'world' });
    const get = await fetch(`${local.url}/2015-03-31/functions/echo/invocations`);
    expect(get.status).toBe(403); // the app has no such route: API Gateway's Missing Authentication Token
  });
});
