/** `chalice dev …`: developer tools; `dev plan` prints the deployment plan. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  const dev = program.command('dev').description('Developer tools for inspecting a deployment.').helpCommand(false);
  registerUnavailable(dev, 'plan', 'Print the AWS calls a deploy would make.');
}
