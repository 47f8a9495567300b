/**
 * The SAM template (`sam.json` / `sam.yaml`) of an app graph, as `chalice package` writes it:
 * one `AWS::Serverless::Function` per function with its event sources as SAM `Events`, the
 * REST API as an `AWS::Serverless::Api` whose `DefinitionBody` is the OpenAPI document (or,
 * with `api_type: "http"`, an `AWS::Serverless::HttpApi` with one `HttpApi` event per route), the
 * websocket API and custom domains as plain CloudFormation resources, and Chalice's outputs.
 *
 * Logical ids follow Chalice (`APIHandler`, `RestAPI`, `DefaultRole`, `<CamelCaseName>`), so
 * `--merge-template` files written for Chalice keep working. The packager serialises the
 * returned object (keys sorted) and deep-merges any `--merge-template` on top.
 *
 * S3 event sources go beyond Chalice, which refuses them here: CloudFormation can only
 * configure notifications on a bucket the same stack creates, and apps subscribe to existing
 * buckets, so the template carries a custom resource that merges them in (sam-s3-notifications.ts).
 */
import type {
  AppGraph,
  EventRuleResource,
  EventSourceMappingResource,
  LambdaFunctionResource,
  LambdaLayerResource,
  ManagedIamRoleResource,
  SnsSubscriptionResource,
  StreamFailureHandling,
} from '../../../graph/index.js';
import { resolveRef, resourcesOfKind } from '../../../graph/index.js';
import { sortKeysDeep } from '../../../project/index.js';
import type { OpenApiDocument } from '../../openapi/index.js';
import { generateOpenApiDocument } from '../../openapi/index.js';
import { NameRegistry, functionLogicalId, toCfnResourceName } from '../logical-names.js';
import { addApiMapping, addDomainName, addPermission, addRestApi, addWebsocketApi } from './sam-apis.js';
import { addHttpApi } from './sam-http-api.js';
import { addFunctionUrl } from './sam-function-urls.js';
import { addFunctionOutputs } from './sam-outputs.js';
import { addS3Notifications, addS3Permission } from './sam-s3-notifications.js';
import { samFunctionExtras } from './sam-function-extras.js';
import { arnOf, samIntegrationUriFor } from './sam-references.js';

export interface SamTemplateOptions {
  /** The REST API's OpenAPI document with SAM integration URIs. @default generated with `samIntegrationUri` */
  readonly openapi?: OpenApiDocument;
}

export type SamTemplate = Record<string, unknown>;

export interface SamState {
  readonly graph: AppGraph;
  readonly resources: Record<string, Record<string, unknown>>;
  readonly outputs: Record<string, { readonly Value: unknown }>;
  readonly names: NameRegistry;
}

/** The integration URI of a function in the SAM template (for `generateOpenApiDocument`). */
export function samIntegrationUri(fn: LambdaFunctionResource): unknown {
  return samIntegrationUriFor(fn);
}

/**
 * @throws ChaliceTsError `template_name_conflict` when two resources get the same logical id.
 */
export function generateSamTemplate(graph: AppGraph, options: SamTemplateOptions = {}): SamTemplate {
  const state: SamState = { graph, resources: {}, outputs: {}, names: new NameRegistry('CloudFormation logical id') };
  for (const resource of graph.resources) {
    switch (resource.kind) {
      case 'managed-iam-role':
        addRole(state, resource);
        break;
      case 'existing-iam-role':
        break; // Referenced by ARN; nothing to create.
      case 'lambda-layer':
        addLayer(state, resource);
        break;
      case 'lambda-function':
        addFunction(state, resource);
        break;
      case 'rest-api':
        addRestApi(state, resource, options.openapi ?? generateOpenApiDocument(graph, { integrationUri: samIntegrationUri })!);
        break;
      case 'lambda-permission':
        if (resource.source.kind === 's3-bucket') addS3Permission(state, { ...resource, source: resource.source });
        else addPermission(state, resource);
        break;
      case 'event-rule':
        addRuleEvent(state, resource);
        break;
      case 'sns-subscription':
        addSnsEvent(state, resource);
        break;
      case 'event-source-mapping':
        addMappingEvent(state, resource);
        break;
      case 's3-bucket-notification':
        break; // Grouped per bucket below.
      case 'websocket-api':
        addWebsocketApi(state, resource);
        break;
      case 'domain-name':
        addDomainName(state, resource);
        break;
      case 'api-mapping':
        addApiMapping(state, resource);
        break;
      case 'function-url':
        addFunctionUrl(state, resource);
        break;
      case 'http-api':
        addHttpApi(state, resource);
        break;
      default: {
        const never: never = resource;
        throw new Error(`unknown resource ${JSON.stringify(never)}`);
      }
    }
  }
  const functions = resourcesOfKind(graph, 'lambda-function');
  if (functions.length > 0) addS3Notifications(state, functions[0].runtime);
  for (const fn of functions) addFunctionOutputs(state, fn);
  return sortKeysDeep({
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Outputs: state.outputs,
    Resources: state.resources,
  }) as SamTemplate;
}

function addRole(state: SamState, role: ManagedIamRoleResource): void {
  const id = state.names.claim(toCfnResourceName(role.resourceName), `IAM role ${role.resourceName}`);
  state.resources[id] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: role.trustPolicy,
      Policies: [{ PolicyName: `${id}Policy`, PolicyDocument: role.policyDocument }],
    },
  };
}

function addLayer(state: SamState, layer: LambdaLayerResource): void {
  const id = state.names.claim(toCfnResourceName(layer.resourceName), `layer ${layer.resourceName}`);
  state.resources[id] = {
    Type: 'AWS::Serverless::LayerVersion',
    Properties: { CompatibleArchitectures: layer.compatibleArchitectures, CompatibleRuntimes: [layer.runtime], ContentUri: `./${layer.contentFile}`, LayerName: layer.layerName },
  };
}

