/**
 * The error for a wrong `.chalice/config.json`: names the file, the key path inside it and
 * what is expected, on one line, e.g.
 *   `.chalice/config.json: stages.dev.lambda_timeout must be an integer from 1 to 900 (seconds), got 901`
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

export class ConfigError extends ChaliceTsError {
  /** Dotted key path of the offending value; '' for the file as a whole. */
  readonly keyPath: string;

  constructor(readonly file: string, path: readonly string[], problem: string, code = 'config_invalid') {
    const keyPath = formatKeyPath(path);
    super(`${file}: ${keyPath ? `${keyPath} ` : ''}${problem}`, code);
    this.name = 'ConfigError';
    this.keyPath = keyPath;
  }
}
