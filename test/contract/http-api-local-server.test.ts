/** The HTTP API behaviour suite against a real `chalice local` process, over a socket. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineHttpApiBehaviourSuite, HTTP_API_APP_DIR } from './http-api-behaviour-suite.js';
import { localServerTarget } from './local-server-target.js';

defineHttpApiBehaviourSuite('chalice local over a socket', (jwks) =>
  localServerTarget(HTTP_API_APP_DIR, {
    prepare: (projectDir) => {
      const jwksFile = join(projectDir, 'jwks.json');
      writeFileSync(jwksFile, JSON.stringify(jwks));
      return ['--jwks', jwksFile];
    },
  }),
);
