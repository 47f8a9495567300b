/**
 * `chalice new-project [NAME] [--template …]`: creates a project directory from a template.
 * With no NAME on a terminal it asks for the name and template; without a terminal it tells
 * the user to pass the name. The project depends on the chalice-ts that created it (see
 * new-project/dependency.ts), so `npm install && npm test` works in it straight away.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { Option, type Command } from 'commander';
import { ChaliceTsError } from '../../project/errors.js';
import { packageInfo, packageRoot, terminal } from '../context.js';
import {
  isTemplateName,
  projectNameProblem,
  scaffoldProject,
  TEMPLATE_DESCRIPTIONS,
  TEMPLATE_NAMES,
  type TemplateName,
} from '../new-project/scaffold.js';
import { chaliceTsDependency, describeDependency } from '../new-project/dependency.js';

interface NewProjectOptions {
  readonly template?: string;
}

export function register(program: Command): void {
  program
    .command('new-project')
    .description('Create a new chalice-ts project.')
    .argument('[name]', 'Project name, also the name of the directory created in the current directory.')
    .addOption(new Option('-t, --template <template>', 'Project template.').choices(TEMPLATE_NAMES))
    .action(async (name: string | undefined, options: NewProjectOptions) => {
      const answers = await resolveAnswers(name, options.template);
      createProject(answers.name, answers.template, process.cwd());
    });
}

async function resolveAnswers(name: string | undefined, template: string | undefined): Promise<{ name: string; template: TemplateName }> {
  const givenTemplate = isTemplateName(template) ? template : undefined;
  if (name !== undefined) return { name, template: givenTemplate ?? 'rest-api' };
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new ChaliceTsError('No project name given; run `chalice new-project NAME` (the interactive prompts need a terminal)', 'project_name_missing');
  }
  // Loaded only when prompting: the prompt library is the heaviest import of the CLI.
  const { input, select } = await import('@inquirer/prompts');
  try {
    const asked = await input({ message: 'Project name:', validate: (value) => projectNameProblem(value) ?? true });
    const chosen =
      givenTemplate ??
      (await select<TemplateName>({
        message: 'Template:',
        choices: TEMPLATE_NAMES.map((value) => ({ value, name: value, description: TEMPLATE_DESCRIPTIONS[value] })),
        default: 'rest-api',
      }));
    return { name: asked, template: chosen };
  } catch (error) {
    // Ctrl+C at a prompt.
    if ((error as { name?: unknown } | null)?.name === 'ExitPromptError') throw new ChaliceTsError('Cancelled; no project was created', 'cancelled');
    throw error;
  }
}

function createProject(name: string, template: TemplateName, parentDir: string): void {
  const problem = projectNameProblem(name);
  if (problem) throw new ChaliceTsError(`Cannot create the project: ${problem}`, 'project_name_invalid');
  const info = packageInfo();
  const targetDir = join(parentDir, name);
  const dependency = chaliceTsDependency(packageRoot(), targetDir, info.version, info.name);
  const files = scaffoldProject({
    templatesDir: join(packageRoot(), 'templates'),
    template,
    targetDir,
    variables: {
      appName: name,
      packageName: name.toLowerCase(),
      chaliceTsDependency: dependency.spec,
      vitestVersion: info.devDependencies.vitest ?? 'latest',
      typescriptVersion: info.devDependencies.typescript ?? 'latest',
      typesNodeVersion: info.devDependencies['@types/node'] ?? 'latest',
    },
  });
  const ui = terminal();
  const c = ui.colors;
  const shown = relative(process.cwd(), targetDir) || '.';
  ui.info(`${c.green('Created')} ${c.bold(name)} from template ${template} in ${shown}/ (${files.length} files)`);
  ui.info(describeDependency(dependency));
  const chaliceTsDir = realpathSync(packageRoot());
  if (isInside(targetDir, chaliceTsDir)) {
    // vitest searches parent directories for its config and would run the project's tests with chalice-ts's own.
    ui.warn(`${shown}/ is inside the chalice-ts directory ${chaliceTsDir}, whose vitest.config.ts would apply to the project's tests; create projects outside it`);
  }
  ui.info('Next steps:');
  for (const step of [`cd ${shown}`, 'npm install', 'npx chalice local', 'npm test']) ui.info(`  ${c.cyan(step)}`);
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
