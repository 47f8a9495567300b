/**
 * `chalice package [--stage] [--pkg-format] [--template-format] [--merge-template FILE] OUT`:
 * writes the Lambda deployment package and a SAM or Terraform template into OUT (see
 * build/package-project.ts), printing progress on stdout and warnings on stderr.
 */
import { Option, type Command } from 'commander';
import type { BuildMessage } from '../../build/build-messages.js';
import type { PackageFormat, TemplateFormat } from '../../build/package-project.js';
import { formatBytes } from '../../build/zip/size-limits.js';
import { globalOptions, terminal } from '../context.js';
import type { Ui } from '../output.js';

interface PackageOptions {
  readonly stage: string;
  readonly pkgFormat: PackageFormat;
  readonly templateFormat: TemplateFormat;
  readonly mergeTemplate?: string;
}

export function register(program: Command): void {
  program
    .command('package')
    .description('Package the app as a SAM/CloudFormation or Terraform template.')
    .argument('<out>', 'Directory to write deployment.zip and the template into (created if missing; must be empty or hold a previous package).')
    .option('--stage <stage>', 'Stage to package.', 'dev')
    .addOption(new Option('--pkg-format <format>', 'Template type.').choices(['cloudformation', 'terraform']).default('cloudformation'))
    .addOption(new Option('--template-format <format>', 'SAM template file format (cloudformation only).').choices(['json', 'yaml']).default('json'))
    .option('--merge-template <file>', 'JSON or YAML file deep-merged on top of the SAM template (cloudformation only).')
    .action(async (out: string, options: PackageOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      // Loaded on use: the packager pulls in esbuild, the graph and the template generators,
      // which every other command would otherwise pay for at start-up.
      const { packageProject } = await import('../../build/package-project.js');
      await packageProject({
        projectDir,
        stage: options.stage,
        pkgFormat: options.pkgFormat,
        templateFormat: options.templateFormat,
        mergeTemplate: options.mergeTemplate,
        outDir: out,
        onMessage: (message) => renderBuildMessage(ui, message, { progress: true, debug }),
      });
    });
}

/**
 * Prints a build message: progress and written files on stdout (unless `progress` is off),
 * warnings on stderr.
 */
export function renderBuildMessage(ui: Ui, message: BuildMessage, options: { readonly progress: boolean; readonly debug?: boolean }): void {
  switch (message.kind) {
    case 'progress':
      if (options.progress) ui.info(ui.colors.dim(message.text));
      return;
    case 'file-written':
      if (options.progress) ui.info(`${ui.colors.green('Wrote')} ${message.path} ${ui.colors.dim(`(${formatBytes(message.bytes)})`)}`);
      return;
    case 'warning':
      ui.warn(message.text);
      return;
    default: {
      const unknown: never = message;
      if (options.debug) ui.info(JSON.stringify(unknown));
    }
  }
}
