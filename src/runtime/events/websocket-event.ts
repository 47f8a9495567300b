/** `WebsocketEvent`: what `onWsConnect` / `onWsMessage` / `onWsDisconnect` handlers receive. */
import { BadRequestError } from '../errors.js';
import type { LambdaContext } from '../lambda-context.js';
import { BaseLambdaEvent, expectObject, optionalString } from './base-event.js';

export type WebsocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/** An API Gateway websocket proxy event as Lambda delivers it. */
export interface WebsocketEventPayload {
  readonly requestContext: {
    /** `$connect`, `$disconnect`, `$default` or a custom route key. */
    readonly routeKey: string;
    /** A `WebsocketEventType`. */
    readonly eventType: string;
    readonly connectionId: string;
    /** The host the client connected to, e.g. `abc123.execute-api.us-west-2.amazonaws.com`. */
    readonly domainName: string;
    readonly stage: string;
    readonly apiId: string;
    readonly messageId?: string | null;
    readonly connectedAt?: number;
    readonly requestId?: string;
    readonly [extra: string]: unknown;
  };
  /** The message text (message events only). */
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly queryStringParameters?: Readonly<Record<string, string>> | null;
  readonly [extra: string]: unknown;
}

const EXPECTED = 'an API Gateway websocket event ({"requestContext":{"domainName","stage","connectionId","eventType",…}})';

export class WebsocketEvent extends BaseLambdaEvent<WebsocketEventPayload> {
  /** The websocket API's domain name as the client used it. */
  readonly domainName: string;
  readonly stage: string;
  /** Identifies the client connection; pass it to `app.websocketApi.send`. */
  readonly connectionId: string;
  /** The message received; `null` for connect and disconnect events. */
  readonly body: string | null;
  /** `CONNECT`, `MESSAGE` or `DISCONNECT`. */
  readonly eventType: WebsocketEventType;
  /** `$connect`, `$disconnect`, `$default`… */
  readonly routeKey: string;
  #jsonBody: { value: unknown } | undefined;

  constructor(raw: WebsocketEventPayload, context: LambdaContext | null = null) {
    super(raw, context);
    const requestContext = expectObject(expectObject(raw, 'WebsocketEvent', 'the top level', EXPECTED).requestContext, 'WebsocketEvent', 'requestContext', EXPECTED);
    for (const key of ['domainName', 'stage', 'connectionId'] as const) {
      if (typeof requestContext[key] !== 'string' || requestContext[key] === '') {
        throw new TypeError(`WebsocketEvent: the Lambda event has no requestContext.${key}; expected ${EXPECTED}. Check what invokes this function.`);
      }
    }
    this.domainName = requestContext.domainName as string;
    this.stage = requestContext.stage as string;
    this.connectionId = requestContext.connectionId as string;
    this.eventType = String(requestContext.eventType ?? '') as WebsocketEventType;
    this.routeKey = String(requestContext.routeKey ?? '');
    this.body = optionalString(raw.body) ?? null;
  }

  /** The body parsed as JSON; a missing or malformed body throws `BadRequestError`. */
  get jsonBody(): unknown {
    if (this.#jsonBody === undefined) {
      if (this.body === null) {
        throw new BadRequestError(`WebsocketEvent.jsonBody: this ${this.eventType || 'websocket'} event has no body; only message events carry one`);
      }
      try {
        this.#jsonBody = { value: JSON.parse(this.body) };
      } catch (error) {
        throw new BadRequestError(
          `Error Parsing JSON: the websocket message body is not valid JSON (${(error as Error).message}); read event.body for the raw text`,
        );
      }
    }
    return this.#jsonBody.value;
  }
}
