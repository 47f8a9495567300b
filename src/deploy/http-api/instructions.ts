/**
 * The instructions of HTTP APIs (API Gateway v2, protocol HTTP): part of the deploy plan's
 * `Instruction` union (instructions.ts), kept here with their texts so the planner, executor
 * and `chalice dev plan` printer each handle them through one function.
 *
 * Ids that exist only once an earlier instruction ran are outputs: the API's id
 * (`httpApiId`), its Lambda integration's (`httpIntegrationId`) and each authorizer's
 * (`httpAuthorizer:<name>`). Route targets and authorizer ids are `Value`s for that reason.
 */
import type { HttpApiCors, HttpAuthorizationType, HttpAuthorizerSettings } from '../aws/http-api-calls.js';
import type { StateEffects, Value } from '../instructions.js';

/** Outputs of these instructions (see `OutputName`). */
export type HttpApiOutput = 'httpApiId' | 'httpIntegrationId' | `httpAuthorizer:${string}`;

/** A route whose target and authorizer may be outputs of this plan. */
export interface HttpRouteWithValues {
  readonly routeKey: string;
  readonly target: Value;
  readonly authorizationType: HttpAuthorizationType;
  readonly authorizerId?: Value;
  readonly authorizationScopes: readonly string[];
}

export type HttpApiInstruction =
  | { readonly kind: 'create-http-api'; readonly apiName: string; readonly cors?: HttpApiCors; readonly tags: Readonly<Record<string, string>> }
  | { readonly kind: 'update-http-api-cors'; readonly apiId: string; readonly cors: HttpApiCors }
  | { readonly kind: 'delete-http-api-cors'; readonly apiId: string }
  | { readonly kind: 'tag-http-api'; readonly apiId: string; readonly tags: Readonly<Record<string, string>> }
  | { readonly kind: 'untag-http-api'; readonly apiId: string; readonly keys: readonly string[] }
  | { readonly kind: 'create-http-integration'; readonly apiId: Value; readonly functionArn: string }
  | { readonly kind: 'delete-http-integration'; readonly apiId: string; readonly integrationId: string }
  | { readonly kind: 'create-http-authorizer'; readonly apiId: Value; readonly settings: HttpAuthorizerSettings }
  | { readonly kind: 'update-http-authorizer'; readonly apiId: string; readonly authorizerId: string; readonly settings: HttpAuthorizerSettings }
  | { readonly kind: 'delete-http-authorizer'; readonly apiId: string; readonly authorizerId: string; readonly name: string }
  | { readonly kind: 'create-http-route'; readonly apiId: Value; readonly route: HttpRouteWithValues }
  | { readonly kind: 'update-http-route'; readonly apiId: string; readonly routeId: string; readonly route: HttpRouteWithValues }
  | { readonly kind: 'delete-http-route'; readonly apiId: string; readonly routeId: string; readonly routeKey: string }
  | { readonly kind: 'create-http-stage'; readonly apiId: Value; readonly stageName: string }
  | { readonly kind: 'update-http-stage'; readonly apiId: string; readonly stageName: string }
  | { readonly kind: 'delete-http-api'; readonly apiId: string };

export type HttpApiKind = HttpApiInstruction['kind'];

