/** Schema-first routes through a real `chalice local` process, over a socket. */
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, removeDir, startChaliceLocal } from '../functional/local/chalice-process.js';
import type { HttpTarget, TargetResponse } from './http-behaviour-suite.js';
import { defineSchemaValidationSuite, SCHEMAS_APP_DIR } from './schema-validation-suite.js';

defineSchemaValidationSuite('chalice local over a socket', async (): Promise<HttpTarget> => {
  // A copy, so the server's build cache is not written into the repository; the app's own
  // packages (zod, valibot) resolve through a node_modules link, as in a user's project.
  const projectDir = mkdtempSync(join(tmpdir(), 'chalice-schemas-'));
  cpSync(SCHEMAS_APP_DIR, projectDir, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(projectDir, 'node_modules'), 'dir');
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
