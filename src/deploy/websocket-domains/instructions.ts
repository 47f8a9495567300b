/**
 * The instructions of websocket APIs (API Gateway v2) and custom domain names: part of the
 * deploy plan's `Instruction` union (instructions.ts), kept here with their texts so the
 * planner, executor and `chalice dev plan` printer each handle them through one function.
 *
 * Ids that exist only once an earlier instruction ran are outputs: the websocket API's id,
 * each route's integration id; a created or updated domain name's alias
 * target (`domainAliasName`, `domainHostedZoneId`) fills in its state record.
 */
import type { WebsocketRouteKey } from '../../graph/index.js';
import type { DomainNameSettings, DomainProtocol, RemoteBasePathMapping } from '../aws/aws-client.js';
import type { StateEffects, Value } from '../instructions.js';

/** Outputs of these instructions (see `OutputName`). */
export type WebsocketDomainOutput = 'websocketApiId' | 'domainAliasName' | 'domainHostedZoneId' | `websocketIntegration${WebsocketRouteKey}`;

export type BasePathMappingWithValues = Omit<RemoteBasePathMapping, 'restApiId'> & { readonly restApiId: Value };

export type WebsocketDomainInstruction =
  | { readonly kind: 'create-websocket-api'; readonly apiName: string; readonly routeSelectionExpression: string; readonly tags: Readonly<Record<string, string>> }
  | { readonly kind: 'create-websocket-integration'; readonly apiId: Value; readonly routeKey: WebsocketRouteKey; readonly integrationUri: string }
  | { readonly kind: 'delete-websocket-integration'; readonly apiId: string; readonly integrationId: string }
  | { readonly kind: 'create-websocket-route'; readonly apiId: Value; readonly routeKey: string; readonly integrationId: Value }
  | { readonly kind: 'update-websocket-route'; readonly apiId: string; readonly routeId: string; readonly routeKey: string; readonly integrationId: Value }
  | { readonly kind: 'delete-websocket-route'; readonly apiId: string; readonly routeId: string; readonly routeKey: string }
  | { readonly kind: 'create-websocket-stage'; readonly apiId: Value; readonly stageName: string }
  | { readonly kind: 'create-websocket-deployment'; readonly apiId: Value; readonly stageName: string; readonly description: string }
  | { readonly kind: 'delete-websocket-api'; readonly apiId: string }
  | { readonly kind: 'create-domain-name'; readonly protocol: DomainProtocol; readonly settings: DomainNameSettings; readonly tags: Readonly<Record<string, string>> }
  | {
      readonly kind: 'update-domain-name';
      readonly protocol: DomainProtocol;
      readonly settings: DomainNameSettings;
      readonly from: DomainNameSettings;
      readonly changed: readonly string[];
    }
  | { readonly kind: 'tag-domain-name'; readonly protocol: DomainProtocol; readonly domainName: string; readonly tags: Readonly<Record<string, string>> }
  | { readonly kind: 'untag-domain-name'; readonly protocol: DomainProtocol; readonly domainName: string; readonly keys: readonly string[] }
  | { readonly kind: 'delete-domain-name'; readonly protocol: DomainProtocol; readonly domainName: string }
  | { readonly kind: 'create-base-path-mapping'; readonly domainName: string; readonly mapping: BasePathMappingWithValues }
  | { readonly kind: 'update-base-path-mapping'; readonly domainName: string; readonly mapping: BasePathMappingWithValues }
  | { readonly kind: 'delete-base-path-mapping'; readonly domainName: string; readonly basePath: string }
  | { readonly kind: 'create-api-mapping'; readonly domainName: string; readonly apiId: Value; readonly key: string; readonly stage: string }
  | { readonly kind: 'update-api-mapping'; readonly domainName: string; readonly apiMappingId: string; readonly apiId: Value; readonly key: string; readonly stage: string }
  | { readonly kind: 'delete-api-mapping'; readonly domainName: string; readonly apiMappingId: string };

export type WebsocketDomainKind = WebsocketDomainInstruction['kind'];

/** Every kind, with whether its call removes something ("already gone" then counts as done). */
const KINDS: Readonly<Record<WebsocketDomainKind, { readonly deletion: boolean; readonly call: string }>> = {
  'create-websocket-api': { deletion: false, call: 'ApiGatewayV2.CreateApi' },
  'create-websocket-integration': { deletion: false, call: 'ApiGatewayV2.CreateIntegration' },
  'delete-websocket-integration': { deletion: true, call: 'ApiGatewayV2.DeleteIntegration' },
  'create-websocket-route': { deletion: false, call: 'ApiGatewayV2.CreateRoute' },
  'update-websocket-route': { deletion: false, call: 'ApiGatewayV2.UpdateRoute' },
  'delete-websocket-route': { deletion: true, call: 'ApiGatewayV2.DeleteRoute' },
  'create-websocket-stage': { deletion: false, call: 'ApiGatewayV2.CreateStage' },
  'create-websocket-deployment': { deletion: false, call: 'ApiGatewayV2.CreateDeployment' },
  'delete-websocket-api': { deletion: true, call: 'ApiGatewayV2.DeleteApi' },
  'create-domain-name': { deletion: false, call: 'APIGateway.CreateDomainName' },
  'update-domain-name': { deletion: false, call: 'APIGateway.UpdateDomainName' },
  'tag-domain-name': { deletion: false, call: 'APIGateway.TagResource' },
  'untag-domain-name': { deletion: false, call: 'APIGateway.UntagResource' },
  'delete-domain-name': { deletion: true, call: 'APIGateway.DeleteDomainName' },
  'create-base-path-mapping': { deletion: false, call: 'APIGateway.CreateBasePathMapping' },
  'update-base-path-mapping': { deletion: false, call: 'APIGateway.UpdateBasePathMapping' },
  'delete-base-path-mapping': { deletion: true, call: 'APIGateway.DeleteBasePathMapping' },
  'create-api-mapping': { deletion: false, call: 'ApiGatewayV2.CreateApiMapping' },
  'update-api-mapping': { deletion: false, call: 'ApiGatewayV2.UpdateApiMapping' },
  'delete-api-mapping': { deletion: true, call: 'ApiGatewayV2.DeleteApiMapping' },
};

