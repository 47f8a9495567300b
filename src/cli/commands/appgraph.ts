/**
 * `chalice appgraph [--stage]`: prints the resource graph of the app for a stage — every
 * resource `chalice package` (and deploy) would create, in dependency order.
 */
import type { Command } from 'commander';
import { globalOptions, terminal } from '../context.js';
import { renderBuildMessage } from './package.js';

interface AppGraphOptions {
  readonly stage: string;
}

export function register(program: Command): void {
  program
    .command('appgraph')
    .description('Print the resource graph of the app.')
    .option('--stage <stage>', 'Stage whose configuration applies.', 'dev')
    .action(async (options: AppGraphOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      // Loaded on use, like the packager.
      const [{ buildProjectGraph }, { appGraphToText }] = await Promise.all([
        import('../../build/project-graph.js'),
        import('../../graph/index.js'),
      ]);
      const { graph } = await buildProjectGraph({
        projectDir,
        stage: options.stage,
        // Printing the graph must not touch the project's files.
        writePolicyFile: false,
        onMessage: (message) => renderBuildMessage(ui, message, { progress: false, debug }),
      });
      process.stdout.write(appGraphToText(graph).replace(/\n?$/, '\n'));
    });
}
