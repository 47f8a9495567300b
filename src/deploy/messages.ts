/**
 * Messages the deploy engine emits while it works. The engine never prints: the CLI renders
 * these (a spinner per step on a terminal, plain lines otherwise, one JSON document with
 * `--json`); tests collect them.
 */

export type DeployMessage =
  /** A build step or a read-only phase ("Bundling the app", "Reading what exists in AWS"). */
  | { readonly kind: 'progress'; readonly text: string }
  /** Something the user should look at; the deploy continues. */
  | { readonly kind: 'warning'; readonly text: string }
  /** The plan is ready: how many instructions and how many of them call AWS. */
  | { readonly kind: 'planned'; readonly instructions: number; readonly writes: number }
  /** An instruction has started (`index` counts from 1). */
  | { readonly kind: 'step-started'; readonly index: number; readonly total: number; readonly text: string }
  | { readonly kind: 'step-finished'; readonly index: number; readonly total: number; readonly text: string }
  /** A call failed in a way that passes (eventual consistency, throttling); it is retried after `delayMs`. */
  | { readonly kind: 'retrying'; readonly text: string; readonly attempt: number; readonly delayMs: number };

export type OnDeployMessage = (message: DeployMessage) => void;

export const ignoreDeployMessages: OnDeployMessage = () => undefined;
