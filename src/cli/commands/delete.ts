/** `chalice delete`: Delete a deployed stage of the app. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'delete', 'Delete a deployed stage of the app.');
}