/** Every kind, with whether its call removes something ("already gone" then counts as done). */
const KINDS: Readonly<Record<HttpApiKind, { readonly deletion: boolean; readonly call: string }>> = {
  'create-http-api': { deletion: false, call: 'ApiGatewayV2.CreateApi' },
  'update-http-api-cors': { deletion: false, call: 'ApiGatewayV2.UpdateApi' },
  'delete-http-api-cors': { deletion: true, call: 'ApiGatewayV2.DeleteCorsConfiguration' },
  'tag-http-api': { deletion: false, call: 'ApiGatewayV2.TagResource' },
  'untag-http-api': { deletion: false, call: 'ApiGatewayV2.UntagResource' },
  'create-http-integration': { deletion: false, call: 'ApiGatewayV2.CreateIntegration' },
  'delete-http-integration': { deletion: true, call: 'ApiGatewayV2.DeleteIntegration' },
  'create-http-authorizer': { deletion: false, call: 'ApiGatewayV2.CreateAuthorizer' },
  'update-http-authorizer': { deletion: false, call: 'ApiGatewayV2.UpdateAuthorizer' },
  'delete-http-authorizer': { deletion: true, call: 'ApiGatewayV2.DeleteAuthorizer' },
  'create-http-route': { deletion: false, call: 'ApiGatewayV2.CreateRoute' },
  'update-http-route': { deletion: false, call: 'ApiGatewayV2.UpdateRoute' },
  'delete-http-route': { deletion: true, call: 'ApiGatewayV2.DeleteRoute' },
  'create-http-stage': { deletion: false, call: 'ApiGatewayV2.CreateStage' },
  'update-http-stage': { deletion: false, call: 'ApiGatewayV2.UpdateStage' },
  'delete-http-api': { deletion: true, call: 'ApiGatewayV2.DeleteApi' },
};

export function isHttpApiInstruction<I extends { readonly kind: string }>(instruction: I): instruction is Extract<I, HttpApiInstruction & StateEffects> {
  return Object.hasOwn(KINDS, instruction.kind);
}

export function isHttpApiDeletion(instruction: HttpApiInstruction): boolean {
  return KINDS[instruction.kind].deletion;
}

/** The AWS call (`ApiGatewayV2.CreateApi`). */
export function httpApiCall(instruction: HttpApiInstruction): string {
  return KINDS[instruction.kind].call;
}

export function httpApiTitle(instruction: HttpApiInstruction, valueToText: (value: Value) => string): string {
  switch (instruction.kind) {
    case 'create-http-api':
      return `Creating HTTP API ${instruction.apiName}`;
    case 'update-http-api-cors':
      return `Setting the CORS configuration of HTTP API ${instruction.apiId}`;
    case 'delete-http-api-cors':
      return `Removing the CORS configuration of HTTP API ${instruction.apiId}`;
    case 'tag-http-api':
      return `Tagging HTTP API ${instruction.apiId}`;
    case 'untag-http-api':
      return `Removing tags ${instruction.keys.join(', ')} from HTTP API ${instruction.apiId}`;
    case 'create-http-integration':
      return `Integrating HTTP API ${valueToText(instruction.apiId)} with ${instruction.functionArn.slice(instruction.functionArn.lastIndexOf(':') + 1)}`;
    case 'delete-http-integration':
      return `Deleting integration ${instruction.integrationId} of HTTP API ${instruction.apiId}`;
    case 'create-http-authorizer':
      return `Creating ${instruction.settings.authorizerType === 'JWT' ? 'JWT' : 'Lambda'} authorizer ${instruction.settings.name} of HTTP API ${valueToText(instruction.apiId)}`;
    case 'update-http-authorizer':
      return `Updating authorizer ${instruction.settings.name} of HTTP API ${instruction.apiId}`;
    case 'delete-http-authorizer':
      return `Deleting authorizer ${instruction.name} of HTTP API ${instruction.apiId}`;
    case 'create-http-route':
      return `Creating route ${instruction.route.routeKey} of HTTP API ${valueToText(instruction.apiId)}`;
    case 'update-http-route':
      return `Updating route ${instruction.route.routeKey} of HTTP API ${instruction.apiId}`;
    case 'delete-http-route':
      return `Deleting route ${instruction.routeKey} of HTTP API ${instruction.apiId}`;
    case 'create-http-stage':
      return `Creating auto-deployed stage ${instruction.stageName} of HTTP API ${valueToText(instruction.apiId)}`;
    case 'update-http-stage':
      return `Turning automatic deployment back on for stage ${instruction.stageName} of HTTP API ${instruction.apiId}`;
    case 'delete-http-api':
      return `Deleting HTTP API ${instruction.apiId}`;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
