/**
 * An app served by an API Gateway HTTP API (`"api_type": "http"` in .chalice/config.json):
 * cheaper and faster than a REST API, with JWT authorizers and simple Lambda authorizers.
 * Copy this directory to start one. Locally:
 *
 *   chalice local --jwks jwks.json           # the issuer's keys, or its https://…/jwks.json URL
 *   curl http://127.0.0.1:8000/
 *   curl -i http://127.0.0.1:8000/nope                             # 404 {"message":"Not Found"}
 *   curl -H 'X-Api-Token: letmein' http://127.0.0.1:8000/reports   # Lambda authorizer, simple response
 *   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/me # JWT authorizer
 *   curl -i -X OPTIONS -H 'Origin: https://app.example.com' \
 *     -H 'Access-Control-Request-Method: POST' http://127.0.0.1:8000/orders  # preflight, 204
 *
 * Set ISSUER and AUDIENCE to your identity provider's (for Cognito: the user pool's issuer
 * URL and the app client id).
 */
import { BadRequestError, Chalice, CORSConfig, JWTAuthorizer, Response } from 'chalice-ts';

export const app = new Chalice({ appName: 'http-api-example' });

// An HTTP API has ONE CORS configuration for the whole API: set it once here.
app.api.cors = new CORSConfig({ allowOrigin: 'https://app.example.com', maxAge: 600 });

const ISSUER = process.env.ISSUER ?? 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE';
const AUDIENCE = process.env.AUDIENCE ?? 'example-app-client-id';

// API Gateway checks the token (signature, issuer, audience, expiry, scopes) before the view runs.
const jwt = new JWTAuthorizer('users', { issuer: ISSUER, audience: [AUDIENCE] });

// A Lambda authorizer answering { isAuthorized, context }; cached per token for 5 minutes.
const apiToken = app.authorizer({ name: 'api_token', header: 'X-Api-Token', simpleResponses: true, ttlSeconds: 300 }, (auth) => ({
  isAuthorized: auth.token === 'letmein',
  context: { team: 'reporting' },
}));

app.route('/', function index() {
  return { hello: 'world' };
});

app.route('/me', { authorizer: jwt }, function me(_params, request) {
  const { claims, scopes } = (request.context.authorizer as { jwt: { claims: Record<string, string>; scopes: string[] | null } }).jwt;
  return { sub: claims.sub, scopes };
});

app.route('/orders', { methods: ['POST'], authorizer: jwt.withScopes(['orders:write']) }, function createOrder(_params, request) {
  const body = request.jsonBody as { item?: unknown } | null;
  if (typeof body?.item !== 'string') throw new BadRequestError('Send a JSON body like {"item": "book"}');
  return new Response({ body: { ordered: body.item }, statusCode: 201, headers: { 'Set-Cookie': ['last-order=book; Path=/'] } });
});

app.route('/reports', { authorizer: apiToken }, function reports(_params, request) {
  return { team: (request.context.authorizer as { lambda: { team: string } }).lambda.team };
});
