/**
 * Behaviour of deploy and delete against the in-memory AWS: what gets written, what is left
 * alone, how AWS's transient answers are retried and how other failures are reported.
 */
import { describe, expect, it } from 'vitest';
import type { AppGraph } from '../../../src/graph/index.js';
import { deployedFunctions, deployedRestApi } from '../../../src/deploy/deployed-records.js';
import { planToText } from '../../../src/deploy/plan-text.js';
import { fixtureInputs, harness, inputsOf, ZIP_V2 } from './deploy-helpers.js';

function withFunctionSettings(graph: AppGraph, name: string, change: Record<string, unknown>): AppGraph {
  return { ...graph, resources: graph.resources.map((r) => (r.kind === 'lambda-function' && r.resourceName === name ? { ...r, ...change } : r)) };
}

function withPolicy(graph: AppGraph, actions: string[]): AppGraph {
  return {
    ...graph,
    resources: graph.resources.map((r) =>
      r.kind === 'managed-iam-role' && r.resourceName === 'default-role'
        ? { ...r, policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }
        : r,
    ),
  };
}

describe('deploy', () => {
  it('records every function and the REST API URL in the state that url/logs/invoke read', async () => {
    const h = harness();
    const result = await h.deploy(await fixtureInputs('hello'));
    const state = h.store.read()!;
    expect(deployedFunctions(state)).toEqual([
      { name: 'api_handler', resourceType: 'lambda_function', functionName: 'hello-dev', lambdaArn: 'arn:aws:lambda:us-west-2:123456789012:function:hello-dev' },
    ]);
    const api = deployedRestApi(state)!;
    expect(api).toMatchObject({ name: 'rest_api', resourceType: 'rest_api', region: 'us-west-2', restApiUrl: `https://${api.restApiId}.execute-api.us-west-2.amazonaws.com/api/` });
    expect(result.restApi).toEqual(api);
  });

  it('makes zero write calls when redeploying an unchanged app', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    h.client.resetCalls();
    await h.deploy(inputs);
    expect(h.client.writes).toEqual([]);
  });

  it('uploads code again only when the package changed, and touches nothing else', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('full'));
    h.client.resetCalls();
    await h.deploy(await fixtureInputs('full', 'dev', ZIP_V2));
    expect(new Set(h.client.writes.map((c) => c.method))).toEqual(new Set(['updateFunctionCode']));
  });

  it('updates only the function whose settings changed', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunctionSettings(inputs.graph, 'worker', { memorySize: 1024, environment: { A: 'b' } })));
    expect(h.client.writes.map((c) => [c.method, c.args[0]])).toEqual([['updateFunctionConfiguration', 'full-dev-worker']]);
    expect(h.client.functions.get('full-dev-worker')!.settings).toMatchObject({ memorySize: 1024, environment: { A: 'b' } });
  });

  it('puts back tags and reserved concurrency changed by hand', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const fn = h.client.functions.get('full-dev-vpc-worker')!;
    fn.tags = { ...fn.tags, stage: 'changed', extra: 'x' };
    delete fn.reserved;
    h.client.resetCalls();
    await h.deploy(inputs);
    expect(h.client.writes.map((c) => c.method).sort()).toEqual(['putFunctionConcurrency', 'tagResource', 'untagResource']);
    expect(fn.tags).not.toHaveProperty('extra');
    expect(fn.reserved).toBe(2);
  });

  it('keeps the bucket notifications chalice-ts did not create', async () => {
    const h = harness();
    const queue = { Id: 'theirs', QueueArn: 'arn:aws:sqs:us-west-2:123456789012:q', Events: ['s3:ObjectCreated:*'] };
    const theirs = { id: 'their-lambda', functionArn: 'arn:aws:lambda:us-west-2:123456789012:function:other', events: ['s3:ObjectRemoved:*'] };
    h.client.buckets.set('full-uploads', { lambda: [theirs], other: { QueueConfigurations: [queue] } });
    await h.deploy(await fixtureInputs('full'));
    const bucket = h.client.buckets.get('full-uploads')!;
    expect(bucket.other).toEqual({ QueueConfigurations: [queue] });
    expect(bucket.lambda.map((n) => n.id)).toEqual(['their-lambda', 'chalice-ts-full-dev-onUpload-s3event', 'chalice-ts-full-dev-onRemove-s3event']);
    await h.delete();
    expect(h.client.buckets.get('full-uploads')).toEqual({ lambda: [theirs], other: { QueueConfigurations: [queue] } });
  });

  it('retries while a new role cannot be assumed yet, then succeeds', async () => {
    const h = harness();
    h.client.injected.push({ method: 'createFunction', code: 'InvalidParameterValueException', message: 'The role defined for the function cannot be assumed by Lambda.', times: 3 });
    await h.deploy(await fixtureInputs('hello'));
    expect(h.client.functions.has('hello-dev')).toBe(true);
    expect(h.messages.filter((m) => m.kind === 'retrying')).toHaveLength(3);
  });

  it('gives up on an unassumable role after bounded retries, naming the function, the call and what to do', async () => {
    const h = harness();
    h.client.injected.push({ method: 'createFunction', code: 'InvalidParameterValueException', message: 'The role defined for the function cannot be assumed by Lambda.', times: 1000 });
    await expect(h.deploy(await fixtureInputs('hello'))).rejects.toThrow(
      /^Creating function hello-dev failed: Lambda\.CreateFunction answered InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda; fix the cause and run the command again/,
    );
    expect(h.client.calls.filter((c) => c.method === 'createFunction').length).toBeLessThan(20);
  });

  it('retries throttling with backoff', async () => {
    const h = harness();
    h.client.injected.push({ method: 'createRestApi', code: 'TooManyRequestsException', message: 'Too Many Requests', times: 2 });
    await h.deploy(await fixtureInputs('hello'));
    expect(h.client.apis.size).toBe(1);
    expect(h.messages.filter((m) => m.kind === 'retrying').map((m) => m.kind === 'retrying' && m.delayMs)).toEqual([1000, 2000]);
  });

  it('fails at once on any other error, without retrying or sleeping', async () => {
    const h = harness();
    h.client.injected.push({ method: 'createRole', code: 'AccessDenied', message: 'User is not authorized to perform: iam:CreateRole', times: 1 });
    await expect(h.deploy(await fixtureInputs('hello'))).rejects.toThrow(
      'Creating IAM role hello-dev failed: IAM.CreateRole answered AccessDenied: User is not authorized to perform: iam:CreateRole; the credentials in use may not call IAM.CreateRole; grant it in IAM, then run chalice deploy again',
    );
    expect(h.client.calls.filter((c) => c.method === 'createRole')).toHaveLength(1);
    expect(h.messages.some((m) => m.kind === 'retrying')).toBe(false);
  });
});

