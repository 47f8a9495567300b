/**
 * Authorizer value classes. A route's `authorizer` option takes one of these; the built-in
 * kind (`app.authorizer(...)`) is the one whose code runs inside this app.
 */

export type AuthorizerKind = 'builtin' | 'cognito_user_pools' | 'iam' | 'custom' | 'jwt';

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

export interface JWTAuthorizerOptions {
  /** The tokens' issuer (`iss`): an OIDC issuer URL; for Cognito `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  readonly issuer: string;
  /** Accepted audiences: a token's `aud` (or, for Cognito access tokens, `client_id`) must be one of them. At least one. */
  readonly audience: readonly string[];
  /** @default 'Authorization' */
  readonly header?: string;
  /** OAuth scopes a route requires (any one of them). */
  readonly scopes?: readonly string[];
}

/**
 * An HTTP API JWT authorizer (`api_type: "http"` only): API Gateway checks the bearer token's
 * signature against the issuer's keys, its issuer, audience, expiry and the route's scopes
 * before the view runs; the view sees the claims in `request.context.authorizer.jwt`.
 */
export class JWTAuthorizer implements Authorizer {
  readonly kind = 'jwt' as const;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly header: string;
  readonly scopes: readonly string[];

  constructor(
    readonly name: string,
    options: JWTAuthorizerOptions,
  ) {
    if (typeof options?.issuer !== 'string' || !/^https:\/\/\S+$/.test(options.issuer)) {
      throw new TypeError(`JWTAuthorizer ${name}: issuer must be an https:// URL, got ${JSON.stringify(options?.issuer)}`);
    }
    if (!Array.isArray(options.audience) || options.audience.length === 0 || options.audience.some((a) => typeof a !== 'string' || a === '')) {
      throw new TypeError(`JWTAuthorizer ${name}: audience must be a non-empty list of strings (the app client ids or API identifiers tokens are issued for)`);
    }
    this.issuer = options.issuer;
    this.audience = [...options.audience];
    this.header = options.header ?? 'Authorization';
    this.scopes = options.scopes ?? [];
  }

  /** The same authorizer requiring these scopes on one route. */
  withScopes(scopes: readonly string[]): JWTAuthorizer {
    return new JWTAuthorizer(this.name, { issuer: this.issuer, audience: this.audience, header: this.header, scopes });
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

/**
 * What an authorizer with `simpleResponses: true` returns (HTTP APIs only): whether the
 * request may proceed, and what the view sees as `request.context.authorizer.lambda`.
 */
export interface SimpleAuthorizerResponse {
  readonly isAuthorized: boolean;
  readonly context?: Readonly<Record<string, unknown>>;
}

export type BuiltinAuthorizerFunction = (
  auth: AuthRequest,
) => AuthResponse | SimpleAuthorizerResponse | Promise<AuthResponse | SimpleAuthorizerResponse>;

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
    /** HTTP APIs only: the handler answers `{ isAuthorized, context }` instead of an `AuthResponse`. */
    readonly simpleResponses: boolean = false,
  ) {}

  withScopes(scopes: readonly string[]): ChaliceAuthorizer {
    return new ChaliceAuthorizer(this.name, this.handler, this.ttlSeconds, this.executionRole, this.header, scopes, this.simpleResponses);
  }
}