export function isWebsocketDomainInstruction<I extends { readonly kind: string }>(instruction: I): instruction is Extract<I, WebsocketDomainInstruction & StateEffects> {
  return Object.hasOwn(KINDS, instruction.kind);
}

export function isWebsocketDomainDeletion(instruction: WebsocketDomainInstruction): boolean {
  return KINDS[instruction.kind].deletion;
}

/** How titles name the API a custom domain serves. */
const DOMAIN_API: Readonly<Record<DomainProtocol, string>> = { rest: 'REST', http: 'HTTP API', websocket: 'websocket' };

/** The AWS call (`ApiGatewayV2.CreateApi`); domain calls name the v2 API for websocket domains. */
export function websocketDomainCall(instruction: WebsocketDomainInstruction): string {
  const call = KINDS[instruction.kind].call;
  return 'protocol' in instruction && instruction.protocol !== 'rest' ? call.replace('APIGateway.', 'ApiGatewayV2.') : call;
}

export function websocketDomainTitle(instruction: WebsocketDomainInstruction, valueToText: (value: Value) => string): string {
  const domain = (protocol: DomainProtocol): string => `${DOMAIN_API[protocol]} custom domain`;
  const root = (path: string): string => `/${path}`;
  switch (instruction.kind) {
    case 'create-websocket-api':
      return `Creating websocket API ${instruction.apiName}`;
    case 'create-websocket-integration':
      return `Integrating websocket route ${instruction.routeKey} of API ${valueToText(instruction.apiId)} with ${instruction.integrationUri.replace(/^.*\/functions\/(.*)\/invocations$/, '$1')}`;
    case 'delete-websocket-integration':
      return `Deleting integration ${instruction.integrationId} of websocket API ${instruction.apiId}`;
    case 'create-websocket-route':
      return `Creating websocket route ${instruction.routeKey} of API ${valueToText(instruction.apiId)}`;
    case 'update-websocket-route':
      return `Pointing websocket route ${instruction.routeKey} of API ${instruction.apiId} at integration ${valueToText(instruction.integrationId)}`;
    case 'delete-websocket-route':
      return `Deleting websocket route ${instruction.routeKey} of API ${instruction.apiId}`;
    case 'create-websocket-stage':
      return `Creating stage ${instruction.stageName} of websocket API ${valueToText(instruction.apiId)}`;
    case 'create-websocket-deployment':
      return `Deploying websocket API ${valueToText(instruction.apiId)} to stage ${instruction.stageName}`;
    case 'delete-websocket-api':
      return `Deleting websocket API ${instruction.apiId}`;
    case 'create-domain-name':
      return `Creating ${domain(instruction.protocol)} ${instruction.settings.domainName} (${instruction.settings.endpointType})`;
    case 'update-domain-name':
      return `Updating ${domain(instruction.protocol)} ${instruction.settings.domainName} (${instruction.changed.join(', ')})`;
    case 'tag-domain-name':
      return `Tagging ${domain(instruction.protocol)} ${instruction.domainName}`;
    case 'untag-domain-name':
      return `Removing tags ${instruction.keys.join(', ')} from ${domain(instruction.protocol)} ${instruction.domainName}`;
    case 'delete-domain-name':
      return `Deleting ${domain(instruction.protocol)} ${instruction.domainName}`;
    case 'create-base-path-mapping':
      return `Mapping ${instruction.domainName}${root(instruction.mapping.basePath)} to REST API ${valueToText(instruction.mapping.restApiId)} stage ${instruction.mapping.stage}`;
    case 'update-base-path-mapping':
      return `Re-mapping ${instruction.domainName}${root(instruction.mapping.basePath)} to REST API ${valueToText(instruction.mapping.restApiId)} stage ${instruction.mapping.stage}`;
    case 'delete-base-path-mapping':
      return `Removing the mapping ${instruction.domainName}${root(instruction.basePath)}`;
    case 'create-api-mapping':
      return `Mapping ${instruction.domainName}${root(instruction.key)} to websocket API ${valueToText(instruction.apiId)} stage ${instruction.stage}`;
    case 'update-api-mapping':
      return `Re-mapping ${instruction.domainName}${root(instruction.key)} to websocket API ${valueToText(instruction.apiId)} stage ${instruction.stage}`;
    case 'delete-api-mapping':
      return `Removing the API mapping ${instruction.apiMappingId} from ${instruction.domainName}`;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
