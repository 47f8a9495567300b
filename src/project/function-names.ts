/**
 * `lambda_functions` entries that name no function of the app. The config layer cannot know
 * the app's functions, so callers that have loaded the app (package, local) ask here and show
 * the result as warnings: a typo in a function name would otherwise be silently ignored.
 */
import type { ProjectConfig } from './config-types.js';
import { closestMatch } from './suggest.js';

/** One warning line per unknown name, at the top level and in `stages.<stage>`. */
export function unknownFunctionConfigWarnings(config: ProjectConfig, stage: string, functionNames: readonly string[]): string[] {
  const known = new Set(functionNames);
  const places: Array<[string, Record<string, unknown> | undefined]> = [
    ['lambda_functions', config.file.lambda_functions as Record<string, unknown> | undefined],
    [`stages.${stage}.lambda_functions`, config.file.stages?.[stage]?.lambda_functions as Record<string, unknown> | undefined],
  ];
  const warnings: string[] = [];
  for (const [path, entries] of places) {
    for (const name of Object.keys(entries ?? {}).sort()) {
      if (known.has(name)) continue;
      const suggestion = closestMatch(name, functionNames);
      warnings.push(
        `${config.configPath}: ${path}.${name} matches no function of the app, so its settings are not used` +
          (suggestion ? `; did you mean "${suggestion}"?` : `; the app's functions are: ${[...functionNames].sort().join(', ') || 'none'}`),
      );
    }
  }
  return warnings;
}
