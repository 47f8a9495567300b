/**
 * Runs one HTTP API instruction through the `AwsClient` (the executor calls this for these
 * kinds; state records, retries and "not found" on deletions are the executor's). Returns the
 * id the call produced, for the instruction's `result` output, and sets the named outputs
 * later instructions use (the API's, the integration's and each authorizer's id).
 */
import type { AwsClient } from '../aws/aws-client.js';
import type { HttpRouteSettings } from '../aws/http-api-calls.js';
import type { OutputAccess } from '../websocket-domains/execute.js';
import type { HttpApiInstruction, HttpRouteWithValues } from './instructions.js';

export async function executeHttpApiInstruction(client: AwsClient, instruction: HttpApiInstruction, io: OutputAccess): Promise<string | undefined> {
  const route = (r: HttpRouteWithValues): HttpRouteSettings => ({
    routeKey: r.routeKey,
    target: io.value(r.target),
    authorizationType: r.authorizationType,
    ...(r.authorizerId === undefined ? {} : { authorizerId: io.value(r.authorizerId) }),
    authorizationScopes: r.authorizationScopes,
  });
  switch (instruction.kind) {
    case 'create-http-api': {
      const { id } = await client.createHttpApi(instruction.apiName, instruction.cors, instruction.tags);
      io.setOutput('httpApiId', id);
      return id;
    }
    case 'update-http-api-cors':
      await client.updateHttpApiCors(instruction.apiId, instruction.cors);
      return undefined;
    case 'delete-http-api-cors':
      await client.deleteHttpApiCors(instruction.apiId);
      return undefined;
    case 'tag-http-api':
      await client.tagHttpApi(instruction.apiId, instruction.tags);
      return undefined;
    case 'untag-http-api':
      await client.untagHttpApi(instruction.apiId, instruction.keys);
      return undefined;
    case 'create-http-integration': {
      const { integrationId } = await client.createHttpIntegration(io.value(instruction.apiId), instruction.functionArn);
      io.setOutput('httpIntegrationId', integrationId);
      return integrationId;
    }
    case 'delete-http-integration':
      await client.deleteHttpIntegration(instruction.apiId, instruction.integrationId);
      return undefined;
    case 'create-http-authorizer': {
      const { authorizerId } = await client.createHttpAuthorizer(io.value(instruction.apiId), instruction.settings);
      io.setOutput(`httpAuthorizer:${instruction.settings.name}`, authorizerId);
      return authorizerId;
    }
    case 'update-http-authorizer':
      await client.updateHttpAuthorizer(instruction.apiId, instruction.authorizerId, instruction.settings);
      return undefined;
    case 'delete-http-authorizer':
      await client.deleteHttpAuthorizer(instruction.apiId, instruction.authorizerId);
      return undefined;
    case 'create-http-route':
      return (await client.createHttpRoute(io.value(instruction.apiId), route(instruction.route))).routeId;
    case 'update-http-route':
      await client.updateHttpRoute(instruction.apiId, instruction.routeId, route(instruction.route));
      return undefined;
    case 'delete-http-route':
      await client.deleteHttpRoute(instruction.apiId, instruction.routeId);
      return undefined;
    case 'create-http-stage':
      await client.createHttpStage(io.value(instruction.apiId), instruction.stageName);
      return undefined;
    case 'update-http-stage':
      await client.updateHttpStage(instruction.apiId, instruction.stageName);
      return undefined;
    case 'delete-http-api':
      await client.deleteHttpApi(instruction.apiId);
      return undefined;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
