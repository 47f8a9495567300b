/** `chalice deploy`: Deploy the app to AWS. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'deploy', 'Deploy the app to AWS.');
}
