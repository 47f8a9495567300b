/**
 * `CorsSettings` ↔ the SDKs' `Cors` shape, which Lambda (function URLs) and API Gateway v2
 * (HTTP APIs' `CorsConfiguration`) share field for field.
 */
import type { CorsSettings } from '../../project/config-types.js';

/** The SDK shape (both services' `Cors`). */
export interface SdkCors {
  AllowCredentials?: boolean;
  AllowHeaders?: string[];
  AllowMethods?: string[];
  AllowOrigins?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
}

export function corsToSdk(cors: CorsSettings): SdkCors {
  return {
    AllowCredentials: cors.allowCredentials,
    AllowHeaders: [...cors.allowHeaders],
    AllowMethods: [...cors.allowMethods],
    AllowOrigins: [...cors.allowOrigins],
    ExposeHeaders: [...cors.exposeHeaders],
    ...(cors.maxAge === undefined ? {} : { MaxAge: cors.maxAge }),
  };
}

export function corsFromSdk(c: { readonly [K in keyof SdkCors]?: SdkCors[K] | null }): CorsSettings {
  return {
    allowOrigins: c.AllowOrigins ?? [],
    allowMethods: c.AllowMethods ?? [],
    allowHeaders: c.AllowHeaders ?? [],
    exposeHeaders: c.ExposeHeaders ?? [],
    ...(c.MaxAge === undefined || c.MaxAge === null ? {} : { maxAge: c.MaxAge }),
    allowCredentials: c.AllowCredentials ?? false,
  };
}
