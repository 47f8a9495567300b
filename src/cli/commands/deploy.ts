/**
 * `chalice deploy [--stage] [--profile] [--region] [--yes] [--json]`: builds the app and
 * deploys it (see deploy/deploy-project.ts). The AWS session is resolved first, so missing
 * credentials or region fail with one line before anything is built.
 *
 * Output: a spinner per step on a terminal, one line per step otherwise, one JSON document
 * with `--json`; then `Resources deployed:` with every function's ARN, the REST API's URL and
 * each function URL.
 * When an existing role's policy would change, the added and removed actions are shown and
 * the user is asked (`--yes` accepts; without a terminal and without `--yes` it refuses).
 */
import type { Command } from 'commander';
import { deployedFunctionUrls, functionUrlLines } from '../../deploy/function-urls/records.js';
import type { PolicyChange } from '../../deploy/instructions.js';
import type { DeployMessage } from '../../deploy/messages.js';
import { ChaliceTsError } from '../../project/errors.js';
import { globalOptions, terminal } from '../context.js';
import type { Ui } from '../output.js';
import { addLockOptions, stateOptionsOf, type LockOptions } from '../state-options.js';

interface DeployOptions extends LockOptions {
  readonly stage: string;
  readonly profile?: string;
  readonly region?: string;
  readonly yes?: boolean;
  readonly json?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('deploy')
    .description('Deploy the app to AWS.')
    .option('--stage <stage>', 'Stage to deploy (an undeclared stage gets the top-level settings).', 'dev')
    .option('--profile <profile>', 'AWS profile to use.')
    .option('--region <region>', 'AWS region to deploy to.')
    .option('--yes', 'Accept IAM policy changes of existing roles without asking.')
    .option('--json', 'Print one JSON document describing the deploy instead of progress lines.');
  addLockOptions(command)
    .action(async (options: DeployOptions, cmd: Command) => {
      const { projectDir } = globalOptions(cmd);
      const ui = terminal();
      const { resolveAwsSession } = await import('../../deploy/aws/session.js');
      const session = await resolveAwsSession({ profile: options.profile, region: options.region });
      const renderer = createDeployRenderer(ui, { json: options.json === true, tty: process.stdout.isTTY === true });
      const { deployProject } = await import('../../deploy/deploy-project.js');
      try {
        const result = await deployProject({
          projectDir,
          stage: options.stage,
          session,
          onMessage: renderer.onMessage,
          state: stateOptionsOf(options),
          confirm: (changes) => {
            renderer.stop();
            return confirmPolicyChanges(ui, changes, { yes: options.yes === true, interactive: process.stdin.isTTY === true && options.json !== true });
          },
        });
        renderer.stop();
        const functions = result.functions.map((fn) => ({ name: fn.name, functionName: fn.functionName, lambdaArn: fn.lambdaArn }));
        const functionUrls = deployedFunctionUrls(result.state);
        if (options.json) {
          ui.info(
            JSON.stringify(
              {
                stage: options.stage,
                region: session.region,
                writes: result.plan.filter((i) => i.kind !== 'record').length,
                steps: renderer.steps,
                warnings: renderer.warnings,
                functions,
                ...(result.restApi ? { restApiId: result.restApi.restApiId, restApiUrl: result.restApi.restApiUrl } : {}),
                ...(result.httpApi ? { httpApiId: result.httpApi.httpApiId, httpApiUrl: result.httpApi.httpApiUrl } : {}),
                ...(result.websocketApi ? { websocketApiId: result.websocketApi.websocketApiId, websocketApiUrl: result.websocketApi.websocketApiUrl } : {}),
                ...(result.customDomains.length > 0 ? { customDomains: result.customDomains } : {}),
                ...(functionUrls.length > 0 ? { functionUrls } : {}),
              },
              null,
              2,
            ),
          );
          return;
        }
        ui.info('Resources deployed:');
        for (const fn of functions) ui.info(`  - Lambda ARN: ${fn.lambdaArn}`);
        if (result.restApi) ui.info(`  - Rest API URL: ${result.restApi.restApiUrl}`);
        if (result.httpApi) ui.info(`  - HTTP API URL: ${result.httpApi.httpApiUrl}`);
        const { websocketDomainSummary } = await import('../../deploy/websocket-domains/records.js');
        for (const line of websocketDomainSummary(result.state)) ui.info(line);
        for (const line of functionUrlLines(result.state)) ui.info(`  - ${line}`);
      } finally {
        renderer.stop();
      }
    });
}

