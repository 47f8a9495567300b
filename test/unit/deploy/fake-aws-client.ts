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
// ws-domains
import type {
  DomainNameSettings,
  DomainProtocol,
  RemoteApiMapping,
  RemoteBasePathMapping,
  RemoteDomainName,
  RemoteWebsocketStage,
} from '../../../src/deploy/aws/aws-client.js';

// HTTP APIs: their calls are mixed in from fake-http-api.ts (declared by the interface below).
import type { HttpApiCalls } from '../../../src/deploy/aws/http-api-calls.js';
import { FakeHttpApis } from './fake-http-api.js';
// Function URLs.
import type { FunctionUrlCalls } from '../../../src/deploy/aws/function-url-calls.js';
import { createFakeFunctionUrls, type FakeFunctionUrls } from './fake-function-urls.js';
// Provisioned concurrency (versions, aliases) and event invoke configs.
import type { FunctionExtrasCalls } from '../../../src/deploy/aws/function-extras-calls.js';
import type { FakeFunctionExtras } from './fake-function-extras.js';
import { dumpFunctionExtras, fakeFunctionExtrasCalls, policyOf } from './fake-function-extras.js';

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

/** ws-domains: a websocket API (API Gateway v2). */
interface FakeWebsocketApi {
  name: string;
  routeSelectionExpression: string;
  tags: Record<string, string>;
  integrations: Map<string, string>;
  routes: Map<string, { routeKey: string; target: string }>;
  /** Each deployment: its description and the routes (key → integration URI) it froze. */
  deployments: Map<string, { description: string; routes: Record<string, string | undefined> }>;
  stages: Map<string, { deploymentId?: string }>;
}

/** ws-domains: a custom domain name (v1 and v2 domains are apart, as in the emulator). */
interface FakeDomain {
  settings: DomainNameSettings;
  tags: Record<string, string>;
  basePathMappings: Map<string, { restApiId: string; stage: string }>;
  apiMappings: Map<string, { apiId: string; key: string; stage: string }>;
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

/** The HTTP API calls, assigned in the constructor from `FakeHttpApis`. */
export interface FakeAwsClient extends HttpApiCalls {}
// Function URLs: the calls come from `createFakeFunctionUrls`, assigned in the constructor.
export interface FakeAwsClient extends FunctionUrlCalls {}

// Function extras: the calls come from fake-function-extras.ts, assigned to the prototype at the end of this file.
export interface FakeAwsClient extends FunctionExtrasCalls {}

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
  // ws-domains
  readonly websocketApis = new Map<string, FakeWebsocketApi>();
  readonly domains = new Map<string, FakeDomain>();
  /** ACM certificates that exist (by ARN). */
  readonly certificates = new Set<string>();
  /** Domains made by hand before a test: not chalice-ts's to delete (`isEmpty` ignores them, not their mappings). */
  readonly handMadeDomains = new Set<string>();
  /** Log group name → retention (undefined: never expire). Kept on delete, like Lambda's own logs. */
  readonly logGroups = new Map<string, number | undefined>();
  readonly httpApis = new FakeHttpApis({ run: (method, args, effect) => this.run(method, args, effect), id: (prefix) => this.id(prefix) });

  /** Function URL configs by function name. */
  readonly functionUrls: FakeFunctionUrls['urls'];
  /** Versions, aliases and event invoke configs by function name (fake-function-extras.ts). */
  readonly functionExtras = new Map<string, FakeFunctionExtras>();

