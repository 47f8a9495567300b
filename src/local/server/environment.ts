/**
 * The stage's environment variables in `process.env`. A deployed Lambda sees its function's
 * `environment_variables`; locally every route runs in this one process, so the server applies
 * those of `api_handler` (stage-wide values merged with its own) before loading the app, and
 * re-applies them on reload: a variable removed from the config goes back to the value it had
 * before the server started (or disappears).
 */
export interface EnvironmentManager {
  /** Makes `vars` the configured variables, undoing ones no longer configured. */
  apply(vars: Readonly<Record<string, string>>): void;
  /** Restores every variable this manager changed. */
  restore(): void;
}

export function createEnvironmentManager(env: NodeJS.ProcessEnv = process.env): EnvironmentManager {
  /** Original values of the keys we have set (undefined: was not set). */
  const originals = new Map<string, string | undefined>();
  const reset = (key: string): void => {
    const original = originals.get(key);
    if (original === undefined) delete env[key];
    else env[key] = original;
    originals.delete(key);
  };
  return {
    apply(vars) {
      for (const key of [...originals.keys()]) if (!Object.hasOwn(vars, key)) reset(key);
      for (const [key, value] of Object.entries(vars)) {
        if (!originals.has(key)) originals.set(key, env[key]);
        env[key] = value;
      }
    },
    restore() {
      for (const key of [...originals.keys()]) reset(key);
    },
  };
}
