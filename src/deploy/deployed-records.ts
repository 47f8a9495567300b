/**
 * The records `chalice deploy` keeps in `.chalice/deployed/<stage>.json` for the resources that
 * other commands read back: `url` (the REST API), `logs` and `invoke` (functions). This is the
 * contract between the deployer, which writes them, and those commands, which only read them.
 * The deployer may record more resource types and fields; readers ignore what they do not know.
 */
import type { DeployedResource, DeployedState } from '../project/deployed-state.js';

/** A Lambda function; `name` is the app graph's resource name (`api_handler`, a handler's name). */
export interface DeployedFunctionRecord extends DeployedResource {
  readonly resourceType: 'lambda_function';
  /** The deployed function name, e.g. `myapp-dev` or `myapp-dev-every_hour`. */
  readonly functionName: string;
  readonly lambdaArn: string;
}

/** The REST API; `name` is `rest_api`. */
export interface DeployedRestApiRecord extends DeployedResource {
  readonly resourceType: 'rest_api';
  readonly restApiId: string;
  /** `https://<id>.execute-api.<region>.amazonaws.com/<stage>/`. */
  readonly restApiUrl: string;
  readonly region: string;
}

export function isDeployedFunction(resource: DeployedResource): resource is DeployedFunctionRecord {
  return resource.resourceType === 'lambda_function' && typeof resource.functionName === 'string' && typeof resource.lambdaArn === 'string';
}

export function isDeployedRestApi(resource: DeployedResource): resource is DeployedRestApiRecord {
  return resource.resourceType === 'rest_api' && typeof resource.restApiId === 'string' && typeof resource.restApiUrl === 'string';
}

/** Every deployed function, in state order. */
export function deployedFunctions(state: DeployedState): DeployedFunctionRecord[] {
  return state.resources.filter(isDeployedFunction);
}

/** The deployed REST API, if the stage has one. */
export function deployedRestApi(state: DeployedState): DeployedRestApiRecord | undefined {
  return state.resources.find(isDeployedRestApi);
}
