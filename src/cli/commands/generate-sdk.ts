/** `chalice generate-sdk`: Generate a JavaScript SDK for the deployed REST API. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'generate-sdk', 'Generate a JavaScript SDK for the deployed REST API.');
}
