/**
 * The Lambda functions an app defines, by name: one bundle export per name.
 *
 * Read from the app model by property (the app was loaded from its own bundle, with its own
 * copy of the runtime classes): `api_handler` when there is any route, each built-in
 * authorizer, each event source, each pure Lambda function, and `websocket_connect` /
 * `websocket_message` / `websocket_disconnect` for the websocket handlers that are registered.
 */
import { API_HANDLER_NAME, WEBSOCKET_HANDLER_NAMES } from '../../runtime/resources.js';
import { compareCodeUnits } from '../zip/deterministic-zip.js';

interface Named {
  readonly name: string;
}

/** The parts of a Chalice app this module reads. */
export interface AppModelLike {
  readonly routes?: { readonly size: number };
  readonly builtinAuthHandlers?: readonly Named[];
  readonly eventSources?: readonly Named[];
  readonly pureLambdaFunctions?: readonly Named[];
  readonly websocketHandlers?: Readonly<Partial<Record<string, unknown>>>;
}

/** Sorted names of every Lambda function of `app`. */
export function appToLambdaFunctionNames(app: AppModelLike): string[] {
  const names = new Set<string>();
  if ((app.routes?.size ?? 0) > 0) names.add(API_HANDLER_NAME);
  for (const list of [app.builtinAuthHandlers, app.eventSources, app.pureLambdaFunctions]) {
    for (const entry of list ?? []) names.add(entry.name);
  }
  for (const [route, name] of Object.entries(WEBSOCKET_HANDLER_NAMES)) {
    if (app.websocketHandlers?.[route] !== undefined) names.add(name);
  }
  return [...names].sort(compareCodeUnits);
}
