/**
 * The policy analyser: which IAM actions does the app's AWS SDK v3 usage need?
 *
 * Pipeline: module graph (esbuild, every local file the entry imports, types stripped)
 * → tokens per module → module scopes (the definitions of each name) → one scope resolver for
 * the whole graph (what each name may refer to, across modules, computed once per name)
 * → usage scan per module (commands referenced, aggregated-client methods called, and
 * warnings for what cannot be resolved statically) → sorted actions and warnings.
 *
 * Like Chalice's source analysis this is best-effort by design: it errs toward listing an
 * action the code references, and says so (with file and line) where it cannot see the call.
 */
import { createOffsetToSourceLine } from './source-lines.js';
import { tokenize } from './js-tokenizer.js';
import { loadModuleGraph } from './module-graph.js';
import { collectModuleScope, type ModuleScope } from './module-scope.js';
import { ScopeResolver } from './scope-resolver.js';
import { matchBrackets } from './token-patterns.js';
import type { AnalyzeSdkUsageOptions, PolicyWarning, SdkUsage } from './types.js';
import { scanModuleUsage, type ScannableModule } from './usage-scanner.js';

/** Analyses `entryFile` (relative to the project directory, or absolute) and every module it imports. */
export async function analyzeSdkUsage(entryFile: string, options: AnalyzeSdkUsageOptions): Promise<SdkUsage> {
  const sources = await loadModuleGraph(entryFile, options.projectDir);
  const modules: ScannableModule[] = sources.map((source) => {
    const tokens = tokenize(source.code);
    const brackets = matchBrackets(tokens);
    return {
      path: source.path,
      tokens,
      brackets,
      scope: collectModuleScope(tokens, brackets, source.localImports),
      lineOf: createOffsetToSourceLine(source.code, source.sourceMap),
    };
  });
  const resolver = new ScopeResolver(new Map<string, ModuleScope>(modules.map((m) => [m.path, m.scope])));

  const actions = new Set<string>();
  const warnings = new Map<string, PolicyWarning>();
  for (const module of modules) {
    const usage = scanModuleUsage(module, resolver);
    usage.actions.forEach((action) => actions.add(action));
    for (const warning of usage.warnings) warnings.set(`${warning.file}\0${warning.line}\0${warning.message}`, warning);
  }
  return {
    actions: [...actions].sort(),
    warnings: [...warnings.values()].sort(compareWarnings),
    files: modules.map((m) => m.path).sort(),
  };
}

function compareWarnings(a: PolicyWarning, b: PolicyWarning): number {
  return compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.message, b.message);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
