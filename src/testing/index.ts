/**
 * `chalice-ts/test`: the test client. Works from vitest, jest and node:test alike.
 *
 *   import { Client } from 'chalice-ts/test';
 *   using client = new Client(app);
 *   const response = await client.http.get('/');
 *   expect(response.json).toEqual({ hello: 'world' });
 */
export { Client, type ClientApp, type ClientOptions } from './client.js';
export { TestHTTPClient, type RequestOptions, type RequestBody } from './http-client.js';
export { HTTPResponse, type ResponseHeaders } from './http-response.js';
export { TestLambdaClient, type InvokeResponse } from './lambda-client.js';
export { TestFunctionUrlClient } from './function-url-client.js';
export { TestEventsClient } from './events-client.js';
export type {
  DynamodbChange,
  DynamodbEventOptions,
  EventOrigin,
  KinesisEventOptions,
  S3EventOptions,
  SnsEventOptions,
  SqsEventOptions,
  WsEventOptions,
} from './event-factories.js';
export type { JsonWebKeySet, JwksSource } from '../local/http-api/index.js';
