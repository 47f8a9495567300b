/**
 * `AuthResponse` → the IAM policy a Lambda authorizer returns to API Gateway.
 *
 * Every allowed route becomes method ARNs under the API and stage of the incoming
 * `methodArn` (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`;
 * when it cannot be read, under `arn:*:execute-api:*:*:*\/*`, see `ANY_API_BASE`):
 * a string route allows every method (`*`), an `AuthRoute` its listed methods, `'*'`
 * everything, and `{param}` segments become `*` so one grant covers all their values.
 * An empty route list yields an Allow statement with no resources, which matches nothing:
 * API Gateway answers 403. API Gateway caches the policy for the authorizer's TTL and
 * reuses it for other methods and paths, which is why it lists all the allowed routes and
 * not just the requested one.
 */
import type { APIGatewayAuthorizerResult } from '../aws-events.js';
import { AuthRoute, type AuthResponse } from '../auth.js';

export function authResponseToPolicy(response: AuthResponse, methodArn: string): APIGatewayAuthorizerResult {
  const base = methodArnBase(methodArn);
  const resources: string[] = [];
  for (const route of response.routes) {
    if (route instanceof AuthRoute) {
      for (const method of route.methods) resources.push(`${base}/${method.toUpperCase()}/${routeToArnPath(route.path)}`);
    } else if (route === '*') {
      resources.push(`${base}/*/*`);
    } else {
      resources.push(`${base}/*/${routeToArnPath(route)}`);
    }
  }
  return {
    principalId: response.principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources }],
    },
    context: checkedContext(response.context),
  };
}

/**
 * The resource base a policy is built on when the method ARN cannot be read. API Gateway
 * always sends a well-formed ARN; only a hand-written event (a unit test, another emulator)
 * lacks one. Wildcards for partition, region, account, API and stage keep the policy
 * meaningful (its methods and paths still decide) instead of failing the authorizer.
 */
export const ANY_API_BASE = 'arn:*:execute-api:*:*:*/*';

/**
 * `arn:aws:execute-api:r:a:api/stage/GET/x` → `arn:aws:execute-api:r:a:api/stage`, or
 * `ANY_API_BASE` for anything that is not an execute-api method ARN.
 */
export function methodArnBase(methodArn: string): string {
  // arn:partition:service:region:account:resource, the resource being apiId/stage/METHOD/path.
  const fields = methodArn.split(':');
  if (fields.length < 6 || fields[0] !== 'arn' || fields[2] !== 'execute-api' || !fields[1] || !fields[3] || !fields[4]) return ANY_API_BASE;
  const [apiId, stage] = fields.slice(5).join(':').split('/');
  if (!apiId || !stage) return ANY_API_BASE;
  return `${fields.slice(0, 5).join(':')}:${apiId}/${stage}`;
}

/** `/users/{id}` → `users/*`; `/` → `` (the root method ARN ends in `/`); `*` stays. */
function routeToArnPath(path: string): string {
  if (path === '*') return '*';
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  return trimmed.replace(/\{[^}/]+\}/g, '*');
}

/** API Gateway rejects the whole result (500) when a context value is not a scalar. */
function checkedContext(context: Readonly<Record<string, unknown>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key in context) {
    if (!Object.hasOwn(context, key)) continue;
    const value = context[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TypeError(
        `AuthResponse context.${key} is ${value === null ? 'null' : typeof value}; API Gateway only accepts string, number or boolean values (serialise it, e.g. JSON.stringify)`,
      );
    }
    out[key] = value;
  }
  return out;
}
