/**
 * `chalice dev …`: developer tools. `dev plan [--stage] [--profile] [--region] [--json]` builds
 * the app, reads what exists in AWS (read-only calls) and prints the instructions `chalice
 * deploy` would run, with the same planner.
 */
import type { Command } from 'commander';
import { globalOptions, terminal } from '../context.js';
import { createDeployRenderer } from './deploy.js';

interface PlanOptions {
  readonly stage: string;
  readonly profile?: string;
  readonly region?: string;
  readonly json?: boolean;
}

export function register(program: Command): void {
  const dev = program.command('dev').description('Developer tools for inspecting a deployment.').helpCommand(false);
  dev
    .command('plan')
    .description('Print the AWS calls a deploy would make.')
    .option('--stage <stage>', 'Stage to plan.', 'dev')
    .option('--profile <profile>', 'AWS profile to use.')
    .option('--region <region>', 'AWS region to plan for.')
    .option('--json', 'Print the instructions as JSON.')
    .action(async (options: PlanOptions, command: Command) => {
      const { projectDir } = globalOptions(command);
      const ui = terminal();
      const { resolveAwsSession } = await import('../../deploy/aws/session.js');
      const session = await resolveAwsSession({ profile: options.profile, region: options.region });
      const renderer = createDeployRenderer(ui, { json: options.json === true, tty: process.stdout.isTTY === true && options.json !== true });
      const { planProject } = await import('../../deploy/deploy-project.js');
      const { instructionCall, instructionDetails, instructionTitle, planToText } = await import('../../deploy/plan-text.js');
      try {
        const plan = await planProject({ projectDir, stage: options.stage, session, onMessage: renderer.onMessage });
        renderer.stop();
        if (options.json) {
          const steps = plan.map((i) => ({ kind: i.kind, call: instructionCall(i), title: instructionTitle(i), ...instructionDetails(i) }));
          ui.info(JSON.stringify({ stage: options.stage, instructions: steps }, null, 2));
        } else {
          process.stdout.write(planToText(plan));
        }
      } finally {
        renderer.stop();
      }
    });
}