export interface DeployRenderer {
  readonly onMessage: (message: DeployMessage) => void;
  /** Step titles in order (for `--json`). */
  readonly steps: string[];
  readonly warnings: string[];
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Renders deploy messages: a spinner on the current step on a terminal, plain lines
 * otherwise, nothing but warnings (collected) with `json`. Warnings always go to stderr.
 */
export function createDeployRenderer(ui: Ui, options: { readonly json: boolean; readonly tty: boolean; readonly write?: (text: string) => void }): DeployRenderer {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const steps: string[] = [];
  const warnings: string[] = [];
  let spinning: { text: string; frame: number; timer: NodeJS.Timeout } | undefined;
  const clear = (): void => {
    if (spinning === undefined) return;
    clearInterval(spinning.timer);
    write('\r\x1b[2K');
    spinning = undefined;
  };
  const spin = (text: string): void => {
    clear();
    const state = { text, frame: 0, timer: setInterval(() => {
      state.frame = (state.frame + 1) % FRAMES.length;
      write(`\r${ui.colors.cyan(FRAMES[state.frame]!)} ${state.text}`);
    }, 80) };
    state.timer.unref();
    spinning = state;
    write(`${ui.colors.cyan(FRAMES[0]!)} ${text}`);
  };
  const onMessage = (message: DeployMessage): void => {
    switch (message.kind) {
      case 'progress':
        if (options.json) return;
        if (options.tty) spin(message.text);
        else ui.info(ui.colors.dim(message.text));
        return;
      case 'warning':
        warnings.push(message.text);
        clear();
        ui.warn(message.text);
        return;
      case 'planned':
        if (options.json) return;
        clear();
        ui.info(ui.colors.dim(message.writes === 0 ? 'Nothing to change: AWS already matches the app' : `${message.writes} change${message.writes === 1 ? '' : 's'} to make`));
        return;
      case 'step-started':
        steps.push(message.text);
        if (options.json) return;
        if (options.tty) spin(message.text);
        else ui.info(message.text);
        return;
      case 'step-finished':
        if (options.json || !options.tty) return;
        clear();
        ui.info(`${ui.colors.green('✔')} ${message.text}`);
        return;
      case 'retrying':
        if (options.json) return;
        if (options.tty && spinning) spinning.text = `${message.text} (retry ${message.attempt} in ${Math.round(message.delayMs / 1000)} s)`;
        else ui.info(ui.colors.dim(`${message.text}; retrying in ${Math.round(message.delayMs / 1000)} s`));
        return;
      default: {
        const never: never = message;
        void never;
      }
    }
  };
  return { onMessage, steps, warnings, stop: clear };
}

/**
 * Shows what each existing role's policy change adds and removes, then asks. `--yes` accepts;
 * without a terminal to ask on, it refuses with the way out.
 */
export async function confirmPolicyChanges(ui: Ui, changes: readonly PolicyChange[], options: { readonly yes: boolean; readonly interactive: boolean }): Promise<boolean> {
  if (options.yes) return true;
  const summary = changes.map((c) => `${c.roleName} (${c.added.length} added, ${c.removed.length} removed)`).join(', ');
  if (!options.interactive) {
    throw new ChaliceTsError(
      `The IAM policy of existing role${changes.length === 1 ? '' : 's'} ${summary} would change and there is no terminal to confirm it; review it with \`chalice dev plan\`, then rerun with --yes`,
      'policy_change_unconfirmed',
    );
  }
  for (const change of changes) {
    ui.info(`The IAM policy of role ${change.roleName} changes:`);
    for (const action of change.added) ui.info(ui.colors.green(`  + ${action}`));
    for (const action of change.removed) ui.info(ui.colors.red(`  - ${action}`));
    if (change.added.length === 0 && change.removed.length === 0) ui.info('  (same actions; resources or conditions differ)');
  }
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm({ message: 'Apply these IAM policy changes?', default: false });
  } catch (error) {
    // Ctrl+C or a closed terminal at the question is a "no", not a crash.
    if ((error as { name?: unknown }).name === 'ExitPromptError' || (error as { name?: unknown }).name === 'AbortPromptError') return false;
    throw error;
  }
}
