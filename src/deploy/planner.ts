/**
 * The planner: (app graph, artifact hashes, remote snapshot, previous state) → instructions.
 * A pure function; nothing here calls AWS or reads files.
 *
 * For each resource of the graph, in dependency order, it plans the calls that make AWS match:
 * nothing when the remote resource already matches (Lambda's CodeSha256 against the zip's
 * SHA-256, every managed setting, tags, role policy documents, the OpenAPI document's hash
 * kept in a tag on the API, rule expressions and targets, permissions by statement id…), so a
 * redeploy without changes plans no AWS write at all. A resource found remotely that the
 * state does not record (a lost state file, a deploy killed after a create) is adopted with a
 * `record` instruction instead of being created again. Then the records of resources no longer
 * in the app are swept (sweeper.ts). Each family of resources beyond functions, roles, layers and
 * the REST API is planned in its own folder (event-sources/, websocket-domains/, http-api/,
 * function-urls/, function-extras/).
 */
import { createHash } from 'node:crypto';
import type {
  AppGraph,
  IamPolicyDocument,
  LambdaFunctionResource,
  LambdaLayerResource,
  LambdaPermissionResource,
  ManagedIamRoleResource,
  RestApiResource,
} from '../graph/index.js';
import { resolveRef } from '../graph/index.js';
import type { DeployedResource, DeployedState } from '../project/deployed-state.js';
import { sortKeysDeep } from '../project/stable-json.js';
import type { FunctionSettings } from './aws/aws-client.js';
import type { FunctionSettingsWithValues, Instruction, PolicyChange, Value } from './instructions.js';
import type { AwsTarget } from './names.js';
import {
  arnOfNameOrArn,
  executeApiSourceArn,
  functionArn,
  LAYER_DESCRIPTION_PREFIX,
  logGroupNameOf,
  layerDescription,
  REST_API_APP_TAG,
  REST_API_STAGE_TAG,
  restApiUrl,
  roleArn,
  deploymentDescription,
  statementId,
} from './names.js';
import type { RemoteSnapshot } from './remote-snapshot.js';
import { recordKey, sameRecord } from './state-records.js';
import { sweepRecords } from './sweeper.js';
// Rules, SNS subscriptions, event source mappings, S3 notifications.
import type { EventSourcePlanContext } from './event-sources/plan.js';
import { planMapping, planNotification, planRule, planSubscription } from './event-sources/plan.js';
// Websocket APIs and custom domain names.
import type { PlanContext } from './websocket-domains/plan.js';
import { planApiMapping, planDomainName, planWebsocketApi } from './websocket-domains/plan.js';
// HTTP APIs.
import { httpApiSourceArn, planHttpApi } from './http-api/plan.js';
// Function URLs.
import type { FunctionUrlPlanContext } from './function-urls/plan.js';
import { planFunctionUrl, planFunctionUrlPermission } from './function-urls/plan.js';
// Provisioned concurrency (versions, aliases, triggers invoking the alias) and event invoke configs.
import { eventRuleArn, invokedFunctionName } from './function-extras/names.js';
import type { FunctionExtrasPlanContext } from './function-extras/plan.js';
import { planFunctionExtras } from './function-extras/plan.js';
import { stalePermission } from './function-extras/retarget.js';

export interface DeployArtifacts {
  /** Base64 SHA-256 of `deployment.zip` (how Lambda reports CodeSha256). */
  readonly codeSha256: string;
  /** Hex SHA-256 of `layer-deployment.zip`, when there is a layer. */
  readonly layerSha256?: string;
  /** The OpenAPI document as imported (function ARNs filled in), when the app has routes. */
  readonly openapi?: { readonly document: string; readonly sha256: string };
}

export interface PlanInput {
  /** Only resources deploy supports (see `deployableGraph`). */
  readonly graph: AppGraph;
  readonly target: AwsTarget;
  readonly artifacts: DeployArtifacts;
  readonly snapshot: RemoteSnapshot;
  /** The previous state, pending records resolved. */
  readonly state: DeployedState;
}

export function planDeploy(input: PlanInput): Instruction[] {
  return new Planner(input).plan();
}

