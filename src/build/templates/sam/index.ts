/** The SAM / CloudFormation template generator (`chalice package`). */
export type { SamTemplate, SamTemplateOptions } from './sam-generator.js';
export { generateSamTemplate, samIntegrationUri } from './sam-generator.js';