  constructor(
    readonly region = 'us-west-2',
    readonly accountId = '123456789012',
  ) {
    Object.assign(this, this.httpApis.calls());
    const { urls, ...calls } = createFakeFunctionUrls({
      region,
      run: (method, args, effect) => this.run(method, args, effect),
      notFound: (method, what) => this.notFound(method, what),
      policyOf: (method, name) => policyOf(this, method, name),
    });
    this.functionUrls = urls;
    Object.assign(this, calls);
  }

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
      ...this.dumpWebsocketDomains(),
      ...this.httpApis.dump(),
      ...(this.functionUrls.size > 0 ? { functionUrls: sorted([...this.functionUrls].map(([name, { functionUrl: _url, ...settings }]) => [name, settings])) } : {}),
      ...dumpFunctionExtras(this),
    };
  }

  /** ws-domains: websocket APIs and domains by natural keys (API and mapping ids left out). */
  private dumpWebsocketDomains(): Record<string, unknown> {
    const list = <T>(items: T[]): T[] => items.map((i) => JSON.stringify(i)).sort().map((t) => JSON.parse(t) as T);
    const out: Record<string, unknown> = {};
    if (this.websocketApis.size > 0) {
      out.websocketApis = list(
        [...this.websocketApis.values()].map((api) => ({
          key: `${api.name}|${JSON.stringify(Object.entries(api.tags).sort())}`,
          routeSelectionExpression: api.routeSelectionExpression,
          integrations: list([...api.integrations.values()]),
          routes: list([...api.routes.values()].map((r) => ({ routeKey: r.routeKey, uri: api.integrations.get(r.target.replace('integrations/', '')) }))),
          stages: list([...api.stages].map(([name, stage]) => ({ name, deployed: stage.deploymentId === undefined ? null : api.deployments.get(stage.deploymentId) }))),
        })),
      );
    }
    if (this.domains.size > 0) {
      out.domains = list(
        [...this.domains].map(([key, d]) => ({
          key,
          settings: d.settings,
          tags: Object.entries(d.tags).sort(),
          basePathMappings: list([...d.basePathMappings].map(([basePath, m]) => ({ basePath, api: this.apiName(m.restApiId), stage: m.stage }))),
          apiMappings: list([...d.apiMappings.values()].map((m) => ({ key: m.key, api: this.apiName(m.apiId), stage: m.stage }))),
        })),
      );
    }
    return out;
  }

  private apiName(id: string): string {
    return this.apis.get(id)?.name ?? this.websocketApis.get(id)?.name ?? `<missing api ${id}>`;
  }

  /** True when nothing chalice-ts creates exists (buckets keep their other entries). */
  isEmpty(): boolean {
    const lambdaNotifications = [...this.buckets.values()].some((b) => b.lambda.length > 0);
    // ws-domains: hand-made domains stay, but without mappings.
    const domainsLeft = [...this.domains].filter(([key, d]) => !this.handMadeDomains.has(key) || d.basePathMappings.size + d.apiMappings.size > 0).length;
    return (
      this.roles.size + this.functions.size + [...this.layers.values()].flat().length + this.mappings.size + this.apis.size + this.rules.size + this.subscriptions.size === 0 &&
      !lambdaNotifications &&
      this.websocketApis.size + domainsLeft + this.httpApis.apis.size === 0
    );
  }

  private layerLabel(arn: string): string {
    for (const versions of this.layers.values()) {
      const found = versions.find((v) => v.layerVersionArn === arn);
      if (found) return `layer:${found.description}`;
    }
    return arn;
  }

  /** Also used by fake-function-extras.ts. */
  apiLabel(arn: string | undefined): string | undefined {
    if (arn === undefined) return undefined;
    for (const [id, api] of this.apis) if (arn.includes(`:${id}/`)) return arn.replace(`:${id}/`, `:<api ${api.name}>/`);
    for (const [id, api] of this.websocketApis) if (arn.includes(`:${id}/`)) return arn.replace(`:${id}/`, `:<api ${api.name}>/`);
    return this.httpApis.label(arn) ?? arn;
  }

  private id(prefix: string): string {
    return `${prefix}${String(this.nextId++).padStart(6, '0')}`;
  }

  /** Records the call, applies injected errors and the failure plan around `effect`. */
  /** Also used by fake-function-extras.ts. */
  async run<T>(method: keyof AwsClient, args: unknown[], effect: () => T): Promise<T> {
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

  notFound(method: string, what: string): never {
    throw new AwsCallError(callName(method), 'ResourceNotFoundException', `${what} not found`, true);
  }

  fn(method: string, name: string): FakeFunction {
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
      this.functionUrls.delete(functionName); // A function's URL goes with it.
      this.functionExtras.delete(functionName);
    });
  }
  getPolicy(functionName: string) {
    return this.run('getPolicy', [functionName], () => {
      let policy: (PolicyStatement & { sourceAccount?: string })[] = [];
      try {
        policy = policyOf(this, 'getPolicy', functionName);
      } catch {
        // Like Lambda: no function or alias, no policy.
      }
      return policy.map(({ sourceAccount: _a, ...s }) => s);
    });
  }
  addPermission(functionName: string, statement: PolicyStatement & { sourceAccount?: string }) {
    return this.run('addPermission', [functionName, statement.sid], () => {
      const policy = policyOf(this, 'addPermission', functionName);
      if (policy.some((s) => s.sid === statement.sid)) throw new AwsCallError(callName('addPermission'), 'ResourceConflictException', `The statement id (${statement.sid}) provided already exists`);
      policy.push({ ...statement });
    });
  }
  removePermission(functionName: string, sid: string) {
    return this.run('removePermission', [functionName, sid], () => {
      const policy = policyOf(this, 'removePermission', functionName);
      if (!policy.some((s) => s.sid === sid)) this.notFound('removePermission', `Statement ${sid}`);
      policy.splice(policy.findIndex((s) => s.sid === sid), 1);
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
      policyOf(this, 'createEventSourceMapping', functionName); // the function (or alias) must exist
      const uuid = this.id('uuid-');
      this.mappings.set(uuid, { uuid, eventSourceArn, functionArn: this.functionArn(functionName), ...settings });
      return { uuid };
    });
  }
  updateEventSourceMapping(uuid: string, settings: EventSourceMappingSettings, functionName?: string) {
    return this.run('updateEventSourceMapping', [uuid, ...(functionName === undefined ? [] : [functionName])], () => {
      const m = this.mappings.get(uuid) ?? this.notFound('updateEventSourceMapping', `Mapping ${uuid}`);
      const { maximumConcurrency: _old, streamFailure: _oldFailure, ...rest } = m;
      if (functionName !== undefined) policyOf(this, 'updateEventSourceMapping', functionName);
      this.mappings.set(uuid, { ...rest, ...settings, ...(functionName === undefined ? {} : { functionArn: this.functionArn(functionName) }) });
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
  describeRule(ruleName: string, eventBusName?: string) {
    return this.run('describeRule', [ruleName, eventBusName], (): RemoteRule | undefined => {
      const rule = this.rules.get(ruleKey(ruleName, eventBusName));
      return rule ? { ...rule.settings, arn: `arn:aws:events:${this.region}:${this.accountId}:rule/${ruleKey(ruleName, eventBusName)}` } : undefined;
    });
  }
  listTargetsByRule(ruleName: string, eventBusName?: string) {
    return this.run('listTargetsByRule', [ruleName, eventBusName], () => {
      const rule = this.rules.get(ruleKey(ruleName, eventBusName)) ?? this.notFound('listTargetsByRule', `Rule ${ruleName}`);
      return [...rule.targets];
    });
  }
  putRule(settings: RuleSettings) {
    return this.run('putRule', [settings.ruleName], () => {
      const key = ruleKey(settings.ruleName, settings.eventBusName);
      const targets = this.rules.get(key)?.targets ?? [];
      this.rules.set(key, { settings: { ...settings }, targets });
      return { arn: `arn:aws:events:${this.region}:${this.accountId}:rule/${key}` };
    });
  }
  putTargets(ruleName: string, targets: readonly RuleTarget[], eventBusName?: string) {
    return this.run('putTargets', [ruleName, targets], () => {
      const rule = this.rules.get(ruleKey(ruleName, eventBusName)) ?? this.notFound('putTargets', `Rule ${ruleName}`);
      rule.targets = [...rule.targets.filter((t) => !targets.some((n) => n.id === t.id)), ...targets];
    });
  }
  removeTargets(ruleName: string, ids: readonly string[], eventBusName?: string) {
    return this.run('removeTargets', [ruleName, ids], () => {
      const rule = this.rules.get(ruleKey(ruleName, eventBusName)) ?? this.notFound('removeTargets', `Rule ${ruleName}`);
      rule.targets = rule.targets.filter((t) => !ids.includes(t.id));
    });
  }
  deleteRule(ruleName: string, eventBusName?: string) {
    return this.run('deleteRule', [ruleName], () => {
      const rule = this.rules.get(ruleKey(ruleName, eventBusName));
      // Like EventBridge: a missing rule deletes fine, one with targets does not.
      if (rule && rule.targets.length > 0) throw new AwsCallError(callName('deleteRule'), 'ValidationException', 'Rule can\'t be deleted since it has targets.');
      this.rules.delete(ruleKey(ruleName, eventBusName));
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

  // ---- ws-domains: websocket APIs (API Gateway v2), custom domain names, ACM ----
  private websocketApi(method: string, apiId: string): FakeWebsocketApi {
    return this.websocketApis.get(apiId) ?? this.notFound(method, `Websocket API ${apiId}`);
  }
  getWebsocketApis() {
    return this.run('getWebsocketApis', [], () => [...this.websocketApis].map(([id, api]) => ({ id, name: api.name, tags: { ...api.tags } })));
  }
  getWebsocketIntegrations(apiId: string) {
    return this.run('getWebsocketIntegrations', [apiId], () =>
      [...(this.websocketApis.get(apiId)?.integrations ?? [])].map(([integrationId, integrationUri]) => ({ integrationId, integrationUri })),
    );
  }
  getWebsocketRoutes(apiId: string) {
    return this.run('getWebsocketRoutes', [apiId], () => [...(this.websocketApis.get(apiId)?.routes ?? [])].map(([routeId, r]) => ({ routeId, ...r })));
  }
  getWebsocketStage(apiId: string, stageName: string) {
    return this.run('getWebsocketStage', [apiId, stageName], (): RemoteWebsocketStage | undefined => {
      const api = this.websocketApis.get(apiId);
      const stage = api?.stages.get(stageName);
      if (api === undefined || stage === undefined) return undefined;
      if (stage.deploymentId === undefined) return {};
      return { deploymentId: stage.deploymentId, deploymentDescription: api.deployments.get(stage.deploymentId)!.description };
    });
  }
  createWebsocketApi(name: string, routeSelectionExpression: string, tags: Readonly<Record<string, string>>) {
    return this.run('createWebsocketApi', [name], () => {
      const id = this.id('ws');
      this.websocketApis.set(id, { name, routeSelectionExpression, tags: { ...tags }, integrations: new Map(), routes: new Map(), deployments: new Map(), stages: new Map() });
      return { id };
    });
  }
  createWebsocketIntegration(apiId: string, integrationUri: string) {
    return this.run('createWebsocketIntegration', [apiId, integrationUri], () => {
      const integrationId = this.id('integ');
      this.websocketApi('createWebsocketIntegration', apiId).integrations.set(integrationId, integrationUri);
      return { integrationId };
    });
  }
  deleteWebsocketIntegration(apiId: string, integrationId: string) {
    return this.run('deleteWebsocketIntegration', [apiId, integrationId], () => {
      const api = this.websocketApi('deleteWebsocketIntegration', apiId);
      // Like API Gateway: an integration a route still targets cannot be deleted.
      if ([...api.routes.values()].some((r) => r.target === `integrations/${integrationId}`)) {
        throw new AwsCallError(callName('deleteWebsocketIntegration'), 'ConflictException', `Integration ${integrationId} is used by a route`);
      }
      if (!api.integrations.delete(integrationId)) this.notFound('deleteWebsocketIntegration', `Integration ${integrationId}`);
    });
  }
  createWebsocketRoute(apiId: string, routeKey: string, target: string) {
    return this.run('createWebsocketRoute', [apiId, routeKey, target], () => {
      const api = this.websocketApi('createWebsocketRoute', apiId);
      if ([...api.routes.values()].some((r) => r.routeKey === routeKey)) throw new AwsCallError(callName('createWebsocketRoute'), 'ConflictException', `Route ${routeKey} already exists`);
      if (!api.integrations.has(target.replace('integrations/', ''))) throw new AwsCallError(callName('createWebsocketRoute'), 'BadRequestException', `Invalid target ${target}`);
      const routeId = this.id('route');
      api.routes.set(routeId, { routeKey, target });
      return { routeId };
    });
  }
  updateWebsocketRoute(apiId: string, routeId: string, target: string) {
    return this.run('updateWebsocketRoute', [apiId, routeId, target], () => {
      const route = this.websocketApi('updateWebsocketRoute', apiId).routes.get(routeId) ?? this.notFound('updateWebsocketRoute', `Route ${routeId}`);
      route.target = target;
    });
  }
  deleteWebsocketRoute(apiId: string, routeId: string) {
    return this.run('deleteWebsocketRoute', [apiId, routeId], () => {
      if (!this.websocketApi('deleteWebsocketRoute', apiId).routes.delete(routeId)) this.notFound('deleteWebsocketRoute', `Route ${routeId}`);
    });
  }
  createWebsocketDeployment(apiId: string, stageName: string, description: string) {
    return this.run('createWebsocketDeployment', [apiId, stageName], () => {
      const api = this.websocketApi('createWebsocketDeployment', apiId);
      const stage = api.stages.get(stageName) ?? this.notFound('createWebsocketDeployment', `Stage ${stageName}`);
      const routes = Object.fromEntries([...api.routes.values()].map((r) => [r.routeKey, api.integrations.get(r.target.replace('integrations/', ''))]).sort());
      const deploymentId = this.id('wsdep');
      api.deployments.set(deploymentId, { description, routes });
      stage.deploymentId = deploymentId;
      return { deploymentId };
    });
  }
  createWebsocketStage(apiId: string, stageName: string) {
    return this.run('createWebsocketStage', [apiId, stageName], () => {
      const api = this.websocketApi('createWebsocketStage', apiId);
      if (api.stages.has(stageName)) throw new AwsCallError(callName('createWebsocketStage'), 'ConflictException', `Stage ${stageName} already exists`);
      api.stages.set(stageName, {});
    });
  }
  deleteWebsocketApi(apiId: string) {
    return this.run('deleteWebsocketApi', [apiId], () => {
      if (!this.websocketApis.delete(apiId)) this.notFound('deleteWebsocketApi', `Websocket API ${apiId}`);
    });
  }

  describeCertificate(certificateArn: string) {
    return this.run('describeCertificate', [certificateArn], () =>
      this.certificates.has(certificateArn) ? { arn: certificateArn, domainName: '*.example.com', status: 'ISSUED' } : undefined,
    );
  }
  private remoteDomain(d: FakeDomain): RemoteDomainName {
    const edge = d.settings.endpointType === 'EDGE';
    const label = createHash('sha256').update(d.settings.domainName).digest('hex').slice(0, 10);
    return {
      ...d.settings,
      tags: { ...d.tags },
      aliasDomainName: edge ? `d${label}.cloudfront.net` : `d-${label}.execute-api.${this.region}.amazonaws.com`,
      hostedZoneId: edge ? 'Z2FDTNDATAQYW2' : 'Z1UJRXOUMOOFQ8',
    };
  }
  private domain(method: string, protocol: DomainProtocol, domainName: string): FakeDomain {
    return this.domains.get(domainKey(protocol, domainName)) ?? this.notFound(method, `Domain name ${domainName}`);
  }
  getDomainName(protocol: DomainProtocol, domainName: string) {
    return this.run('getDomainName', [protocol, domainName], () => {
      const d = this.domains.get(domainKey(protocol, domainName));
      return d === undefined ? undefined : this.remoteDomain(d);
    });
  }
  createDomainName(protocol: DomainProtocol, settings: DomainNameSettings, tags: Readonly<Record<string, string>>) {
    return this.run('createDomainName', [protocol, settings.domainName], () => {
      const key = domainKey(protocol, settings.domainName);
      if (this.domains.has(key)) throw new AwsCallError(callName('createDomainName'), 'ConflictException', `The domain name you provided already exists.`);
      if (!this.certificates.has(settings.certificateArn)) throw new AwsCallError(callName('createDomainName'), 'BadRequestException', 'Invalid certificate ARN');
      const d: FakeDomain = { settings: { ...settings }, tags: { ...tags }, basePathMappings: new Map(), apiMappings: new Map() };
      this.domains.set(key, d);
      return this.remoteDomain(d);
    });
  }
  updateDomainName(protocol: DomainProtocol, settings: DomainNameSettings, _from: DomainNameSettings) {
    return this.run('updateDomainName', [protocol, settings.domainName], () => {
      const d = this.domain('updateDomainName', protocol, settings.domainName);
      d.settings = { ...settings };
      return this.remoteDomain(d);
    });
  }
  tagDomainName(protocol: DomainProtocol, domainName: string, tags: Readonly<Record<string, string>>) {
    return this.run('tagDomainName', [protocol, domainName, tags], () => {
      Object.assign(this.domain('tagDomainName', protocol, domainName).tags, tags);
    });
  }
  untagDomainName(protocol: DomainProtocol, domainName: string, keys: readonly string[]) {
    return this.run('untagDomainName', [protocol, domainName, keys], () => {
      const d = this.domain('untagDomainName', protocol, domainName);
      for (const key of keys) delete d.tags[key];
    });
  }
  deleteDomainName(protocol: DomainProtocol, domainName: string) {
    return this.run('deleteDomainName', [protocol, domainName], () => {
      if (!this.domains.delete(domainKey(protocol, domainName))) this.notFound('deleteDomainName', `Domain name ${domainName}`);
    });
  }
  getBasePathMappings(domainName: string) {
    return this.run('getBasePathMappings', [domainName], (): RemoteBasePathMapping[] =>
      [...(this.domains.get(`rest:${domainName}`)?.basePathMappings ?? [])].map(([basePath, m]) => ({ basePath, ...m })),
    );
  }
  createBasePathMapping(domainName: string, mapping: RemoteBasePathMapping) {
    return this.run('createBasePathMapping', [domainName, mapping.basePath], () => {
      const d = this.domain('createBasePathMapping', 'rest', domainName);
      if (d.basePathMappings.has(mapping.basePath)) throw new AwsCallError(callName('createBasePathMapping'), 'ConflictException', 'Base path already exists for this domain name');
      d.basePathMappings.set(mapping.basePath, { restApiId: mapping.restApiId, stage: mapping.stage });
    });
  }
  updateBasePathMapping(domainName: string, mapping: RemoteBasePathMapping) {
    return this.run('updateBasePathMapping', [domainName, mapping.basePath], () => {
      const d = this.domain('updateBasePathMapping', 'rest', domainName);
      if (!d.basePathMappings.has(mapping.basePath)) this.notFound('updateBasePathMapping', `Base path ${mapping.basePath}`);
      d.basePathMappings.set(mapping.basePath, { restApiId: mapping.restApiId, stage: mapping.stage });
    });
  }
  deleteBasePathMapping(domainName: string, basePath: string) {
    return this.run('deleteBasePathMapping', [domainName, basePath], () => {
      if (!this.domain('deleteBasePathMapping', 'rest', domainName).basePathMappings.delete(basePath)) this.notFound('deleteBasePathMapping', `Base path ${basePath}`);
    });
  }
  getApiMappings(domainName: string) {
    return this.run('getApiMappings', [domainName], (): RemoteApiMapping[] =>
      [...(this.domains.get(`websocket:${domainName}`)?.apiMappings ?? [])].map(([apiMappingId, m]) => ({ apiMappingId, ...m })),
    );
  }
  createApiMapping(domainName: string, mapping: Omit<RemoteApiMapping, 'apiMappingId'>) {
    return this.run('createApiMapping', [domainName, mapping.key], () => {
      const d = this.domain('createApiMapping', 'websocket', domainName);
      if ([...d.apiMappings.values()].some((m) => m.key === mapping.key)) throw new AwsCallError(callName('createApiMapping'), 'ConflictException', 'ApiMapping already exists');
      const apiMappingId = this.id('mapping');
      d.apiMappings.set(apiMappingId, { ...mapping });
      return { apiMappingId };
    });
  }
  updateApiMapping(domainName: string, mapping: RemoteApiMapping) {
    return this.run('updateApiMapping', [domainName, mapping.apiMappingId], () => {
      const d = this.domain('updateApiMapping', 'websocket', domainName);
      if (!d.apiMappings.has(mapping.apiMappingId)) this.notFound('updateApiMapping', `Api mapping ${mapping.apiMappingId}`);
      const { apiMappingId, ...rest } = mapping;
      d.apiMappings.set(apiMappingId, rest);
    });
  }
  deleteApiMapping(domainName: string, apiMappingId: string) {
    return this.run('deleteApiMapping', [domainName, apiMappingId], () => {
      if (!this.domain('deleteApiMapping', 'websocket', domainName).apiMappings.delete(apiMappingId)) this.notFound('deleteApiMapping', `Api mapping ${apiMappingId}`);
    });
  }
  // ---- end of ws-domains ----
}

/** A domain's key: API Gateway v2 domains of HTTP and websocket APIs share one namespace. */
function domainKey(protocol: DomainProtocol, domainName: string): string {
  return `${protocol === 'rest' ? 'rest' : 'websocket'}:${domainName}`;
}

Object.assign(FakeAwsClient.prototype, fakeFunctionExtrasCalls);

/** A rule's key: its name, with its custom bus's name in front (`<bus>/<rule>`, as in the rule's ARN). */
function ruleKey(ruleName: string, eventBusName: string | undefined): string {
  if (eventBusName === undefined) return ruleName;
  return `${eventBusName.startsWith('arn:') ? eventBusName.slice(eventBusName.indexOf(':event-bus/') + 11) : eventBusName}/${ruleName}`;
}

/** `Service.Operation`, as the SDK client names calls. */
function callName(method: string): string {
  // ws-domains
  if (/Websocket|ApiMapping/.test(method)) return `ApiGatewayV2.${method[0]!.toUpperCase()}${method.slice(1)}`;
  if (/DomainName|BasePath/.test(method)) return `APIGateway.${method[0]!.toUpperCase()}${method.slice(1)}`;
  if (/Certificate/.test(method)) return `ACM.${method[0]!.toUpperCase()}${method.slice(1)}`;
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