describe('a changed policy of an existing role', () => {
  it('is shown as added and removed actions and applied when confirmed', async () => {
    const h = harness();
    const inputs = await fixtureInputs('hello');
    await h.deploy(inputsOf(withPolicy(inputs.graph, ['s3:GetObject', 'logs:PutLogEvents'])));
    let asked: unknown;
    await h.deploy(inputsOf(withPolicy(inputs.graph, ['logs:PutLogEvents', 'dynamodb:GetItem'])), async (changes) => {
      asked = changes;
      return true;
    });
    expect(asked).toEqual([{ roleName: 'hello-dev', added: ['dynamodb:GetItem'], removed: ['s3:GetObject'] }]);
    expect(JSON.stringify(h.client.roles.get('hello-dev')!.policies.get('hello-dev'))).toContain('dynamodb:GetItem');
  });

  it('changes nothing at all when the change is refused', async () => {
    const h = harness();
    const inputs = await fixtureInputs('hello');
    await h.deploy(inputsOf(withPolicy(inputs.graph, ['s3:GetObject'])));
    h.client.resetCalls();
    await expect(h.deploy(inputsOf(withPolicy(inputs.graph, ['s3:PutObject'])), async () => false)).rejects.toThrow(/IAM policy changes were not accepted; nothing was changed/);
    expect(h.client.writes).toEqual([]);
  });

  it('is not asked about for a role created in the same deploy', async () => {
    const h = harness();
    let asked = false;
    await h.deploy(await fixtureInputs('hello'), async () => (asked = true));
    expect(asked).toBe(false);
  });
});

