/**
 * Runs the `chalice` program and turns every way it can end into an exit code:
 *   0  success (including `--help` and `--version`)
 *   2  the user can fix it: a `ChaliceTsError` with fault 'user' or a usage error from the
 *      parser. One line saying what to do; the stack only with `--debug`.
 *   1  anything else: a bug in chalice-ts or in the app. The stack is printed.
 * Commands that run until stopped (`chalice local`) resolve when they have shut down.
 */
import { Command, CommanderError } from 'commander';
import { ChaliceTsError } from '../project/errors.js';
import { terminal } from './context.js';
import { createProgram } from './program.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USER = 2;

/** Runs the CLI with `argv` (as `process.argv`) and returns the exit code; never throws. */
export async function run(argv: readonly string[] = process.argv): Promise<number> {
  const program = createProgram();
  configureUsageErrors(program);
  try {
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, argv.includes('--debug'));
  }
}

/** Maps a thrown value to an exit code, printing what the user needs to see. */
export function reportError(error: unknown, debug: boolean): number {
  const ui = terminal();
  if (error instanceof CommanderError) {
    // Help and version "errors" are how commander says it has printed what was asked.
    if (error.exitCode === 0) return EXIT_OK;
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_USER;
  }
  if (isUserError(error)) {
    ui.error(error.message);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_USER;
  }
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  ui.error(`chalice-ts failed unexpectedly; please report this with the trace below.\n${stack}`);
  return EXIT_INTERNAL;
}

/** A tool error the user can fix. Duck-typed too, so an error from another copy of chalice-ts counts. */
function isUserError(error: unknown): error is ChaliceTsError {
  if (error instanceof ChaliceTsError) return error.fault === 'user';
  const e = error as { name?: unknown; fault?: unknown; code?: unknown } | null;
  return typeof e === 'object' && e !== null && e.name === 'ChaliceTsError' && e.fault === 'user' && typeof e.code === 'string';
}

/**
 * Parser errors become one line that says what was wrong and where to look, e.g.
 * `Error: unknown option '--prot' (Did you mean --port?); see \`chalice local --help\``.
 * Every command throws instead of exiting, so `run` decides the exit code.
 */
function configureUsageErrors(program: Command): void {
  const visit = (command: Command, path: string[]): void => {
    command.exitOverride();
    command.configureOutput({
      outputError: (message) => {
        const text = message.trim().replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
        terminal().error(`${text}; see \`${['chalice', ...path, '--help'].join(' ')}\``);
      },
    });
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
}
