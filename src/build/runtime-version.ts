/**
 * Which Lambda Node.js runtime a package targets.
 *
 * As Chalice picks its Python runtime from the local interpreter, chalice-ts picks the Lambda
 * runtime from the local Node major: the code was developed and tested there. Node 20 →
 * `nodejs20.x`, 22 → `nodejs22.x`, 24 and newer → `nodejs24.x` (odd majors use the even one
 * below them); older than 20 is refused. The project may pin a runtime with `lambda_runtime`
 * (top level or per stage) in `.chalice/config.json`.
 *
 * The bundle's esbuild target follows the runtime, so syntax the runtime lacks is lowered.
 */
import { ChaliceTsError } from '../project/errors.js';

/** Runtimes a project may name in `lambda_runtime`. */
export const SUPPORTED_LAMBDA_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
export type LambdaRuntime = (typeof SUPPORTED_LAMBDA_RUNTIMES)[number];

export function isLambdaRuntime(value: unknown): value is LambdaRuntime {
  return typeof value === 'string' && (SUPPORTED_LAMBDA_RUNTIMES as readonly string[]).includes(value);
}

/** `'20.11.1'` → `'nodejs20.x'`, `'23.0.0'` → `'nodejs22.x'`. @throws ChaliceTsError `node_too_old` below 20. */
export function nodeVersionToLambdaRuntime(nodeVersion: string): LambdaRuntime {
  const major = Number.parseInt(nodeVersion.replace(/^v/, ''), 10);
  if (!Number.isInteger(major)) {
    throw new ChaliceTsError(`Cannot read the Node.js version "${nodeVersion}"`, 'node_version_unknown', 'internal');
  }
  if (major < 20) {
    throw new ChaliceTsError(
      `Node.js ${nodeVersion} is too old: chalice-ts packages for Lambda's nodejs20.x or nodejs22.x runtime and needs Node.js 20 or newer locally; upgrade Node.js`,
      'node_too_old',
    );
  }
  if (major <= 21) return 'nodejs20.x';
  return major <= 23 ? 'nodejs22.x' : 'nodejs24.x';
}

/** When Lambda deprecated a runtime (it stops patching it; creating functions is blocked later). */
export const LAMBDA_RUNTIME_DEPRECATIONS: Readonly<Partial<Record<LambdaRuntime, string>>> = {
  'nodejs20.x': '2026-04-30',
};

/** A warning to show when `runtime` is deprecated on `today` (YYYY-MM-DD), else undefined. */
export function runtimeDeprecationWarning(runtime: LambdaRuntime, today: string): string | undefined {
  const since = LAMBDA_RUNTIME_DEPRECATIONS[runtime];
  if (since === undefined || today < since) return undefined;
  return `Lambda deprecated the ${runtime} runtime on ${since}: it gets no more security patches and new functions will be refused; set "lambda_runtime": "nodejs22.x" (or newer) in .chalice/config.json, or package with a newer local Node.js`;
}

export interface ResolveLambdaRuntimeOptions {
  /** @default process.versions.node */
  readonly nodeVersion?: string;
  /** The project's `lambda_runtime` setting, if any (unvalidated: read from the config file). */
  readonly configured?: unknown;
  /** Where `configured` came from, for the error message. @default 'lambda_runtime' */
  readonly configuredAt?: string;
}

/** The configured runtime if set (and valid), else the one matching the local Node major. */
export function resolveLambdaRuntime(options: ResolveLambdaRuntimeOptions = {}): LambdaRuntime {
  if (options.configured !== undefined) {
    if (isLambdaRuntime(options.configured)) return options.configured;
    throw new ChaliceTsError(
      `${options.configuredAt ?? 'lambda_runtime'} is ${JSON.stringify(options.configured)}; use one of ${SUPPORTED_LAMBDA_RUNTIMES.join(', ')}`,
      'lambda_runtime_invalid',
    );
  }
  return nodeVersionToLambdaRuntime(options.nodeVersion ?? process.versions.node);
}

/** `nodejs22.x` → `node22` (esbuild's target name). */
export function lambdaRuntimeToEsbuildTarget(runtime: LambdaRuntime): string {
  return runtime.replace(/^nodejs(\d+)\.x$/, 'node$1');
}

/** `nodejs22.x` → 22. */
export function lambdaRuntimeToNodeMajor(runtime: LambdaRuntime): number {
  return Number.parseInt(runtime.replace(/^nodejs/, ''), 10);
}
