/**
 * A behaviour suite's target that is a real `chalice local` process, over a socket: the app
 * directory is copied to a temporary project (so the server's build cache is not written into
 * the repository), `prepare` may add files to the copy, and `close` stops the server and
 * removes the copy.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, startChaliceLocal } from '../functional/local/chalice-process.js';
import type { HttpTarget, TargetResponse } from './http-behaviour-suite.js';

export interface LocalServerTargetOptions {
  /** Prepares the copied project; returns extra `chalice local` arguments. */
  readonly prepare?: (projectDir: string) => readonly string[] | void;
}

export async function localServerTarget(appDir: string, options: LocalServerTargetOptions = {}): Promise<HttpTarget> {
  const projectDir = mkdtempSync(join(tmpdir(), 'chalice-contract-'));
  cpSync(appDir, projectDir, { recursive: true });
  const extraArgs = options.prepare?.(projectDir) ?? [];
  const local = await startChaliceLocal(projectDir, ['--no-autoreload', ...extraArgs]);
  const agent = new Agent({ keepAlive: true });
  return {
    request(method, path, { headers, body }) {
      return new Promise<TargetResponse>((resolve, reject) => {
        const req = request(`${local.url}${path}`, { method, headers: headers as Record<string, string | string[]>, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headersDistinct, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body.length > 0 ? body : undefined);
      });
    },
    async close() {
      agent.destroy();
      await local.stop();
      removeDir(projectDir);
    },
  };
}

/** `prepare` for the HTTP API suite: writes its JSON Web Key Set into the project and passes it with --jwks. */
export function withJwks(jwks: unknown, extraArgs: readonly string[] = []): (projectDir: string) => readonly string[] {
  return (projectDir) => {
    const jwksFile = join(projectDir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    return ['--jwks', jwksFile, ...extraArgs];
  };
}
