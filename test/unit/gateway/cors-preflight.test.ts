import { describe, expect, it } from 'vitest';
import { CORSConfig } from '../../../src/runtime/index.js';
import { corsToPreflightHeaders, corsToPreflightResponse, type GatewayCors } from '../../../src/local/gateway/index.js';

const DEFAULT_ALLOW_HEADERS = 'Authorization,Content-Type,X-Amz-Date,X-Amz-Security-Token,X-Api-Key';

describe('CORS preflight headers', () => {
  it.each([
    [['GET'], 'GET,OPTIONS'],
    [['PUT', 'GET'], 'PUT,GET,OPTIONS'],
    [['POST', 'DELETE', 'OPTIONS'], 'POST,DELETE,OPTIONS'],
  ])('methods %j → Access-Control-Allow-Methods %s', (methods, expected) => {
    expect(corsToPreflightHeaders(methods, new CORSConfig())['Access-Control-Allow-Methods']).toBe(expected);
  });

  it('uses the default config headers', () => {
    expect(corsToPreflightHeaders(['GET'], new CORSConfig())).toEqual({
      'Access-Control-Allow-Methods': 'GET,OPTIONS',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': DEFAULT_ALLOW_HEADERS,
    });
  });

  it('carries every header of a custom config', () => {
    const cors = new CORSConfig({
      allowOrigin: 'https://foo.example.com',
      allowHeaders: ['X-Special-Header'],
      exposeHeaders: ['X-Exposed', 'X-Other'],
      maxAge: 600,
      allowCredentials: true,
    });
    expect(corsToPreflightHeaders(['GET'], cors)).toEqual({
      'Access-Control-Allow-Methods': 'GET,OPTIONS',
      'Access-Control-Allow-Origin': 'https://foo.example.com',
      'Access-Control-Allow-Headers': `${DEFAULT_ALLOW_HEADERS},X-Special-Header`,
      'Access-Control-Expose-Headers': 'X-Exposed,X-Other',
      'Access-Control-Max-Age': '600',
      'Access-Control-Allow-Credentials': 'true',
    });
  });

  it('reads a config by property when it has no getAccessControlHeaders (another runtime copy, plain data)', () => {
    const plain: GatewayCors = { allowOrigin: 'https://a.example', allowHeaders: ['X-B'], exposeHeaders: [], maxAge: 5, allowCredentials: false };
    const real = new CORSConfig({ allowOrigin: 'https://a.example', allowHeaders: ['X-B'], maxAge: 5, allowCredentials: false });
    expect(corsToPreflightHeaders(['GET'], plain)).toEqual(corsToPreflightHeaders(['GET'], real));
  });

  it('is a 200 with an empty body', () => {
    const response = corsToPreflightResponse(['GET'], new CORSConfig());
    expect(response.statusCode).toBe(200);
    expect(response.body.length).toBe(0);
    expect(response.headers['Access-Control-Allow-Origin']).toEqual(['*']);
  });
});
