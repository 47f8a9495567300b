/**
 * The app graph layer: the resource models (a union on `kind`) of everything a Chalice app
 * needs in one stage, built from the app model and the project config, in dependency order.
 * Deploy, the template generators and `chalice appgraph` start from this one model.
 */
export type { AppModel, BuiltinAuthorizerModel } from './app-model.js';
export { WEBSOCKETS_FEATURE_FLAG } from './app-model.js';
export type { BuildAppGraphOptions } from './build-app-graph.js';
export { buildAppGraph } from './build-app-graph.js';
export { dependenciesOf, sortByDependencies } from './dependency-order.js';
export { appGraphToText } from './graph-text.js';
export { HANDLER_MODULE, handlerExportName, lambdaHandlerString } from './handler-names.js';
export { eventBusName, invokedAlias, PROVISIONED_ALIAS } from './invoke-target.js';
export { LAMBDA_TRUST_POLICY, VPC_ACCESS_STATEMENT, privateApiPolicy, withVpcAccess } from './policies.js';
export { REST_API_HANDLER_NAME } from './rest-api-builder.js';
export type {
  ApiMappingResource,
  AppGraph,
  AsyncInvocationConfig,
  DomainNameResource,
  EventRuleResource,
  EventRuleTrigger,
  EventSourceMappingResource,
  EventSourceMappingSource,
  ExistingIamRoleResource,
  FunctionPurpose,
  HttpApiResource,
  HttpCorsConfiguration,
  HttpRoute,
  HttpRouteAuthorizer,
  FunctionUrlCors,
  FunctionUrlResource,
  IamPolicyDocument,
  IamPolicyStatement,
  LambdaArchitecture,
  StreamFailureHandling,
  LambdaFunctionResource,
  LambdaLayerResource,
  LambdaPermissionResource,
  ManagedIamRoleResource,
  NameOrArn,
  PermissionSource,
  Ref,
  Resource,
  ResourceKind,
  ResourceOfKind,
  RestApiResource,
  RestRoute,
  RouteAuthorizer,
  S3BucketNotificationResource,
  SnsSubscriptionResource,
  WebsocketApiResource,
  WebsocketRouteKey,
} from './resources.js';
export { isRef, refTo, resolveRef, resourceKey, resourcesOfKind } from './resources.js';
export { chaliceTsVersion } from './version.js';
