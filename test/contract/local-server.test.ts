/** The HTTP behaviour suite against a real `chalice local` process, over a socket. */
import { BEHAVIOUR_APP_DIR, defineHttpBehaviourSuite } from './http-behaviour-suite.js';
import { localServerTarget } from './local-server-target.js';

defineHttpBehaviourSuite('chalice local over a socket', () => localServerTarget(BEHAVIOUR_APP_DIR));
