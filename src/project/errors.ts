/**
 * The one error type of the chalice-ts tool (not of the runtime's HTTP errors).
 *
 * `code` is a stable machine-readable identifier (e.g. `config_invalid`); `fault` says whether
 * the user can fix it ('user') or it is a bug in chalice-ts ('internal'). The CLI maps known
 * user errors to exit code 2 and prints a stack trace only for internal ones.
 */
export class ChaliceTsError extends Error { constructor(message: string, readonly code: string, readonly fault: 'user'|'internal' = 'user') { super(message); this.name = 'ChaliceTsError'; } }
