/** The Terraform configuration generator (`chalice package --pkg-format terraform`). */
export type { TerraformTemplate, TerraformTemplateOptions } from './terraform-generator.js';
export { generateTerraformTemplate, terraformIntegrationUri } from './terraform-generator.js';
