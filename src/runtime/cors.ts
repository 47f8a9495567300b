/** CORS configuration for a route or `app.api.cors`, and the headers it produces. */

export interface CORSConfigOptions {
  /** @default '*' */
  readonly allowOrigin?: string;
  /** Added to the built-in allowed headers. */
  readonly allowHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials?: boolean;
}

/** Headers API Gateway's CORS support always allows. */
export const DEFAULT_CORS_ALLOW_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Api-Key',
];

export class CORSConfig {
  readonly allowOrigin: string;
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | undefined;
  readonly allowCredentials: boolean | undefined;

  constructor(options: CORSConfigOptions = {}) {
    this.allowOrigin = options.allowOrigin ?? '*';
    this.allowHeaders = options.allowHeaders ?? [];
    this.exposeHeaders = options.exposeHeaders ?? [];
    this.maxAge = options.maxAge;
    this.allowCredentials = options.allowCredentials;
  }

  /** The headers added to every response of a CORS-enabled route (and its preflight). */
  getAccessControlHeaders(): Record<string, string> {
    const allowHeaders = [...new Set([...DEFAULT_CORS_ALLOW_HEADERS, ...this.allowHeaders])].sort();
    const headers: Record<string, string> = {
      'Access-Control-Allow-Origin': this.allowOrigin,
      'Access-Control-Allow-Headers': allowHeaders.join(','),
    };
    if (this.exposeHeaders.length > 0) {
      headers['Access-Control-Expose-Headers'] = this.exposeHeaders.join(',');
    }
    if (this.maxAge !== undefined) headers['Access-Control-Max-Age'] = String(this.maxAge);
    if (this.allowCredentials === true) headers['Access-Control-Allow-Credentials'] = 'true';
    return headers;
  }

  /** Two configs are equal when they produce the same headers. */
  equals(other: CORSConfig): boolean {
    return JSON.stringify(this.getAccessControlHeaders()) === JSON.stringify(other.getAccessControlHeaders());
  }
}

/** `cors: true` means the default config. */
export function corsOptionToConfig(cors: boolean | CORSConfig | null | undefined, fallback: CORSConfig | null): CORSConfig | null {
  if (cors === true) return new CORSConfig();
  if (cors instanceof CORSConfig) return cors;
  if (cors === false) return null;
  return fallback;
}
