/**
 * `app.websocketApi`: sends to, closes and inspects client connections of the app's API
 * Gateway websocket API through the management API (`POST/DELETE/GET @connections/{id}`).
 *
 * The AWS SDK v3 client is imported lazily, only when a message is first sent, and left
 * external by every bundle: Lambda's Node.js runtime provides it, and an app that never
 * sends pays nothing at cold start. `clientFactory` replaces the SDK entirely (tests, the
 * local server); `endpointUrl` keeps the SDK but points it elsewhere.
 */
import { WebsocketDisconnectedError } from './errors.js';

/** What `info(connectionId)` returns (the management API's GetConnection result). */
export interface WebsocketConnectionInfo {
  readonly ConnectedAt?: Date;
  readonly Identity?: { readonly SourceIp?: string; readonly UserAgent?: string };
  readonly LastActiveAt?: Date;
}

/**
 * The three management-API calls the runtime makes. A failure for a gone connection must
 * reject with an error named `GoneException` or carrying HTTP status 410
 * (`$metadata.httpStatusCode` or `statusCode`), as the SDK's errors do.
 */
export interface WebsocketConnectionClient {
  postToConnection(input: { readonly ConnectionId: string; readonly Data: Uint8Array }): Promise<unknown>;
  deleteConnection(input: { readonly ConnectionId: string }): Promise<unknown>;
  getConnection(input: { readonly ConnectionId: string }): Promise<WebsocketConnectionInfo>;
}

/** Builds the client for an endpoint such as `https://abc.execute-api.us-west-2.amazonaws.com/dev`. */
export type WebsocketClientFactory = (endpoint: string, region: string) => WebsocketConnectionClient | Promise<WebsocketConnectionClient>;

export class WebsocketAPI {
  domainName: string | undefined;
  stage: string | undefined;
  /** Overrides `https://{domainName}/{stage}` (e.g. `http://localhost:8000/dev` in local mode). */
  endpointUrl: string | undefined;
  /** Replaces the AWS SDK client; unset uses `@aws-sdk/client-apigatewaymanagementapi`. */
  clientFactory: WebsocketClientFactory | undefined;
  #client: { endpoint: string; factory: WebsocketClientFactory | undefined; client: Promise<WebsocketConnectionClient> } | undefined;

  /** Called for you before every websocket handler; call it yourself to send from other Lambdas. */
  configure(domainName: string, stage: string): void {
    if (typeof domainName !== 'string' || domainName === '' || typeof stage !== 'string' || stage === '') {
      throw new TypeError(`WebsocketAPI.configure(domainName, stage): both must be non-empty strings, got ${JSON.stringify(domainName)} and ${JSON.stringify(stage)}`);
    }
    this.domainName = domainName;
    this.stage = stage;
  }

  /** The management API endpoint messages go to (undefined until configured). */
  get endpoint(): string | undefined {
    if (this.endpointUrl) return this.endpointUrl.replace(/\/+$/, '');
    if (this.domainName === undefined || this.stage === undefined) return undefined;
    return `https://${this.domainName}/${this.stage}`;
  }

  /** Sends `message` (UTF-8 text or bytes) to a client; a gone client throws `WebsocketDisconnectedError`. */
  async send(connectionId: string, message: string | Uint8Array): Promise<void> {
    const client = await this.#connect('sending messages');
    const data = typeof message === 'string' ? new TextEncoder().encode(message) : message;
    await goneToDisconnected(connectionId, () => client.postToConnection({ ConnectionId: connectionId, Data: data }));
  }

  /** Closes a client's connection; an already closed one throws `WebsocketDisconnectedError`. */
  async close(connectionId: string): Promise<void> {
    const client = await this.#connect('closing connections');
    await goneToDisconnected(connectionId, () => client.deleteConnection({ ConnectionId: connectionId }));
  }

  /** When the client connected, its identity and last activity; a gone client throws `WebsocketDisconnectedError`. */
  async info(connectionId: string): Promise<WebsocketConnectionInfo> {
    const client = await this.#connect('getting connection info');
    return goneToDisconnected(connectionId, () => client.getConnection({ ConnectionId: connectionId }));
  }

  #connect(doing: string): Promise<WebsocketConnectionClient> {
    const endpoint = this.endpoint;
    if (endpoint === undefined) {
      const message = `WebsocketAPI needs to be configured before ${doing}.`;
      throw new Error(`${message} Websocket handlers configure it for you; elsewhere call app.websocketApi.configure(domainName, stage) first.`);
    }
    const factory = this.clientFactory;
    if (this.#client === undefined || this.#client.endpoint !== endpoint || this.#client.factory !== factory) {
      const region = regionFor(this.domainName);
      const client = Promise.resolve((factory ?? createSdkConnectionClient)(endpoint, region));
      // A failed creation (e.g. the SDK missing) must not be cached forever.
      client.catch(() => {
        if (this.#client?.client === client) this.#client = undefined;
      });
      this.#client = { endpoint, factory, client };
    }
    return this.#client.client;
  }
}

async function goneToDisconnected<T>(connectionId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isGoneError(error)) throw new WebsocketDisconnectedError(connectionId);
    throw error;
  }
}

/** API Gateway answers 410 Gone (`GoneException`) for a connection that no longer exists. */
export function isGoneError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; statusCode?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return e.name === 'GoneException' || e.statusCode === 410 || e.$metadata?.httpStatusCode === 410;
}

/** The SDK needs a region to sign; Lambda sets AWS_REGION, else take it from the execute-api domain. */
function regionFor(domainName: string | undefined): string {
  const fromDomain = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(domainName ?? '')?.[1];
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || fromDomain || 'us-east-1';
}

async function createSdkConnectionClient(endpoint: string, region: string): Promise<WebsocketConnectionClient> {
  let sdk: typeof import('@aws-sdk/client-apigatewaymanagementapi');
  try {
    sdk = await import('@aws-sdk/client-apigatewaymanagementapi');
  } catch (error) {
    throw new Error(
      `app.websocketApi could not load @aws-sdk/client-apigatewaymanagementapi (${(error as Error).message}); Lambda's Node.js runtime provides it, elsewhere install it or set app.websocketApi.clientFactory`,
    );
  }
  const client = new sdk.ApiGatewayManagementApiClient({ endpoint, region });
  return {
    postToConnection: (input) => client.send(new sdk.PostToConnectionCommand(input)),
    deleteConnection: (input) => client.send(new sdk.DeleteConnectionCommand(input)),
    async getConnection(input) {
      const { ConnectedAt, Identity, LastActiveAt } = await client.send(new sdk.GetConnectionCommand(input));
      return { ConnectedAt, Identity, LastActiveAt };
    },
  };
}
