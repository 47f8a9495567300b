/**
 * The real `AwsClient`, on AWS SDK for JavaScript v3. Each service's SDK module is imported the
 * first time a call needs it (a deploy of an app without SNS never loads the SNS client), and
 * every client is built from the one `AwsSession` (region, credentials, profile, retries;
 * `AWS_ENDPOINT_URL[_<SERVICE>]` is read by the SDK itself).
 *
 * SDK errors become `AwsCallError`s carrying the AWS error name; "does not exist" answers
 * (which differ per service: NoSuchEntity, ResourceNotFoundException, NotFoundException…)
 * become `undefined` for reads and `notFound` errors for writes.
 *
 * AWS facts recorded here:
 *  - IAM returns policy documents URL-encoded.
 *  - Lambda's GetPolicy answers ResourceNotFoundException when a function has no policy yet.
 * (Event-source facts are in sdk-event-sources.ts.)
 */
import type * as ApiGatewayModule from '@aws-sdk/client-api-gateway';
import type * as LogsModule from '@aws-sdk/client-cloudwatch-logs';
import type * as EventBridgeModule from '@aws-sdk/client-eventbridge';
import type * as IamModule from '@aws-sdk/client-iam';
import type * as LambdaModule from '@aws-sdk/client-lambda';
import type * as S3Module from '@aws-sdk/client-s3';
import type * as SnsModule from '@aws-sdk/client-sns';
import type { IamPolicyDocument } from '../../graph/index.js';
import type {
  AwsClient,
  FunctionSettings,
  PolicyStatement,
  RemoteFunction,
  RemoteLayerVersion,
  RemoteRestApi,
} from './aws-client.js';
import { AwsCallError, isAwsCallError } from './aws-client.js';
import type { AwsSession } from './session.js';
import { createClient } from './session.js';
// Websocket APIs and custom domain names.
import type * as AcmModule from '@aws-sdk/client-acm';
import type * as ApiGatewayV2Module from '@aws-sdk/client-apigatewayv2';
import type { WebsocketDomainCalls } from './aws-client.js';
import { createSdkWebsocketDomainCalls } from './sdk-websocket-domains.js';
// HTTP APIs.
import type { HttpApiCalls } from './http-api-calls.js';
import { createSdkHttpApiCalls } from './sdk-http-api.js';
// Function URLs.
import type { FunctionUrlCalls } from './function-url-calls.js';
import { createSdkFunctionUrlCalls } from './sdk-function-urls.js';
// Event source mappings, rules, SNS subscriptions, S3 notifications.
import type { EventSourceCalls } from './sdk-event-sources.js';
import { createSdkEventSourceCalls } from './sdk-event-sources.js';
// Provisioned concurrency (versions, aliases) and event invoke configs.
import type { FunctionExtrasCalls } from './function-extras-calls.js';
import { createSdkFunctionExtrasCalls } from './sdk-function-extras.js';

const NOT_FOUND = new Set(['NoSuchEntity', 'NoSuchEntityException', 'ResourceNotFoundException', 'NotFoundException', 'NotFound', 'NoSuchBucket']);

type Loaded<M, C> = { readonly m: M; readonly client: C };

export function createSdkAwsClient(session: AwsSession, partition: string): AwsClient & { destroy(): void } {
  const client = new SdkAwsClient(session, partition);
  return Object.assign(
    client,
    client.websocketDomainCalls(),
    client.httpApiCalls(),
    client.functionUrlCalls(),
    createSdkFunctionExtrasCalls({ lambda: () => client.lambda(), send: (c, r) => client.send(c, r), find: (c, r) => client.find(c, r) }),
    client.eventSourceCalls(),
  );
}

