/**
 * `chalice package --merge-template FILE`: a JSON or YAML document deep-merged on top of the
 * generated SAM template, to add resources or settings chalice-ts does not generate.
 *
 * Merge rules (as the seeds describe: "deep-merged on top of the sam.json"):
 * - two objects merge key by key, recursively; keys only in the template are kept;
 * - anything else from the merge file (a string, number, boolean, null or array) replaces the
 *   template's value whole. Arrays replace rather than concatenate, so a merge file can both
 *   add to and remove from a list by restating it;
 * - neither input is modified.
 *
 * YAML merge files are parsed with the CloudFormation short-form tags (`!Ref X`,
 * `!GetAtt A.B`, `!Sub …`) turned into their long JSON form, so both formats merge the same.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { ScalarTag, CollectionTag } from 'yaml';
import { parse as parseYaml } from 'yaml';
import { ChaliceTsError } from '../project/errors.js';

export type TemplateObject = { [key: string]: unknown };

export function isTemplateObject(value: unknown): value is TemplateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `overlay` deep-merged on top of `base` (see the module comment). */
export function mergeTemplates(base: TemplateObject, overlay: TemplateObject): TemplateObject {
  const merged: TemplateObject = {};
  for (const [key, value] of Object.entries(base)) {
    Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged[key];
    const next = isTemplateObject(current) && isTemplateObject(value) ? mergeTemplates(current, value) : value;
    // defineProperty, not assignment: a "__proto__" key from JSON.parse must stay a plain key.
    Object.defineProperty(merged, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/**
 * Reads a merge file: `.yaml`/`.yml` as YAML, anything else as JSON (YAML is tried too when
 * the JSON does not parse, since JSON is itself YAML and the reverse mistake is common).
 * @throws ChaliceTsError `merge_template_not_found` / `merge_template_invalid`.
 */
export function readMergeTemplate(file: string): TemplateObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ChaliceTsError(`Merge template ${file} cannot be read; check the path given to --merge-template`, 'merge_template_not_found');
  }
  const isYaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  let parsed: unknown;
  try {
    parsed = isYaml ? parseCloudFormationYaml(text) : parseJsonOrYaml(text);
  } catch (error) {
    throw new ChaliceTsError(`Merge template ${file} is not valid ${isYaml ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`, 'merge_template_invalid');
  }
  if (!isTemplateObject(parsed)) {
    throw new ChaliceTsError(`Merge template ${file} must contain an object (e.g. {"Resources": {...}}) to merge into the template`, 'merge_template_invalid');
  }
  return parsed;
}

function parseJsonOrYaml(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (jsonError) {
    try {
      return parseCloudFormationYaml(text);
    } catch {
      throw jsonError;
    }
  }
}

const SCALAR_FUNCTIONS = ['Ref', 'Condition', 'Fn::Base64', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Sub', 'Fn::GetAtt'];
const SEQUENCE_FUNCTIONS = [
  'Fn::And', 'Fn::Cidr', 'Fn::Equals', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::If', 'Fn::Join',
  'Fn::Not', 'Fn::Or', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::Base64', 'Fn::ImportValue',
];
const MAPPING_FUNCTIONS = ['Fn::Base64', 'Fn::ImportValue', 'Fn::Transform'];

function shortName(fn: string): string {
  return `!${fn.replace(/^Fn::/, '')}`;
}

/** YAML custom tags for CloudFormation's short intrinsic-function syntax. */
function cloudFormationTags(): Array<ScalarTag | CollectionTag> {
  const scalar: ScalarTag[] = SCALAR_FUNCTIONS.map((fn) => ({
    tag: shortName(fn),
    // `!GetAtt Resource.Attribute` is the scalar form of ["Resource", "Attribute"].
    resolve: (value: string) => ({ [fn]: fn === 'Fn::GetAtt' ? splitGetAtt(value) : value }),
  }));
  const collection = (collectionType: 'seq' | 'map', fns: readonly string[]): CollectionTag[] =>
    fns.map((fn) => ({
      tag: shortName(fn),
      collection: collectionType,
      resolve: (value: unknown) => ({ [fn]: (value as { toJSON(): unknown }).toJSON() }),
    })) as unknown as CollectionTag[];
  return [...scalar, ...collection('seq', SEQUENCE_FUNCTIONS), ...collection('map', MAPPING_FUNCTIONS)];
}

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function parseCloudFormationYaml(text: string): unknown {
  return parseYaml(text, { customTags: cloudFormationTags(), uniqueKeys: true });
}
