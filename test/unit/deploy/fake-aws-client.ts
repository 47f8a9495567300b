/**
 * An in-memory AWS behind the `AwsClient` interface: IAM roles, Lambda functions (code hash,
 * settings, tags, concurrency, resource policies), layers, event source mappings, REST APIs
 * with tags and stages, EventBridge rules, SNS subscriptions and S3 bucket notifications.
 * It records every call and can fail at the Nth write call in one of three ways:
 *   - `fail`: the call has no effect and throws (AWS refused it);
 *   - `lost-answer`: the call takes effect, then throws (the answer never arrived);
 *   - `kill`: the call takes effect, then the "process dies" (`SimulatedKill`), so the
 *     caller gets no chance to write anything afterwards.
 * `dump()` is the remote state keyed by natural keys (never by generated ids), so two runs
 * that converge compare equal and a duplicate shows as a second entry.
 */
import { createHash } from 'node:crypto';
import type { IamPolicyDocument } from '../../../src/graph/index.js';
import type {
  AwsClient,
  BucketNotification,
  EventSourceMappingSettings,
  FunctionSettings,
  PolicyStatement,
  RemoteEventSourceMapping,
  RemoteFunction,
  RemoteLayerVersion,
  RemoteRestApi,
  RemoteRule,
  RemoteStage,
  RemoteSubscription,
  RuleSettings,
  RuleTarget,
} from '../../../src/deploy/aws/aws-client.js';
import { AwsCallError, WRITE_CALLS } from '../../../src/deploy/aws/aws-client.js';

export type FailureMode = 'fail' | 'lost-answer' | 'kill';

export class SimulatedKill extends Error {
  override readonly name = 'SimulatedKill';
}

export interface RecordedCall {
  readonly method: keyof AwsClient;
  readonly args: readonly unknown[];
}

interface FakeFunction {
  settings: FunctionSettings;
  codeSha256: string;
  tags: Record<string, string>;
  reserved?: number;
  policy: (PolicyStatement & { sourceAccount?: string })[];
}

interface FakeApi {
  name: string;
  endpointType: string;
  tags: Record<string, string>;
  document?: string;
  stages: Map<string, { deployedDocument?: string; tracingEnabled: boolean; deploymentId: string; description: string }>;
}

/** An error to answer one call with, `times` times. */
export interface InjectedError {
  readonly method: keyof AwsClient;
  readonly code: string;
  readonly message: string;
  times: number;
  /** The error means "does not exist". */
  readonly notFound?: boolean;
}

export class FakeAwsClient implements AwsClient {
  readonly calls: RecordedCall[] = [];
  private writeCount = 0;
  private failure?: { atWrite: number; mode: FailureMode };
  readonly injected: InjectedError[] = [];
  /** After a create or update, a function reports Pending/InProgress for this many GetFunction calls. */
  busyPolls = 0;
  private readonly busy = new Map<string, number>();
  /** Updates made while the function was still busy (Lambda refuses those). */
  readonly conflicts: string[] = [];
  private nextId = 1;

  readonly roles = new Map<string, { trust: IamPolicyDocument; policies: Map<string, IamPolicyDocument> }>();
  readonly functions = new Map<string, FakeFunction>();
  readonly layers = new Map<string, RemoteLayerVersion[]>();
  readonly mappings = new Map<string, RemoteEventSourceMapping>();
  readonly apis = new Map<string, FakeApi>();
  readonly rules = new Map<string, { settings: RuleSettings; targets: RuleTarget[] }>();
  readonly subscriptions = new Map<string, RemoteSubscription & { topicArn: string }>();
  readonly buckets = new Map<string, BucketNotification>();
  /** Log group name → retention (undefined: never expire). Kept on delete, like Lambda's own logs. */
  readonly logGroups = new Map<string, number | undefined>();

  constructor(
    readonly region = 'us-west-2',
    readonly accountId = '123456789012',
  ) {}

  /** Fail at the `n`th write call from now (1-based). */
  failAtWrite(n: number, mode: FailureMode): void {
    this.failure = { atWrite: this.writeCount + n, mode };
  }

