/** `chalice generate-pipeline`: Generate a CloudFormation template for a CI/CD pipeline. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'generate-pipeline', 'Generate a CloudFormation template for a CI/CD pipeline.');
}
