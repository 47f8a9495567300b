/** A fake app for gateway tests: plain route records and recording fake Lambda entry points. */
import type { HttpMethod, LambdaContext } from '../../../src/runtime/index.js';
import type { GatewayApp, GatewayRequest, GatewayRoute } from '../../../src/local/gateway/index.js';

export type Handler = (event: any, context?: LambdaContext | null) => Promise<unknown>;

export interface FakeApp extends GatewayApp {
  readonly routes: Map<string, Map<HttpMethod, GatewayRoute>>;
  readonly events: Array<{ name: string; event: any; context: LambdaContext | null | undefined }>;
  addRoute(route: Partial<GatewayRoute> & { path: string; method?: HttpMethod }): void;
}

export const ok = (body: unknown = { ok: true }) => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), isBase64Encoded: false });

export function fakeApp(handlers: Record<string, Handler> = {}): FakeApp {
  const routes = new Map<string, Map<HttpMethod, GatewayRoute>>();
  const events: FakeApp['events'] = [];
  return {
    appName: 'fake',
    api: { binaryTypes: ['application/octet-stream'] },
    routes,
    events,
    addRoute(route) {
      const method = route.method ?? 'GET';
      const byMethod = routes.get(route.path) ?? new Map();
      byMethod.set(method, { name: 'view', cors: null, authorizer: null, apiKeyRequired: false, ...route, method });
      routes.set(route.path, byMethod);
    },
    lambdaHandler(name) {
      const handler = handlers[name] ?? (name === 'api_handler' ? async () => ok() : undefined);
      if (!handler) throw new Error(`no function ${name}`);
      return async (event, context) => {
        events.push({ name, event, context });
        return handler(event, context);
      };
    },
  };
}

export const request = (method: string, url: string, headers: GatewayRequest['headers'] = {}, body = Buffer.alloc(0)): GatewayRequest => ({ method, url, headers, body });
export const json = (body: Buffer) => JSON.parse(body.toString('utf8'));

export function fakeClock(start = Date.UTC(2024, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