describe('delete', () => {
  it('removes everything and the state file, and a second delete finds nothing to do', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('full'));
    expect(await h.delete()).toBe(true);
    expect(h.client.isEmpty()).toBe(true);
    expect(h.store.text).toBeUndefined();
    expect(await h.delete()).toBe(false);
  });

  it('tolerates resources already removed by hand', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('full'));
    h.client.functions.delete('full-dev-worker');
    h.client.functions.delete('full-dev');
    h.client.apis.clear();
    h.client.rules.delete('full-dev-weekdays-event');
    h.client.mappings.clear();
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
  });
});

describe('Lambda updates in progress', () => {
  it('waits for a function to finish one update before the next one on it', async () => {
    const h = harness();
    const inputs = await fixtureInputs('hello');
    await h.deploy(inputs);
    h.client.busyPolls = 2;
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunctionSettings((await fixtureInputs('hello', 'dev', ZIP_V2)).graph, 'api_handler', { timeout: 10 }), ZIP_V2));
    expect(h.client.conflicts).toEqual([]);
    expect(h.client.calls.map((c) => c.method).filter((m) => m !== 'getRole' && m !== 'getRolePolicy' && m !== 'getPolicy' && m !== 'getRestApis' && m !== 'getStage')).toEqual([
      'getFunction', // the snapshot
      'updateFunctionCode',
      'getFunction', // in progress
      'getFunction', // in progress
      'getFunction', // done
      'updateFunctionConfiguration',
    ]);
  });
});

describe('the automatic layer', () => {
  it('publishes a new version when its content changes, moves every function to it and deletes the old one', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const [old] = h.client.layers.get('full-dev-managed-layer')!;
    expect(h.client.functions.get('full-dev')!.settings.layers).toEqual([old!.layerVersionArn]);
    h.client.resetCalls();
    await h.deploy({ ...inputs, layerZip: new TextEncoder().encode('layer zip v2') });
    const versions = h.client.layers.get('full-dev-managed-layer')!;
    expect(versions).toHaveLength(1);
    expect(versions[0]!.version).not.toBe(old!.version);
    expect(h.client.functions.get('full-dev')!.settings.layers).toEqual([versions[0]!.layerVersionArn]);
    expect(h.client.functions.get('full-dev-worker')!.settings.layers).toEqual([versions[0]!.layerVersionArn, 'arn:aws:lambda:us-west-2:123456789012:layer:tools:3']);
    const methods = h.client.writes.map((c) => c.method);
    expect(methods[0]).toBe('publishLayerVersion');
    expect(methods.at(-1)).toBe('deleteLayerVersion');
    expect(new Set(methods.slice(1, -1))).toEqual(new Set(['updateFunctionConfiguration']));
  });
});

describe('dev plan', () => {
  it('shows the actions an existing role would gain and lose', async () => {
    const h = harness();
    const inputs = await fixtureInputs('hello');
    await h.deploy(inputsOf(withPolicy(inputs.graph, ['s3:GetObject', 'logs:PutLogEvents'])));
    const plan = await h.plan(inputsOf(withPolicy(inputs.graph, ['logs:PutLogEvents', 'dynamodb:GetItem', 'dynamodb:PutItem'])));
    expect(planToText(plan)).toBe(
      '1. IAM.PutRolePolicy                     Changing the IAM policy of existing role hello-dev: +dynamodb:GetItem +dynamodb:PutItem -s3:GetObject\n\n1 AWS write call, 0 state-only steps.\n',
    );
  });
});

describe('delete of S3 notifications', () => {
  it('succeeds when the bucket itself is gone', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('full'));
    h.client.injected.push({ method: 'getBucketNotification', code: 'NoSuchBucket', message: 'The specified bucket does not exist', times: 2, notFound: true });
    h.client.buckets.delete('full-uploads');
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
  });
});

