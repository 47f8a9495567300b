/**
 * The HTTP API part of the in-memory AWS (`FakeAwsClient` mixes these calls in): HTTP APIs with
 * tags and CORS, their integrations, authorizers, routes and stages, with API Gateway's checks
 * that tests rely on (a route key is unique in an API; a route's target and authorizer must
 * exist; an authorizer or integration in use by a route cannot be deleted).
 */
import type { AwsClient } from '../../../src/deploy/aws/aws-client.js';
import { AwsCallError } from '../../../src/deploy/aws/aws-client.js';
import type {
  HttpApiCalls,
  HttpApiCors,
  HttpAuthorizerSettings,
  HttpRouteSettings,
  RemoteHttpIntegration,
  RemoteHttpRoute,
} from '../../../src/deploy/aws/http-api-calls.js';

export interface FakeHttpApi {
  name: string;
  tags: Record<string, string>;
  cors?: HttpApiCors;
  integrations: Map<string, { -readonly [K in Exclude<keyof RemoteHttpIntegration, 'integrationId'>]: RemoteHttpIntegration[K] }>;
  authorizers: Map<string, HttpAuthorizerSettings>;
  routes: Map<string, HttpRouteSettings>;
  stages: Map<string, { autoDeploy: boolean }>;
}

/** What the fake client lends these calls. */
export interface FakeCallContext {
  run<T>(method: keyof AwsClient, args: unknown[], effect: () => T): Promise<T>;
  id(prefix: string): string;
}

function callName(method: string): string {
  return `ApiGatewayV2.${method[0]!.toUpperCase()}${method.slice(1)}`;
}

export class FakeHttpApis {
  readonly apis = new Map<string, FakeHttpApi>();

  constructor(private readonly ctx: FakeCallContext) {}

  /** The remote state by natural keys (ids replaced by what they point at). */
  dump(): Record<string, unknown> {
    if (this.apis.size === 0) return {};
    const list = <T>(items: T[]): T[] => items.map((i) => JSON.stringify(i)).sort().map((t) => JSON.parse(t) as T);
    return {
      httpApis: list(
        [...this.apis.values()].map((api) => ({
          key: `${api.name}|${JSON.stringify(Object.entries(api.tags).sort())}`,
          cors: api.cors ?? null,
          integrations: list([...api.integrations.values()]),
          authorizers: list([...api.authorizers.values()]),
          routes: list(
            [...api.routes.values()].map(({ target, authorizerId, ...r }) => ({
              ...r,
              integration: api.integrations.get(target.replace('integrations/', ''))?.integrationUri ?? `<missing ${target}>`,
              authorizer: authorizerId === undefined ? null : (api.authorizers.get(authorizerId)?.name ?? `<missing ${authorizerId}>`),
            })),
          ),
          stages: list([...api.stages].map(([name, s]) => ({ name, ...s }))),
        })),
      ),
    };
  }

  /** `arn` with an HTTP API's id replaced by its name, so dumps do not depend on ids. */
  label(arn: string): string | undefined {
    for (const [id, api] of this.apis) if (arn.includes(`:${id}/`)) return arn.replace(`:${id}/`, `:<api ${api.name}>/`);
    return undefined;
  }

  private api(method: string, apiId: string): FakeHttpApi {
    const api = this.apis.get(apiId);
    if (api === undefined) throw new AwsCallError(callName(method), 'NotFoundException', `Invalid API identifier specified ${apiId}`, true);
    return api;
  }

  private notFound(method: string, what: string): never {
    throw new AwsCallError(callName(method), 'NotFoundException', `${what} not found`, true);
  }

  private checkRoute(method: string, api: FakeHttpApi, route: HttpRouteSettings): void {
    if (!api.integrations.has(route.target.replace('integrations/', ''))) throw new AwsCallError(callName(method), 'BadRequestException', `Invalid target ${route.target}`);
    if ((route.authorizationType === 'JWT' || route.authorizationType === 'CUSTOM') && (route.authorizerId === undefined || !api.authorizers.has(route.authorizerId))) {
      throw new AwsCallError(callName(method), 'BadRequestException', `Invalid authorizer id ${route.authorizerId ?? '(none)'}`);
    }
  }

