/** The OpenAPI (Swagger 2.0) document of the REST API, shared by SAM, Terraform and deploy. */
export type { OpenApiDocument, OpenApiOptions } from './openapi-generator.js';
export { findRestApi, generateOpenApiDocument } from './openapi-generator.js';
export type { IntegrationUri } from './integration-uris.js';
export { deployedIntegrationUri, lambdaArnToIntegrationUri } from './integration-uris.js';
