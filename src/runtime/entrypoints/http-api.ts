/**
 * The `api_handler` entry for payload format 2.0 events: an API Gateway HTTP API or a Lambda
 * Function URL. The same dispatcher as the REST entry (rest-api.ts) answers; only the event
 * → Request and Response → result steps differ (http/v2-event-to-request.ts,
 * http/response-to-v2-result.ts). `api_handler` picks this entry for events with
 * `version: "2.0"` and a `requestContext.http`, so one deployed function serves any of the three.
 */
import type { Chalice } from '../app.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from '../aws-events-v2.js';
import { responseToV2Result } from '../http/response-to-v2-result.js';
import { v2EventToRequest } from '../http/v2-event-to-request.js';
import type { LambdaContext } from '../lambda-context.js';
import type { Request } from '../request.js';
import { createApiDispatcher, type ApiDispatcher } from './rest-api.js';

export type HttpApiHandler = (event: APIGatewayProxyEventV2, context?: LambdaContext | null) => Promise<APIGatewayProxyResultV2>;

export function createHttpApiHandler(app: Chalice, dispatcher: ApiDispatcher = createApiDispatcher(app)): HttpApiHandler {
  const uriParamsOf = (path: string) => dispatcher.uriParamsOf(path);
  return function httpApiHandler(event, context = null) {
    let request: Request;
    try {
      request = v2EventToRequest(event, context, uriParamsOf);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return dispatcher.handle(request, context, responseToV2Result);
  };
}
