/** The HTTP behaviour suite against a real `chalice local` process, over a socket. */
import { cpSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, startChaliceLocal } from '../functional/local/chalice-process.js';
import { BEHAVIOUR_APP_DIR, defineHttpBehaviourSuite, type HttpTarget, type TargetResponse } from './http-behaviour-suite.js';

defineHttpBehaviourSuite('chalice local over a socket', async (): Promise<HttpTarget> => {
  // A copy, so the server's build cache is not written into the repository.
  const projectDir = mkdtempSync(join(tmpdir(), 'chalice-contract-'));
  cpSync(BEHAVIOUR_APP_DIR, projectDir, { recursive: true });
  const local = await startChaliceLocal(projectDir, ['--no-autoreload']);
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
