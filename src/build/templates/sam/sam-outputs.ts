/**
 * Per-function outputs: `<Prefix>Name` and `<Prefix>Arn` for every function, where the prefix
 * is `APIHandler` for the REST handler, `WebsocketConnectHandler` (…) for websocket handlers,
 * and the function's logical id otherwise. The REST and websocket outputs (`RestAPIId`,
 * `EndpointURL`, `WebsocketAPIId`, `WebsocketConnectEndpointURL`) are added with their APIs.
 */
import type { LambdaFunctionResource } from '../../../graph/index.js';
import { functionLogicalId, functionOutputPrefix } from '../logical-names.js';
import type { SamState } from './sam-generator.js';

export function addFunctionOutputs(state: SamState, fn: LambdaFunctionResource): void {
  const id = functionLogicalId(fn);
  const prefix = functionOutputPrefix(fn);
  state.outputs[`${prefix}Name`] = { Value: { Ref: id } };
  state.outputs[`${prefix}Arn`] = { Value: { 'Fn::GetAtt': [id, 'Arn'] } };
}