/** Hex SHA-256 of a text (the OpenAPI document). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Base64 SHA-256, as Lambda reports CodeSha256. */
export function sha256Base64(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

const LAYER_ARN: Value = { output: 'layerVersionArn' };
const REST_API_ID: Value = { output: 'restApiId' };

class Planner {
  private readonly out: Instruction[] = [];
  private readonly wanted = new Set<string>();
  private readonly previous: Map<string, DeployedResource>;
  private readonly graph: AppGraph;
  private readonly target: AwsTarget;
  private readonly snapshot: RemoteSnapshot;
  /** The layer version functions get: a known ARN, or the one published in this deploy. */
  private layerArn: Value | undefined;
  /** The REST API's id: known, or the one created in this deploy. */
  private restApiId: Value | undefined;
  /** Functions created in this plan: their permissions are added without looking for existing ones. */
  private readonly createdFunctions = new Set<string>();
  /** The websocket API's id (known, or created in this deploy) and the planners' view of this one. */
  private websocketApiId: Value | undefined;
  private readonly websocketDomains: PlanContext;
  /** The HTTP API's id (known, or created in this deploy). */
  private httpApiId: Value | undefined;
  private readonly functionUrls: FunctionUrlPlanContext;
  private readonly functionExtras: FunctionExtrasPlanContext;
  private readonly eventSources: EventSourcePlanContext;

  constructor(private readonly input: PlanInput) {
    this.graph = input.graph;
    this.target = input.target;
    this.snapshot = input.snapshot;
    this.previous = new Map(input.state.resources.map((r) => [recordKey(r), r]));
    this.websocketDomains = { graph: this.graph, target: this.target, snapshot: this.snapshot, out: this.out, keep: (r) => this.keep(r), want: (r) => this.want(r) };
    this.functionUrls = { ...this.websocketDomains, snapshot: this.snapshot, isCreated: (name) => this.createdFunctions.has(name) };
    this.eventSources = { ...this.websocketDomains, snapshot: this.snapshot, previous: this.previous };
    this.functionExtras = { ...this.websocketDomains, snapshot: this.snapshot, artifacts: input.artifacts, previous: (name, resourceType) => this.previous.get(recordKey({ name, resourceType })) };
  }

  plan(): Instruction[] {
    for (const resource of this.graph.resources) {
      switch (resource.kind) {
        case 'managed-iam-role':
          this.role(resource);
          break;
        case 'existing-iam-role':
          break;
        case 'lambda-layer':
          this.layer(resource);
          break;
        case 'lambda-function':
          this.lambda(resource);
          planFunctionExtras(this.functionExtras, resource);
          break;
        case 'rest-api':
          this.restApi(resource);
          break;
        case 'lambda-permission':
          this.permission(resource);
          break;
        case 'event-rule':
          planRule(this.eventSources, resource);
          break;
        case 'sns-subscription':
          planSubscription(this.eventSources, resource);
          break;
        case 'event-source-mapping':
          planMapping(this.eventSources, resource);
          break;
        case 's3-bucket-notification':
          planNotification(this.eventSources, resource);
          break;
        case 'websocket-api':
          this.websocketApiId = planWebsocketApi(this.websocketDomains, resource);
          break;
        case 'domain-name':
          planDomainName(this.websocketDomains, resource);
          break;
        case 'api-mapping':
          planApiMapping(this.websocketDomains, resource, { 'rest-api': this.restApiId, 'http-api': this.httpApiId, 'websocket-api': this.websocketApiId }[resource.api.ref]);
          break;
        case 'function-url':
          planFunctionUrl(this.functionUrls, resource);
          break;
        case 'http-api':
          this.httpApiId = planHttpApi({ ...this.websocketDomains, snapshot: this.snapshot }, resource);
          break;
        default: {
          const never: never = resource;
          throw new Error(`unknown resource ${JSON.stringify(never)}`);
        }
      }
    }
    this.oldLayerVersions();
    const gone = this.input.state.resources.filter((r) => !this.wanted.has(recordKey(r)));
    this.out.push(...sweepRecords(gone));
    return this.out;
  }

  /** Keeps `record` in the state, adding a `record` instruction when the state differs. */
  private keep(record: DeployedResource): void {
    this.wanted.add(recordKey(record));
    if (!sameRecord(this.previous.get(recordKey(record)), record)) this.out.push({ kind: 'record', record });
  }

  /** Marks a record as wanted (written by the instruction that creates it). */
  private want(record: { name: string; resourceType: string }): void {
    this.wanted.add(recordKey(record));
  }

  private role(role: ManagedIamRoleResource): void {
    const record = { name: role.resourceName, resourceType: 'iam_role', roleName: role.roleName, roleArn: roleArn(this.target, role.roleName), policyName: role.roleName };
    const remote = this.snapshot.roles[role.roleName];
    const putPolicy = (change?: PolicyChange): Instruction => ({
      kind: 'put-role-policy',
      roleName: role.roleName,
      policyName: role.roleName,
      document: role.policyDocument,
      ...(change ? { change } : {}),
    });
    if (remote === undefined) {
      this.want(record);
      this.out.push({ kind: 'create-role', roleName: role.roleName, trustPolicy: role.trustPolicy, pending: { ...record, pending: true }, record });
      this.out.push(putPolicy());
      return;
    }
    this.keep(record);
    if (remote.policy === undefined) {
      this.out.push(putPolicy());
    } else if (!samePolicy(remote.policy, role.policyDocument)) {
      this.out.push(putPolicy(policyChange(role.roleName, remote.policy, role.policyDocument)));
    }
  }

  private layer(layer: LambdaLayerResource): void {
    const sha = this.input.artifacts.layerSha256;
    if (sha === undefined) return;
    const description = layerDescription(sha);
    const found = (this.snapshot.layerVersions[layer.layerName] ?? []).find((v) => v.description === description);
    const base = { name: layer.resourceName, resourceType: 'lambda_layer', layerName: layer.layerName, description };
    if (found) {
      this.layerArn = found.layerVersionArn;
      this.keep({ ...base, layerVersionArn: found.layerVersionArn });
      return;
    }
    this.layerArn = LAYER_ARN;
    this.want(base);
    this.out.push({
      kind: 'publish-layer-version',
      layerName: layer.layerName,
      description,
      runtime: layer.runtime,
      architectures: layer.compatibleArchitectures,
      artifact: 'layer-deployment.zip',
      pending: { ...base, pending: true },
      record: { ...base, layerVersionArn: { output: 'result' } },
    });
  }

  /** Versions of the automatic layer other than the one the functions now use. */
  private oldLayerVersions(): void {
    for (const [layerName, versions] of Object.entries(this.snapshot.layerVersions)) {
      for (const version of versions) {
        if (!version.description.startsWith(LAYER_DESCRIPTION_PREFIX) || version.layerVersionArn === this.layerArn) continue;
        this.out.push({ kind: 'delete-layer-version', layerName, version: version.version });
      }
    }
  }

  private functionSettings(fn: LambdaFunctionResource): FunctionSettingsWithValues {
    const role = resolveRef(this.graph, fn.role);
    const layers: Value[] = [];
    if (fn.managedLayer !== undefined && this.layerArn !== undefined) layers.push(this.layerArn);
    layers.push(...fn.layers);
    return {
      functionName: fn.functionName,
      roleArn: role.kind === 'existing-iam-role' ? role.roleArn : roleArn(this.target, role.roleName),
      runtime: fn.runtime,
      handler: fn.handler,
      architecture: fn.architecture,
      memorySize: fn.memorySize,
      ephemeralStorage: fn.ephemeralStorage ?? 512,
      deadLetterQueue: fn.deadLetterQueue ?? '',
      timeout: fn.timeout,
      environment: fn.environment,
      layers,
      subnetIds: fn.subnetIds,
      securityGroupIds: fn.securityGroupIds,
      tracing: fn.xray ? 'Active' : 'PassThrough',
    };
  }

  /**
   * The function's log group with its retention. Log groups are not recorded in the state: like
   * the logs Lambda creates itself, they stay after delete, and without the setting their
   * retention is left as it is.
   */
  private logGroup(fn: LambdaFunctionResource): void {
    if (fn.logRetentionInDays === undefined) return;
    const logGroupName = logGroupNameOf(fn.functionName);
    const remote = this.snapshot.logGroups?.[logGroupName];
    if (remote === undefined) this.out.push({ kind: 'create-log-group', logGroupName });
    if (remote?.retentionInDays !== fn.logRetentionInDays) {
      this.out.push({ kind: 'put-retention-policy', logGroupName, retentionInDays: fn.logRetentionInDays });
    }
  }

  private lambda(fn: LambdaFunctionResource): void {
    this.logGroup(fn);
    const arn = functionArn(this.target, fn.functionName);
    const record = { name: fn.resourceName, resourceType: 'lambda_function', functionName: fn.functionName, lambdaArn: arn };
    const settings = this.functionSettings(fn);
    const remote = this.snapshot.functions[fn.functionName];
    if (remote === undefined) {
      this.want(record);
      this.createdFunctions.add(fn.functionName);
      const { lambdaArn: _arn, ...keys } = record;
      this.out.push({ kind: 'create-function', settings, tags: fn.tags, artifact: 'deployment.zip', pending: { ...keys, pending: true }, record });
      if (fn.reservedConcurrency !== undefined) this.out.push({ kind: 'put-function-concurrency', functionName: fn.functionName, reserved: fn.reservedConcurrency });
      return;
    }
    this.keep(record);
    // The architecture can only change together with the code (UpdateFunctionCode).
    if (remote.codeSha256 !== this.input.artifacts.codeSha256 || remote.settings.architecture !== fn.architecture) {
      this.out.push({ kind: 'update-function-code', functionName: fn.functionName, architecture: fn.architecture, artifact: 'deployment.zip' });
    }
    const changed = changedSettings(remote.settings, settings);
    if (changed.length > 0) this.out.push({ kind: 'update-function-configuration', settings, changed });
    const tagsToSet = Object.fromEntries(Object.entries(fn.tags).filter(([key, value]) => remote.tags[key] !== value));
    if (Object.keys(tagsToSet).length > 0) this.out.push({ kind: 'tag-function', functionName: fn.functionName, functionArn: arn, tags: tagsToSet });
    // Tags AWS manages (`aws:`) cannot be removed; anything else not configured is dropped.
    const keysToRemove = Object.keys(remote.tags).filter((key) => !(key in fn.tags) && !key.startsWith('aws:')).sort();
    if (keysToRemove.length > 0) this.out.push({ kind: 'untag-function', functionName: fn.functionName, functionArn: arn, keys: keysToRemove });
    if (fn.reservedConcurrency !== remote.reservedConcurrency) {
      this.out.push(
        fn.reservedConcurrency === undefined
          ? { kind: 'delete-function-concurrency', functionName: fn.functionName }
          : { kind: 'put-function-concurrency', functionName: fn.functionName, reserved: fn.reservedConcurrency },
      );
    }
  }

  private restApi(api: RestApiResource): void {
    const openapi = this.input.artifacts.openapi;
    if (openapi === undefined) throw new Error('the app has a REST API but no OpenAPI document was generated');
    const base = { name: 'rest_api', resourceType: 'rest_api', region: this.target.region, appName: this.graph.appName, stage: this.graph.stage, apiGatewayStage: api.stage };
    const description = deploymentDescription(openapi.sha256);
    const remote = this.snapshot.restApi;
    if (remote === undefined) {
      this.restApiId = REST_API_ID;
      this.want(base);
      this.out.push({
        kind: 'create-rest-api',
        apiName: api.name,
        endpointType: api.endpointType,
        tags: { [REST_API_APP_TAG]: this.graph.appName, [REST_API_STAGE_TAG]: this.graph.stage },
        pending: { ...base, pending: true },
        record: { ...base, restApiId: REST_API_ID, restApiUrl: { output: 'restApiId', format: restApiUrl('{}', this.target.region, api.stage) } },
      });
      this.out.push({ kind: 'put-rest-api', restApiId: REST_API_ID, document: openapi.document, documentSha256: openapi.sha256 });
      this.out.push({ kind: 'create-deployment', restApiId: REST_API_ID, stageName: api.stage, tracingEnabled: api.xray, description });
      return;
    }
    this.restApiId = remote.id;
    this.keep({ ...base, restApiId: remote.id, restApiUrl: restApiUrl(remote.id, this.target.region, api.stage) });
    if (remote.endpointType !== api.endpointType) {
      this.out.push({ kind: 'update-rest-api-endpoint-type', restApiId: remote.id, from: remote.endpointType, to: api.endpointType });
    }
    const documentChanged = remote.stage?.deploymentDescription !== description;
    if (documentChanged) this.out.push({ kind: 'put-rest-api', restApiId: remote.id, document: openapi.document, documentSha256: openapi.sha256 });
    if (documentChanged || remote.stage === undefined) {
      this.out.push({ kind: 'create-deployment', restApiId: remote.id, stageName: api.stage, tracingEnabled: api.xray, description });
    }
    if (remote.stage !== undefined && remote.stage.tracingEnabled !== api.xray) {
      this.out.push({ kind: 'update-stage-tracing', restApiId: remote.id, stageName: api.stage, tracingEnabled: api.xray });
    }
  }

  private permission(permission: LambdaPermissionResource): void {
    const fn = resolveRef(this.graph, permission.function);
    const sid = statementId(permission.resourceName);
    let sourceArn: Value;
    let sourceAccount: string | undefined;
    const { source } = permission;
    switch (source.kind) {
      case 'rest-api':
        sourceArn = typeof this.restApiId === 'string' ? executeApiSourceArn(this.target, this.restApiId) : { output: 'restApiId', format: executeApiSourceArn(this.target, '{}') };
        break;
      case 'event-rule':
        sourceArn = eventRuleArn(this.target, resolveRef(this.graph, source.rule));
        break;
      case 'sns-topic':
        sourceArn = arnOfNameOrArn(this.target, source.topic, 'sns');
        break;
      case 's3-bucket':
        sourceArn = `arn:${this.target.partition}:s3:::${source.bucket}`;
        // Bucket ARNs carry no account: name it, so another account's bucket of that name cannot invoke.
        sourceAccount = this.target.accountId;
        break;
      case 'websocket-api':
        if (this.websocketApiId === undefined) throw new Error(`permission ${permission.resourceName} is planned before its websocket API`);
        sourceArn = typeof this.websocketApiId === 'string' ? executeApiSourceArn(this.target, this.websocketApiId) : { output: 'websocketApiId', format: executeApiSourceArn(this.target, '{}') };
        break;
      case 'function-url':
        return planFunctionUrlPermission(this.functionUrls, { ...permission, source });
      case 'http-api':
        sourceArn = httpApiSourceArn(this.target, this.httpApiId, permission.resourceName);
        break;
      default: {
        const never: never = source;
        throw new Error(`unknown permission source ${JSON.stringify(never)}`);
      }
    }
    const principal = `${permission.service}.amazonaws.com`;
    // In the resource policy of what the source invokes (`name:live` for an alias).
    const invoked = invokedFunctionName(fn);
    const record = { name: permission.resourceName, resourceType: 'lambda_permission', functionName: invoked, statementId: sid };
    const existing = (this.snapshot.permissions[invoked] ?? []).find((s) => s.sid === sid);
    this.out.push(...stalePermission(this.previous.get(recordKey(record)), invoked));
    const add: Instruction = {
      kind: 'add-permission',
      functionName: invoked,
      statementId: sid,
      principal,
      sourceArn,
      ...(sourceAccount ? { sourceAccount } : {}),
      pending: { ...record, pending: true },
      record,
    };
    if (existing === undefined || this.createdFunctions.has(fn.functionName)) {
      this.want(record);
      this.out.push(add);
    } else if (existing.principal !== principal || existing.sourceArn !== sourceArn) {
      this.want(record);
      this.out.push({ kind: 'remove-permission', functionName: invoked, statementId: sid }, add);
    } else {
      this.keep(record);
    }
  }
}

/** Setting names that differ between what Lambda has and what the app wants. */
export function changedSettings(remote: FunctionSettings, wanted: FunctionSettingsWithValues): string[] {
  const changed: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));
  if (remote.roleArn !== wanted.roleArn) changed.push('role');
  if (remote.runtime !== wanted.runtime) changed.push('runtime');
  if (remote.handler !== wanted.handler) changed.push('handler');
  if (remote.memorySize !== wanted.memorySize) changed.push('memory');
  if (remote.ephemeralStorage !== wanted.ephemeralStorage) changed.push('ephemeral storage');
  if (remote.deadLetterQueue !== wanted.deadLetterQueue) changed.push('dead-letter queue');
  if (remote.timeout !== wanted.timeout) changed.push('timeout');
  if (!same(remote.environment, wanted.environment)) changed.push('environment');
  if (!same(remote.layers, wanted.layers)) changed.push('layers');
  if (!same([...remote.subnetIds].sort(), [...wanted.subnetIds].sort()) || !same([...remote.securityGroupIds].sort(), [...wanted.securityGroupIds].sort())) {
    changed.push('vpc');
  }
  if (remote.tracing !== wanted.tracing) changed.push('tracing');
  return changed;
}

export function samePolicy(a: IamPolicyDocument, b: IamPolicyDocument): boolean {
  return JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));
}

/** Allowed actions added and removed between two policy documents, sorted. */
export function policyChange(roleName: string, before: IamPolicyDocument, after: IamPolicyDocument): PolicyChange {
  const was = allowedActions(before);
  const now = allowedActions(after);
  return { roleName, added: [...now].filter((a) => !was.has(a)).sort(), removed: [...was].filter((a) => !now.has(a)).sort() };
}

function allowedActions(document: IamPolicyDocument): Set<string> {
  const actions = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    const action = statement.Action;
    for (const a of Array.isArray(action) ? action : [action]) if (typeof a === 'string') actions.add(a);
  }
  return actions;
}