function addFunction(state: SamState, fn: LambdaFunctionResource): void {
  const id = state.names.claim(functionLogicalId(fn), `function ${fn.resourceName}`);
  const role = resolveRef(state.graph, fn.role);
  const layers: unknown[] = [
    ...(fn.managedLayer === undefined ? [] : [{ Ref: toCfnResourceName(fn.managedLayer.name) }]),
    ...fn.layers,
  ];
  state.resources[id] = {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Runtime: fn.runtime,
      Architectures: [fn.architecture],
      Handler: fn.handler,
      CodeUri: `./${fn.codeFile}`,
      Tags: fn.tags,
      Tracing: fn.xray ? 'Active' : 'PassThrough',
      Timeout: fn.timeout,
      MemorySize: fn.memorySize,
      ...(fn.ephemeralStorage === undefined ? {} : { EphemeralStorage: { Size: fn.ephemeralStorage } }),
      ...(fn.deadLetterQueue === undefined
        ? {}
        : { DeadLetterQueue: { Type: fn.deadLetterQueue.split(':')[2] === 'sns' ? 'SNS' : 'SQS', TargetArn: fn.deadLetterQueue } }),
      Role: role.kind === 'existing-iam-role' ? role.roleArn : { 'Fn::GetAtt': [toCfnResourceName(role.resourceName), 'Arn'] },
      ...(Object.keys(fn.environment).length > 0 ? { Environment: { Variables: fn.environment } } : {}),
      ...(fn.subnetIds.length > 0 ? { VpcConfig: { SecurityGroupIds: fn.securityGroupIds, SubnetIds: fn.subnetIds } } : {}),
      ...(fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency }),
      ...(layers.length > 0 ? { Layers: layers } : {}),
      ...samFunctionExtras(fn),
    },
  };
  if (fn.logRetentionInDays !== undefined) {
    // Lambda writes to /aws/lambda/<function name>; creating the group first sets its retention.
    state.resources[state.names.claim(`${id}LogGroup`, `the log group of function ${fn.resourceName}`)] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Sub': `/aws/lambda/\${${id}}` }, RetentionInDays: fn.logRetentionInDays },
    };
  }
}

/** Adds a SAM event source to the function's `Events` (SAM creates the rule/subscription/mapping and the permission). */
function addEvent(state: SamState, fnName: string, eventName: string, event: { Type: string; Properties: Record<string, unknown> }): void {
  const fn = resolveRef(state.graph, { ref: 'lambda-function', name: fnName });
  const id = state.names.claim(toCfnResourceName(eventName), `event source ${eventName}`);
  const properties = state.resources[functionLogicalId(fn)].Properties as Record<string, unknown>;
  properties.Events = { ...(properties.Events as Record<string, unknown> | undefined), [id]: event };
}

function addRuleEvent(state: SamState, rule: EventRuleResource): void {
  const { trigger } = rule;
  const event =
    trigger.kind === 'schedule'
      ? { Type: 'Schedule', Properties: { Schedule: trigger.expression, ...(trigger.description ? { Description: trigger.description } : {}) } }
      : { Type: 'CloudWatchEvent', Properties: { Pattern: trigger.pattern, ...(rule.eventBus === undefined ? {} : { EventBusName: rule.eventBus }) } };
  addEvent(state, rule.function.name, rule.resourceName, event);
}

function addSnsEvent(state: SamState, subscription: SnsSubscriptionResource): void {
  addEvent(state, subscription.function.name, subscription.resourceName, {
    Type: 'SNS',
    Properties: { Topic: arnOf(subscription.topic, 'sns') },
  });
}

function addMappingEvent(state: SamState, mapping: EventSourceMappingResource): void {
  const { source } = mapping;
  const common = {
    BatchSize: mapping.batchSize,
    MaximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
    ...(mapping.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
  };
  let event: { Type: string; Properties: Record<string, unknown> };
  switch (source.kind) {
    case 'sqs':
      event = {
        Type: 'SQS',
        Properties: {
          Queue: arnOf(source.queue, 'sqs'),
          ...common,
          ...(source.maximumConcurrency === undefined ? {} : { ScalingConfig: { MaximumConcurrency: source.maximumConcurrency } }),
        },
      };
      break;
    case 'kinesis':
      event = { Type: 'Kinesis', Properties: { Stream: arnOf(source.stream, 'kinesis', 'stream/'), StartingPosition: source.startingPosition, ...common, ...samStreamFailure(source.onError) } };
      break;
    case 'dynamodb':
      event = { Type: 'DynamoDB', Properties: { Stream: source.streamArn, StartingPosition: source.startingPosition, ...common, ...samStreamFailure(source.onError) } };
      break;
    default: {
      const never: never = source;
      throw new Error(`unknown event source mapping ${JSON.stringify(never)}`);
    }
  }
  addEvent(state, mapping.function.name, mapping.resourceName, event);
}

function samStreamFailure(onError: StreamFailureHandling): Record<string, unknown> {
  return {
    ...(onError.bisectOnError === undefined ? {} : { BisectBatchOnFunctionError: onError.bisectOnError }),
    ...(onError.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: onError.maximumRetryAttempts }),
    ...(onError.maximumRecordAgeInSeconds === undefined ? {} : { MaximumRecordAgeInSeconds: onError.maximumRecordAgeInSeconds }),
    ...(onError.onFailure === undefined ? {} : { DestinationConfig: { OnFailure: { Destination: onError.onFailure } } }),
  };
}
