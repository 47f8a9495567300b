/** Lambda entry points by resource name. (Being written.) */
export { createRestApiHandler, type RestApiHandler } from './rest-api.js';