describe('delete of a state with records this version does not know', () => {
  it('keeps those records on file and says so', async () => {
    const h = harness();
    await h.deploy(await fixtureInputs('hello'));
    const state = h.store.read()!;
    h.store.write({ resources: [...state.resources, { name: 'future', resourceType: 'quantum_queue', queueId: 'q-1' }] });
    await h.delete();
    expect(h.client.isEmpty()).toBe(true);
    expect(h.store.read()).toEqual({ resources: [{ name: 'future', resourceType: 'quantum_queue', queueId: 'q-1' }] });
    expect(h.messages).toContainEqual({ kind: 'warning', text: expect.stringContaining('quantum_queue future') });
  });
});

describe('X-Ray on the REST API', () => {
  it('is switched on an existing stage with UpdateStage, and then left alone', async () => {
    const h = harness();
    const inputs = await fixtureInputs('hello');
    await h.deploy(inputs);
    const traced = inputsOf({ ...inputs.graph, resources: inputs.graph.resources.map((r) => (r.kind === 'rest-api' ? { ...r, xray: true } : r)) });
    h.client.resetCalls();
    await h.deploy(traced);
    expect(h.client.writes.map((c) => c.method)).toEqual(['updateStageTracing']);
    expect([...h.client.apis.values()][0]!.stages.get('api')!.tracingEnabled).toBe(true);
    h.client.resetCalls();
    await h.deploy(traced);
    expect(h.client.writes).toEqual([]);
  });
});

describe('event source mappings', () => {
  it('are replaced when their starting position changes (it cannot be updated)', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const latest = inputsOf({
      ...inputs.graph,
      resources: inputs.graph.resources.map((r) =>
        r.kind === 'event-source-mapping' && r.source.kind === 'kinesis' ? { ...r, source: { ...r.source, startingPosition: 'LATEST' as const } } : r,
      ),
    });
    h.client.resetCalls();
    await h.deploy(latest);
    expect(h.client.writes.map((c) => c.method)).toEqual(['deleteEventSourceMapping', 'createEventSourceMapping']);
    const kinesis = [...h.client.mappings.values()].filter((m) => m.eventSourceArn.includes(':kinesis:'));
    expect(kinesis.map((m) => m.startingPosition)).toEqual(['LATEST']);
    h.client.resetCalls();
    await h.deploy(latest);
    expect(h.client.writes).toEqual([]);
  });
});

describe('partial batch failures and stream failure options', () => {
  function withMappings(graph: AppGraph, change: (r: Extract<AppGraph['resources'][number], { kind: 'event-source-mapping' }>) => object): AppGraph {
    return { ...graph, resources: graph.resources.map((r) => (r.kind === 'event-source-mapping' ? { ...r, ...change(r) } : r)) };
  }

  it('creates mappings with ReportBatchItemFailures and the stream options, and updates them in place when they change or are removed', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    const kinesis = () => [...h.client.mappings.values()].find((m) => m.eventSourceArn.includes(':kinesis:'))!;
    const sqs = () => [...h.client.mappings.values()].find((m) => m.eventSourceArn === 'arn:aws:sqs:us-west-2:123456789012:jobs')!;
    expect(kinesis()).toMatchObject({
      reportBatchItemFailures: true,
      streamFailure: { bisectOnError: true, maximumRetryAttempts: 3, maximumRecordAgeInSeconds: 3600, onFailureDestination: 'arn:aws:sqs:us-west-2:123456789012:full-stream-failures' },
    });
    expect(sqs()).toMatchObject({ reportBatchItemFailures: true, maximumConcurrency: 5 });

    // Options removed from the app go back to Lambda's defaults; nothing else is touched.
    const plain = inputsOf(
      withMappings(inputs.graph, (r) => ({
        reportBatchItemFailures: false,
        source: r.source.kind === 'sqs' ? r.source : { ...r.source, onError: {} },
      })),
    );
    h.client.resetCalls();
    await h.deploy(plain);
    expect(h.client.writes.map((c) => c.method)).toEqual(['updateEventSourceMapping', 'updateEventSourceMapping']);
    expect(kinesis()).toMatchObject({ reportBatchItemFailures: false, streamFailure: { bisectOnError: false, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1 } });
    expect(kinesis().streamFailure).not.toHaveProperty('onFailureDestination');
    expect(sqs().reportBatchItemFailures).toBe(false);
    h.client.resetCalls();
    await h.deploy(plain);
    expect(h.client.writes).toEqual([]);
  });
});

