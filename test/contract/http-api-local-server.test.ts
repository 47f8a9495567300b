/** The HTTP API behaviour suite against a real `chalice local` process, over a socket. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, startChaliceLocal } from '../functional/local/chalice-process.js';
import { defineHttpApiBehaviourSuite, HTTP_API_APP_DIR } from './http-api-behaviour-suite.js';
import type { HttpTarget, TargetResponse } from './http-behaviour-suite.js';

defineHttpApiBehaviourSuite('chalice local over a socket', async (jwks): Promise<HttpTarget> => {
  const projectDir = mkdtempSync(join(tmpdir(), 'chalice-http-api-'));
  cpSync(HTTP_API_APP_DIR, projectDir, { recursive: true });
  const jwksFile = join(projectDir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks));
  const local = await startChaliceLocal(projectDir, ['--no-autoreload', '--jwks', jwksFile]);
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
});
