/**
 * CORS preflight: API Gateway answers `OPTIONS` on a CORS-enabled path itself, with a MOCK
 * integration that returns 200 and the CORS headers, so preflight never invokes Lambda.
 * `Access-Control-Allow-Methods` lists the path's CORS-enabled methods plus OPTIONS.
 */

export function corsPreflightOperation(methods: readonly string[], corsHeaders: Readonly<Record<string, string>>): Record<string, unknown> {
  const headers: Record<string, string> = { 'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(','), ...corsHeaders };
  return {
    consumes: ['application/json'],
    produces: ['application/json'],
    responses: {
      '200': {
        description: '200 response',
        schema: { $ref: '#/definitions/Empty' },
        headers: Object.fromEntries(Object.keys(headers).map((name) => [name, { type: 'string' }])),
      },
    },
    'x-amazon-apigateway-integration': {
      responses: {
        default: {
          statusCode: '200',
          // Mapping values are expressions: a static value is a single-quoted string.
          responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`])),
        },
      },
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      passthroughBehavior: 'when_no_match',
      type: 'mock',
      contentHandling: 'CONVERT_TO_TEXT',
    },
  };
}
