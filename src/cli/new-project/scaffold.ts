/**
 * Generating a new project from `templates/`. A project is `templates/base/` overlaid with
 * `templates/<template>/` (a file in the template replaces the base file of the same path).
 *
 * Template file names are stored so that packing and tooling leave them alone, and mapped on
 * the way out: a path segment starting with `_` starts with `.` in the project (npm drops
 * `.gitignore` files from published packages; `_chalice/` keeps the template's config out of
 * config scanners), and a `.tmpl` suffix is removed (a `package.json` inside the templates
 * would otherwise be taken for a real package). `{{name}}` placeholders are replaced from the
 * variables; an unknown placeholder is a bug in the template and fails loudly.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';

export const TEMPLATE_NAMES = ['rest-api', 'pure-lambda', 's3-event', 'all-events'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const TEMPLATE_DESCRIPTIONS: Readonly<Record<TemplateName, string>> = {
  'rest-api': 'REST API: a route returning JSON, with a test',
  'pure-lambda': 'A Lambda function invoked directly, with a test',
  's3-event': 'A Lambda function triggered by S3 object events, with a test',
  'all-events': 'A REST API and one handler of every event source, with tests',
};

export function isTemplateName(value: unknown): value is TemplateName {
  return typeof value === 'string' && (TEMPLATE_NAMES as readonly string[]).includes(value);
}

/** Why `name` cannot be a project name, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'the project name must not be empty';
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    return `project name ${JSON.stringify(name)} is not valid: use letters, digits, '-' and '_', starting with a letter or digit`;
  }
  if (name.length > 64) return `project name ${JSON.stringify(name)} is too long: use at most 64 characters`;
  return undefined;
}

export interface ScaffoldOptions {
  readonly templatesDir: string;
  readonly template: TemplateName;
  /** Directory to create; must not exist. */
  readonly targetDir: string;
  readonly variables: Readonly<Record<string, string>>;
}

/** Writes the project and returns the created files (project-relative, POSIX separators, sorted). */
export function scaffoldProject(options: ScaffoldOptions): string[] {
  const { templatesDir, template, targetDir, variables } = options;
  if (existsSync(targetDir)) {
    throw new ChaliceTsError(`Directory ${targetDir} already exists; choose another project name or remove the directory`, 'project_exists');
  }
  const files = new Map<string, string>();
  for (const layer of ['base', template]) {
    const layerDir = join(templatesDir, layer);
    if (!existsSync(layerDir)) throw new ChaliceTsError(`Template directory ${layerDir} is missing; reinstall chalice-ts`, 'template_missing', 'internal');
    for (const source of listFiles(layerDir)) files.set(templatePathToProjectPath(relative(layerDir, source)), source);
  }
  const written = [...files.keys()].sort();
  for (const path of written) {
    const target = join(targetDir, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, renderTemplate(readFileSync(files.get(path)!, 'utf8'), variables, path));
  }
  return written;
}

/** `_chalice/config.json.tmpl` → `.chalice/config.json`. */
export function templatePathToProjectPath(path: string): string {
  return path
    .split(sep)
    .join('/')
    .replace(/\.tmpl$/, '')
    .split('/')
    .map((segment) => (segment.startsWith('_') ? `.${segment.slice(1)}` : segment))
    .join(posix.sep);
}

/** Replaces `{{name}}` placeholders. */
export function renderTemplate(text: string, variables: Readonly<Record<string, string>>, where: string): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new ChaliceTsError(`Template file ${where} uses unknown placeholder {{${name}}}`, 'template_invalid', 'internal');
    return value;
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : [path];
    })
    .sort();
}
