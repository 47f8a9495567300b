/**
 * Terminal output of the CLI: one place that decides whether to colour (never when `NO_COLOR`
 * is set or the stream is not a terminal, unless `FORCE_COLOR` asks for it) and how the
 * common kinds of lines look. Commands print through a `Ui` so tests can capture it.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Ui {
  readonly colors: Colors;
  /** A normal line on stdout. */
  info(line: string): void;
  /** A warning on stderr. */
  warn(line: string): void;
  /** An error on stderr. */
  error(line: string): void;
}

interface WritableLike {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Whether to colour output written to `stream`, honouring NO_COLOR and FORCE_COLOR. */
export function colorEnabled(stream: WritableLike, env: NodeJS.ProcessEnv = process.env): boolean {
  // https://no-color.org: present and not empty disables colour.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function createUi(stdout: WritableLike = process.stdout, stderr: WritableLike = process.stderr, env: NodeJS.ProcessEnv = process.env): Ui {
  const colors = pc.createColors(colorEnabled(stdout, env));
  const errColors = pc.createColors(colorEnabled(stderr, env));
  return {
    colors,
    info: (line) => void stdout.write(`${line}\n`),
    warn: (line) => void stderr.write(`${errColors.yellow('Warning:')} ${line}\n`),
    error: (line) => void stderr.write(`${errColors.red('Error:')} ${line}\n`),
  };
}
