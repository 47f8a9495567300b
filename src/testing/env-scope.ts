/**
 * The environment variables a test client sets on `process.env`.
 *
 * The stage's variables are set when the client is created and stay for its lifetime (module
 * code that reads `process.env` after `new Client()` sees them). Each invocation additionally
 * sets its own function's variables (`api_handler` for HTTP requests, the function's own for
 * `lambda.invoke`) while it runs; they fall back to the stage values once no invocation is
 * running. Overlapping invocations of functions with DIFFERENT values for the same variable
 * share one `process.env`, so the last one to start wins — as with any in-process emulation.
 * `restore()` puts back exactly what was there before the client touched anything.
 */

export interface EnvScope {
  /** Runs `fn` with `vars` applied on top of the stage variables. */
  during<T>(vars: Readonly<Record<string, string>>, fn: () => Promise<T>): Promise<T>;
  /** Restores every variable the scope changed to its value before the scope existed. Idempotent. */
  restore(): void;
}

export function createEnvScope(stageVars: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): EnvScope {
  /** Value before the scope first touched the name (`undefined`: was not set). */
  const original = new Map<string, string | undefined>();
  const overlaid = new Set<string>();
  let active = 0;
  let restored = false;

  const set = (name: string, value: string) => {
    if (!original.has(name)) original.set(name, Object.hasOwn(env, name) ? env[name] : undefined);
    env[name] = value;
  };
  /** What a name should hold between invocations: the stage value, else the original. */
  const resetToBaseline = (name: string) => {
    if (Object.hasOwn(stageVars, name)) env[name] = stageVars[name];
    else restoreOne(name);
  };
  const restoreOne = (name: string) => {
    const value = original.get(name);
    if (value === undefined) delete env[name];
    else env[name] = value;
  };

  for (const [name, value] of Object.entries(stageVars)) set(name, value);

  return {
    async during(vars, fn) {
      if (restored) return fn();
      for (const [name, value] of Object.entries(vars)) {
        set(name, value);
        overlaid.add(name);
      }
      active++;
      try {
        return await fn();
      } finally {
        active--;
        if (active === 0 && !restored) {
          for (const name of overlaid) resetToBaseline(name);
          overlaid.clear();
        }
      }
    },
    restore() {
      if (restored) return;
      restored = true;
      for (const name of original.keys()) restoreOne(name);
    },
  };
}