  /** Calls since construction (or `resetCalls`) that change something. */
  get writes(): RecordedCall[] {
    return this.calls.filter((c) => WRITE_CALLS.has(c.method));
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  /** The remote state by natural keys: equal for two runs that converged to the same AWS. */
  dump(): unknown {
    const sorted = <T>(entries: [string, T][]): Record<string, T> => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const list = <T>(items: T[]): T[] => items.map((i) => JSON.stringify(i)).sort().map((s) => JSON.parse(s) as T);
    const apiKey = (api: FakeApi): string => `${api.name}|${JSON.stringify(Object.entries(api.tags).sort())}`;
    return {
      roles: sorted([...this.roles].map(([name, r]) => [name, { policies: sorted([...r.policies]) }])),
      functions: sorted(
        [...this.functions].map(([name, f]) => [
          name,
          { ...f, settings: { ...f.settings, layers: f.settings.layers.map((l) => this.layerLabel(l)) }, policy: list(f.policy.map((p) => ({ ...p, sourceArn: this.apiLabel(p.sourceArn) }))) },
        ]),
      ),
      layers: sorted([...this.layers].map(([name, versions]) => [name, list(versions.map((v) => v.description))])),
      mappings: list([...this.mappings.values()].map(({ uuid: _uuid, ...m }) => m)),
      apis: list(
        [...this.apis.values()].map((api) => ({
          key: apiKey(api),
          endpointType: api.endpointType,
          document: api.document,
          stages: sorted([...api.stages].map(([name, s]) => [name, { deployedDocument: s.deployedDocument, tracingEnabled: s.tracingEnabled, description: s.description }])),
        })),
      ),
      rules: sorted([...this.rules]),
      subscriptions: list([...this.subscriptions.values()].map(({ subscriptionArn: _arn, ...s }) => s)),
      // A bucket with an empty configuration looks the same whether or not it was ever written.
      buckets: sorted([...this.buckets].filter(([, b]) => b.lambda.length > 0 || Object.keys(b.other).length > 0).map(([name, b]) => [name, { lambda: list([...b.lambda]), other: b.other }])),
    };
  }

  /** True when nothing chalice-ts creates exists (buckets keep their other entries). */
  isEmpty(): boolean {
    const lambdaNotifications = [...this.buckets.values()].some((b) => b.lambda.length > 0);
    return (
      this.roles.size + this.functions.size + [...this.layers.values()].flat().length + this.mappings.size + this.apis.size + this.rules.size + this.subscriptions.size === 0 &&
      !lambdaNotifications
    );
  }

  private layerLabel(arn: string): string {
    for (const versions of this.layers.values()) {
      const found = versions.find((v) => v.layerVersionArn === arn);
      if (found) return `layer:${found.description}`;
    }
    return arn;
  }

  private apiLabel(arn: string | undefined): string | undefined {
    if (arn === undefined) return undefined;
    for (const [id, api] of this.apis) if (arn.includes(`:${id}/`)) return arn.replace(`:${id}/`, `:<api ${api.name}>/`);
    return arn;
  }

  private id(prefix: string): string {
    return `${prefix}${String(this.nextId++).padStart(6, '0')}`;
  }

  /** Records the call, applies injected errors and the failure plan around `effect`. */
  private async run<T>(method: keyof AwsClient, args: unknown[], effect: () => T): Promise<T> {
    this.calls.push({ method, args });
    const injected = this.injected.find((e) => e.method === method && e.times > 0);
    if (injected) {
      injected.times--;
      throw new AwsCallError(callName(method), injected.code, injected.message, injected.notFound === true);
    }
    if (!WRITE_CALLS.has(method)) return effect();
    this.writeCount++;
    const failure = this.failure;
    if (failure === undefined || failure.atWrite !== this.writeCount) return effect();
    this.failure = undefined;
    if (failure.mode === 'fail') throw new AwsCallError(callName(method), 'ServiceUnavailable', `injected failure of ${method}`);
    effect();
    if (failure.mode === 'kill') throw new SimulatedKill(`killed after ${method}`);
    throw new AwsCallError(callName(method), 'RequestTimeout', `injected lost answer of ${method}`);
  }

  private notFound(method: string, what: string): never {
    throw new AwsCallError(callName(method), 'ResourceNotFoundException', `${what} not found`, true);
  }

  private fn(method: string, name: string): FakeFunction {
    return this.functions.get(name) ?? this.notFound(method, `Function ${name}`);
  }

  private functionArn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
  }

  private functionNameOfArn(arn: string): string {
    return arn.slice(arn.lastIndexOf(':') + 1);
  }

