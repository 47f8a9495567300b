/**
 * The app model: what registration records. The Lambda entry points, the local server,
 * the test client and the app graph all read these entries; nothing else about the user's
 * app is needed to run, test or deploy it.
 */
import type { Authorizer, ChaliceAuthorizer } from './auth.js';
import type { CORSConfig } from './cors.js';
import type {
  CloudWatchEvent,
  DynamoDBEvent,
  KinesisEvent,
  S3Event,
  SNSEvent,
  SQSEvent,
  WebsocketEvent,
} from './events/index.js';
import type { LambdaContext } from './lambda-context.js';
import type { Request } from './request.js';
import type { StandardSchemaV1 } from './standard-schema.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Awaitable<T> = T | Promise<T>;

/** A view: `Req` and `Result` are narrowed on routes that declare schemas (see `RouteOptions`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ViewFunction<Params = any, Req = Request, Result = unknown> = (params: Params, request: Req) => Awaitable<Result>;

/** A route's Standard Schema validators (any library implementing https://standardschema.dev). */
export interface RouteSchemas {
  /** Validates `request.jsonBody` before the view runs; a failure answers 400 BadRequestError. */
  readonly body?: StandardSchemaV1;
  /** Validates `request.query` (the query string as an object) before the view runs; a failure answers 400. */
  readonly query?: StandardSchemaV1;
  /** Validates what the view returns (a 2xx body); a mismatch answers 500 and logs the issues. */
  readonly response?: StandardSchemaV1;
}

export interface RouteEntry {
  readonly kind: 'route';
  /** Full path after any blueprint `urlPrefix`. */
  readonly path: string;
  readonly method: HttpMethod;
  /** The view's name (after any blueprint `namePrefix`). */
  readonly name: string;
  readonly handler: ViewFunction;
  readonly paramNames: readonly string[];
  /** Resolved: route option, else `app.api.cors` at registration time. */
  readonly cors: CORSConfig | null;
  readonly authorizer: Authorizer | null;
  /** Accepted request content types. @default ['application/json'] */
  readonly contentTypes: readonly string[];
  readonly apiKeyRequired: boolean;
  /** Present only when the route declares at least one schema. */
  readonly schemas?: RouteSchemas;
}

export type CloudWatchHandler = (event: CloudWatchEvent) => Awaitable<unknown>;

/** Event-source handlers: each becomes its own Lambda function. */
export type EventSourceEntry =
  | { readonly kind: 'schedule'; readonly name: string; readonly expression: string; readonly description?: string; readonly handler: CloudWatchHandler }
  | {
      readonly kind: 'cloudwatch-event';
      readonly name: string;
      readonly eventPattern: Readonly<Record<string, unknown>>;
      /** A custom EventBridge bus (name or ARN); absent: the default bus. */
      readonly eventBus?: string;
      readonly handler: CloudWatchHandler;
    }
  | {
      readonly kind: 's3';
      readonly name: string;
      readonly bucket: string;
      readonly events: readonly string[];
      readonly prefix?: string;
      readonly suffix?: string;
      readonly handler: (event: S3Event) => Awaitable<unknown>;
    }
  | { readonly kind: 'sns'; readonly name: string; readonly topic: string; readonly handler: (event: SNSEvent) => Awaitable<unknown> }
  | {
      readonly kind: 'sqs';
      readonly name: string;
      /** Queue name, or an ARN when given as one. */
      readonly queue: string;
      readonly batchSize: number;
      readonly maximumBatchingWindowInSeconds: number;
      readonly maximumConcurrency?: number;
      /** `ReportBatchItemFailures` on the mapping; the entry point returns `{ batchItemFailures }`. */
      readonly reportBatchItemFailures: boolean;
      readonly handler: (event: SQSEvent) => Awaitable<unknown>;
    }
  | {
      readonly kind: 'kinesis';
      readonly name: string;
      readonly stream: string;
      readonly batchSize: number;
      readonly startingPosition: StartingPosition;
      readonly maximumBatchingWindowInSeconds: number;
      readonly reportBatchItemFailures: boolean;
      readonly onError: StreamErrorHandling;
      readonly handler: (event: KinesisEvent) => Awaitable<unknown>;
    }
  | {
      readonly kind: 'dynamodb';
      readonly name: string;
      readonly streamArn: string;
      readonly batchSize: number;
      readonly startingPosition: StartingPosition;
      readonly maximumBatchingWindowInSeconds: number;
      readonly reportBatchItemFailures: boolean;
      readonly onError: StreamErrorHandling;
      readonly handler: (event: DynamoDBEvent) => Awaitable<unknown>;
    };

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** What Lambda does with a Kinesis or DynamoDB batch whose processing fails; unset keys keep Lambda's defaults. */
export interface StreamErrorHandling {
  /** Split a failing batch in two and retry each half. */
  readonly bisectOnError?: boolean;
  /** -1 (retry until the record expires) to 10000. */
  readonly maximumRetryAttempts?: number;
  /** -1 (no limit) or 60 to 604800. */
  readonly maximumRecordAgeInSeconds?: number;
  /** ARN of an SQS queue, SNS topic or S3 bucket that receives a failed batch's details. */
  readonly onFailure?: string;
}
export type EventSourceKind = EventSourceEntry['kind'];

export type PureLambdaHandler = (event: unknown, context: LambdaContext) => Awaitable<unknown>;

export interface LambdaFunctionEntry {
  readonly kind: 'lambda-function';
  readonly name: string;
  readonly handler: PureLambdaHandler;
}

export type WebsocketRoute = 'connect' | 'message' | 'disconnect';

export interface WebsocketEntry {
  readonly kind: 'websocket';
  readonly route: WebsocketRoute;
  readonly name: string;
  readonly handler: (event: WebsocketEvent) => Awaitable<unknown>;
}

export type BuiltinAuthorizerEntry = ChaliceAuthorizer;

/** Lambda function names the deployed app uses for the shared handlers. */
export const API_HANDLER_NAME = 'api_handler';
export const WEBSOCKET_HANDLER_NAMES: Readonly<Record<WebsocketRoute, string>> = {
  connect: 'websocket_connect',
  message: 'websocket_message',
  disconnect: 'websocket_disconnect',
};
