/**
 * API Gateway's authorizer result cache: one entry per (authorizer, token) kept for the
 * authorizer's TTL. A cached policy is re-evaluated against each new method ARN, so a token
 * allowed for `GET /a` only is still refused on `GET /b` without calling the authorizer again.
 * A TTL of 0 disables caching.
 */
import type { Clock } from './types.js';

export interface AuthorizerCache<T> {
  get(authorizerName: string, token: string): T | undefined;
  set(authorizerName: string, token: string, value: T, ttlSeconds: number): void;
}

export function createAuthorizerCache<T>(clock: Clock): AuthorizerCache<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  const keyOf = (name: string, token: string) => `${name}\u0000${token}`;
  return {
    get(name, token) {
      const key = keyOf(name, token);
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (clock.now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(name, token, value, ttlSeconds) {
      if (!(ttlSeconds > 0)) return;
      entries.set(keyOf(name, token), { value, expiresAt: clock.now() + ttlSeconds * 1000 });
    },
  };
}
