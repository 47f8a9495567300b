/** The REST API proxy handler: one Lambda for every route. (Being written.) */
import type { Chalice } from '../app.js';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from '../aws-events.js';
import type { LambdaContext } from '../lambda-context.js';

export type RestApiHandler = (event: APIGatewayProxyEvent, context: LambdaContext | null) => Promise<APIGatewayProxyResult>;

export function createRestApiHandler(app: Chalice): RestApiHandler {
  void app;
  throw new Error('not written yet');
}
