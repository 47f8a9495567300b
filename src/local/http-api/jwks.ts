/**
 * Where JWT authorizers get their keys locally. A deployed HTTP API fetches the issuer's JSON
 * Web Key Set itself; locally the user names it: a file (read at start and whenever it
 * changes), an http(s) URL (fetched on first use and again, at most every 10 seconds, when a
 * token names a key it lacks), or, in the test client, the key set itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import type { JsonWebKeySet } from './jwt-verify.js';

export type JwksSource = string | JsonWebKeySet;

export interface JwksProvider {
  /** The key set; `kid` is the key the token names, to refetch a URL that lacks it. */
  get(kid: string | undefined): Promise<JsonWebKeySet>;
  /** Where the keys come from, for messages. */
  readonly description: string;
}

const REFETCH_AFTER_MS = 10_000;

/** @throws ChaliceTsError when a file cannot be read or is not a key set */
export function createJwksProvider(source: JwksSource, baseDir: string = process.cwd(), now: () => number = Date.now): JwksProvider {
  if (typeof source !== 'string') {
    const keys = checkKeySet(source, 'the jwks option');
    return { get: async () => keys, description: 'the jwks option' };
  }
  if (/^https?:\/\//i.test(source)) return urlProvider(source, now);
  const path = resolve(baseDir, source);
  let cached: { mtimeMs: number; keys: JsonWebKeySet } | undefined;
  const load = (): JsonWebKeySet => {
    let mtimeMs: number;
    let text: string;
    try {
      mtimeMs = statSync(path).mtimeMs;
      if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.keys;
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ChaliceTsError(`Cannot read the JWKS file ${path}: ${(error as Error).message}; point --jwks at a JSON file holding { "keys": [...] } or at an http(s) URL`, 'jwks_unreadable');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ChaliceTsError(`The JWKS file ${path} is not JSON; it must hold { "keys": [ { "kty": ..., "kid": ..., ... } ] }`, 'jwks_invalid');
    }
    const keys = checkKeySet(parsed, path);
    cached = { mtimeMs, keys };
    return keys;
  };
  load(); // a bad file is reported at start, not on the first request
  return { get: async () => load(), description: path };
}

function urlProvider(url: string, now: () => number): JwksProvider {
  let keys: Promise<JsonWebKeySet> | undefined;
  let fetchedAt = 0;
  const fetchKeys = (): Promise<JsonWebKeySet> => {
    fetchedAt = now();
    return fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      return checkKeySet(await response.json(), url);
    });
  };
  return {
    description: url,
    async get(kid) {
      if (keys === undefined) keys = fetchKeys();
      let current: JsonWebKeySet;
      try {
        current = await keys;
      } catch (error) {
        keys = undefined; // try again on the next request
        throw error;
      }
      if (kid !== undefined && !current.keys.some((k) => k.kid === kid) && now() - fetchedAt > REFETCH_AFTER_MS) {
        keys = fetchKeys();
        return keys;
      }
      return current;
    },
  };
}

function checkKeySet(value: unknown, where: string): JsonWebKeySet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'object' || k === null || typeof (k as { kty?: unknown }).kty !== 'string')) {
    throw new ChaliceTsError(`The JWKS from ${where} is not a JSON Web Key Set; it must be { "keys": [ { "kty": "RSA", "kid": ..., "n": ..., "e": ... } ] }`, 'jwks_invalid');
  }
  return { keys: keys as Record<string, unknown>[] };
}
