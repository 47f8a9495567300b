/** `chalice appgraph`: Print the resource graph of the app. */
import type { Command } from 'commander';
import { registerUnavailable } from '../unavailable.js';

export function register(program: Command): void {
  registerUnavailable(program, 'appgraph', 'Print the resource graph of the app.');
}
