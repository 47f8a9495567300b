/**
 * The websocket API: one function per registered handler (`websocket_connect`,
 * `websocket_message`, `websocket_disconnect`), the API with one route and AWS_PROXY
 * integration per handler, invoke permissions and the custom domain. Websockets are an
 * experimental feature: the app must opt in with the `WEBSOCKETS` flag, as in Chalice.
 */
import { ChaliceTsError } from '../project/errors.js';
import { WEBSOCKET_HANDLER_NAMES, type WebsocketRoute } from '../runtime/resources.js';
import { WEBSOCKETS_FEATURE_FLAG } from './app-model.js';
import type { BuildContext } from './build-context.js';
import { addCustomDomain } from './domain-builder.js';
import { addLambdaFunction } from './function-builder.js';
import type { LambdaPermissionResource, WebsocketApiResource, WebsocketRouteKey } from './resources.js';
import { refTo } from './resources.js';

const ROUTES: readonly (readonly [WebsocketRoute, WebsocketRouteKey])[] = [
  ['connect', '$connect'],
  ['message', '$default'],
  ['disconnect', '$disconnect'],
];

export function addWebsocketApi(ctx: BuildContext): void {
  const handlers = ROUTES.filter(([route]) => ctx.app.websocketHandlers[route] !== undefined);
  if (handlers.length === 0) return;
  if (!ctx.app.experimentalFeatureFlags.has(WEBSOCKETS_FEATURE_FLAG)) {
    const names = handlers.map(([route]) => ctx.app.websocketHandlers[route]!.name).join(', ');
    throw new ChaliceTsError(
      `The app registers websocket handlers (${names}) but websockets are an experimental feature; opt in with app.experimentalFeatureFlags.add('${WEBSOCKETS_FEATURE_FLAG}')`,
      'experimental_feature_disabled',
    );
  }
  const routes = handlers.map(([route, routeKey]) => ({ routeKey, function: addLambdaFunction(ctx, WEBSOCKET_HANDLER_NAMES[route], 'websocket') }));
  const api: WebsocketApiResource = {
    kind: 'websocket-api',
    resourceName: 'websocket_api',
    name: `${ctx.appName}-${ctx.stage}-websocket-api`,
    stage: ctx.stageConfig.websocketApiStage,
    routeSelectionExpression: '$request.body.action',
    routes,
  };
  ctx.collector.add(api);
  const apiRef = refTo(api);
  for (const route of routes) {
    const permission: LambdaPermissionResource = {
      kind: 'lambda-permission',
      resourceName: `${route.function.name}_invoke_permission`,
      function: route.function,
      service: 'apigateway',
      source: { kind: 'websocket-api', api: apiRef },
    };
    ctx.collector.add(permission);
  }
  const domain = ctx.stageConfig.websocketApiCustomDomain;
  if (domain !== undefined) addCustomDomain(ctx, 'websocket', domain, 'REGIONAL', apiRef, api.stage);
}
