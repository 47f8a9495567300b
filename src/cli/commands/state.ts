/**
 * `chalice state push|pull [--stage] [--state-url] [--force]`: moves a stage's deployed state
 * from `.chalice/deployed/<stage>.json` to the shared S3 location (deployed_state.s3 of the
 * config, or --state-url) and back (deploy/state/state-transfer.ts).
 */
import type { Command } from 'commander';
import { ChaliceTsError } from '../../project/errors.js';
import { addAwsOptions, type AwsOptions } from '../aws-options.js';
import { globalOptions, terminal } from '../context.js';
import { addStateUrlOption, stateSession, type LockOptions } from '../state-options.js';

interface StateOptions extends AwsOptions, LockOptions {
  readonly stage: string;
  readonly force?: boolean;
}

export function register(program: Command): void {
  const state = program.command('state').description('Move a stage\'s deployed state between .chalice/deployed/ and the shared S3 location.').helpCommand(false);
  for (const verb of ['push', 'pull'] as const) {
    const command = state
      .command(verb)
      .description(verb === 'push' ? 'Copy .chalice/deployed/<stage>.json to the shared S3 location.' : 'Copy the shared S3 state to .chalice/deployed/<stage>.json.')
      .option('--stage <stage>', 'Stage whose state to move.', 'dev')
      .option('--force', 'Replace a different state at the destination.');
    if (verb === 'push') command.option('--wait-for-lock', 'Wait while a deploy holds the stage\'s lock instead of failing at once.');
    addAwsOptions(addStateUrlOption(command)).action(async (options: StateOptions, cmd: Command) => {
      const { projectDir } = globalOptions(cmd);
      const { openStateStore, stateUrlOf } = await import('../../deploy/state/open-state-store.js');
      const { localStateStore } = await import('../../deploy/state/local-state-store.js');
      const { pullState, pushState } = await import('../../deploy/state/state-transfer.js');
      const where = { projectDir, stage: options.stage, ...(options.stateUrl !== undefined ? { stateUrl: options.stateUrl } : {}) };
      if (stateUrlOf(where) === undefined) {
        throw new ChaliceTsError(
          `chalice state ${verb} needs a shared location: set "deployed_state": {"s3": "s3://bucket/prefix"} in .chalice/config.json or pass --state-url s3://bucket/prefix`,
          'state_url_missing',
        );
      }
      const shared = await openStateStore(where, () => stateSession(options));
      const local = localStateStore(projectDir, options.stage);
      const ui = terminal();
      try {
        const transfer = { stage: options.stage, force: options.force === true, lock: { wait: options.waitForLock === true } };
        const [from, to] = verb === 'push' ? [local, shared] : [shared, local];
        const outcome = verb === 'push' ? await pushState(local, shared, transfer) : await pullState(shared, local, transfer);
        ui.info(outcome === 'unchanged' ? `${to.location} already holds this state; nothing to do.` : `${outcome === 'copied' ? 'Copied' : 'Replaced'} ${to.location} with ${from.location}.`);
        if (verb === 'push' && outcome !== 'unchanged') ui.info(`Deploys that use the shared state no longer read ${local.location}; keep it as a backup or delete it.`);
      } finally {
        shared.close();
      }
    });
  }
}
