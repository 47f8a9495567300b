/** The `chalice local` development server: HTTP + websockets over the API Gateway emulation, with reload. */
export { startLocalServer, type LocalServer, type LocalServerEvent, type LocalServerOptions } from './local-server.js';
export type { FailedTarget, ReadyTarget, RouteSummary, Target } from './app-host.js';
export { MAX_BODY_BYTES } from './http-exchange.js';
export { WEBSOCKET_PATH } from './websocket-endpoint.js';