  // IAM
  getRole(roleName: string) {
    return this.run('getRole', [roleName], () => (this.roles.has(roleName) ? { arn: `arn:aws:iam::${this.accountId}:role/${roleName}` } : undefined));
  }
  getRolePolicy(roleName: string, policyName: string) {
    return this.run('getRolePolicy', [roleName, policyName], () => this.roles.get(roleName)?.policies.get(policyName));
  }
  createRole(roleName: string, trust: IamPolicyDocument) {
    return this.run('createRole', [roleName], () => {
      if (this.roles.has(roleName)) throw new AwsCallError(callName('createRole'), 'EntityAlreadyExists', `Role ${roleName} already exists`);
      this.roles.set(roleName, { trust, policies: new Map() });
      return { arn: `arn:aws:iam::${this.accountId}:role/${roleName}` };
    });
  }
  putRolePolicy(roleName: string, policyName: string, document: IamPolicyDocument) {
    return this.run('putRolePolicy', [roleName, policyName], () => {
      const role = this.roles.get(roleName) ?? this.notFound('putRolePolicy', `Role ${roleName}`);
      role.policies.set(policyName, structuredClone(document));
    });
  }
  deleteRolePolicy(roleName: string, policyName: string) {
    return this.run('deleteRolePolicy', [roleName, policyName], () => {
      const role = this.roles.get(roleName);
      if (!role?.policies.delete(policyName)) this.notFound('deleteRolePolicy', `Policy ${policyName}`);
    });
  }
  deleteRole(roleName: string) {
    return this.run('deleteRole', [roleName], () => {
      const role = this.roles.get(roleName) ?? this.notFound('deleteRole', `Role ${roleName}`);
      if (role.policies.size > 0) throw new AwsCallError(callName('deleteRole'), 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
      this.roles.delete(roleName);
    });
  }

  // Lambda
  getFunction(functionName: string) {
    return this.run('getFunction', [functionName], (): RemoteFunction | undefined => {
      const f = this.functions.get(functionName);
      if (f === undefined) return undefined;
      return {
        settings: structuredClone(f.settings),
        functionArn: this.functionArn(functionName),
        codeSha256: f.codeSha256,
        tags: { ...f.tags },
        ...(f.reserved === undefined ? {} : { reservedConcurrency: f.reserved }),
        ...this.pollStatus(functionName),
      };
    });
  }
  private pollStatus(functionName: string): { state: string; lastUpdateStatus: string } {
    const left = this.busy.get(functionName) ?? 0;
    if (left === 0) return { state: 'Active', lastUpdateStatus: 'Successful' };
    this.busy.set(functionName, left - 1);
    return { state: 'Active', lastUpdateStatus: 'InProgress' };
  }

  /** Like Lambda: an update while the previous one is in progress is refused. */
  private startUpdate(method: string, functionName: string): void {
    if ((this.busy.get(functionName) ?? 0) > 0) {
      this.conflicts.push(`${method} ${functionName}`);
      throw new AwsCallError(callName(method), 'ResourceConflictException', `The operation cannot be performed at this time. An update is in progress for resource: ${functionName}`);
    }
    this.busy.set(functionName, this.busyPolls);
  }

  createFunction(settings: FunctionSettings, zip: Uint8Array, tags: Readonly<Record<string, string>>) {
    return this.run('createFunction', [settings.functionName], () => {
      if (this.functions.has(settings.functionName)) throw new AwsCallError(callName('createFunction'), 'ResourceConflictException', `Function already exist: ${settings.functionName}`);
      if (!this.roles.has(settings.roleArn.slice(settings.roleArn.lastIndexOf('/') + 1)) && !settings.roleArn.includes(':role/existing')) {
        throw new AwsCallError(callName('createFunction'), 'InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.');
      }
      this.functions.set(settings.functionName, { settings: structuredClone(settings), codeSha256: sha(zip), tags: { ...tags }, policy: [] });
      this.busy.set(settings.functionName, this.busyPolls);
      return { functionArn: this.functionArn(settings.functionName) };
    });
  }
  updateFunctionCode(functionName: string, zip: Uint8Array, architecture: 'x86_64' | 'arm64') {
    return this.run('updateFunctionCode', [functionName, architecture], () => {
      const f = this.fn('updateFunctionCode', functionName);
      this.startUpdate('updateFunctionCode', functionName);
      f.codeSha256 = sha(zip);
      f.settings = { ...f.settings, architecture };
    });
  }
  updateFunctionConfiguration(settings: FunctionSettings) {
    return this.run('updateFunctionConfiguration', [settings.functionName], () => {
      const f = this.fn('updateFunctionConfiguration', settings.functionName);
      this.startUpdate('updateFunctionConfiguration', settings.functionName);
      // Like Lambda: UpdateFunctionConfiguration cannot change the architecture.
      f.settings = { ...structuredClone(settings), architecture: f.settings.architecture };
    });
  }
  tagResource(functionArn: string, tags: Readonly<Record<string, string>>) {
    return this.run('tagResource', [functionArn, tags], () => {
      Object.assign(this.fn('tagResource', this.functionNameOfArn(functionArn)).tags, tags);
    });
  }
  untagResource(functionArn: string, keys: readonly string[]) {
    return this.run('untagResource', [functionArn, keys], () => {
      const f = this.fn('untagResource', this.functionNameOfArn(functionArn));
      for (const key of keys) delete f.tags[key];
    });
  }
  getFunctionConcurrency(functionName: string) {
    return this.run('getFunctionConcurrency', [functionName], () => this.functions.get(functionName)?.reserved);
  }
  putFunctionConcurrency(functionName: string, reserved: number) {
    return this.run('putFunctionConcurrency', [functionName, reserved], () => {
      this.fn('putFunctionConcurrency', functionName).reserved = reserved;
    });
  }
  deleteFunctionConcurrency(functionName: string) {
    return this.run('deleteFunctionConcurrency', [functionName], () => {
      delete this.fn('deleteFunctionConcurrency', functionName).reserved;
    });
  }
  deleteFunction(functionName: string) {
    return this.run('deleteFunction', [functionName], () => {
      if (!this.functions.delete(functionName)) this.notFound('deleteFunction', `Function ${functionName}`);
    });
  }
  getPolicy(functionName: string) {
    return this.run('getPolicy', [functionName], () => (this.functions.get(functionName)?.policy ?? []).map(({ sourceAccount: _a, ...s }) => s));
  }
  addPermission(functionName: string, statement: PolicyStatement & { sourceAccount?: string }) {
    return this.run('addPermission', [functionName, statement.sid], () => {
      const f = this.fn('addPermission', functionName);
      if (f.policy.some((s) => s.sid === statement.sid)) throw new AwsCallError(callName('addPermission'), 'ResourceConflictException', `The statement id (${statement.sid}) provided already exists`);
      f.policy.push({ ...statement });
    });
  }
  removePermission(functionName: string, sid: string) {
    return this.run('removePermission', [functionName, sid], () => {
      const f = this.fn('removePermission', functionName);
      if (!f.policy.some((s) => s.sid === sid)) this.notFound('removePermission', `Statement ${sid}`);
      f.policy = f.policy.filter((s) => s.sid !== sid);
    });
  }
  listLayerVersions(layerName: string) {
    return this.run('listLayerVersions', [layerName], () => [...(this.layers.get(layerName) ?? [])]);
  }
  publishLayerVersion(layerName: string, description: string, _runtime: string, _zip: Uint8Array, architectures: readonly string[]) {
    return this.run('publishLayerVersion', [layerName, description, architectures], () => {
      const versions = this.layers.get(layerName) ?? [];
      const version = this.nextId++;
      const published = { layerVersionArn: `arn:aws:lambda:${this.region}:${this.accountId}:layer:${layerName}:${version}`, version, description };
      this.layers.set(layerName, [...versions, published]);
      return published;
    });
  }
  deleteLayerVersion(layerName: string, version: number) {
    return this.run('deleteLayerVersion', [layerName, version], () => {
      // Like Lambda: deleting a version that does not exist succeeds.
      this.layers.set(layerName, (this.layers.get(layerName) ?? []).filter((v) => v.version !== version));
      if (this.layers.get(layerName)!.length === 0) this.layers.delete(layerName);
    });
  }
  listEventSourceMappings(functionName: string) {
    return this.run('listEventSourceMappings', [functionName], () => [...this.mappings.values()].filter((m) => m.functionArn === this.functionArn(functionName)));
  }
  createEventSourceMapping(functionName: string, eventSourceArn: string, settings: EventSourceMappingSettings & { startingPosition?: string }) {
    return this.run('createEventSourceMapping', [functionName, eventSourceArn], () => {
      this.fn('createEventSourceMapping', functionName);
      const uuid = this.id('uuid-');
      this.mappings.set(uuid, { uuid, eventSourceArn, functionArn: this.functionArn(functionName), ...settings });
      return { uuid };
    });
  }
  updateEventSourceMapping(uuid: string, settings: EventSourceMappingSettings) {
    return this.run('updateEventSourceMapping', [uuid], () => {
      const m = this.mappings.get(uuid) ?? this.notFound('updateEventSourceMapping', `Mapping ${uuid}`);
      const { maximumConcurrency: _old, streamFailure: _oldFailure, ...rest } = m;
      this.mappings.set(uuid, { ...rest, ...settings });
    });
  }
  deleteEventSourceMapping(uuid: string) {
    return this.run('deleteEventSourceMapping', [uuid], () => {
      if (!this.mappings.delete(uuid)) this.notFound('deleteEventSourceMapping', `Mapping ${uuid}`);
    });
  }

  // API Gateway
  getRestApis() {
    return this.run('getRestApis', [], (): RemoteRestApi[] => [...this.apis].map(([id, api]) => ({ id, name: api.name, tags: { ...api.tags }, endpointType: api.endpointType })));
  }
  getStage(restApiId: string, stageName: string) {
    return this.run('getStage', [restApiId, stageName], (): RemoteStage | undefined => {
      const stage = this.apis.get(restApiId)?.stages.get(stageName);
      return stage ? { deploymentId: stage.deploymentId, tracingEnabled: stage.tracingEnabled, deploymentDescription: stage.description } : undefined;
    });
  }
  createRestApi(name: string, endpointType: string, tags: Readonly<Record<string, string>>) {
    return this.run('createRestApi', [name], () => {
      const id = this.id('api');
      this.apis.set(id, { name, endpointType, tags: { ...tags }, stages: new Map() });
      return { id };
    });
  }
  private api(method: string, id: string): FakeApi {
    return this.apis.get(id) ?? this.notFound(method, `REST API ${id}`);
  }
  putRestApi(restApiId: string, document: string) {
    return this.run('putRestApi', [restApiId], () => {
      this.api('putRestApi', restApiId).document = document;
    });
  }
  updateRestApiEndpointType(restApiId: string, _from: string, to: string) {
    return this.run('updateRestApiEndpointType', [restApiId, to], () => {
      this.api('updateRestApiEndpointType', restApiId).endpointType = to;
    });
  }
  createDeployment(restApiId: string, stageName: string, tracingEnabled: boolean, description: string) {
    return this.run('createDeployment', [restApiId, stageName], () => {
      const api = this.api('createDeployment', restApiId);
      // Like API Gateway: the tracing setting applies only to a stage this call creates.
      const existing = api.stages.get(stageName);
      api.stages.set(stageName, { deployedDocument: api.document, tracingEnabled: existing?.tracingEnabled ?? tracingEnabled, deploymentId: this.id('dep'), description });
    });
  }
  updateStageTracing(restApiId: string, stageName: string, tracingEnabled: boolean) {
    return this.run('updateStageTracing', [restApiId, stageName, tracingEnabled], () => {
      const stage = this.api('updateStageTracing', restApiId).stages.get(stageName) ?? this.notFound('updateStageTracing', `Stage ${stageName}`);
      stage.tracingEnabled = tracingEnabled;
    });
  }
  deleteRestApi(restApiId: string) {
    return this.run('deleteRestApi', [restApiId], () => {
      if (!this.apis.delete(restApiId)) this.notFound('deleteRestApi', `REST API ${restApiId}`);
    });
  }

  // EventBridge
  describeRule(ruleName: string) {
    return this.run('describeRule', [ruleName], (): RemoteRule | undefined => {
      const rule = this.rules.get(ruleName);
      return rule ? { ...rule.settings, arn: `arn:aws:events:${this.region}:${this.accountId}:rule/${ruleName}` } : undefined;
    });
  }
  listTargetsByRule(ruleName: string) {
    return this.run('listTargetsByRule', [ruleName], () => {
      const rule = this.rules.get(ruleName) ?? this.notFound('listTargetsByRule', `Rule ${ruleName}`);
      return [...rule.targets];
    });
  }
  putRule(settings: RuleSettings) {
    return this.run('putRule', [settings.ruleName], () => {
      const targets = this.rules.get(settings.ruleName)?.targets ?? [];
      this.rules.set(settings.ruleName, { settings: { ...settings }, targets });
      return { arn: `arn:aws:events:${this.region}:${this.accountId}:rule/${settings.ruleName}` };
    });
  }
  putTargets(ruleName: string, targets: readonly RuleTarget[]) {
    return this.run('putTargets', [ruleName, targets], () => {
      const rule = this.rules.get(ruleName) ?? this.notFound('putTargets', `Rule ${ruleName}`);
      rule.targets = [...rule.targets.filter((t) => !targets.some((n) => n.id === t.id)), ...targets];
    });
  }
  removeTargets(ruleName: string, ids: readonly string[]) {
    return this.run('removeTargets', [ruleName, ids], () => {
      const rule = this.rules.get(ruleName) ?? this.notFound('removeTargets', `Rule ${ruleName}`);
      rule.targets = rule.targets.filter((t) => !ids.includes(t.id));
    });
  }
  deleteRule(ruleName: string) {
    return this.run('deleteRule', [ruleName], () => {
      const rule = this.rules.get(ruleName);
      // Like EventBridge: a missing rule deletes fine, one with targets does not.
      if (rule && rule.targets.length > 0) throw new AwsCallError(callName('deleteRule'), 'ValidationException', 'Rule can\'t be deleted since it has targets.');
      this.rules.delete(ruleName);
    });
  }

  // SNS
  listSubscriptionsByTopic(topicArn: string) {
    return this.run('listSubscriptionsByTopic', [topicArn], () =>
      [...this.subscriptions.values()].filter((s) => s.topicArn === topicArn).map(({ topicArn: _t, ...s }) => s),
    );
  }
  subscribe(topicArn: string, functionArn: string) {
    return this.run('subscribe', [topicArn, functionArn], () => {
      // Like SNS: subscribing the same endpoint again returns the existing subscription.
      const existing = [...this.subscriptions.values()].find((s) => s.topicArn === topicArn && s.endpoint === functionArn);
      if (existing) return { subscriptionArn: existing.subscriptionArn };
      const subscriptionArn = `${topicArn}:${this.id('sub-')}`;
      this.subscriptions.set(subscriptionArn, { subscriptionArn, topicArn, protocol: 'lambda', endpoint: functionArn });
      return { subscriptionArn };
    });
  }
  unsubscribe(subscriptionArn: string) {
    return this.run('unsubscribe', [subscriptionArn], () => {
      if (!this.subscriptions.delete(subscriptionArn)) this.notFound('unsubscribe', `Subscription ${subscriptionArn}`);
    });
  }

  // CloudWatch Logs
  getLogGroup(logGroupName: string) {
    return this.run('getLogGroup', [logGroupName], () => {
      if (!this.logGroups.has(logGroupName)) return undefined;
      const days = this.logGroups.get(logGroupName);
      return days === undefined ? {} : { retentionInDays: days };
    });
  }
  createLogGroup(logGroupName: string) {
    return this.run('createLogGroup', [logGroupName], () => {
      if (this.logGroups.has(logGroupName)) throw new AwsCallError('CloudWatchLogs.CreateLogGroup', 'ResourceAlreadyExistsException', 'The specified log group already exists');
      this.logGroups.set(logGroupName, undefined);
    });
  }
  putRetentionPolicy(logGroupName: string, retentionInDays: number) {
    return this.run('putRetentionPolicy', [logGroupName, retentionInDays], () => {
      if (!this.logGroups.has(logGroupName)) throw new AwsCallError('CloudWatchLogs.PutRetentionPolicy', 'ResourceNotFoundException', 'The specified log group does not exist.');
      this.logGroups.set(logGroupName, retentionInDays);
    });
  }

  // S3
  getBucketNotification(bucket: string) {
    return this.run('getBucketNotification', [bucket], () => structuredClone(this.buckets.get(bucket) ?? { lambda: [], other: {} }));
  }
  putBucketNotification(bucket: string, notification: BucketNotification) {
    return this.run('putBucketNotification', [bucket], () => {
      this.buckets.set(bucket, structuredClone(notification));
    });
  }
}

/** `Service.Operation`, as the SDK client names calls. */
function callName(method: string): string {
  const service = /Role/.test(method)
    ? 'IAM'
    : /RestApi|Stage|Deployment/.test(method)
      ? 'APIGateway'
      : /Rule|Targets/.test(method)
        ? 'EventBridge'
        : /ubscri/.test(method)
          ? 'SNS'
          : /Bucket/.test(method)
            ? 'S3'
            : 'Lambda';
  return `${service}.${method[0]!.toUpperCase()}${method.slice(1)}`;
}

function sha(zip: Uint8Array): string {
  return createHash('sha256').update(zip).digest('base64');
}
