/** `chalice invoke`: Invoke a deployed Lambda function. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'invoke', 'Invoke a deployed Lambda function.');
}
