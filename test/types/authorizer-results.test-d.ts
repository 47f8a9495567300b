import { describe, expectTypeOf, it } from 'vitest';
import { AuthResponse, Chalice, type AuthRequest, type SimpleAuthorizerResponse } from '../../src/runtime/index.js';

const app = new Chalice({ appName: 'types' });

describe('built-in authorizer results', () => {
  it('an authorizer may return an AuthResponse or, with simpleResponses, { isAuthorized, context }', () => {
    app.authorizer({ name: 'policy' }, (auth) => new AuthResponse({ routes: ['*'], principalId: auth.token }));
    app.authorizer({ name: 'simple', simpleResponses: true }, (auth) => ({ isAuthorized: auth.token === 'x', context: { user: 'u', n: 1 } }));
    app.authorizer({ name: 'async_simple', simpleResponses: true }, async () => ({ isAuthorized: false }));
    expectTypeOf<{ isAuthorized: true }>().toMatchTypeOf<SimpleAuthorizerResponse>();
  });

  it('anything else is a type error', () => {
    // @ts-expect-error -- a result without isAuthorized is neither an AuthResponse nor a simple response
    app.authorizer({ name: 'bad' }, (_auth: AuthRequest) => ({ allowed: true }));
    // @ts-expect-error -- isAuthorized must be a boolean
    app.authorizer({ name: 'bad2', simpleResponses: true }, () => ({ isAuthorized: 'yes' }));
  });
});
