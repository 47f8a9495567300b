/**
 * The error for a wrong `.chalice/config.json`. Validation collects every problem it finds
 * (a `ConfigProblems` list) and throws one `ConfigError` naming them all, so a user fixes the
 * file in one pass instead of one error per run. Each problem names the file, the key path
 * inside it and what is expected:
 *   `.chalice/config.json: stages.dev.lambda_timeout must be an integer from 1 to 900 (seconds), got 901`
 * One problem is that one line; several are a summary line and then one line each:
 *   `.chalice/config.json has 2 problems:`
 *   `  .chalice/config.json: lambda_timeout must be …`
 *   `  .chalice/config.json: stages.prod.tags.team must be a string …`
 */
import { ChaliceTsError } from './errors.js';

/** Formats a key path: `stages.dev.lambda_functions.foo`, quoting segments that are not plain names. */
export function formatKeyPath(path: readonly string[]): string {
  return path
    .map((segment, i) => {
      if (/^[A-Za-z0-9_-]+$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** One problem in a config file. */
export interface ConfigProblem {
  readonly file: string;
  /** Dotted key path of the offending value; '' for the file as a whole. */
  readonly keyPath: string;
  /** What is wrong and what is expected, e.g. `must be true or false, got "false"`. */
  readonly problem: string;
}

/** `file: key.path problem`, the line that names one problem. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}: ${problem.keyPath ? `${problem.keyPath} ` : ''}${problem.problem}`;
}

export class ConfigError extends ChaliceTsError {
  readonly file: string;
  /** Key path of the first problem; '' for the file as a whole. */
  readonly keyPath: string;
  /** Every problem found, in the order the file was checked; never empty. */
  readonly problems: readonly ConfigProblem[];

  /** An error for one problem at `path` (and optionally `more` problems after it). */
  constructor(file: string, path: readonly string[], problem: string, code = 'config_invalid', more: readonly ConfigProblem[] = []) {
    const problems = [{ file, keyPath: formatKeyPath(path), problem }, ...more];
    const message =
      problems.length === 1
        ? formatProblem(problems[0])
        : [`${file} has ${problems.length} problems:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n');
    super(message, code);
    this.name = 'ConfigError';
    this.file = file;
    this.keyPath = problems[0].keyPath;
    this.problems = problems;
  }
}

/**
 * Collects the problems of one config file. A problem at a key path already reported is
 * dropped: checks that run once per stage and function would otherwise repeat a top-level
 * mistake for every one of them.
 */
export class ConfigProblems {
  private readonly list: Array<{ readonly path: readonly string[]; readonly keyPath: string; readonly problem: string }> = [];

  constructor(readonly file: string) {}

  /** Records a problem at `path`; checking continues. */
  readonly report = (path: readonly string[], problem: string): void => {
    const keyPath = formatKeyPath(path);
    if (this.list.some((p) => p.keyPath === keyPath)) return;
    this.list.push({ path, keyPath, problem });
  };

  get count(): number {
    return this.list.length;
  }

  /** Throws one ConfigError listing every problem reported, if there are any. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const [first, ...more] = this.list;
    throw new ConfigError(this.file, first.path, first.problem, 'config_invalid', more.map(({ keyPath, problem }) => ({ file: this.file, keyPath, problem })));
  }
}
