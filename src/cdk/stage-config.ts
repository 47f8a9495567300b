/**
 * `stageConfig` of the CDK construct: overrides merged over one stage of `.chalice/config.json`.
 *
 * Pure: config file text in, config file text out. The result is written into the temporary
 * project copy the construct packages (package-app.ts), never over the user's file.
 *
 * Merge rule: plain objects merge key by key (so `environment_variables` or `tags` given here
 * add to the stage's own), anything else (scalars, arrays) replaces the stage's value. Values
 * pass through unchanged as JSON, which is what lets CDK tokens through: `bucket.bucketName`
 * is a string such as `${Token[TOKEN.123]}` that survives `chalice package` and is resolved to
 * a `Ref` when the stack is synthesised.
 */

export type StageOverrides = Readonly<Record<string, unknown>>;

/**
 * Returns the text of a config file whose `stages[stage]` is the stage's own settings with
 * `overrides` merged over them (the stage is created when the file does not declare it).
 * Text that is not a JSON object is returned unchanged, for the packager to report with its
 * usual file:line:column message.
 */
export function configTextWithStageOverrides(text: string, stage: string, overrides: StageOverrides): string {
  let config: unknown;
  try {
    config = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return text;
  }
  if (!isPlainObject(config)) return text;
  const stages = isPlainObject(config.stages) ? config.stages : {};
  const current = isPlainObject(stages[stage]) ? stages[stage] : {};
  const merged = { ...config, stages: { ...stages, [stage]: mergeOver(current, overrides) } };
  return `${JSON.stringify(merged, null, 2)}\n`;
}

/** `overrides` merged over `base`: objects recursively, everything else replaced. */
export function mergeOver(base: Readonly<Record<string, unknown>>, overrides: StageOverrides): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue; // an optional field left unset overrides nothing
    const existing = result[key];
    result[key] = isPlainObject(existing) && isPlainObject(value) ? mergeOver(existing, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
