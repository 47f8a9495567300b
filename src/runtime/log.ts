/** `app.log`: a small leveled logger writing `appName - LEVEL - message` lines. */

export const LOG_LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 } as const;
export type LogLevel = keyof typeof LOG_LEVELS;

export type LogSink = (line: string) => void;

export class Logger {
  #level: number;

  constructor(
    readonly name: string,
    level: LogLevel = 'ERROR',
    private readonly sink: LogSink = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.#level = LOG_LEVELS[level];
  }

  setLevel(level: LogLevel): void {
    if (!(level in LOG_LEVELS)) {
      throw new TypeError(`Unknown log level ${String(level)}; use one of ${Object.keys(LOG_LEVELS).join(', ')}`);
    }
    this.#level = LOG_LEVELS[level];
  }

  get level(): LogLevel {
    return (Object.keys(LOG_LEVELS) as LogLevel[]).find((k) => LOG_LEVELS[k] === this.#level) ?? 'ERROR';
  }

  isEnabledFor(level: LogLevel): boolean {
    return LOG_LEVELS[level] >= this.#level;
  }

  #write(level: LogLevel, parts: unknown[]): void {
    if (!this.isEnabledFor(level)) return;
    const text = parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? (p.stack ?? p.message) : JSON.stringify(p))).join(' ');
    this.sink(`${this.name} - ${level} - ${text}`);
  }

  debug(...parts: unknown[]): void {
    this.#write('DEBUG', parts);
  }
  info(...parts: unknown[]): void {
    this.#write('INFO', parts);
  }
  warning(...parts: unknown[]): void {
    this.#write('WARNING', parts);
  }
  warn(...parts: unknown[]): void {
    this.#write('WARNING', parts);
  }
  error(...parts: unknown[]): void {
    this.#write('ERROR', parts);
  }
  critical(...parts: unknown[]): void {
    this.#write('CRITICAL', parts);
  }
}
