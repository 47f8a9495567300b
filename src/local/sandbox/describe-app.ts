/**
 * What a loaded app tells the main thread about itself (`AppDescription`): its routes as data
 * (handlers stay where the app was loaded), CORS with the headers it computes, websocket
 * handlers, feature flags, functions and schedules. A sandbox worker sends it once loaded;
 * the in-process mode builds it on the server's own thread.
 */
import type { LambdaContext } from '../../runtime/index.js';
import type { AppDescription, RouteData } from './protocol.js';

/** The loaded app as the sandboxes see it (the bundle's own copy of the runtime). */
export interface SandboxApp {
  readonly appName: string;
  readonly api: { readonly binaryTypes: readonly string[] };
  readonly routes: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>;
  readonly websocketHandlers?: Partial<Record<'connect' | 'message' | 'disconnect', unknown>>;
  readonly websocketApi?: { clientFactory?: unknown };
  readonly experimentalFeatureFlags?: ReadonlySet<string>;
  readonly eventSources?: readonly { readonly kind: string; readonly name: string; readonly expression?: string }[];
  lambdaFunctionNames?(): string[];
  lambdaHandler(name: string): (event: unknown, context?: LambdaContext | null) => Promise<unknown>;
}

export function describeApp(loaded: SandboxApp): AppDescription {
  const routes: RouteData[] = [];
  for (const byMethod of loaded.routes.values()) {
    for (const entry of byMethod.values()) {
      // Data only (the handler stays here); a CORS config brings the headers it computes.
      const copy = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
      const cors = entry.cors as { getAccessControlHeaders?: () => Record<string, string> } | null | undefined;
      if (cors) copy.cors = { ...(copy.cors as object), accessControlHeaders: cors.getAccessControlHeaders?.() ?? {} };
      routes.push(copy as unknown as RouteData);
    }
  }
  const handlers = loaded.websocketHandlers ?? {};
  return {
    appName: loaded.appName,
    binaryTypes: [...loaded.api.binaryTypes],
    routes,
    websocketHandlers: { connect: handlers.connect !== undefined, message: handlers.message !== undefined, disconnect: handlers.disconnect !== undefined },
    experimentalFeatureFlags: [...(loaded.experimentalFeatureFlags ?? [])],
    functions: loaded.lambdaFunctionNames?.() ?? [],
    schedules: (loaded.eventSources ?? []).flatMap((source) =>
      source.kind === 'schedule' && typeof source.expression === 'string' ? [{ name: source.name, expression: source.expression }] : [],
    ),
  };
}
