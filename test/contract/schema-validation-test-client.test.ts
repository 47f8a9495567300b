/** Schema-first routes through the test client (`chalice-ts/test`), in process. */
import { Client } from 'chalice-ts/test';
import { app } from '../fixtures/apps/schemas/app.js';
import { defineSchemaValidationSuite, SCHEMAS_APP_DIR } from './schema-validation-suite.js';

defineSchemaValidationSuite('test client', () => {
  const client = new Client(app, { projectDir: SCHEMAS_APP_DIR, onWarning: () => {} });
  return {
    async request(method, path, { headers, body }) {
      const response = await client.http.request(method, path, { headers, body });
      return { statusCode: response.statusCode, headers: response.multiValueHeaders, body: response.body };
    },
    close: () => client.dispose(),
  };
});
