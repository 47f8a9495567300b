/** The HTTP API behaviour suite against the test client (`chalice-ts/test`), in process. */
import { Client } from 'chalice-ts/test';
import { app } from '../fixtures/apps/http-api/app.js';
import { defineHttpApiBehaviourSuite, HTTP_API_APP_DIR } from './http-api-behaviour-suite.js';
import type { HttpTarget } from './http-behaviour-suite.js';

defineHttpApiBehaviourSuite('test client', (jwks): HttpTarget => {
  const client = new Client(app, { projectDir: HTTP_API_APP_DIR, jwks, onWarning: () => {} });
  return {
    async request(method, path, { headers, body }) {
      const response = await client.http.request(method, path, { headers, body });
      return { statusCode: response.statusCode, headers: response.multiValueHeaders, body: response.body };
    },
    close: () => client.dispose(),
  };
});
