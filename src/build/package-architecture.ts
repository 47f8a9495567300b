/**
 * Which Lambda architecture the one deployment package (and automatic layer) is built for.
 *
 * Every function of an app shares `deployment.zip` and the automatic layer, and npm installs
 * native addons for one CPU (`--cpu=x64|arm64`). So the package is built for the functions'
 * architecture; an app whose functions mix x86_64 and arm64 can be packaged only when it
 * installs no packages for Lambda (pure JavaScript bundles run on both).
 */
import type { AppGraph, LambdaArchitecture } from '../graph/index.js';
import { resourcesOfKind } from '../graph/index.js';
import { ChaliceTsError } from '../project/errors.js';

export interface PackageArchitecture {
  /** The architecture native addons are installed for. */
  readonly architecture: LambdaArchitecture;
  /** Function resource names per architecture, when the functions use more than one. */
  readonly mixed?: Readonly<Record<LambdaArchitecture, readonly string[]>>;
}

export function packageArchitectureOf(graph: AppGraph): PackageArchitecture {
  const byArch: Record<LambdaArchitecture, string[]> = { x86_64: [], arm64: [] };
  for (const fn of resourcesOfKind(graph, 'lambda-function')) byArch[fn.architecture].push(fn.resourceName);
  if (byArch.arm64.length === 0) return { architecture: 'x86_64' };
  if (byArch.x86_64.length === 0) return { architecture: 'arm64' };
  return { architecture: 'x86_64', mixed: byArch };
}

/**
 * @throws ChaliceTsError `architecture_mixed` when the functions mix architectures and the
 *   package installs packages (which may carry native addons for only one of them).
 */
export function checkMixedArchitectures(arch: PackageArchitecture, installed: readonly { readonly name: string }[]): void {
  if (arch.mixed === undefined || installed.length === 0) return;
  const list = (names: readonly string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  throw new ChaliceTsError(
    `Functions use both architectures (arm64: ${list(arch.mixed.arm64)}; x86_64: ${list(arch.mixed.x86_64)}) but share one package whose installed dependencies (${installed.map((s) => s.name).join(', ')}) are built for one CPU; set the same "architecture" for every function in .chalice/config.json`,
    'architecture_mixed',
  );
}