class SdkAwsClient implements Omit<AwsClient, keyof WebsocketDomainCalls | keyof HttpApiCalls | keyof FunctionUrlCalls | keyof FunctionExtrasCalls | keyof EventSourceCalls> {
  private iamP?: Promise<Loaded<typeof IamModule, IamModule.IAMClient>>;
  private lambdaP?: Promise<Loaded<typeof LambdaModule, LambdaModule.LambdaClient>>;
  private apiP?: Promise<Loaded<typeof ApiGatewayModule, ApiGatewayModule.APIGatewayClient>>;
  private eventsP?: Promise<Loaded<typeof EventBridgeModule, EventBridgeModule.EventBridgeClient>>;
  private readonly snsP = new Map<string, Promise<Loaded<typeof SnsModule, SnsModule.SNSClient>>>();
  private s3P?: Promise<Loaded<typeof S3Module, S3Module.S3Client>>;
  private logsP?: Promise<Loaded<typeof LogsModule, LogsModule.CloudWatchLogsClient>>;
  private readonly clients: { destroy(): void }[] = [];

  constructor(
    private readonly session: AwsSession,
    private readonly partition: string,
  ) {}

  destroy(): void {
    for (const client of this.clients) client.destroy();
  }

  private load<M, C extends { destroy(): void }>(importer: () => Promise<M>, name: string, region = this.session.region): Promise<Loaded<M, C>> {
    const session = region === this.session.region ? this.session : { ...this.session, region, clientConfig: { ...this.session.clientConfig, region } };
    return (async () => {
      const m = await importer();
      const client = (await createClient(session, async () => m as never, name as never)) as unknown as C;
      this.clients.push(client);
      return { m, client };
    })();
  }

  private iam() {
    return (this.iamP ??= this.load(() => import('@aws-sdk/client-iam'), 'IAMClient'));
  }
  lambda() {
    return (this.lambdaP ??= this.load(() => import('@aws-sdk/client-lambda'), 'LambdaClient'));
  }
  private api() {
    return (this.apiP ??= this.load(() => import('@aws-sdk/client-api-gateway'), 'APIGatewayClient'));
  }
  private events() {
    return (this.eventsP ??= this.load(() => import('@aws-sdk/client-eventbridge'), 'EventBridgeClient'));
  }
  /** SNS calls go to the topic's own region, which may differ from the deploy's. */
  private sns(topicOrSubscriptionArn: string) {
    const region = topicOrSubscriptionArn.split(':')[3] || this.session.region;
    let loaded = this.snsP.get(region);
    if (loaded === undefined) {
      loaded = this.load(() => import('@aws-sdk/client-sns'), 'SNSClient', region);
      this.snsP.set(region, loaded);
    }
    return loaded;
  }
  private s3() {
    return (this.s3P ??= this.load(() => import('@aws-sdk/client-s3'), 'S3Client'));
  }
  private logs() {
    return (this.logsP ??= this.load(() => import('@aws-sdk/client-cloudwatch-logs'), 'CloudWatchLogsClient'));
  }

  // API Gateway v2 and ACM (per region: certificates live in their own region).
  private apiV2P?: Promise<Loaded<typeof ApiGatewayV2Module, ApiGatewayV2Module.ApiGatewayV2Client>>;
  private readonly acmP = new Map<string, Promise<Loaded<typeof AcmModule, AcmModule.ACMClient>>>();
  functionUrlCalls(): FunctionUrlCalls {
    return createSdkFunctionUrlCalls({ lambda: () => this.lambda(), send: (call, run) => this.send(call, run), find: (call, run) => this.find(call, run) });
  }
  websocketDomainCalls(): WebsocketDomainCalls {
    return createSdkWebsocketDomainCalls({
      region: this.session.region,
      partition: this.partition,
      api: () => this.api(),
      apiV2: () => this.apiV2(),
      acm: (region) => {
        let loaded = this.acmP.get(region);
        if (loaded === undefined) {
          loaded = this.load(() => import('@aws-sdk/client-acm'), 'ACMClient', region);
          this.acmP.set(region, loaded);
        }
        return loaded;
      },
      send: (call, run) => this.send(call, run),
      find: (call, run) => this.find(call, run),
    });
  }

  private apiV2() {
    return (this.apiV2P ??= this.load(() => import('@aws-sdk/client-apigatewayv2'), 'ApiGatewayV2Client'));
  }
  httpApiCalls(): HttpApiCalls {
    return createSdkHttpApiCalls({ region: this.session.region, partition: this.partition, apiV2: () => this.apiV2(), send: (call, run) => this.send(call, run), find: (call, run) => this.find(call, run) });
  }

