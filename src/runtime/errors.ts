/**
 * HTTP errors a view can throw. The status code lives on the class, the stable `code`
 * (the `Code` field of the response body) survives minifiers that rename classes, and one
 * `toResponseBody()` on the base builds Chalice's `{"Code", "Message"}` body.
 */
export class ChaliceViewError extends Error {
  static readonly statusCode: number = 500;
  static readonly code: string = 'ChaliceViewError';

  get statusCode(): number {
    return (this.constructor as typeof ChaliceViewError).statusCode;
  }

  get code(): string {
    return (this.constructor as typeof ChaliceViewError).code;
  }

  constructor(message = '') {
    super(message);
    this.name = (this.constructor as typeof ChaliceViewError).code;
  }

  toResponseBody(): { Code: string; Message: string } {
    return { Code: this.code, Message: this.message };
  }
}

export class BadRequestError extends ChaliceViewError {
  static override readonly statusCode = 400;
  static override readonly code = 'BadRequestError';
}
export class UnauthorizedError extends ChaliceViewError {
  static override readonly statusCode = 401;
  static override readonly code = 'UnauthorizedError';
}
export class ForbiddenError extends ChaliceViewError {
  static override readonly statusCode = 403;
  static override readonly code = 'ForbiddenError';
}
export class NotFoundError extends ChaliceViewError {
  static override readonly statusCode = 404;
  static override readonly code = 'NotFoundError';
}
export class MethodNotAllowedError extends ChaliceViewError {
  static override readonly statusCode = 405;
  static override readonly code = 'MethodNotAllowedError';
}
export class RequestTimeoutError extends ChaliceViewError {
  static override readonly statusCode = 408;
  static override readonly code = 'RequestTimeoutError';
}
export class ConflictError extends ChaliceViewError {
  static override readonly statusCode = 409;
  static override readonly code = 'ConflictError';
}
export class UnprocessableEntityError extends ChaliceViewError {
  static override readonly statusCode = 422;
  static override readonly code = 'UnprocessableEntityError';
}
export class TooManyRequestsError extends ChaliceViewError {
  static override readonly statusCode = 429;
  static override readonly code = 'TooManyRequestsError';
}

/** Every HTTP error class, for lookups by code and table-driven tests. */
export const ALL_ERRORS: ReadonlyArray<typeof ChaliceViewError> = [
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  MethodNotAllowedError,
  RequestTimeoutError,
  ConflictError,
  UnprocessableEntityError,
  TooManyRequestsError,
  ChaliceViewError,
];

/** Thrown by the runtime itself for unexpected failures (never from user views). */
export class ChaliceUnhandledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChaliceUnhandledError';
  }
}

/** `app.websocketApi.send/close/info` on a connection that is gone (API Gateway 410 Gone). */
export class WebsocketDisconnectedError extends Error {
  constructor(readonly connectionId: string) {
    super(`Websocket connection ${connectionId} is disconnected`);
    this.name = 'WebsocketDisconnectedError';
  }
}

export function isChaliceViewError(value: unknown): value is ChaliceViewError {
  return value instanceof ChaliceViewError;
}
