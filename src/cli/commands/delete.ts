/**
 * `chalice delete [--stage] [--profile] [--region]`: deletes everything the stage's deployed
 * state records, in reverse order, then the state file. Resources already removed by hand are
 * skipped; a delete that fails can be run again.
 */
import type { Command } from 'commander';
import { globalOptions, terminal } from '../context.js';
import { createDeployRenderer } from './deploy.js';

interface DeleteOptions {
  readonly stage: string;
  readonly profile?: string;
  readonly region?: string;
}

export function register(program: Command): void {
  program
    .command('delete')
    .description('Delete a deployed stage of the app.')
    .option('--stage <stage>', 'Stage to delete.', 'dev')
    .option('--profile <profile>', 'AWS profile to use.')
    .option('--region <region>', 'AWS region the stage is deployed in.')
    .action(async (options: DeleteOptions, command: Command) => {
      const { projectDir } = globalOptions(command);
      const ui = terminal();
      const { resolveAwsSession } = await import('../../deploy/aws/session.js');
      const session = await resolveAwsSession({ profile: options.profile, region: options.region });
      const renderer = createDeployRenderer(ui, { json: false, tty: process.stdout.isTTY === true });
      const { deleteProject } = await import('../../deploy/deploy-project.js');
      try {
        const deleted = await deleteProject({ projectDir, stage: options.stage, session, onMessage: renderer.onMessage });
        renderer.stop();
        ui.info(deleted ? `Deleted stage ${options.stage}.` : `Stage ${options.stage} has no deployed resources (no .chalice/deployed/${options.stage}.json); nothing to delete.`);
      } finally {
        renderer.stop();
      }
    });
}
