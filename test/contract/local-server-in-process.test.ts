/**
 * The REST and HTTP API behaviour suites against `chalice local --in-process` (the app on the
 * server's thread, no sandboxes): a client must not be able to tell the two modes apart.
 */
import { defineHttpApiBehaviourSuite, HTTP_API_APP_DIR } from './http-api-behaviour-suite.js';
import { BEHAVIOUR_APP_DIR, defineHttpBehaviourSuite } from './http-behaviour-suite.js';
import { localServerTarget, withJwks } from './local-server-target.js';

defineHttpBehaviourSuite('chalice local --in-process over a socket', () => localServerTarget(BEHAVIOUR_APP_DIR, { prepare: () => ['--in-process'] }));

defineHttpApiBehaviourSuite('chalice local --in-process over a socket', (jwks) => localServerTarget(HTTP_API_APP_DIR, { prepare: withJwks(jwks, ['--in-process']) }));
