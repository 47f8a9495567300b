/** The HTTP API behaviour suite against a real `chalice local` process, over a socket. */
import { defineHttpApiBehaviourSuite, HTTP_API_APP_DIR } from './http-api-behaviour-suite.js';
import { localServerTarget, withJwks } from './local-server-target.js';

defineHttpApiBehaviourSuite('chalice local over a socket', (jwks) => localServerTarget(HTTP_API_APP_DIR, { prepare: withJwks(jwks) }));