  eventSourceCalls(): EventSourceCalls {
    return createSdkEventSourceCalls({
      lambda: () => this.lambda(),
      events: () => this.events(),
      sns: (arn) => this.sns(arn),
      s3: () => this.s3(),
      send: (call, run) => this.send(call, run),
      find: (call, run) => this.find(call, run),
    });
  }

  /** Runs one SDK call, turning its errors into `AwsCallError`s named after `call`. */
  async send<T>(call: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isAwsCallError(error)) throw error;
      const e = error as { name?: string; message?: string; Code?: string };
      const code = e.Code ?? e.name ?? 'Error';
      throw new AwsCallError(call, code, e.message ?? String(error), NOT_FOUND.has(code));
    }
  }

  /** A read that answers `undefined` when the resource does not exist. */
  async find<T>(call: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.send(call, run);
    } catch (error) {
      if (isAwsCallError(error) && error.notFound) return undefined;
      throw error;
    }
  }

  // IAM
  async getRole(roleName: string) {
    const { m, client } = await this.iam();
    const found = await this.find('IAM.GetRole', () => client.send(new m.GetRoleCommand({ RoleName: roleName })));
    return found?.Role?.Arn ? { arn: found.Role.Arn } : undefined;
  }
  async getRolePolicy(roleName: string, policyName: string) {
    const { m, client } = await this.iam();
    const found = await this.find('IAM.GetRolePolicy', () => client.send(new m.GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })));
    if (found?.PolicyDocument === undefined) return undefined;
    return JSON.parse(decodeURIComponent(found.PolicyDocument)) as IamPolicyDocument;
  }
  async createRole(roleName: string, trustPolicy: IamPolicyDocument) {
    const { m, client } = await this.iam();
    const created = await this.send('IAM.CreateRole', () => client.send(new m.CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trustPolicy) })));
    return { arn: created.Role?.Arn ?? '' };
  }
  async putRolePolicy(roleName: string, policyName: string, document: IamPolicyDocument) {
    const { m, client } = await this.iam();
    await this.send('IAM.PutRolePolicy', () =>
      client.send(new m.PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: JSON.stringify(document) })),
    );
  }
  async deleteRolePolicy(roleName: string, policyName: string) {
    const { m, client } = await this.iam();
    await this.send('IAM.DeleteRolePolicy', () => client.send(new m.DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })));
  }
  async deleteRole(roleName: string) {
    const { m, client } = await this.iam();
    await this.send('IAM.DeleteRole', () => client.send(new m.DeleteRoleCommand({ RoleName: roleName })));
  }

  // Lambda
  async getFunction(functionName: string): Promise<RemoteFunction | undefined> {
    const { m, client } = await this.lambda();
    const found = await this.find('Lambda.GetFunction', () => client.send(new m.GetFunctionCommand({ FunctionName: functionName })));
    const c = found?.Configuration;
    if (found === undefined || c === undefined) return undefined;
    return {
      settings: {
        functionName,
        roleArn: c.Role ?? '',
        runtime: c.Runtime ?? '',
        handler: c.Handler ?? '',
        architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
        memorySize: c.MemorySize ?? 128,
        ephemeralStorage: c.EphemeralStorage?.Size ?? 512,
        deadLetterQueue: c.DeadLetterConfig?.TargetArn ?? '',
        timeout: c.Timeout ?? 3,
        environment: c.Environment?.Variables ?? {},
        layers: (c.Layers ?? []).map((l) => l.Arn ?? ''),
        subnetIds: c.VpcConfig?.SubnetIds ?? [],
        securityGroupIds: c.VpcConfig?.SecurityGroupIds ?? [],
        tracing: c.TracingConfig?.Mode === 'Active' ? 'Active' : 'PassThrough',
      },
      functionArn: c.FunctionArn ?? '',
      codeSha256: c.CodeSha256 ?? '',
      tags: found.Tags ?? {},
      ...(found.Concurrency?.ReservedConcurrentExecutions === undefined ? {} : { reservedConcurrency: found.Concurrency.ReservedConcurrentExecutions }),
      state: c.State ?? 'Active',
      lastUpdateStatus: c.LastUpdateStatus ?? 'Successful',
    };
  }
  private functionConfiguration(settings: FunctionSettings) {
    return {
      FunctionName: settings.functionName,
      Role: settings.roleArn,
      Runtime: settings.runtime as LambdaModule.Runtime,
      Handler: settings.handler,
      MemorySize: settings.memorySize,
      EphemeralStorage: { Size: settings.ephemeralStorage },
      DeadLetterConfig: { TargetArn: settings.deadLetterQueue },
      Timeout: settings.timeout,
      Environment: { Variables: { ...settings.environment } },
      Layers: [...settings.layers],
      VpcConfig: { SubnetIds: [...settings.subnetIds], SecurityGroupIds: [...settings.securityGroupIds] },
      TracingConfig: { Mode: settings.tracing },
    };
  }
  async createFunction(settings: FunctionSettings, zip: Uint8Array, tags: Readonly<Record<string, string>>) {
    const { m, client } = await this.lambda();
    const created = await this.send('Lambda.CreateFunction', () =>
      client.send(new m.CreateFunctionCommand({ ...this.functionConfiguration(settings), Architectures: [settings.architecture], Code: { ZipFile: zip }, Tags: { ...tags } })),
    );
    return { functionArn: created.FunctionArn ?? '' };
  }
  async updateFunctionCode(functionName: string, zip: Uint8Array, architecture: 'x86_64' | 'arm64') {
    const { m, client } = await this.lambda();
    await this.send('Lambda.UpdateFunctionCode', () =>
      client.send(new m.UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: zip, Architectures: [architecture] })),
    );
  }
  async updateFunctionConfiguration(settings: FunctionSettings) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.UpdateFunctionConfiguration', () => client.send(new m.UpdateFunctionConfigurationCommand(this.functionConfiguration(settings))));
  }
  async tagResource(functionArn: string, tags: Readonly<Record<string, string>>) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.TagResource', () => client.send(new m.TagResourceCommand({ Resource: functionArn, Tags: { ...tags } })));
  }
  async untagResource(functionArn: string, keys: readonly string[]) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.UntagResource', () => client.send(new m.UntagResourceCommand({ Resource: functionArn, TagKeys: [...keys] })));
  }
  async getFunctionConcurrency(functionName: string) {
    const { m, client } = await this.lambda();
    const found = await this.find('Lambda.GetFunctionConcurrency', () => client.send(new m.GetFunctionConcurrencyCommand({ FunctionName: functionName })));
    return found?.ReservedConcurrentExecutions;
  }
  async putFunctionConcurrency(functionName: string, reserved: number) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.PutFunctionConcurrency', () =>
      client.send(new m.PutFunctionConcurrencyCommand({ FunctionName: functionName, ReservedConcurrentExecutions: reserved })),
    );
  }
  async deleteFunctionConcurrency(functionName: string) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.DeleteFunctionConcurrency', () => client.send(new m.DeleteFunctionConcurrencyCommand({ FunctionName: functionName })));
  }
  async deleteFunction(functionName: string) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.DeleteFunction', () => client.send(new m.DeleteFunctionCommand({ FunctionName: functionName })));
  }
  async getPolicy(functionName: string): Promise<readonly PolicyStatement[]> {
    const { m, client } = await this.lambda();
    const found = await this.find('Lambda.GetPolicy', () => client.send(new m.GetPolicyCommand({ FunctionName: functionName })));
    if (found?.Policy === undefined) return [];
    const policy = JSON.parse(found.Policy) as { Statement?: Record<string, unknown>[] };
    return (policy.Statement ?? []).map(policyStatement);
  }
  async addPermission(functionName: string, statement: PolicyStatement & { readonly sourceAccount?: string }) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.AddPermission', () =>
      client.send(
        new m.AddPermissionCommand({
          FunctionName: functionName,
          StatementId: statement.sid,
          Action: 'lambda:InvokeFunction',
          Principal: statement.principal,
          ...(statement.sourceArn ? { SourceArn: statement.sourceArn } : {}),
          ...(statement.sourceAccount ? { SourceAccount: statement.sourceAccount } : {}),
        }),
      ),
    );
  }
  async removePermission(functionName: string, sid: string) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.RemovePermission', () => client.send(new m.RemovePermissionCommand({ FunctionName: functionName, StatementId: sid })));
  }
  async listLayerVersions(layerName: string): Promise<readonly RemoteLayerVersion[]> {
    const { m, client } = await this.lambda();
    const out: RemoteLayerVersion[] = [];
    let marker: string | undefined;
    do {
      const page = await this.find('Lambda.ListLayerVersions', () => client.send(new m.ListLayerVersionsCommand({ LayerName: layerName, ...(marker ? { Marker: marker } : {}) })));
      for (const v of page?.LayerVersions ?? []) out.push({ layerVersionArn: v.LayerVersionArn ?? '', version: v.Version ?? 0, description: v.Description ?? '' });
      marker = page?.NextMarker;
    } while (marker);
    return out;
  }
  async publishLayerVersion(layerName: string, description: string, runtime: string, zip: Uint8Array, architectures: readonly string[]) {
    const { m, client } = await this.lambda();
    const published = await this.send('Lambda.PublishLayerVersion', () =>
      client.send(
        new m.PublishLayerVersionCommand({ LayerName: layerName, Description: description, Content: { ZipFile: zip }, CompatibleRuntimes: [runtime as LambdaModule.Runtime],
          ...(architectures.length > 0 ? { CompatibleArchitectures: architectures as LambdaModule.Architecture[] } : {}),
        }),
      ),
    );
    return { layerVersionArn: published.LayerVersionArn ?? '', version: published.Version ?? 0, description };
  }
  async deleteLayerVersion(layerName: string, version: number) {
    const { m, client } = await this.lambda();
    await this.send('Lambda.DeleteLayerVersion', () => client.send(new m.DeleteLayerVersionCommand({ LayerName: layerName, VersionNumber: version })));
  }
  // API Gateway
  async getRestApis(): Promise<readonly RemoteRestApi[]> {
    const { m, client } = await this.api();
    const out: RemoteRestApi[] = [];
    let position: string | undefined;
    do {
      const page = await this.send('APIGateway.GetRestApis', () => client.send(new m.GetRestApisCommand({ limit: 500, ...(position ? { position } : {}) })));
      for (const api of page.items ?? []) {
        out.push({ id: api.id ?? '', name: api.name ?? '', tags: api.tags ?? {}, endpointType: api.endpointConfiguration?.types?.[0] ?? 'EDGE' });
      }
      position = page.position;
    } while (position);
    return out;
  }
  async getStage(restApiId: string, stageName: string) {
    const { m, client } = await this.api();
    const found = await this.find('APIGateway.GetStage', () => client.send(new m.GetStageCommand({ restApiId, stageName })));
    if (found === undefined) return undefined;
    const deploymentId = found.deploymentId ?? '';
    const deployment = deploymentId === '' ? undefined : await this.find('APIGateway.GetDeployment', () => client.send(new m.GetDeploymentCommand({ restApiId, deploymentId })));
    return {
      deploymentId,
      tracingEnabled: found.tracingEnabled === true,
      ...(deployment?.description === undefined ? {} : { deploymentDescription: deployment.description }),
    };
  }
  async createRestApi(name: string, endpointType: string, tags: Readonly<Record<string, string>>) {
    const { m, client } = await this.api();
    const created = await this.send('APIGateway.CreateRestApi', () =>
      client.send(new m.CreateRestApiCommand({ name, endpointConfiguration: { types: [endpointType as ApiGatewayModule.EndpointType] }, tags: { ...tags } })),
    );
    return { id: created.id ?? '' };
  }
  async putRestApi(restApiId: string, document: string) {
    const { m, client } = await this.api();
    await this.send('APIGateway.PutRestApi', () =>
      client.send(new m.PutRestApiCommand({ restApiId, mode: 'overwrite', failOnWarnings: false, body: new TextEncoder().encode(document) })),
    );
  }
  async updateRestApiEndpointType(restApiId: string, from: string, to: string) {
    const { m, client } = await this.api();
    await this.send('APIGateway.UpdateRestApi', () =>
      client.send(new m.UpdateRestApiCommand({ restApiId, patchOperations: [{ op: 'replace', path: `/endpointConfiguration/types/${from}`, value: to }] })),
    );
  }
  async createDeployment(restApiId: string, stageName: string, tracingEnabled: boolean, description: string) {
    const { m, client } = await this.api();
    await this.send('APIGateway.CreateDeployment', () => client.send(new m.CreateDeploymentCommand({ restApiId, stageName, tracingEnabled, description })));
  }
  async updateStageTracing(restApiId: string, stageName: string, tracingEnabled: boolean) {
    const { m, client } = await this.api();
    await this.send('APIGateway.UpdateStage', () =>
      client.send(new m.UpdateStageCommand({ restApiId, stageName, patchOperations: [{ op: 'replace', path: '/tracingEnabled', value: String(tracingEnabled) }] })),
    );
  }
  async deleteRestApi(restApiId: string) {
    const { m, client } = await this.api();
    await this.send('APIGateway.DeleteRestApi', () => client.send(new m.DeleteRestApiCommand({ restApiId })));
  }

  // CloudWatch Logs
  async getLogGroup(logGroupName: string) {
    const { m, client } = await this.logs();
    // The call matches by prefix (`/aws/lambda/app-dev` is a prefix of every other function's
    // group), so page on until the exact name turns up or the pages end.
    let nextToken: string | undefined;
    do {
      const page = await this.send('CloudWatchLogs.DescribeLogGroups', () =>
        client.send(new m.DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, ...(nextToken === undefined ? {} : { nextToken }) })),
      );
      const found = (page.logGroups ?? []).find((group) => group.logGroupName === logGroupName);
      if (found !== undefined) return found.retentionInDays === undefined ? {} : { retentionInDays: found.retentionInDays };
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return undefined;
  }
  async createLogGroup(logGroupName: string) {
    const { m, client } = await this.logs();
    await this.send('CloudWatchLogs.CreateLogGroup', () => client.send(new m.CreateLogGroupCommand({ logGroupName })));
  }
  async putRetentionPolicy(logGroupName: string, retentionInDays: number) {
    const { m, client } = await this.logs();
    await this.send('CloudWatchLogs.PutRetentionPolicy', () => client.send(new m.PutRetentionPolicyCommand({ logGroupName, retentionInDays })));
  }

}

