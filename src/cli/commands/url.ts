/** `chalice url`: Print the URL of the deployed REST API. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'url', 'Print the URL of the deployed REST API.');
}
