/** The HTTP behaviour suite against the test client (`chalice-ts/test`), in process. */
import { Client } from 'chalice-ts/test';
import { app } from '../fixtures/apps/behaviour/app.js';
import { BEHAVIOUR_APP_DIR, defineHttpBehaviourSuite, type HttpTarget } from './http-behaviour-suite.js';

defineHttpBehaviourSuite('test client', (): HttpTarget => {
  const client = new Client(app, { projectDir: BEHAVIOUR_APP_DIR, onWarning: () => {} });
  return {
    async request(method, path, { headers, body }) {
      const response = await client.http.request(method, path, { headers, body });
      return { statusCode: response.statusCode, headers: response.multiValueHeaders, body: response.body };
    },
    close: () => client.dispose(),
  };
});
