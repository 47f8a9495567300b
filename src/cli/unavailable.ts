/**
 * Commands that chalice-ts lists (so `chalice --help` shows the whole Chalice surface) but does
 * not implement yet. They accept any arguments and fail as a user error, exit code 2.
 */
import type { Command } from 'commander';
import { ChaliceTsError } from '../project/errors.js';

/** Adds `name` under `parent`, answering that it is not available yet. */
export function registerUnavailable(parent: Command, name: string, description: string): Command {
  const fullName = parent.parent ? `${parent.name()} ${name}` : name;
  return parent
    .command(name)
    .description(`${description} (not yet available)`)
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .argument('[args...]')
    .action(() => {
      throw new ChaliceTsError(
        `\`chalice ${fullName}\` is not yet available in chalice-ts`,
        'command_not_available',
      );
    });
}