/** A Lambda resource-policy statement as the deployer compares it. */
function policyStatement(statement: Record<string, unknown>): PolicyStatement {
  const principal = statement.Principal;
  const service =
    typeof principal === 'string' ? principal : typeof principal === 'object' && principal !== null ? String((principal as { Service?: unknown }).Service ?? '') : '';
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
  const sourceArn = condition?.ArnLike?.['AWS:SourceArn'] ?? condition?.ArnEquals?.['AWS:SourceArn'];
  // Function URL statements; the moto emulator echoes the AddPermission keys instead of conditions.
  const urlAuthType = condition?.StringEquals?.['lambda:FunctionUrlAuthType'] ?? statement.FunctionUrlAuthType;
  const viaUrl = condition?.Bool?.['lambda:InvokedViaFunctionUrl'] ?? statement.InvokedViaFunctionUrl;
  return {
    sid: String(statement.Sid ?? ''),
    principal: service,
    ...(typeof sourceArn === 'string' ? { sourceArn } : {}),
    ...(typeof statement.Action === 'string' ? { action: statement.Action } : {}),
    ...(typeof urlAuthType === 'string' ? { functionUrlAuthType: urlAuthType } : {}),
    ...(viaUrl === true || viaUrl === 'true' ? { invokedViaFunctionUrl: true } : {}),
  };
}
