/** Template generators over the app graph: SAM/CloudFormation and Terraform. */
export { generateSamTemplate, samIntegrationUri, type SamTemplate, type SamTemplateOptions } from './sam/index.js';
export {
  generateTerraformTemplate,
  terraformIntegrationUri,
  type TerraformTemplate,
  type TerraformTemplateOptions,
} from './terraform/index.js';
export { toCfnResourceName } from './logical-names.js';