  calls(): HttpApiCalls {
    const { run, id } = this.ctx;
    return {
      getHttpApis: () => run('getHttpApis', [], () => [...this.apis].map(([apiId, a]) => ({ id: apiId, name: a.name, tags: { ...a.tags }, ...(a.cors ? { cors: structuredClone(a.cors) } : {}) }))),
      getHttpIntegrations: (apiId) => run('getHttpIntegrations', [apiId], () => [...(this.apis.get(apiId)?.integrations ?? [])].map(([integrationId, i]) => ({ integrationId, ...i }))),
      getHttpAuthorizers: (apiId) =>
        run('getHttpAuthorizers', [apiId], () => [...(this.apis.get(apiId)?.authorizers ?? [])].map(([authorizerId, settings]) => ({ authorizerId, settings: structuredClone(settings) }))),
      getHttpRoutes: (apiId) => run('getHttpRoutes', [apiId], (): RemoteHttpRoute[] => [...(this.apis.get(apiId)?.routes ?? [])].map(([routeId, r]) => ({ routeId, ...structuredClone(r) }))),
      getHttpStage: (apiId, stageName) => run('getHttpStage', [apiId, stageName], () => {
        const stage = this.apis.get(apiId)?.stages.get(stageName);
        return stage === undefined ? undefined : { ...stage };
      }),
      createHttpApi: (name, cors, tags) =>
        run('createHttpApi', [name], () => {
          const apiId = id('http');
          this.apis.set(apiId, { name, tags: { ...tags }, ...(cors ? { cors: structuredClone(cors) } : {}), integrations: new Map(), authorizers: new Map(), routes: new Map(), stages: new Map() });
          return { id: apiId };
        }),
      updateHttpApiCors: (apiId, cors) => run('updateHttpApiCors', [apiId], () => void (this.api('updateHttpApiCors', apiId).cors = structuredClone(cors))),
      deleteHttpApiCors: (apiId) => run('deleteHttpApiCors', [apiId], () => void delete this.api('deleteHttpApiCors', apiId).cors),
      tagHttpApi: (apiId, tags) => run('tagHttpApi', [apiId, tags], () => void Object.assign(this.api('tagHttpApi', apiId).tags, tags)),
      untagHttpApi: (apiId, keys) =>
        run('untagHttpApi', [apiId, keys], () => {
          const api = this.api('untagHttpApi', apiId);
          for (const key of keys) delete api.tags[key];
        }),
      createHttpIntegration: (apiId, functionArn) =>
        run('createHttpIntegration', [apiId, functionArn], () => {
          const integrationId = id('hinteg');
          this.api('createHttpIntegration', apiId).integrations.set(integrationId, { integrationType: 'AWS_PROXY', integrationUri: functionArn, payloadFormatVersion: '2.0' });
          return { integrationId };
        }),
      deleteHttpIntegration: (apiId, integrationId) =>
        run('deleteHttpIntegration', [apiId, integrationId], () => {
          const api = this.api('deleteHttpIntegration', apiId);
          if ([...api.routes.values()].some((r) => r.target === `integrations/${integrationId}`)) {
            throw new AwsCallError(callName('deleteHttpIntegration'), 'ConflictException', `Integration ${integrationId} is used by a route`);
          }
          if (!api.integrations.delete(integrationId)) this.notFound('deleteHttpIntegration', `Integration ${integrationId}`);
        }),
      createHttpAuthorizer: (apiId, settings) =>
        run('createHttpAuthorizer', [apiId, settings.name], () => {
          const authorizerId = id('hauth');
          this.api('createHttpAuthorizer', apiId).authorizers.set(authorizerId, structuredClone(settings));
          return { authorizerId };
        }),
      updateHttpAuthorizer: (apiId, authorizerId, settings) =>
        run('updateHttpAuthorizer', [apiId, authorizerId], () => {
          const api = this.api('updateHttpAuthorizer', apiId);
          if (!api.authorizers.has(authorizerId)) this.notFound('updateHttpAuthorizer', `Authorizer ${authorizerId}`);
          api.authorizers.set(authorizerId, structuredClone(settings));
        }),
      deleteHttpAuthorizer: (apiId, authorizerId) =>
        run('deleteHttpAuthorizer', [apiId, authorizerId], () => {
          const api = this.api('deleteHttpAuthorizer', apiId);
          if ([...api.routes.values()].some((r) => r.authorizerId === authorizerId)) {
            throw new AwsCallError(callName('deleteHttpAuthorizer'), 'ConflictException', `Authorizer ${authorizerId} is used by a route`);
          }
          if (!api.authorizers.delete(authorizerId)) this.notFound('deleteHttpAuthorizer', `Authorizer ${authorizerId}`);
        }),
      createHttpRoute: (apiId, route) =>
        run('createHttpRoute', [apiId, route.routeKey], () => {
          const api = this.api('createHttpRoute', apiId);
          if ([...api.routes.values()].some((r) => r.routeKey === route.routeKey)) throw new AwsCallError(callName('createHttpRoute'), 'ConflictException', `Route ${route.routeKey} already exists`);
          this.checkRoute('createHttpRoute', api, route);
          const routeId = id('hroute');
          api.routes.set(routeId, structuredClone(route));
          return { routeId };
        }),
      updateHttpRoute: (apiId, routeId, route) =>
        run('updateHttpRoute', [apiId, routeId, route.routeKey], () => {
          const api = this.api('updateHttpRoute', apiId);
          if (!api.routes.has(routeId)) this.notFound('updateHttpRoute', `Route ${routeId}`);
          this.checkRoute('updateHttpRoute', api, route);
          api.routes.set(routeId, structuredClone(route));
        }),
      deleteHttpRoute: (apiId, routeId) =>
        run('deleteHttpRoute', [apiId, routeId], () => {
          if (!this.api('deleteHttpRoute', apiId).routes.delete(routeId)) this.notFound('deleteHttpRoute', `Route ${routeId}`);
        }),
      createHttpStage: (apiId, stageName) =>
        run('createHttpStage', [apiId, stageName], () => {
          const api = this.api('createHttpStage', apiId);
          if (api.stages.has(stageName)) throw new AwsCallError(callName('createHttpStage'), 'ConflictException', `Stage ${stageName} already exists`);
          api.stages.set(stageName, { autoDeploy: true });
        }),
      updateHttpStage: (apiId, stageName) =>
        run('updateHttpStage', [apiId, stageName], () => {
          const stage = this.api('updateHttpStage', apiId).stages.get(stageName) ?? this.notFound('updateHttpStage', `Stage ${stageName}`);
          stage.autoDeploy = true;
        }),
      deleteHttpApi: (apiId) =>
        run('deleteHttpApi', [apiId], () => {
          if (!this.apis.delete(apiId)) this.notFound('deleteHttpApi', `HTTP API ${apiId}`);
        }),
    };
  }
}
