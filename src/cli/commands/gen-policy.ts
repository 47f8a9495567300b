/**
 * `chalice gen-policy [--stage]`: prints the IAM policy generated from the app's AWS SDK calls
 * as JSON on stdout (so it can be redirected into `.chalice/policy-<stage>.json` and edited);
 * warnings, such as SDK calls the analyser could not resolve, go to stderr.
 */
import type { Command } from 'commander';
import { globalOptions, terminal } from '../context.js';
import { renderBuildMessage } from './package.js';

interface GenPolicyOptions {
  readonly stage: string;
}

export function register(program: Command): void {
  program
    .command('gen-policy')
    .description('Print the IAM policy generated from the app source.')
    .option('--stage <stage>', 'Stage whose configuration (VPC settings) applies.', 'dev')
    .action(async (options: GenPolicyOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      // Loaded on use, like the packager (esbuild and the analyser are not needed at start-up).
      const { generateProjectPolicy, policyToJson } = await import('../../build/stage-policy.js');
      const policy = await generateProjectPolicy({
        projectDir,
        stage: options.stage,
        onMessage: (message) => renderBuildMessage(ui, message, { progress: false, debug }),
      });
      process.stdout.write(policyToJson(policy));
    });
}