describe('architecture and ephemeral storage', () => {
  it('moves a function to arm64 with UpdateFunctionCode (the only call that can), then leaves it alone', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    expect(h.client.functions.get('full-dev-worker')!.settings.architecture).toBe('x86_64');
    const arm = inputsOf(withFunctionSettings(inputs.graph, 'worker', { architecture: 'arm64' }));
    h.client.resetCalls();
    await h.deploy(arm);
    expect(h.client.writes.map((c) => [c.method, ...c.args])).toEqual([['updateFunctionCode', 'full-dev-worker', 'arm64']]);
    expect(h.client.functions.get('full-dev-worker')!.settings.architecture).toBe('arm64');
    h.client.resetCalls();
    await h.deploy(arm);
    expect(h.client.writes).toEqual([]);
  });

  it('creates an arm64 app\'s functions as arm64 and publishes its layer for arm64', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    const arm: AppGraph = {
      ...inputs.graph,
      resources: inputs.graph.resources.map((r) =>
        r.kind === 'lambda-function' ? { ...r, architecture: 'arm64' as const } : r.kind === 'lambda-layer' ? { ...r, compatibleArchitectures: ['arm64' as const] } : r,
      ),
    };
    await h.deploy({ ...inputs, graph: arm });
    expect(new Set([...h.client.functions.values()].map((f) => f.settings.architecture))).toEqual(new Set(['arm64']));
    expect(h.client.calls.filter((c) => c.method === 'publishLayerVersion').map((c) => c.args[2])).toEqual([['arm64']]);
  });

  it('changes ephemeral storage with UpdateFunctionConfiguration', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunctionSettings(inputs.graph, 'worker', { ephemeralStorage: 4096 })));
    expect(h.client.writes.map((c) => [c.method, c.args[0]])).toEqual([['updateFunctionConfiguration', 'full-dev-worker']]);
    expect(h.client.functions.get('full-dev-worker')!.settings.ephemeralStorage).toBe(4096);
  });
});

describe('dead-letter queues', () => {
  it('are set, changed and removed with UpdateFunctionConfiguration', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    expect(h.client.functions.get('full-dev-worker')!.settings.deadLetterQueue).toBe('arn:aws:sqs:us-west-2:123456789012:worker-dlq');
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunctionSettings(inputs.graph, 'worker', { deadLetterQueue: undefined })));
    expect(h.client.writes.map((c) => [c.method, c.args[0]])).toEqual([['updateFunctionConfiguration', 'full-dev-worker']]);
    expect(h.client.functions.get('full-dev-worker')!.settings.deadLetterQueue).toBe('');
  });
});

describe('log retention', () => {
  it('creates the function\'s log group with its retention, changes it in place, and adopts a group Lambda already made', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    expect(h.client.logGroups).toEqual(new Map([['/aws/lambda/full-dev-worker', 14]]));
    h.client.resetCalls();
    await h.deploy(inputs);
    expect(h.client.writes).toEqual([]);
    await h.deploy(inputsOf(withFunctionSettings(inputs.graph, 'worker', { logRetentionInDays: 30 })));
    expect(h.client.logGroups.get('/aws/lambda/full-dev-worker')).toBe(30);

    // A group that already exists without retention (Lambda created it on a first invocation).
    h.client.logGroups.set('/aws/lambda/full-dev-jobs', undefined);
    h.client.resetCalls();
    await h.deploy(inputsOf(withFunctionSettings(inputs.graph, 'jobs', { logRetentionInDays: 7 })));
    expect(h.client.writes.filter((c) => c.method.includes('Log') || c.method.includes('Retention')).map((c) => [c.method, ...c.args])).toEqual([
      ['putRetentionPolicy', '/aws/lambda/full-dev-worker', 14],
      ['putRetentionPolicy', '/aws/lambda/full-dev-jobs', 7],
    ]);
  });

  it('leaves log groups in place on delete', async () => {
    const h = harness();
    const inputs = await fixtureInputs('full');
    await h.deploy(inputs);
    await h.delete();
    expect(h.client.logGroups.has('/aws/lambda/full-dev-worker')).toBe(true);
  });
});
