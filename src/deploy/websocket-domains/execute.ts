/**
 * Runs one websocket-API or custom-domain instruction through the `AwsClient` (the executor
 * calls this for these kinds; state records, retries and "not found" on deletions are the
 * executor's). Returns the id the call produced, for the instruction's `result` output, and
 * sets the named outputs later instructions use.
 */
import type { AwsClient, RemoteDomainName } from '../aws/aws-client.js';
import type { OutputName, Value } from '../instructions.js';
import type { BasePathMappingWithValues, WebsocketDomainInstruction } from './instructions.js';

export interface OutputAccess {
  value(value: Value): string;
  setOutput(name: OutputName, value: string): void;
}

export async function executeWebsocketDomainInstruction(client: AwsClient, instruction: WebsocketDomainInstruction, io: OutputAccess): Promise<string | undefined> {
  const domainOutputs = (domain: RemoteDomainName): string => {
    io.setOutput('domainAliasName', domain.aliasDomainName);
    io.setOutput('domainHostedZoneId', domain.hostedZoneId);
    return domain.domainName;
  };
  const mapping = (m: BasePathMappingWithValues) => ({ ...m, restApiId: io.value(m.restApiId) });
  switch (instruction.kind) {
    case 'create-websocket-api': {
      const { id } = await client.createWebsocketApi(instruction.apiName, instruction.routeSelectionExpression, instruction.tags);
      io.setOutput('websocketApiId', id);
      return id;
    }
    case 'create-websocket-integration': {
      const { integrationId } = await client.createWebsocketIntegration(io.value(instruction.apiId), instruction.integrationUri);
      io.setOutput(`websocketIntegration${instruction.routeKey}`, integrationId);
      return integrationId;
    }
    case 'delete-websocket-integration':
      await client.deleteWebsocketIntegration(instruction.apiId, instruction.integrationId);
      return undefined;
    case 'create-websocket-route':
      return (await client.createWebsocketRoute(io.value(instruction.apiId), instruction.routeKey, `integrations/${io.value(instruction.integrationId)}`)).routeId;
    case 'update-websocket-route':
      await client.updateWebsocketRoute(instruction.apiId, instruction.routeId, `integrations/${io.value(instruction.integrationId)}`);
      return undefined;
    case 'delete-websocket-route':
      await client.deleteWebsocketRoute(instruction.apiId, instruction.routeId);
      return undefined;
    case 'create-websocket-stage':
      await client.createWebsocketStage(io.value(instruction.apiId), instruction.stageName);
      return undefined;
    case 'create-websocket-deployment':
      return (await client.createWebsocketDeployment(io.value(instruction.apiId), instruction.stageName, instruction.description)).deploymentId;
    case 'delete-websocket-api':
      await client.deleteWebsocketApi(instruction.apiId);
      return undefined;
    case 'create-domain-name':
      return domainOutputs(await client.createDomainName(instruction.protocol, instruction.settings, instruction.tags));
    case 'update-domain-name':
      return domainOutputs(await client.updateDomainName(instruction.protocol, instruction.settings, instruction.from));
    case 'tag-domain-name':
      await client.tagDomainName(instruction.protocol, instruction.domainName, instruction.tags);
      return undefined;
    case 'untag-domain-name':
      await client.untagDomainName(instruction.protocol, instruction.domainName, instruction.keys);
      return undefined;
    case 'delete-domain-name':
      await client.deleteDomainName(instruction.protocol, instruction.domainName);
      return undefined;
    case 'create-base-path-mapping':
      await client.createBasePathMapping(instruction.domainName, mapping(instruction.mapping));
      return undefined;
    case 'update-base-path-mapping':
      await client.updateBasePathMapping(instruction.domainName, mapping(instruction.mapping));
      return undefined;
    case 'delete-base-path-mapping':
      await client.deleteBasePathMapping(instruction.domainName, instruction.basePath);
      return undefined;
    case 'create-api-mapping':
      return (await client.createApiMapping(instruction.domainName, { apiId: io.value(instruction.apiId), key: instruction.key, stage: instruction.stage })).apiMappingId;
    case 'update-api-mapping':
      await client.updateApiMapping(instruction.domainName, {
        apiMappingId: instruction.apiMappingId,
        apiId: io.value(instruction.apiId),
        key: instruction.key,
        stage: instruction.stage,
      });
      return undefined;
    case 'delete-api-mapping':
      await client.deleteApiMapping(instruction.domainName, instruction.apiMappingId);
      return undefined;
    default: {
      const never: never = instruction;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}
