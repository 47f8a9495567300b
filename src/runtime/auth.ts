/**
 * Authorizer value classes. A route's `authorizer` option takes one of these; the built-in
 * kind (`app.authorizer(...)`) is the one whose code runs inside this app.
 */

export type AuthorizerKind = 'builtin' | 'cognito_user_pools' | 'iam' | 'custom';

export interface Authorizer {
  readonly kind: AuthorizerKind;
  readonly name: string;
  /** The request header that carries the token (unused by IAM). */
  readonly header: string;
  /** OAuth scopes required for a route (Cognito and built-in authorizers). */
  readonly scopes: readonly string[];
}

export interface CognitoUserPoolAuthorizerOptions {
  /** @default 'Authorization' */
  readonly header?: string;
  readonly scopes?: readonly string[];
}

export class CognitoUserPoolAuthorizer implements Authorizer {
  readonly kind = 'cognito_user_pools' as const;
  readonly header: string;
  readonly scopes: readonly string[];

  constructor(
    readonly name: string,
    readonly providerArns: readonly string[],
    options: CognitoUserPoolAuthorizerOptions = {},
  ) {
    this.header = options.header ?? 'Authorization';
    this.scopes = options.scopes ?? [];
  }

  /** The same authorizer requiring these scopes on one route. */
  withScopes(scopes: readonly string[]): CognitoUserPoolAuthorizer {
    return new CognitoUserPoolAuthorizer(this.name, this.providerArns, { header: this.header, scopes });
  }
}

export class IAMAuthorizer implements Authorizer {
  readonly kind = 'iam' as const;
  readonly name = 'sigv4';
  readonly header = 'Authorization';
  readonly scopes: readonly string[] = [];
}

export interface CustomAuthorizerOptions {
  /** @default 300 */
  readonly ttlSeconds?: number;
  /** @default 'Authorization' */
  readonly header?: string;
  /** Role API Gateway assumes to invoke the authorizer Lambda. */
  readonly invokeRoleArn?: string;
}

export class CustomAuthorizer implements Authorizer {
  readonly kind = 'custom' as const;
  readonly ttlSeconds: number;
  readonly header: string;
  readonly invokeRoleArn: string | undefined;
  readonly scopes: readonly string[] = [];

  constructor(
    readonly name: string,
    readonly authorizerUri: string,
    options: CustomAuthorizerOptions = {},
  ) {
    this.ttlSeconds = options.ttlSeconds ?? 300;
    this.header = options.header ?? 'Authorization';
    this.invokeRoleArn = options.invokeRoleArn;
  }
}

/** What a built-in authorizer function receives. */
export class AuthRequest {
  constructor(
    readonly authType: string,
    readonly token: string,
    readonly methodArn: string,
  ) {}
}

export class AuthRoute {
  constructor(
    readonly path: string,
    readonly methods: readonly string[],
  ) {}
}

export interface AuthResponseOptions {
  /** Paths (all methods), `AuthRoute`s, or `'*'` for everything. */
  readonly routes: ReadonlyArray<string | AuthRoute>;
  readonly principalId: string;
  /** Passed to the view as `request.context.authorizer`. */
  readonly context?: Readonly<Record<string, string | number | boolean>>;
}

export class AuthResponse {
  readonly routes: ReadonlyArray<string | AuthRoute>;
  readonly principalId: string;
  readonly context: Readonly<Record<string, string | number | boolean>>;

  constructor(options: AuthResponseOptions) {
    this.routes = options.routes;
    this.principalId = options.principalId;
    this.context = options.context ?? {};
  }
}

export type BuiltinAuthorizerFunction = (auth: AuthRequest) => AuthResponse | Promise<AuthResponse>;

/** Returned by `app.authorizer(...)`; pass it as a route's `authorizer`. */
export class ChaliceAuthorizer implements Authorizer {
  readonly kind = 'builtin' as const;

  constructor(
    readonly name: string,
    readonly handler: BuiltinAuthorizerFunction,
    readonly ttlSeconds: number,
    readonly executionRole: string | undefined,
    readonly header: string = 'Authorization',
    readonly scopes: readonly string[] = [],
  ) {}

  withScopes(scopes: readonly string[]): ChaliceAuthorizer {
    return new ChaliceAuthorizer(this.name, this.handler, this.ttlSeconds, this.executionRole, this.header, scopes);
  }
}
