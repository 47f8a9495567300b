/** `chalice logs`: Print the CloudWatch logs of a deployed function. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'logs', 'Print the CloudWatch logs of a deployed function.');
}
